import { index, integer, real, sqliteTable, text } from "drizzle-orm/sqlite-core";
import type { Line } from "../../app/modules/matching/fit";
import { matchStatuses, responses } from "../../app/modules/matching/vocabulary";
import { children } from "./children";
import { createdAt, id, timestamp } from "./columns";
import { organizations, programs } from "./organizations";
import { users } from "./users";

/** One plain-language line per criterion, as the scoring module produced it (app/modules/matching/fit.ts). */
export type ExplanationLine = Line;

/**
 * A pairing of one child with one volunteer, from proposal to closure. `proposed` rows come from
 * the solver (or a coordinator's manual pick); nothing is `active` until the coordinator approved
 * and both the volunteer and the guardian accepted.
 */
export const matches = sqliteTable(
  "matches",
  {
    id: id(),
    organizationId: text("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    programId: text("program_id")
      .notNull()
      .references(() => programs.id),
    childId: text("child_id")
      .notNull()
      .references(() => children.id, { onDelete: "cascade" }),
    volunteerUserId: text("volunteer_user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    status: text("status", { enum: matchStatuses }).notNull(),
    score: real("score").notNull(),
    explanation: text("explanation", { mode: "json" }).$type<ExplanationLine[]>().notNull(),
    proposedBy: text("proposed_by").references(() => users.id),
    decidedBy: text("decided_by").references(() => users.id),
    decidedAt: timestamp("decided_at"),
    rejectReason: text("reject_reason"),
    volunteerResponse: text("volunteer_response", { enum: responses }).notNull().default("pending"),
    guardianResponse: text("guardian_response", { enum: responses }).notNull().default("pending"),
    declineReason: text("decline_reason"),
    closeReason: text("close_reason"),
    closedWithConcern: integer("closed_with_concern", { mode: "boolean" }).notNull().default(false),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at"),
  },
  (t) => [
    index("matches_org_status").on(t.organizationId, t.status),
    index("matches_child").on(t.childId),
    index("matches_volunteer").on(t.volunteerUserId, t.status),
  ],
);

/** Every step of a match, for its history: who did what, when and why. */
export const matchEvents = sqliteTable(
  "match_events",
  {
    id: id(),
    matchId: text("match_id")
      .notNull()
      .references(() => matches.id, { onDelete: "cascade" }),
    actorUserId: text("actor_user_id").references(() => users.id),
    action: text("action").notNull(),
    reason: text("reason"),
    createdAt: createdAt(),
  },
  (t) => [index("match_events_match").on(t.matchId, t.createdAt)],
);

export type Match = typeof matches.$inferSelect;
