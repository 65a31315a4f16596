import { and, asc, eq, inArray } from "drizzle-orm";
import type { z } from "zod";
import { children, guardianships, memberships, organizations, programs, referrals, users } from "../../../db/schema";
import { translator } from "../../i18n/i18n";
import { audit } from "../audit/record.server";
import type { Ctx } from "../core/services.server";
import { conflict, notFound } from "../errors";
import { sendEmail } from "../mail/send-email.server";
import { childAudit, requireOrgs } from "./access.server";
import { createInvitation, emailInvitation, invitationUrl } from "./invitations.server";
import type { declineReferralSchema, requestInfoSchema } from "./schemas";

/**
 * Coordinator triage of referrals: accept (the child moves to `consent_pending` and the guardian
 * is invited), decline with a reason, or ask the referrer for more information.
 */

/** Referrals waiting for a decision and the organisation's children by status (basic fields only). */
export function listTriageQueue({ ctx }: { ctx: Ctx }) {
  const { orgIds } = requireOrgs(ctx, "triage:referral:org");
  const { db } = ctx.services;
  const pending = db
    .select({
      id: referrals.id,
      childId: children.id,
      firstName: children.firstName,
      lastName: children.lastName,
      grade: children.grade,
      programName: programs.name,
      referrerKind: referrals.referrerKind,
      status: referrals.status,
      createdAt: referrals.createdAt,
    })
    .from(referrals)
    .innerJoin(children, eq(children.id, referrals.childId))
    .innerJoin(programs, eq(programs.id, children.programId))
    .where(and(inArray(referrals.organizationId, orgIds), inArray(referrals.status, ["submitted", "info_requested"])))
    .orderBy(asc(referrals.createdAt))
    .all();
  const list = db
    .select({ id: children.id, firstName: children.firstName, lastName: children.lastName, grade: children.grade, status: children.status, waitingSince: children.waitingSince })
    .from(children)
    .where(and(inArray(children.organizationId, orgIds), inArray(children.status, ["consent_pending", "waiting", "matched", "active", "paused"])))
    .orderBy(asc(children.lastName), asc(children.firstName))
    .all();
  return { pending, children: list };
}

function pendingReferral(ctx: Ctx, referralId: string) {
  const { orgIds } = requireOrgs(ctx, "triage:referral:org");
  const referral = ctx.services.db
    .select()
    .from(referrals)
    .where(and(eq(referrals.id, referralId), inArray(referrals.organizationId, orgIds)))
    .get();
  if (!referral) throw notFound("children:errors.referral.notFound");
  if (referral.status !== "submitted" && referral.status !== "info_requested") throw conflict("children:errors.referral.alreadyDecided");
  return referral;
}

/** A short notice to the referrer: no child's name or reason in an e-mail, only where to look. */
async function noticeToReferrer(ctx: Ctx, referral: { id: string; referredByUserId: string }) {
  const referrer = ctx.services.db.select({ email: users.email, locale: users.locale }).from(users).where(eq(users.id, referral.referredByUserId)).get();
  if (!referrer?.email) return;
  const t = translator(referrer.locale);
  await sendEmail(ctx.services, {
    to: referrer.email,
    subject: t("children:email.referralUpdate.subject"),
    text: t("children:email.referralUpdate.body", { url: `${ctx.services.publicUrl}/referrals/${referral.id}` }),
  });
}

/**
 * Accepts a referral: creates the child's account (no e-mail) in the organisation and moves the
 * child to `consent_pending`. A referring guardian becomes the child's guardian at once; for a
 * professional's referral the named guardian gets an invitation (e-mailed when an address is
 * known; the returned link can always be printed).
 */
export async function acceptReferral({ ctx, referralId }: { ctx: Ctx; referralId: string }) {
  const { db } = ctx.services;
  const result = db.transaction((tx) => {
    const referral = pendingReferral(ctx, referralId);
    const child = tx.select().from(children).where(eq(children.id, referral.childId)).get()!;
    const childUser = tx
      .insert(users)
      .values({ email: null, passwordHash: null, firstName: child.firstName, lastName: child.lastName, createdAt: ctx.now })
      .returning({ id: users.id })
      .get();
    tx.insert(memberships).values({ userId: childUser.id, organizationId: child.organizationId, role: "child", createdAt: ctx.now }).run();
    tx.update(children).set({ userId: childUser.id, status: "consent_pending", updatedAt: ctx.now }).where(eq(children.id, child.id)).run();
    tx.update(referrals)
      .set({ status: "accepted", decidedByUserId: ctx.user!.id, decidedAt: ctx.now, updatedAt: ctx.now })
      .where(eq(referrals.id, referral.id))
      .run();
    audit(ctx, childAudit("accept_referral", child));
    if (referral.referrerKind === "guardian") {
      tx.insert(guardianships).values({ guardianUserId: referral.referredByUserId, childUserId: childUser.id, createdAt: ctx.now }).onConflictDoNothing().run();
      return { referral, child, token: null };
    }
    const token = createInvitation(ctx, child, referral.guardianEmail);
    audit(ctx, childAudit("issue_guardian_invitation", child));
    return { referral, child, token };
  });
  const { referral, child, token } = result;
  await noticeToReferrer(ctx, referral);
  if (token && referral.guardianEmail) {
    const org = db.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, child.organizationId)).get();
    await emailInvitation(ctx, { to: referral.guardianEmail, token, organizationName: org!.name });
  }
  return { invitationUrl: token ? invitationUrl(ctx, token) : null, emailed: Boolean(token && referral.guardianEmail) };
}

/** Declines with a reason the referrer will see; the child's record leaves the queue (`exited`). */
export async function declineReferral({ ctx, input }: { ctx: Ctx; input: z.infer<typeof declineReferralSchema> }) {
  const referral = ctx.services.db.transaction((tx) => {
    const found = pendingReferral(ctx, input.referralId);
    tx.update(referrals)
      .set({ status: "declined", declineReason: input.reason, decidedByUserId: ctx.user!.id, decidedAt: ctx.now, updatedAt: ctx.now })
      .where(eq(referrals.id, found.id))
      .run();
    tx.update(children).set({ status: "exited", updatedAt: ctx.now }).where(eq(children.id, found.childId)).run();
    audit(ctx, childAudit("decline_referral", { id: found.childId, organizationId: found.organizationId }));
    return found;
  });
  await noticeToReferrer(ctx, referral);
}

/** Asks the referrer a question; the referral waits for their answer (`info_requested`). */
export async function requestReferralInfo({ ctx, input }: { ctx: Ctx; input: z.infer<typeof requestInfoSchema> }) {
  const referral = ctx.services.db.transaction((tx) => {
    const found = pendingReferral(ctx, input.referralId);
    tx.update(referrals)
      .set({ status: "info_requested", infoRequest: input.message, infoReply: null, updatedAt: ctx.now })
      .where(eq(referrals.id, found.id))
      .run();
    audit(ctx, childAudit("request_referral_info", { id: found.childId, organizationId: found.organizationId }));
    return found;
  });
  await noticeToReferrer(ctx, referral);
}
