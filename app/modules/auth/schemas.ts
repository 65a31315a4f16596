import { z } from "zod";

/**
 * One schema per input, shared by the form (client validation with conform), the action and,
 * where relevant, socket payloads. Messages are translation keys, rendered with t().
 */
const email = z
  .string({ required_error: "errors.email.required" })
  .trim()
  .toLowerCase()
  .max(254, "errors.email.invalid")
  .email("errors.email.invalid");

const newPassword = z
  .string({ required_error: "errors.password.required" })
  .min(10, "errors.password.tooShort")
  .max(200, "errors.password.tooLong");

const name = (key: string) =>
  z
    .string({ required_error: `errors.${key}.required` })
    .trim()
    .min(1, `errors.${key}.required`)
    .max(80, `errors.${key}.tooLong`);

export const signUpSchema = z
  .object({
    firstName: name("firstName"),
    lastName: name("lastName"),
    email,
    password: newPassword,
    passwordConfirm: z.string({ required_error: "errors.passwordConfirm.required" }),
    organizationId: z.string({ required_error: "errors.organization.required" }).min(1, "errors.organization.required"),
    acceptPrivacy: z.literal("on", { errorMap: () => ({ message: "errors.acceptPrivacy.required" }) }),
  })
  .refine((v) => v.password === v.passwordConfirm, { path: ["passwordConfirm"], message: "errors.passwordConfirm.mismatch" });

export const signInSchema = z.object({
  email,
  password: z.string({ required_error: "errors.password.required" }).min(1, "errors.password.required").max(200),
  redirectTo: z.string().optional(),
});

export const forgotPasswordSchema = z.object({ email });

export const resetPasswordSchema = z
  .object({
    password: newPassword,
    passwordConfirm: z.string({ required_error: "errors.passwordConfirm.required" }),
  })
  .refine((v) => v.password === v.passwordConfirm, { path: ["passwordConfirm"], message: "errors.passwordConfirm.mismatch" });

const pin = z.string().regex(/^\d{4}$/, "errors.pin.format");

export const issueChildLinkSchema = z.object({
  childUserId: z.string({ required_error: "errors.child.required" }).min(1, "errors.child.required"),
  pin: pin.optional(),
  days: z.coerce
    .number({ invalid_type_error: "errors.days.range" })
    .int("errors.days.range")
    .min(1, "errors.days.range")
    .max(365, "errors.days.range")
    .default(90),
});

export const revokeChildLinkSchema = z.object({ linkId: z.string().min(1, "errors.notFound") });

export const childPinSchema = z.object({ pin: z.string({ required_error: "errors.pin.required" }).pipe(pin) });

export const languageSchema = z.object({
  lang: z.enum(["sl", "en"], { errorMap: () => ({ message: "errors.language.unknown" }) }),
  redirectTo: z.string().optional(),
});

/** Only same-site relative paths: never an open redirect. */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/dashboard"): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  return to;
}
