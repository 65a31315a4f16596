import { and, asc, desc, eq, inArray, isNull, or } from "drizzle-orm";
import { auditLog, childAvailability, childNeeds, childSensitive, consents, guardianInvitations, guardianships, programs, referrals, users } from "../../../db/schema";
import { audit } from "../audit/record.server";
import type { Ctx } from "../core/services.server";
import { childAudit, childInOrgs } from "./access.server";

/**
 * A child's full record for coordinators of the child's organisation, sensitive details
 * included. Every call is written to the audit log before anything is returned, and the
 * record carries the child's audit history (so the read just made is its first line).
 */
export function readChildRecord({ ctx, childId }: { ctx: Ctx; childId: string }) {
  const { child } = childInOrgs(ctx, childId, "view:child-record:org");
  const { db } = ctx.services;
  audit(ctx, childAudit("read_child_record", child));

  const program = db.select({ name: programs.name }).from(programs).where(eq(programs.id, child.programId)).get();
  const needs = db.select().from(childNeeds).where(eq(childNeeds.childId, child.id)).orderBy(asc(childNeeds.priority), asc(childNeeds.subject)).all();
  const availability = db
    .select({ start: childAvailability.startMinute, end: childAvailability.endMinute })
    .from(childAvailability)
    .where(eq(childAvailability.childId, child.id))
    .orderBy(asc(childAvailability.startMinute))
    .all();
  const sensitive = db.select().from(childSensitive).where(eq(childSensitive.childId, child.id)).get() ?? null;
  const referral =
    db
      .select({
        id: referrals.id,
        status: referrals.status,
        referrerKind: referrals.referrerKind,
        referrerFirstName: users.firstName,
        referrerLastName: users.lastName,
        referrerEmail: users.email,
        professionalInstitution: referrals.professionalInstitution,
        professionalRole: referrals.professionalRole,
        guardianFirstName: referrals.guardianFirstName,
        guardianLastName: referrals.guardianLastName,
        guardianEmail: referrals.guardianEmail,
        guardianPhone: referrals.guardianPhone,
        infoRequest: referrals.infoRequest,
        infoReply: referrals.infoReply,
        declineReason: referrals.declineReason,
        createdAt: referrals.createdAt,
        decidedAt: referrals.decidedAt,
      })
      .from(referrals)
      .innerJoin(users, eq(users.id, referrals.referredByUserId))
      .where(eq(referrals.childId, child.id))
      .orderBy(desc(referrals.createdAt))
      .get() ?? null;
  const consentHistory = db
    .select({
      id: consents.id,
      purpose: consents.purpose,
      textVersion: consents.textVersion,
      method: consents.method,
      givenAt: consents.givenAt,
      withdrawnAt: consents.withdrawnAt,
      givenByFirstName: users.firstName,
      givenByLastName: users.lastName,
    })
    .from(consents)
    .innerJoin(users, eq(users.id, consents.givenByUserId))
    .where(eq(consents.childId, child.id))
    .orderBy(desc(consents.givenAt))
    .all();
  const guardians = child.userId
    ? db
        .select({ id: users.id, firstName: users.firstName, lastName: users.lastName, email: users.email })
        .from(guardianships)
        .innerJoin(users, eq(users.id, guardianships.guardianUserId))
        .where(eq(guardianships.childUserId, child.userId))
        .all()
    : [];
  const openInvitation =
    db
      .select({ expiresAt: guardianInvitations.expiresAt, email: guardianInvitations.email, createdAt: guardianInvitations.createdAt })
      .from(guardianInvitations)
      .where(and(eq(guardianInvitations.childId, child.id), isNull(guardianInvitations.acceptedAt), isNull(guardianInvitations.revokedAt)))
      .orderBy(desc(guardianInvitations.createdAt))
      .get() ?? null;
  const history = db
    .select({ id: auditLog.id, action: auditLog.action, createdAt: auditLog.createdAt, actorFirstName: users.firstName, actorLastName: users.lastName })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .where(
      or(
        and(eq(auditLog.entity, "child"), eq(auditLog.entityId, child.id)),
        child.userId ? and(eq(auditLog.entity, "user"), inArray(auditLog.entityId, [child.userId])) : undefined,
      ),
    )
    .orderBy(desc(auditLog.createdAt))
    .limit(200)
    .all();

  return {
    child: { ...child, programName: program?.name ?? "" },
    needs,
    availability,
    sensitive,
    referral,
    consents: consentHistory,
    guardians,
    openInvitation,
    history,
  };
}
