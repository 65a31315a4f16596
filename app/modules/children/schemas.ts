import { z } from "zod";
import { consentPurposes, professionalRoles, volunteerGenders } from "./vocabulary";
import { availabilitySchema } from "../core/availability";
import { gradeSchema, languages, modes, subjects } from "../core/catalog";

/**
 * Input schemas of the children domain, shared by the forms (conform), the actions and tests.
 * Messages are translation keys; keys of this domain are namespaced (`children:errors.…`).
 */
export const OLDEST_CHILD_AGE = 19;
export const MAX_TEXT = 2000;

const required = (key: string, max = 80) =>
  z
    .string({ required_error: key })
    .trim()
    .min(1, key)
    .max(max, "children:errors.tooLong");

const longText = z.string().trim().max(MAX_TEXT, "children:errors.tooLong").optional().default("");

/** Birth year as a number; the year it is checked against is passed in, so tests can fix the clock. */
export function birthYearSchema(currentYear: number) {
  return z.coerce
    .number({ invalid_type_error: "children:errors.birthYear.required", required_error: "children:errors.birthYear.required" })
    .int("children:errors.birthYear.required")
    .refine((year) => year <= currentYear, "children:errors.birthYear.future")
    .refine((year) => year > currentYear || year >= currentYear - OLDEST_CHILD_AGE, "children:errors.birthYear.tooOld");
}

const needSchema = z.object({
  subject: z.enum(subjects, { errorMap: () => ({ message: "children:errors.needs.invalid" }) }),
  priority: z.coerce
    .number({ invalid_type_error: "children:errors.needs.invalid" })
    .int("children:errors.needs.invalid")
    .min(1, "children:errors.needs.invalid")
    .max(3, "children:errors.needs.invalid")
    .optional(),
  /** Empty means "at the child's own grade". */
  grade: gradeSchema.optional(),
});

const phone = z
  .string()
  .trim()
  .regex(/^\+?[0-9][0-9 /-]{5,19}$/, "children:errors.phone.invalid")
  .optional();

const email = z.string().trim().toLowerCase().max(254, "errors.email.invalid").email("errors.email.invalid").optional();

function referralShape(currentYear: number) {
  return {
    programId: required("children:errors.program.required", 64),
    firstName: required("errors.firstName.required"),
    lastName: required("errors.lastName.required"),
    birthYear: birthYearSchema(currentYear),
    school: required("children:errors.school.required", 120),
    grade: gradeSchema,
    municipalityId: z.coerce
      .number({ invalid_type_error: "errors.municipality.required", required_error: "errors.municipality.required" })
      .int("errors.municipality.required")
      .positive("errors.municipality.required"),
    languages: z
      .array(z.enum(languages, { errorMap: () => ({ message: "children:errors.languages.required" }) }), {
        required_error: "children:errors.languages.required",
      })
      .min(1, "children:errors.languages.required"),
    firstLanguage: z.enum(languages, { errorMap: () => ({ message: "children:errors.firstLanguage.required" }) }),
    // Checked on the field itself so the message shows even while other fields are still wrong.
    needs: z
      .array(needSchema)
      .optional()
      .default([])
      .refine((needs) => needs.some((n) => n.priority !== undefined), "children:errors.needs.required"),
    slots: availabilitySchema,
    mode: z.enum(modes, { errorMap: () => ({ message: "children:errors.mode.required" }) }),
    volunteerGender: z.enum(volunteerGenders, { errorMap: () => ({ message: "children:errors.volunteerGender.invalid" }) }).optional(),
    interests: z.string().trim().max(300, "children:errors.tooLong").optional().default(""),
    specialNeeds: z.boolean().optional().default(false),
    specialNeedsNotes: longText,
    learningDifficulties: longText,
    familySituation: longText,
  };
}

/** A guardian refers their own child: they are the contact, so no guardian or professional fields. */
export function guardianReferralSchema(currentYear = new Date().getFullYear()) {
  return z.object({ ...referralShape(currentYear), referralReason: longText });
}

/** A professional refers a child and names the guardian, who must be reachable by e-mail or phone. */
export function professionalReferralSchema(currentYear = new Date().getFullYear()) {
  return z
    .object({
      ...referralShape(currentYear),
      referralReason: required("children:errors.referralReason.required", MAX_TEXT),
      professionalInstitution: required("children:errors.institution.required", 120),
      professionalRole: z.enum(professionalRoles, { errorMap: () => ({ message: "children:errors.professionalRole.required" }) }),
      guardianFirstName: required("children:errors.guardianFirstName.required"),
      guardianLastName: required("children:errors.guardianLastName.required"),
      guardianEmail: email,
      guardianPhone: phone,
    })
    .superRefine((value, ctx) => {
      if (!value.guardianEmail && !value.guardianPhone) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["guardianEmail"], message: "children:errors.guardianContact.required" });
      }
    });
}

export type GuardianReferralInput = z.infer<ReturnType<typeof guardianReferralSchema>>;
export type ProfessionalReferralInput = z.infer<ReturnType<typeof professionalReferralSchema>>;
export type ReferralInput = GuardianReferralInput | ProfessionalReferralInput;

const referralId = z.string({ required_error: "errors.notFound" }).min(1, "errors.notFound");

export const acceptReferralSchema = z.object({ intent: z.literal("accept"), referralId });
export const declineReferralSchema = z.object({
  intent: z.literal("decline"),
  referralId,
  reason: required("children:errors.declineReason.required", MAX_TEXT),
});
export const requestInfoSchema = z.object({
  intent: z.literal("request_info"),
  referralId,
  message: required("children:errors.infoRequest.required", MAX_TEXT),
});
export const triageSchema = z.discriminatedUnion("intent", [acceptReferralSchema, declineReferralSchema, requestInfoSchema]);

export const infoReplySchema = z.object({ reply: required("children:errors.infoReply.required", MAX_TEXT) });

export const consentSchema = z.object({
  intent: z.enum(["give", "withdraw"]),
  childId: z.string({ required_error: "errors.notFound" }).min(1, "errors.notFound"),
  purpose: z.enum(consentPurposes, { errorMap: () => ({ message: "children:errors.consent.purpose" }) }),
});

export const acceptInvitationSchema = z
  .object({
    firstName: required("errors.firstName.required"),
    lastName: required("errors.lastName.required"),
    email: z.string({ required_error: "errors.email.required" }).trim().toLowerCase().max(254, "errors.email.invalid").email("errors.email.invalid"),
    password: z.string({ required_error: "errors.password.required" }).min(10, "errors.password.tooShort").max(200, "errors.password.tooLong"),
    passwordConfirm: z.string({ required_error: "errors.passwordConfirm.required" }),
  })
  .refine((v) => v.password === v.passwordConfirm, { path: ["passwordConfirm"], message: "errors.passwordConfirm.mismatch" });

export const childIdSchema = z.object({ childId: z.string({ required_error: "errors.notFound" }).min(1, "errors.notFound") });
export const alertIdSchema = z.object({ notificationId: z.string({ required_error: "errors.notFound" }).min(1, "errors.notFound") });

/** "knjige, nogomet" → ["knjige", "nogomet"]: at most ten distinct, trimmed interests. */
export function interestsOf(text: string): string[] {
  return [...new Set(text.split(",").map((s) => s.trim().toLowerCase()).filter(Boolean))].slice(0, 10);
}
