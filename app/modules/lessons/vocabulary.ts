/** Lesson vocabularies (no server imports: safe in the browser). */
export const lessonStatuses = ["scheduled", "live", "completed", "cancelled", "missed"] as const;
export type LessonStatus = (typeof lessonStatuses)[number];

export const seriesStatuses = ["proposed", "confirmed", "declined", "cancelled"] as const;
export type SeriesStatus = (typeof seriesStatuses)[number];

/** Who is in a lesson room: the matched pair, or a coordinator observing silently. */
export const roomRoles = ["volunteer", "child", "observer"] as const;
export type RoomRole = (typeof roomRoles)[number];

export const missedReasons = ["child_absent", "volunteer_absent", "technical", "no_show"] as const;
export type MissedReason = (typeof missedReasons)[number];

export const feedbackEmojis = ["great", "good", "okay", "sad"] as const;
export type FeedbackEmoji = (typeof feedbackEmojis)[number];

export const concernSeverities = ["low", "medium", "high"] as const;
export type ConcernSeverity = (typeof concernSeverities)[number];

/** What chat screening found; the text is masked for the other side and flagged for coordinators. */
export const chatFlags = ["phone", "email", "link", "handle"] as const;
export type ChatFlag = (typeof chatFlags)[number];

export const jobKinds = ["reminder_24h", "reminder_1h"] as const;
export type JobKind = (typeof jobKinds)[number];

/** The room opens 10 minutes before the start and closes 30 minutes after the scheduled end. */
export const ROOM_OPENS_BEFORE_MINUTES = 10;
export const ROOM_CLOSES_AFTER_MINUTES = 30;
/** A match with no held lesson for this many days shows on the coordinator's list. */
export const QUIET_MATCH_DAYS = 14;
export const LESSON_ZONE = "Europe/Ljubljana";
/** Upper bound of occurrences one series may create (a school year of weekly lessons and then some). */
export const MAX_OCCURRENCES = 52;

/** A chat message as one viewer sees it (the other side gets the masked text). */
export interface ChatView {
  id: string;
  clientId: string;
  lessonId: string;
  senderUserId: string;
  body: string;
  /** Only observers (coordinators) receive what screening found. */
  flags: string[];
  createdAt: number;
}
