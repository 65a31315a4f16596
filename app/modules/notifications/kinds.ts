/**
 * Every kind of in-app notice (and e-mail) Tandem sends. Each has `notifications.<kind>.title` and
 * `.body` in common.json, in both languages (app/i18n/translations.test.ts checks that); `notify`
 * accepts only these, so a new kind cannot ship without its texts.
 */
export const notificationKinds = [
  "volunteerStatus.screening",
  "volunteerStatus.training",
  "volunteerStatus.active",
  "volunteerStatus.paused",
  "volunteerStatus.inactive",
  "volunteerStatus.rejected",
  "volunteerActivated",
  "applicationReceived",
  "profileChanged",
  "recordCheckExpiring",
  "recordCheckExpired",
  "referral_submitted",
  "referral_info_reply",
  "consent_withdrawn",
  "child_help",
  "matchOffered",
  "matchOfferedGuardian",
  "matchActive",
  "matchDeclined",
  "lessonProposed",
  "lessonConfirmed",
  "lessonDeclined",
  "lessonRescheduled",
  "lessonCancelled",
  "lessonMissed",
  "lessonConcern",
  "chatFlagged",
  "lessonSadFeedback",
  "lessonReminder.reminder_24h",
  "lessonReminder.reminder_1h",
] as const;

export type NotificationKind = (typeof notificationKinds)[number];
