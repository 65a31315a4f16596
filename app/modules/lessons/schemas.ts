import { z } from "zod";
import type { BoardElement } from "./whiteboard";
import { concernSeverities, feedbackEmojis, MAX_OCCURRENCES, missedReasons } from "./vocabulary";

/** One zod schema per input, shared by the forms, the actions and the socket events. */
const text = (key: string, min: number, max: number) =>
  z
    .string({ required_error: `lessons:errors.${key}.required` })
    .trim()
    .min(1, `lessons:errors.${key}.required`)
    .min(min, `lessons:errors.${key}.tooShort`)
    .max(max, `lessons:errors.${key}.tooLong`);

const idOf = (key: string) => z.string({ required_error: `lessons:errors.${key}.required` }).min(1, `lessons:errors.${key}.required`).max(64, `lessons:errors.${key}.required`);

const date = z.string({ required_error: "lessons:errors.date.required" }).regex(/^\d{4}-\d{2}-\d{2}$/, "lessons:errors.date.invalid");
const time = z.string({ required_error: "lessons:errors.time.required" }).regex(/^([01]\d|2[0-3]):[0-5]\d$/, "lessons:errors.time.invalid");
const reason = text("reason", 3, 500);

export const proposeSchema = z
  .object({
    matchId: idOf("match"),
    kind: z.enum(["weekly", "once"], { errorMap: () => ({ message: "lessons:errors.kind.invalid" }) }),
    date,
    time,
    durationMinutes: z.coerce
      .number({ invalid_type_error: "lessons:errors.duration.invalid" })
      .int("lessons:errors.duration.invalid")
      .min(30, "lessons:errors.duration.invalid")
      .max(120, "lessons:errors.duration.invalid")
      .refine((m) => m % 15 === 0, "lessons:errors.duration.invalid"),
    count: z.coerce.number({ invalid_type_error: "lessons:errors.count.invalid" }).int("lessons:errors.count.invalid").min(2, "lessons:errors.count.invalid").max(MAX_OCCURRENCES, "lessons:errors.count.invalid").optional(),
  })
  .refine((value) => value.kind === "once" || value.count !== undefined, { path: ["count"], message: "lessons:errors.count.required" });
export type ProposeInput = z.infer<typeof proposeSchema>;

export const decideSeriesSchema = z
  .object({
    seriesId: idOf("series"),
    decision: z.enum(["confirm", "decline"], { errorMap: () => ({ message: "lessons:errors.decision.invalid" }) }),
    reason: z.string().trim().max(500, "lessons:errors.reason.tooLong").optional(),
  })
  .refine((value) => value.decision === "confirm" || (value.reason?.length ?? 0) >= 3, { path: ["reason"], message: "lessons:errors.reason.required" });
export type DecideSeriesInput = z.infer<typeof decideSeriesSchema>;

export const rescheduleSchema = z.object({ lessonId: idOf("lesson"), date, time, reason });
export type RescheduleInput = z.infer<typeof rescheduleSchema>;

export const cancelSchema = z.object({
  lessonId: idOf("lesson"),
  scope: z.enum(["one", "series"], { errorMap: () => ({ message: "lessons:errors.scope.invalid" }) }),
  reason,
});
export type CancelInput = z.infer<typeof cancelSchema>;

export const markMissedSchema = z.object({
  lessonId: idOf("lesson"),
  missedReason: z.enum(missedReasons, { errorMap: () => ({ message: "lessons:errors.missedReason.invalid" }) }),
});
export type MarkMissedInput = z.infer<typeof markMissedSchema>;

export const reportSchema = z.object({ lessonId: idOf("lesson"), summary: text("summary", 10, 2000) });
export type ReportInput = z.infer<typeof reportSchema>;

export const feedbackSchema = z.object({
  lessonId: idOf("lesson"),
  emoji: z.enum(feedbackEmojis, { errorMap: () => ({ message: "lessons:errors.emoji.invalid" }) }),
});
export type FeedbackInput = z.infer<typeof feedbackSchema>;

export const concernSchema = z.object({
  lessonId: idOf("lesson"),
  severity: z.enum(concernSeverities, { errorMap: () => ({ message: "lessons:errors.severity.invalid" }) }),
  description: text("description", 5, 2000),
});
export type ConcernInput = z.infer<typeof concernSchema>;

/** Socket payloads. */
export const lessonRefSchema = z.object({ lessonId: idOf("lesson") });
export const chatSendSchema = z.object({
  lessonId: idOf("lesson"),
  /** Chosen by the client once per message and reused on every resend, so a message is stored once. */
  clientId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, "lessons:errors.clientId.invalid"),
  body: text("message", 1, 1000),
});
export type ChatSendInput = z.infer<typeof chatSendSchema>;

/**
 * Whiteboard elements a participant changed (Excalidraw elements: an id, a version and a version
 * nonce decide which copy wins; the rest is passed through as drawn). Bounded in count. Checked by
 * a predicate rather than an object schema: strokes arrive several times a second, and copying
 * each element's thirty fields cost more than relaying it.
 */
const isBoardElement = (value: unknown): value is BoardElement => {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const { id, version, versionNonce, isDeleted } = value as Record<string, unknown>;
  return (
    typeof id === "string" && id.length > 0 && id.length <= 64 &&
    Number.isInteger(version) && (version as number) >= 0 &&
    Number.isInteger(versionNonce) &&
    (isDeleted === undefined || typeof isDeleted === "boolean")
  );
};
export const whiteboardSchema = z.object({
  lessonId: idOf("lesson"),
  elements: z
    .array(z.unknown(), { invalid_type_error: "lessons:errors.payload", required_error: "lessons:errors.payload" })
    .min(1, "lessons:errors.payload")
    .max(2000, "lessons:errors.whiteboard.tooLarge")
    .refine((elements): elements is BoardElement[] => elements.every(isBoardElement), "lessons:errors.payload"),
});
export type WhiteboardInput = z.infer<typeof whiteboardSchema>;
