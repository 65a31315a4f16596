import { z } from "zod";
import { genders, workshopKinds } from "./vocabulary";
import { availabilitySchema } from "../core/availability";
import { gradeSchema, languageLevels, languages, modes, subjects } from "../core/catalog";
import { decisions, decisionsNeedingReason, type Decision } from "./lifecycle";
import { localDate } from "./eligibility";

/** Interests a volunteer and a child can share (labels in volunteers.json → interest.*). */
export const interests = ["sport", "music", "art", "reading", "science", "games", "nature", "technology", "cooking", "film", "crafts", "animals"] as const;

const isoDate = (key: string) =>
  z
    .string({ required_error: `volunteers:errors.${key}.required` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, `volunteers:errors.${key}.invalid`)
    .refine((value) => !Number.isNaN(Date.parse(`${value}T12:00:00Z`)), `volunteers:errors.${key}.invalid`);

/** Dates are calendar days in Ljubljana: after midnight there it is already tomorrow. */
const today = () => localDate(new Date());
const notInFuture = (key: string) => isoDate(key).refine((value) => value <= today(), `volunteers:errors.${key}.future`);

const text = (key: string, max = 200) =>
  z
    .string({ required_error: `volunteers:errors.${key}.required` })
    .trim()
    .min(1, `volunteers:errors.${key}.required`)
    .max(max, `volunteers:errors.${key}.tooLong`);

/** Inside records conform does not strip empty form values, so "" means "not chosen" here. */
const blankAsMissing = <T extends z.ZodTypeAny>(schema: T) => z.preprocess((value) => (value === "" ? undefined : value), schema);

const gradeRange = z
  .object({ from: blankAsMissing(gradeSchema.optional()), to: blankAsMissing(gradeSchema.optional()) })
  .optional()
  .refine((range) => !range || (range.from === undefined) === (range.to === undefined), "volunteers:errors.subjects.incomplete")
  .refine((range) => !range?.from || !range.to || range.from <= range.to, "volunteers:errors.subjects.order");

export const applicationSchema = z.object({
  programId: z.string({ required_error: "volunteers:errors.program.required" }).min(1, "volunteers:errors.program.required"),
  birthDate: isoDate("birthDate").superRefine((value, ctx) => {
    const now = today();
    if (value > now) ctx.addIssue({ code: "custom", message: "volunteers:errors.birthDate.future" });
    else if (value > `${Number(now.slice(0, 4)) - 16}${now.slice(4)}`) ctx.addIssue({ code: "custom", message: "volunteers:errors.birthDate.tooYoung" });
  }),
  gender: z.enum(genders, { errorMap: () => ({ message: "volunteers:errors.gender.required" }) }),
  faculty: text("faculty"),
  studyProgramme: text("studyProgramme"),
  studyYear: z.coerce
    .number({ invalid_type_error: "volunteers:errors.studyYear.range", required_error: "volunteers:errors.studyYear.range" })
    .int("volunteers:errors.studyYear.range")
    .min(1, "volunteers:errors.studyYear.range")
    .max(6, "volunteers:errors.studyYear.range"),
  languages: z
    .record(z.enum(languages, { errorMap: () => ({ message: "volunteers:errors.languages.unknown" }) }), blankAsMissing(z.enum(languageLevels).optional()))
    .optional()
    .transform((chosen) =>
      Object.entries(chosen ?? {}).flatMap(([code, level]) => (level ? [{ code: code as (typeof languages)[number], level }] : [])),
    )
    .refine((list) => list.length > 0, "volunteers:errors.languages.required"),
  subjects: z
    .record(z.enum(subjects, { errorMap: () => ({ message: "volunteers:errors.subjects.unknown" }) }), gradeRange)
    .optional()
    .transform((chosen) =>
      Object.entries(chosen ?? {}).flatMap(([subject, range]) =>
        range?.from !== undefined && range.to !== undefined ? [{ subject: subject as (typeof subjects)[number], gradeFrom: range.from, gradeTo: range.to }] : [],
      ),
    ),
  slots: availabilitySchema,
  mode: z.enum(modes, { errorMap: () => ({ message: "volunteers:errors.mode.required" }) }),
  municipalityId: z.coerce
    .number({ invalid_type_error: "errors.municipality.required", required_error: "errors.municipality.required" })
    .int("errors.municipality.unknown"),
  interests: z.array(z.enum(interests, { errorMap: () => ({ message: "volunteers:errors.interests.invalid" }) })).default([]),
  motivation: z
    .string({ required_error: "volunteers:errors.motivation.required" })
    .trim()
    .min(20, "volunteers:errors.motivation.tooShort")
    .max(2000, "volunteers:errors.motivation.tooLong"),
  experienceSpecialNeeds: z.literal("on").optional().transform(Boolean),
  experienceAtRisk: z.literal("on").optional().transform(Boolean),
  experienceNotes: z.string().trim().max(2000, "volunteers:errors.experienceNotes.tooLong").default(""),
  capacity: z.coerce
    .number({ invalid_type_error: "volunteers:errors.capacity.range" })
    .int("volunteers:errors.capacity.range")
    .min(1, "volunteers:errors.capacity.range")
    .max(3, "volunteers:errors.capacity.range")
    .default(1),
});
export type ApplicationInput = z.infer<typeof applicationSchema>;

export const interviewSchema = z
  .object({
    heldOn: isoDate("heldOn"),
    interviewer: text("interviewer", 120),
    outcome: z.enum(["scheduled", "passed", "failed"], { errorMap: () => ({ message: "volunteers:errors.outcome.required" }) }),
    notes: z.string().trim().max(4000).default(""),
  })
  .refine((v) => v.outcome === "scheduled" || v.heldOn <= today(), { path: ["heldOn"], message: "volunteers:errors.heldOn.future" });

export const referenceSchema = z.object({
  name: text("referenceName", 120),
  contact: text("contact", 200),
  outcome: z.enum(["pending", "positive", "negative"], { errorMap: () => ({ message: "volunteers:errors.outcome.required" }) }),
  notes: z.string().trim().max(4000).default(""),
});

export const recordCheckSchema = z
  .object({ verifiedOn: notInFuture("verifiedOn"), validUntil: isoDate("validUntil") })
  .refine((v) => v.validUntil > v.verifiedOn, { path: ["validUntil"], message: "volunteers:errors.validUntil.beforeVerified" });

export const agreementSchema = z.object({
  signedOn: notInFuture("signedOn"),
  minMonths: z.coerce.number({ invalid_type_error: "volunteers:errors.minMonths.range" }).int().min(1, "volunteers:errors.minMonths.range").max(36, "volunteers:errors.minMonths.range"),
  hoursPerWeek: z.coerce.number({ invalid_type_error: "volunteers:errors.hoursPerWeek.range" }).min(0.5, "volunteers:errors.hoursPerWeek.range").max(20, "volunteers:errors.hoursPerWeek.range"),
  nonConvictionStatement: z.literal("on", { errorMap: () => ({ message: "volunteers:errors.nonConviction.required" }) }),
});

export const decisionSchema = z
  .object({
    decision: z.enum(Object.keys(decisions) as [Decision, ...Decision[]], { errorMap: () => ({ message: "volunteers:errors.decision.invalid" }) }),
    reason: z.string().trim().max(1000).optional(),
  })
  .refine((v) => !decisionsNeedingReason.includes(v.decision) || (v.reason?.length ?? 0) > 0, { path: ["reason"], message: "volunteers:errors.reason.required" });

export const workshopSchema = z.object({
  kind: z.enum(workshopKinds, { errorMap: () => ({ message: "volunteers:errors.workshopKind.required" }) }),
  title: text("title", 160),
  startsAt: z
    .string({ required_error: "volunteers:errors.startsAt.required" })
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, "volunteers:errors.startsAt.invalid"),
  hours: z.coerce.number({ invalid_type_error: "volunteers:errors.hours.range" }).min(0.5, "volunteers:errors.hours.range").max(16, "volunteers:errors.hours.range"),
  location: text("location", 200),
  programId: z.string().optional(),
});

