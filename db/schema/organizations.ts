import { sqliteTable, text, integer, real } from "drizzle-orm/sqlite-core";
import { programKinds } from "../../app/modules/core/catalog";
import { createdAt, id } from "./columns";

export { programKinds, type ProgramKind } from "../../app/modules/core/catalog";

export const organizations = sqliteTable("organizations", {
  id: id(),
  name: text("name").notNull(),
  slug: text("slug").notNull().unique(),
  municipalityId: integer("municipality_id"),
  createdAt: createdAt(),
});


export const programs = sqliteTable("programs", {
  id: id(),
  organizationId: text("organization_id")
    .notNull()
    .references(() => organizations.id, { onDelete: "cascade" }),
  name: text("name").notNull(),
  kind: text("kind", { enum: programKinds }).notNull(),
  description: text("description").notNull().default(""),
  lessonMinutes: integer("lesson_minutes").notNull().default(45),
  requiredTrainingHours: real("required_training_hours").notNull().default(2),
  defaultCapacity: integer("default_capacity").notNull().default(1),
  maxDistanceKm: integer("max_distance_km").notNull().default(30),
  /** Matching weights per criterion (app/modules/matching/fit.ts); null means the defaults. */
  matchingWeights: text("matching_weights", { mode: "json" }).$type<Record<string, number>>(),
  createdAt: createdAt(),
});

export type Organization = typeof organizations.$inferSelect;
export type Program = typeof programs.$inferSelect;
