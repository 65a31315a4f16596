import { randomUUID } from "node:crypto";
import { integer, text } from "drizzle-orm/sqlite-core";

/** Primary keys are random UUIDs so ids never reveal counts or order. */
export const id = () =>
  text("id")
    .primaryKey()
    .$defaultFn(() => randomUUID());

/** Millisecond timestamps, stored as integers and read as Date. */
export const timestamp = (name: string) => integer(name, { mode: "timestamp_ms" });

export const createdAt = () =>
  timestamp("created_at")
    .notNull()
    .$defaultFn(() => new Date());
