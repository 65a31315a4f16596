import { and, desc, eq } from "drizzle-orm";
import type { z } from "zod";
import { children, programs, referrals } from "../../../db/schema";
import { audit } from "../audit/record.server";
import type { Ctx } from "../core/services.server";
import { conflict, notFound } from "../errors";
import { childAudit, notifyCoordinators, requireOrgs } from "./access.server";
import type { infoReplySchema } from "./schemas";

/**
 * What a referrer (professional or guardian) sees of their own referrals: the child's name they
 * entered, the programme and the referral's status with the coordinator's question or reason.
 * Never the child's lessons, never anyone else's referrals.
 */
const referrerView = {
  id: referrals.id,
  firstName: children.firstName,
  lastName: children.lastName,
  programName: programs.name,
  status: referrals.status,
  infoRequest: referrals.infoRequest,
  infoReply: referrals.infoReply,
  declineReason: referrals.declineReason,
  createdAt: referrals.createdAt,
  decidedAt: referrals.decidedAt,
};

export function listMyReferrals({ ctx }: { ctx: Ctx }) {
  const { user } = requireOrgs(ctx, "refer:child:org");
  return ctx.services.db
    .select(referrerView)
    .from(referrals)
    .innerJoin(children, eq(children.id, referrals.childId))
    .innerJoin(programs, eq(programs.id, children.programId))
    .where(eq(referrals.referredByUserId, user.id))
    .orderBy(desc(referrals.createdAt))
    .all();
}

export function getMyReferral({ ctx, referralId }: { ctx: Ctx; referralId: string }) {
  const { user } = requireOrgs(ctx, "refer:child:org");
  const referral = ctx.services.db
    .select(referrerView)
    .from(referrals)
    .innerJoin(children, eq(children.id, referrals.childId))
    .innerJoin(programs, eq(programs.id, children.programId))
    .where(and(eq(referrals.id, referralId), eq(referrals.referredByUserId, user.id)))
    .get();
  if (!referral) throw notFound("children:errors.referral.notFound");
  return referral;
}

/** The referrer answers the coordinator's question; the referral goes back to the triage queue. */
export function replyToInfoRequest({ ctx, referralId, input }: { ctx: Ctx; referralId: string; input: z.infer<typeof infoReplySchema> }) {
  const { user } = requireOrgs(ctx, "refer:child:org");
  const { db } = ctx.services;
  return db.transaction((tx) => {
    const referral = tx
      .select({ id: referrals.id, status: referrals.status, childId: referrals.childId, organizationId: referrals.organizationId })
      .from(referrals)
      .where(and(eq(referrals.id, referralId), eq(referrals.referredByUserId, user.id)))
      .get();
    if (!referral) throw notFound("children:errors.referral.notFound");
    if (referral.status !== "info_requested") throw conflict("children:errors.referral.notAwaitingInfo");
    tx.update(referrals).set({ infoReply: input.reply, status: "submitted", updatedAt: ctx.now }).where(eq(referrals.id, referral.id)).run();
    const child = { id: referral.childId, organizationId: referral.organizationId };
    audit(ctx, childAudit("reply_info_request", child));
    notifyCoordinators(ctx, child.organizationId, "referral_info_reply", { childId: child.id });
  });
}
