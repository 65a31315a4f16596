import { eq } from "drizzle-orm";
import type { Services } from "../../app/modules/core/services.server";
import type { ProfessionalReferralInput } from "../../app/modules/children/schemas";
import type { ChildStatus } from "../../app/modules/children/vocabulary";
import { childAvailability, childNeeds, childSensitive, children, guardianships, memberships, programs, referrals, users } from "../../db/schema";
import { createUser } from "../factories";

/** Factories of the children domain: rows built directly, with values tests can recognise. */

export function programOf(services: Services, organizationId: string) {
  return services.db.select().from(programs).where(eq(programs.organizationId, organizationId)).get()!;
}

/** A valid professional's referral as the schema outputs it (for calling verbs). */
export function professionalReferralInput(programId: string, overrides: Partial<ProfessionalReferralInput> = {}): ProfessionalReferralInput {
  return {
    programId,
    firstName: "Maja",
    lastName: "Zupan",
    birthYear: new Date().getFullYear() - 11,
    school: "OŠ Prule",
    grade: 6,
    municipalityId: 61,
    languages: ["sl", "hr"],
    firstLanguage: "hr",
    needs: [{ subject: "math", priority: 1 }, { subject: "english", priority: 2, grade: 5 }, { subject: "history" }],
    slots: [{ start: 16 * 60, end: 18 * 60 }],
    mode: "online",
    volunteerGender: "female",
    interests: "risanje, nogomet",
    specialNeeds: false,
    specialNeedsNotes: "",
    learningDifficulties: "Težave z branjem",
    familySituation: "Oče v programu zdravljenja odvisnosti",
    referralReason: "Otrok zaostaja pri matematiki",
    professionalInstitution: "CSD Ljubljana",
    professionalRole: "social_worker",
    guardianFirstName: "Mojca",
    guardianLastName: "Zupan",
    guardianEmail: "mojca.zupan@example.org",
    guardianPhone: undefined,
    ...overrides,
  };
}

/** The same referral as the form posts it (strings, conform's field names). */
export function referralFormBody(programId: string, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    programId,
    firstName: "Maja",
    lastName: "Zupan",
    birthYear: String(new Date().getFullYear() - 11),
    school: "OŠ Prule",
    grade: "6",
    municipalityId: "61",
    languages: "sl",
    firstLanguage: "sl",
    "needs[0].subject": "math",
    "needs[0].priority": "1",
    "needs[1].subject": "english",
    "needs[1].priority": "",
    slots: String(16 * 60),
    mode: "online",
    referralReason: "Otrok zaostaja pri matematiki",
    familySituation: "Oče v programu zdravljenja",
    professionalInstitution: "CSD Ljubljana",
    professionalRole: "social_worker",
    guardianFirstName: "Mojca",
    guardianLastName: "Zupan",
    guardianEmail: "mojca.zupan@example.org",
    ...overrides,
  };
}

/**
 * A child in a given state, with needs, availability, sensitive details and the referral that
 * brought them. From `consent_pending` on the child has an account; `guardianUserId` links a guardian.
 */
export async function createChildRecord(
  services: Services,
  {
    organizationId,
    referredByUserId,
    status = "referred",
    firstName = "Maja",
    birthYear = new Date().getFullYear() - 11,
    guardianUserId,
  }: { organizationId: string; referredByUserId: string; status?: ChildStatus; firstName?: string; birthYear?: number; guardianUserId?: string },
) {
  const program = programOf(services, organizationId);
  const account = status === "referred" ? null : await createUser(services, { role: "child", organizationId, firstName, lastName: "Zupan" });
  const child = services.db
    .insert(children)
    .values({
      userId: account?.id ?? null,
      organizationId,
      programId: program.id,
      firstName,
      lastName: "Zupan",
      birthYear,
      school: "OŠ Prule",
      grade: 6,
      municipalityId: 61,
      languages: [{ code: "sl", first: true }],
      mode: "online",
      preferences: {},
      interests: [],
      status,
      waitingSince: status === "waiting" ? new Date() : null,
    })
    .returning()
    .get();
  services.db.insert(childNeeds).values({ childId: child.id, subject: "math", grade: 6, priority: 1 }).run();
  services.db.insert(childAvailability).values({ childId: child.id, startMinute: 16 * 60, endMinute: 18 * 60 }).run();
  services.db.insert(childSensitive).values({ childId: child.id, referralReason: "Zaupen razlog", familySituation: "Zaupne razmere" }).run();
  const referral = services.db
    .insert(referrals)
    .values({
      childId: child.id,
      organizationId,
      referredByUserId,
      referrerKind: "professional",
      professionalInstitution: "CSD Ljubljana",
      professionalRole: "social_worker",
      guardianFirstName: "Mojca",
      guardianLastName: "Zupan",
      guardianEmail: "mojca@example.org",
      status: status === "referred" ? "submitted" : "accepted",
    })
    .returning()
    .get();
  if (account && guardianUserId) {
    services.db.insert(guardianships).values({ guardianUserId, childUserId: account.id }).run();
    services.db.insert(memberships).values({ userId: guardianUserId, organizationId, role: "guardian" }).onConflictDoNothing().run();
  }
  return { child, referral, account };
}

export function childUserOf(services: Services, childId: string) {
  const row = services.db.select({ userId: children.userId }).from(children).where(eq(children.id, childId)).get();
  return row?.userId ? services.db.select().from(users).where(eq(users.id, row.userId)).get()! : null;
}
