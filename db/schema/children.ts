import { sqliteTable, text, integer, index, uniqueIndex, primaryKey } from "drizzle-orm/sqlite-core";
import { createdAt, id, timestamp } from "./columns";
import { organizations, programs } from "./organizations";
import { users } from "./users";
import {
  childStatuses,
  consentPurposes,
  professionalRoles,
  referralStatuses,
  referrerKinds,
  type VolunteerGenderPreference,
} from "../../app/modules/children/vocabulary";
import type { Language, Mode, Subject } from "../../app/modules/core/catalog";

/**
 * Tables of the children domain. A child's basic record (what matching and, later, the matched
 * volunteer may see) is kept apart from the sensitive referral details (`child_sensitive`), which
 * only coordinators of the organisation read, through one audited verb.
 */
export interface ChildLanguage {
  code: Language;
  first: boolean;
}

export interface ChildPreferences {
  volunteerGender?: VolunteerGenderPreference;
}

export const children = sqliteTable(
  "children",
  {
    id: id(),
    /** The child's account (no e-mail), created when a coordinator accepts the referral. */
    userId: text("user_id")
      .unique()
      .references(() => users.id, { onDelete: "set null" }),
    organizationId: text("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    programId: text("program_id")
      .notNull()
      .references(() => programs.id),
    firstName: text("first_name").notNull(),
    lastName: text("last_name").notNull(),
    birthYear: integer("birth_year").notNull(),
    school: text("school").notNull(),
    grade: integer("grade").notNull(),
    municipalityId: integer("municipality_id").notNull(),
    languages: text("languages", { mode: "json" }).$type<ChildLanguage[]>().notNull(),
    mode: text("mode").$type<Mode>().notNull(),
    preferences: text("preferences", { mode: "json" }).$type<ChildPreferences>().notNull(),
    interests: text("interests", { mode: "json" }).$type<string[]>().notNull(),
    specialNeeds: integer("special_needs", { mode: "boolean" }).notNull().default(false),
    status: text("status", { enum: childStatuses }).notNull().default("referred"),
    /** Set when the child enters the waiting list; matching serves longer waits first. */
    waitingSince: timestamp("waiting_since"),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at"),
  },
  (t) => [index("children_org_status").on(t.organizationId, t.status, t.waitingSince)],
);

/** Subjects the child needs help with, at a grade level (1–13), priority 1 (most) to 3. */
export const childNeeds = sqliteTable(
  "child_needs",
  {
    childId: text("child_id")
      .notNull()
      .references(() => children.id, { onDelete: "cascade" }),
    subject: text("subject").$type<Subject>().notNull(),
    grade: integer("grade").notNull(),
    priority: integer("priority").notNull(),
  },
  (t) => [primaryKey({ columns: [t.childId, t.subject] })],
);

/** Weekly availability: [start, end) minutes since Monday 00:00, Europe/Ljubljana. */
export const childAvailability = sqliteTable(
  "child_availability",
  {
    childId: text("child_id")
      .notNull()
      .references(() => children.id, { onDelete: "cascade" }),
    startMinute: integer("start_minute").notNull(),
    endMinute: integer("end_minute").notNull(),
  },
  (t) => [index("child_availability_child").on(t.childId)],
);

/** Special category data: never joined into lists, read only by `readChildRecord` (audited). */
export const childSensitive = sqliteTable("child_sensitive", {
  childId: text("child_id")
    .primaryKey()
    .references(() => children.id, { onDelete: "cascade" }),
  referralReason: text("referral_reason").notNull().default(""),
  familySituation: text("family_situation").notNull().default(""),
  learningDifficulties: text("learning_difficulties").notNull().default(""),
  specialNeedsNotes: text("special_needs_notes").notNull().default(""),
});

export const referrals = sqliteTable(
  "referrals",
  {
    id: id(),
    childId: text("child_id")
      .notNull()
      .references(() => children.id, { onDelete: "cascade" }),
    organizationId: text("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    referredByUserId: text("referred_by_user_id")
      .notNull()
      .references(() => users.id),
    referrerKind: text("referrer_kind", { enum: referrerKinds }).notNull(),
    /** The referring professional's institution and role, e.g. "CSD Ljubljana", social_worker. */
    professionalInstitution: text("professional_institution"),
    professionalRole: text("professional_role", { enum: professionalRoles }),
    guardianFirstName: text("guardian_first_name").notNull(),
    guardianLastName: text("guardian_last_name").notNull(),
    guardianEmail: text("guardian_email"),
    guardianPhone: text("guardian_phone"),
    status: text("status", { enum: referralStatuses }).notNull().default("submitted"),
    /** The coordinator's question (info_requested) and the referrer's latest answer. */
    infoRequest: text("info_request"),
    infoReply: text("info_reply"),
    declineReason: text("decline_reason"),
    decidedByUserId: text("decided_by_user_id").references(() => users.id),
    decidedAt: timestamp("decided_at"),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at"),
  },
  (t) => [
    index("referrals_referrer").on(t.referredByUserId, t.createdAt),
    index("referrals_org_status").on(t.organizationId, t.status),
    index("referrals_child").on(t.childId),
  ],
);

/** One row per consent given; withdrawing sets withdrawn_at (the history stays). */
export const consents = sqliteTable(
  "consents",
  {
    id: id(),
    childId: text("child_id")
      .notNull()
      .references(() => children.id, { onDelete: "cascade" }),
    purpose: text("purpose", { enum: consentPurposes }).notNull(),
    /** Who gave it: a guardian, or the child when 15 or older. */
    givenByUserId: text("given_by_user_id")
      .notNull()
      .references(() => users.id),
    textVersion: text("text_version").notNull(),
    method: text("method", { enum: ["online", "paper"] }).notNull(),
    givenAt: timestamp("given_at").notNull(),
    withdrawnAt: timestamp("withdrawn_at"),
    withdrawnByUserId: text("withdrawn_by_user_id").references(() => users.id),
  },
  (t) => [index("consents_child").on(t.childId, t.purpose)],
);

/** A guardian's invitation to create an account and give consent; the token is stored hashed. */
export const guardianInvitations = sqliteTable(
  "guardian_invitations",
  {
    id: id(),
    childId: text("child_id")
      .notNull()
      .references(() => children.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull(),
    email: text("email"),
    expiresAt: timestamp("expires_at").notNull(),
    acceptedAt: timestamp("accepted_at"),
    acceptedByUserId: text("accepted_by_user_id").references(() => users.id),
    revokedAt: timestamp("revoked_at"),
    createdByUserId: text("created_by_user_id")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("guardian_invitations_token").on(t.tokenHash), index("guardian_invitations_child").on(t.childId)],
);

export type Child = typeof children.$inferSelect;
export type Referral = typeof referrals.$inferSelect;
export type Consent = typeof consents.$inferSelect;
