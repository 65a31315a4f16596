import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import {
  concernSeverities,
  feedbackEmojis,
  jobKinds,
  lessonStatuses,
  missedReasons,
  roomRoles,
  seriesStatuses,
  type ChatFlag,
} from "../../app/modules/lessons/vocabulary";
import type { BoardElement } from "../../app/modules/lessons/whiteboard";
import { createdAt, id, timestamp } from "./columns";
import { matches } from "./matches";
import { organizations } from "./organizations";
import { users } from "./users";

/**
 * Tables of the lessons domain. A series is what the volunteer proposes and the guardian confirms:
 * a weekly RRULE (or a single date) at a wall-clock time in Europe/Ljubljana. Confirming it
 * materialises one `lessons` row per occurrence, each with its own UTC instants, so rescheduling
 * or cancelling one lesson never touches the rule.
 */
export const lessonSeries = sqliteTable(
  "lesson_series",
  {
    id: id(),
    matchId: text("match_id")
      .notNull()
      .references(() => matches.id, { onDelete: "cascade" }),
    organizationId: text("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    /** RFC 5545 RRULE (FREQ=WEEKLY;COUNT=n) or null for a single lesson. */
    rrule: text("rrule"),
    /** First start as a local wall-clock time, e.g. 2026-03-24T17:00, in `timeZone`. */
    startLocal: text("start_local").notNull(),
    timeZone: text("time_zone").notNull(),
    durationMinutes: integer("duration_minutes").notNull(),
    status: text("status", { enum: seriesStatuses }).notNull(),
    proposedBy: text("proposed_by")
      .notNull()
      .references(() => users.id),
    decidedBy: text("decided_by").references(() => users.id),
    decidedAt: timestamp("decided_at"),
    reason: text("reason"),
    createdAt: createdAt(),
  },
  (t) => [index("lesson_series_match").on(t.matchId, t.status)],
);

export const lessons = sqliteTable(
  "lessons",
  {
    id: id(),
    matchId: text("match_id")
      .notNull()
      .references(() => matches.id, { onDelete: "cascade" }),
    seriesId: text("series_id")
      .notNull()
      .references(() => lessonSeries.id, { onDelete: "cascade" }),
    organizationId: text("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    scheduledStart: timestamp("scheduled_start").notNull(),
    scheduledEnd: timestamp("scheduled_end").notNull(),
    status: text("status", { enum: lessonStatuses }).notNull().default("scheduled"),
    actualStart: timestamp("actual_start"),
    actualEnd: timestamp("actual_end"),
    /** Why it was cancelled or rescheduled (shown to the other side), and by whom. */
    changeReason: text("change_reason"),
    changedBy: text("changed_by").references(() => users.id),
    missedReason: text("missed_reason", { enum: missedReasons }),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at"),
  },
  (t) => [
    index("lessons_match_start").on(t.matchId, t.scheduledStart),
    index("lessons_org_start").on(t.organizationId, t.scheduledStart),
    index("lessons_status_start").on(t.status, t.scheduledStart),
  ],
);

/** Every join and leave of a lesson room. */
export const lessonAttendance = sqliteTable(
  "lesson_attendance",
  {
    id: id(),
    lessonId: text("lesson_id")
      .notNull()
      .references(() => lessons.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: text("role", { enum: roomRoles }).notNull(),
    joinedAt: timestamp("joined_at").notNull(),
    leftAt: timestamp("left_at"),
    source: text("source").notNull().default("socket"),
  },
  (t) => [index("lesson_attendance_lesson").on(t.lessonId, t.userId)],
);

/**
 * Chat of a lesson. `body` is what the sender wrote (coordinators may read it), `maskedBody` what
 * the other side sees; (sender, client id) is unique so a resent message is stored once.
 */
export const chatMessages = sqliteTable(
  "chat_messages",
  {
    id: id(),
    lessonId: text("lesson_id")
      .notNull()
      .references(() => lessons.id, { onDelete: "cascade" }),
    senderUserId: text("sender_user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    clientId: text("client_id").notNull(),
    body: text("body").notNull(),
    maskedBody: text("masked_body").notNull(),
    flags: text("flags", { mode: "json" }).$type<ChatFlag[]>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("chat_messages_client").on(t.senderUserId, t.clientId), index("chat_messages_lesson").on(t.lessonId, t.createdAt)],
);
/**
 * The whiteboard of a lesson as last drawn: one row per Excalidraw element (deleted ones stay as
 * tombstones), the newest version of each, with the participant who last changed it, so a reload
 * or a late join shows the board and text written by one side can be masked for the other. Written
 * behind the live relay: only changed elements, at most about once a second.
 */
export const whiteboardElements = sqliteTable(
  "whiteboard_elements",
  {
    lessonId: text("lesson_id")
      .notNull()
      .references(() => lessons.id, { onDelete: "cascade" }),
    elementId: text("element_id").notNull(),
    version: integer("version").notNull(),
    versionNonce: integer("version_nonce").notNull(),
    authorUserId: text("author_user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    element: text("element", { mode: "json" }).$type<BoardElement>().notNull(),
    updatedAt: timestamp("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.lessonId, t.elementId] })],
);

export const lessonReports = sqliteTable("lesson_reports", {
  lessonId: text("lesson_id")
    .primaryKey()
    .references(() => lessons.id, { onDelete: "cascade" }),
  authorUserId: text("author_user_id")
    .notNull()
    .references(() => users.id),
  summary: text("summary").notNull(),
  createdAt: createdAt(),
});

/** The child's one-tap feeling about a lesson. */
export const lessonFeedback = sqliteTable(
  "lesson_feedback",
  {
    lessonId: text("lesson_id")
      .notNull()
      .references(() => lessons.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    emoji: text("emoji", { enum: feedbackEmojis }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.lessonId, t.userId] })],
);

/** A safeguarding concern raised from a lesson; coordinators handle it. */
export const concerns = sqliteTable(
  "concerns",
  {
    id: id(),
    organizationId: text("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    lessonId: text("lesson_id").references(() => lessons.id, { onDelete: "set null" }),
    matchId: text("match_id").references(() => matches.id, { onDelete: "set null" }),
    reporterUserId: text("reporter_user_id")
      .notNull()
      .references(() => users.id),
    severity: text("severity", { enum: concernSeverities }).notNull(),
    description: text("description").notNull(),
    status: text("status", { enum: ["open", "handled"] }).notNull().default("open"),
    handlerUserId: text("handler_user_id").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index("concerns_org_status").on(t.organizationId, t.status, t.createdAt)],
);

/** A private calendar (ICS) feed per user; the token is stored hashed and can be revoked. */
export const calendarFeeds = sqliteTable(
  "calendar_feeds",
  {
    id: id(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull(),
    revokedAt: timestamp("revoked_at"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("calendar_feeds_token").on(t.tokenHash), index("calendar_feeds_user").on(t.userId)],
);

/**
 * Jobs that must survive a restart and run once even with several processes: a process claims a
 * row with one atomic UPDATE … WHERE claimed_at IS NULL, so no two processes send the same reminder.
 */
export const scheduledJobs = sqliteTable(
  "scheduled_jobs",
  {
    id: id(),
    kind: text("kind", { enum: jobKinds }).notNull(),
    lessonId: text("lesson_id")
      .notNull()
      .references(() => lessons.id, { onDelete: "cascade" }),
    runAt: timestamp("run_at").notNull(),
    claimedAt: timestamp("claimed_at"),
    claimedBy: text("claimed_by"),
    doneAt: timestamp("done_at"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("scheduled_jobs_lesson_kind").on(t.lessonId, t.kind), index("scheduled_jobs_due").on(t.claimedAt, t.runAt)],
);

export type Lesson = typeof lessons.$inferSelect;
export type LessonSeries = typeof lessonSeries.$inferSelect;
export type ChatMessage = typeof chatMessages.$inferSelect;
