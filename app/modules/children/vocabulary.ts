/**
 * Vocabularies of the children domain, isomorphic (forms, schemas and the drizzle tables share
 * them). Labels are in app/i18n/locales/<lang>/children.json.
 */
export const childStatuses = ["referred", "consent_pending", "waiting", "matched", "active", "paused", "exited"] as const;
export type ChildStatus = (typeof childStatuses)[number];

/** A guardian may ask for a volunteer of a given gender; absent means no preference. */
export const volunteerGenders = ["female", "male"] as const;
export type VolunteerGenderPreference = (typeof volunteerGenders)[number];

export const referrerKinds = ["professional", "guardian"] as const;
export type ReferrerKind = (typeof referrerKinds)[number];

export const professionalRoles = ["social_worker", "school_counsellor", "health_worker", "other"] as const;

export const referralStatuses = ["submitted", "info_requested", "accepted", "declined"] as const;
export type ReferralStatus = (typeof referralStatuses)[number];

export const consentPurposes = ["participation", "video", "sensitive_data"] as const;
export type ConsentPurpose = (typeof consentPurposes)[number];

/** The consent texts in force; a new wording gets a new version and the old consents keep theirs. */
export const consentTextVersions: Record<ConsentPurpose, string> = {
  participation: "participation-v1",
  video: "video-v1",
  sensitive_data: "sensitive-data-v1",
};

/** Without these a child cannot wait for a match; video is optional (no video lessons without it). */
export const requiredConsents: readonly ConsentPurpose[] = ["participation", "sensitive_data"];

/** ZVOP-2: below this age a child can never consent alone. */
export const CONSENT_AGE = 15;
