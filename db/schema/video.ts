import { index, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { timestamp } from "./columns";
import { lessons } from "./lessons";

/**
 * LiveKit webhook events already applied, by LiveKit's event id: LiveKit retries a delivery it
 * thinks failed, so an event seen twice is acknowledged and ignored.
 */
export const liveKitWebhookEvents = sqliteTable(
  "livekit_webhook_events",
  {
    id: text("id").primaryKey(),
    event: text("event").notNull(),
    lessonId: text("lesson_id").references(() => lessons.id, { onDelete: "cascade" }),
    receivedAt: timestamp("received_at").notNull(),
  },
  (t) => [index("livekit_webhook_events_received").on(t.receivedAt)],
);
