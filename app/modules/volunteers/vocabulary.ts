/** Volunteer vocabularies shared by the schema, forms and pages (no server imports: safe in the browser). */
export const volunteerStatuses = ["applied", "screening", "training", "active", "paused", "inactive", "rejected"] as const;
export type VolunteerStatus = (typeof volunteerStatuses)[number];

export const genders = ["female", "male", "other", "unspecified"] as const;
export type Gender = (typeof genders)[number];

/** Meetings a coordinator schedules; attendance becomes hours of the same kind. Organisational work (an event, a team meeting) counts as such under ZProst. */
export const workshopKinds = ["training", "supervision", "organisational"] as const;

export const hourKinds = ["lesson", "training", "supervision", "organisational"] as const;
export type HourKind = (typeof hourKinds)[number];

/** ZProst / AJPES kinds of volunteer work. */
export const zprostTypes = ["organisational", "content", "other"] as const;
export type ZprostType = (typeof zprostTypes)[number];
