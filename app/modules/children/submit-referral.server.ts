import { eq, inArray } from "drizzle-orm";
import { childAvailability, childNeeds, childSensitive, children, organizations, programs, referrals } from "../../../db/schema";
import { audit } from "../audit/record.server";
import { hasRole } from "../auth/permissions";
import { municipalityById } from "../core/municipalities.server";
import type { Ctx, CurrentUser } from "../core/services.server";
import { invalid } from "../errors";
import { childAudit, notifyCoordinators, requireOrgs } from "./access.server";
import { interestsOf, type ProfessionalReferralInput, type ReferralInput } from "./schemas";
import type { ReferrerKind } from "./vocabulary";

/** A professional refers with professional fields and a guardian's contact; a guardian refers their own child. */
export function referrerKindOf(user: CurrentUser): ReferrerKind {
  return hasRole(user, "professional") ? "professional" : "guardian";
}

/** What the referral form offers: the programmes of the organisations the user may refer to. */
export function referralFormOptions({ ctx }: { ctx: Ctx }) {
  const { user, orgIds } = requireOrgs(ctx, "refer:child:org");
  const rows = ctx.services.db
    .select({ id: programs.id, name: programs.name, organizationName: organizations.name })
    .from(programs)
    .innerJoin(organizations, eq(organizations.id, programs.organizationId))
    .where(inArray(programs.organizationId, orgIds))
    .orderBy(organizations.name, programs.name)
    .all();
  return { kind: referrerKindOf(user), programs: rows };
}

function isProfessionalInput(input: ReferralInput): input is ProfessionalReferralInput {
  return "professionalInstitution" in input;
}

/**
 * Records a referral: the child's basic record (status `referred`), needs and availability, the
 * sensitive details in their own table, and the referral with the guardian's contact. The
 * child's account is created only when a coordinator accepts (see docs/decisions/0007).
 */
export function submitReferral({ ctx, input }: { ctx: Ctx; input: ReferralInput }) {
  const { user, orgIds } = requireOrgs(ctx, "refer:child:org");
  const kind = referrerKindOf(user);
  if ((kind === "professional") !== isProfessionalInput(input)) throw invalid("children:errors.referral.kind");
  const { db } = ctx.services;
  const program = db.select({ id: programs.id, organizationId: programs.organizationId }).from(programs).where(eq(programs.id, input.programId)).get();
  if (!program || !orgIds.includes(program.organizationId)) throw invalid("children:errors.program.unknown");
  if (!municipalityById(input.municipalityId)) throw invalid("errors.municipality.unknown");
  if (input.birthYear > ctx.now.getFullYear()) throw invalid("children:errors.birthYear.future");

  const needs = input.needs
    .filter((need) => need.priority !== undefined)
    .map((need) => ({ subject: need.subject, priority: need.priority!, grade: need.grade ?? input.grade }));
  if (needs.length === 0) throw invalid("children:errors.needs.required");
  const languageCodes = [...new Set([input.firstLanguage, ...input.languages])];

  return db.transaction((tx) => {
    const child = tx
      .insert(children)
      .values({
        organizationId: program.organizationId,
        programId: program.id,
        firstName: input.firstName,
        lastName: input.lastName,
        birthYear: input.birthYear,
        school: input.school,
        grade: input.grade,
        municipalityId: input.municipalityId,
        languages: languageCodes.map((code) => ({ code, first: code === input.firstLanguage })),
        mode: input.mode,
        preferences: input.volunteerGender ? { volunteerGender: input.volunteerGender } : {},
        interests: interestsOf(input.interests),
        specialNeeds: input.specialNeeds,
        status: "referred",
        createdAt: ctx.now,
      })
      .returning({ id: children.id, organizationId: children.organizationId })
      .get();
    tx.insert(childNeeds)
      .values(needs.map((need) => ({ childId: child.id, ...need })))
      .run();
    tx.insert(childAvailability)
      .values(input.slots.map((slot) => ({ childId: child.id, startMinute: slot.start, endMinute: slot.end })))
      .run();
    tx.insert(childSensitive)
      .values({
        childId: child.id,
        referralReason: input.referralReason,
        familySituation: input.familySituation,
        learningDifficulties: input.learningDifficulties,
        specialNeedsNotes: input.specialNeedsNotes,
      })
      .run();
    const referral = tx
      .insert(referrals)
      .values({
        childId: child.id,
        organizationId: child.organizationId,
        referredByUserId: user.id,
        referrerKind: kind,
        ...(isProfessionalInput(input)
          ? {
              professionalInstitution: input.professionalInstitution,
              professionalRole: input.professionalRole,
              guardianFirstName: input.guardianFirstName,
              guardianLastName: input.guardianLastName,
              guardianEmail: input.guardianEmail ?? null,
              guardianPhone: input.guardianPhone ?? null,
            }
          : { guardianFirstName: user.firstName, guardianLastName: user.lastName, guardianEmail: user.email }),
        status: "submitted",
        createdAt: ctx.now,
      })
      .returning({ id: referrals.id })
      .get();
    audit(ctx, childAudit("submit_referral", child));
    notifyCoordinators(ctx, child.organizationId, "referral_submitted", { childId: child.id });
    return { referralId: referral.id, childId: child.id };
  });
}