export const attendanceSchema = z.object({ present: z.array(z.string().min(1)).default([]) });

export const quizSchema = z.object({
  answers: z.record(z.coerce.number({ invalid_type_error: "volunteers:errors.answers.invalid" }).int().min(0), {
    required_error: "volunteers:errors.answers.required",
  }),
});

const questionSchema = z
  .object({
    prompt: z.string().trim().max(500).optional(),
    options: z.array(z.string().trim().max(300).optional()).max(4).default([]),
    correct: z.coerce.number().int().min(0).max(3).optional(),
  })
  .optional();

export const moduleSchema = z
  .object({
    title: text("title", 160),
    material: z.string({ required_error: "volunteers:errors.material.required" }).trim().min(1, "volunteers:errors.material.required").max(20000),
    required: z.literal("on").optional().transform(Boolean),
    hours: z.coerce.number({ invalid_type_error: "volunteers:errors.hours.range" }).min(0.25, "volunteers:errors.hours.range").max(40, "volunteers:errors.hours.range"),
    passMark: z.coerce.number({ invalid_type_error: "volunteers:errors.passMark.range" }).int().min(1, "volunteers:errors.passMark.range").max(100, "volunteers:errors.passMark.range"),
    questions: z.array(questionSchema).max(10).default([]),
  })
  .transform((module, ctx) => {
    // Empty question slots are skipped; issues keep the slot's index so the form shows them in place.
    const questions = module.questions.flatMap((q, index) => {
      if (!q?.prompt) return [];
      const options = q.options.map((o) => o ?? "");
      if (options.filter(Boolean).length < 2) ctx.addIssue({ code: "custom", path: ["questions", index, "options"], message: "volunteers:errors.question.options" });
      if (q.correct === undefined || !options[q.correct]) ctx.addIssue({ code: "custom", path: ["questions", index, "correct"], message: "volunteers:errors.question.correct" });
      return [{ prompt: q.prompt, options, correct: q.correct ?? 0 }];
    });
    if (questions.length === 0) ctx.addIssue({ code: "custom", path: ["questions"], message: "volunteers:errors.question.none" });
    return { ...module, questions };
  });

export const programSettingsSchema = z.object({
  requiredTrainingHours: z.coerce
    .number({ invalid_type_error: "volunteers:errors.requiredHours.range" })
    .min(0, "volunteers:errors.requiredHours.range")
    .max(200, "volunteers:errors.requiredHours.range"),
});
