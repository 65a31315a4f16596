import { z } from "zod";
import { programKinds } from "../core/catalog";

/** Roles an administrator gives people (volunteers sign up themselves; children get a sign-in link). */
export const invitableRoles = ["coordinator", "professional", "guardian", "admin"] as const;
export type InvitableRole = (typeof invitableRoles)[number];

const name = (key: string) =>
  z
    .string({ required_error: `common:admin.errors.${key}.required` })
    .trim()
    .min(1, `common:admin.errors.${key}.required`)
    .max(80, `common:admin.errors.${key}.tooLong`);

export const addMemberSchema = z.object({
  organizationId: z.string({ required_error: "common:admin.errors.organization.required" }).min(1, "common:admin.errors.organization.required"),
  email: z.string({ required_error: "common:admin.errors.email.invalid" }).trim().toLowerCase().email("common:admin.errors.email.invalid").max(200, "common:admin.errors.email.invalid"),
  firstName: name("firstName"),
  lastName: name("lastName"),
  role: z.enum(invitableRoles, { errorMap: () => ({ message: "common:admin.errors.role.required" }) }),
});
export type AddMemberInput = z.infer<typeof addMemberSchema>;

export const removeMemberSchema = z.object({ membershipId: z.string().min(1, "common:admin.errors.membership.notFound") });

export const createProgramSchema = z.object({
  organizationId: z.string({ required_error: "common:admin.errors.organization.required" }).min(1, "common:admin.errors.organization.required"),
  name: z.string({ required_error: "common:admin.errors.programName.required" }).trim().min(3, "common:admin.errors.programName.required").max(120, "common:admin.errors.programName.tooLong"),
  kind: z.enum(programKinds, { errorMap: () => ({ message: "common:admin.errors.programKind.required" }) }),
  description: z.string().trim().max(1000, "common:admin.errors.description.tooLong").default(""),
  lessonMinutes: z.coerce.number({ invalid_type_error: "common:admin.errors.lessonMinutes.range" }).int("common:admin.errors.lessonMinutes.range").min(30, "common:admin.errors.lessonMinutes.range").max(120, "common:admin.errors.lessonMinutes.range"),
  defaultCapacity: z.coerce.number({ invalid_type_error: "common:admin.errors.capacity.range" }).int("common:admin.errors.capacity.range").min(1, "common:admin.errors.capacity.range").max(3, "common:admin.errors.capacity.range"),
  maxDistanceKm: z.coerce.number({ invalid_type_error: "common:admin.errors.distance.range" }).int("common:admin.errors.distance.range").min(1, "common:admin.errors.distance.range").max(300, "common:admin.errors.distance.range"),
});
export type CreateProgramInput = z.infer<typeof createProgramSchema>;
