import { index, integer, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import type { Interval } from "../../app/modules/core/availability";
import type { Language, LanguageLevel, Mode, Subject } from "../../app/modules/core/catalog";
import { createdAt, id, timestamp } from "./columns";
import { organizations, programs } from "./organizations";
import { users } from "./users";
import { genders, hourKinds, volunteerStatuses, workshopKinds, zprostTypes } from "../../app/modules/volunteers/vocabulary";

export * from "../../app/modules/volunteers/vocabulary";

/** A volunteer's application and profile: one per volunteer user. */
export const volunteerProfiles = sqliteTable(
  "volunteer_profiles",
  {
    userId: text("user_id")
      .primaryKey()
      .references(() => users.id, { onDelete: "cascade" }),
    organizationId: text("organization_id")
      .notNull()
      .references(() => organizations.id),
    programId: text("program_id")
      .notNull()
      .references(() => programs.id),
    status: text("status", { enum: volunteerStatuses }).notNull().default("applied"),
    birthDate: text("birth_date").notNull(),
    gender: text("gender", { enum: genders }).notNull(),
    faculty: text("faculty").notNull(),
    studyProgramme: text("study_programme").notNull(),
    studyYear: integer("study_year").notNull(),
    languages: text("languages", { mode: "json" }).$type<{ code: Language; level: LanguageLevel }[]>().notNull(),
    subjects: text("subjects", { mode: "json" }).$type<{ subject: Subject; gradeFrom: number; gradeTo: number }[]>().notNull(),
    availability: text("availability", { mode: "json" }).$type<Interval[]>().notNull(),
    mode: text("mode", { enum: ["online", "in_person", "both"] }).$type<Mode>().notNull(),
    municipalityId: integer("municipality_id").notNull(),
    interests: text("interests", { mode: "json" }).$type<string[]>().notNull(),
    motivation: text("motivation").notNull(),
    experienceSpecialNeeds: integer("experience_special_needs", { mode: "boolean" }).notNull().default(false),
    experienceAtRisk: integer("experience_at_risk", { mode: "boolean" }).notNull().default(false),
    experienceNotes: text("experience_notes").notNull().default(""),
    capacity: integer("capacity").notNull().default(1),
    statusReason: text("status_reason"),
    /** Set when an active volunteer edits their profile; cleared when a coordinator has seen it. */
    changedFields: text("changed_fields", { mode: "json" }).$type<string[]>(),
    changedAt: timestamp("changed_at"),
    submittedAt: timestamp("submitted_at").notNull(),
    updatedAt: timestamp("updated_at").notNull(),
  },
  (t) => [index("volunteer_profiles_org_status").on(t.organizationId, t.status)],
);

/** Every state change with who, when and why. */
export const volunteerStatusChanges = sqliteTable(
  "volunteer_status_changes",
  {
    id: id(),
    volunteerUserId: text("volunteer_user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    fromStatus: text("from_status", { enum: volunteerStatuses }),
    toStatus: text("to_status", { enum: volunteerStatuses }).notNull(),
    reason: text("reason"),
    actorUserId: text("actor_user_id").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index("volunteer_status_changes_volunteer").on(t.volunteerUserId)],
);

export const interviewOutcomes = ["scheduled", "passed", "failed"] as const;
export const interviews = sqliteTable("screening_interviews", {
  id: id(),
  volunteerUserId: text("volunteer_user_id")
    .notNull()
    .references(() => users.id, { onDelete: "cascade" }),
  heldOn: text("held_on").notNull(),
  interviewer: text("interviewer").notNull(),
  outcome: text("outcome", { enum: interviewOutcomes }).notNull(),
  notes: text("notes").notNull().default(""),
  recordedBy: text("recorded_by")
    .notNull()
    .references(() => users.id),
  createdAt: createdAt(),
});

export const referenceOutcomes = ["pending", "positive", "negative"] as const;
export const references = sqliteTable("screening_references", {
  id: id(),
  volunteerUserId: text("volunteer_user_id")
    .notNull()
    .references(() => users.id, { onDelete: "cascade" }),
  name: text("name").notNull(),
  contact: text("contact").notNull(),
  outcome: text("outcome", { enum: referenceOutcomes }).notNull(),
  notes: text("notes").notNull().default(""),
  recordedBy: text("recorded_by")
    .notNull()
    .references(() => users.id),
  createdAt: createdAt(),
});

/** The fact of a criminal-record check, never a scan: verified on, by whom, valid until. */
export const recordChecks = sqliteTable("record_checks", {
  id: id(),
  volunteerUserId: text("volunteer_user_id")
    .notNull()
    .references(() => users.id, { onDelete: "cascade" }),
  verifiedOn: text("verified_on").notNull(),
  validUntil: text("valid_until").notNull(),
  verifiedBy: text("verified_by")
    .notNull()
    .references(() => users.id),
  expiryWarnedAt: timestamp("expiry_warned_at"),
  expiredNotifiedAt: timestamp("expired_notified_at"),
  createdAt: createdAt(),
});

/** The written volunteer agreement ZProst requires, with the non-conviction statement. */
export const agreements = sqliteTable("volunteer_agreements", {
  id: id(),
  volunteerUserId: text("volunteer_user_id")
    .notNull()
    .references(() => users.id, { onDelete: "cascade" }),
  signedOn: text("signed_on").notNull(),
  minMonths: integer("min_months").notNull(),
  hoursPerWeek: real("hours_per_week").notNull(),
  nonConvictionStatement: integer("non_conviction_statement", { mode: "boolean" }).notNull(),
  recordedBy: text("recorded_by")
    .notNull()
    .references(() => users.id),
  createdAt: createdAt(),
});

export interface QuizQuestion {
  id: string;
  prompt: string;
  options: string[];
  correct: number;
}

export const trainingModules = sqliteTable(
  "training_modules",
  {
    id: id(),
    programId: text("program_id")
      .notNull()
      .references(() => programs.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    material: text("material").notNull(),
    required: integer("required", { mode: "boolean" }).notNull().default(true),
    hours: real("hours").notNull(),
    passMark: integer("pass_mark").notNull().default(80),
    questions: text("questions", { mode: "json" }).$type<QuizQuestion[]>().notNull(),
    position: integer("position").notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [index("training_modules_program").on(t.programId)],
);

export const quizAttempts = sqliteTable(
  "quiz_attempts",
  {
    id: id(),
    moduleId: text("module_id")
      .notNull()
      .references(() => trainingModules.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    scorePercent: integer("score_percent").notNull(),
    passed: integer("passed", { mode: "boolean" }).notNull(),
    answers: text("answers", { mode: "json" }).$type<Record<string, number>>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("quiz_attempts_user_module").on(t.userId, t.moduleId)],
);

export const workshops = sqliteTable(
  "workshops",
  {
    id: id(),
    organizationId: text("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    programId: text("program_id").references(() => programs.id),
    kind: text("kind", { enum: workshopKinds }).notNull(),
    title: text("title").notNull(),
    startsAt: timestamp("starts_at").notNull(),
    hours: real("hours").notNull(),
    location: text("location").notNull(),
    createdBy: text("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index("workshops_org_start").on(t.organizationId, t.startsAt)],
);

export const workshopAttendance = sqliteTable(
  "workshop_attendance",
  {
    workshopId: text("workshop_id")
      .notNull()
      .references(() => workshops.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    markedBy: text("marked_by")
      .notNull()
      .references(() => users.id),
    markedAt: timestamp("marked_at").notNull(),
  },
  (t) => [uniqueIndex("workshop_attendance_pk").on(t.workshopId, t.userId)],
);

/** The hours ledger: one row per source (a lesson, a passed module, a workshop attended), never twice. */
export const volunteerHours = sqliteTable(
  "volunteer_hours",
  {
    id: id(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    organizationId: text("organization_id")
      .notNull()
      .references(() => organizations.id),
    workedOn: text("worked_on").notNull(),
    hours: real("hours").notNull(),
    kind: text("kind", { enum: hourKinds }).notNull(),
    zprostType: text("zprost_type", { enum: zprostTypes }).notNull(),
    source: text("source").notNull(),
    description: text("description").notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("volunteer_hours_source").on(t.userId, t.source), index("volunteer_hours_user_date").on(t.userId, t.workedOn)],
);

export type VolunteerProfile = typeof volunteerProfiles.$inferSelect;
export type TrainingModule = typeof trainingModules.$inferSelect;
