import { and, eq, gt, isNull } from "drizzle-orm";
import type { z } from "zod";
import { children, guardianInvitations, guardianships, memberships, organizations, referrals, users } from "../../../db/schema";
import { defaultLocale, translator } from "../../i18n/i18n";
import { audit } from "../audit/record.server";
import { hashSecret } from "../auth/password.server";
import type { Ctx } from "../core/services.server";
import { hashToken, newToken } from "../core/tokens.server";
import { conflict, invalid } from "../errors";
import { sendEmail } from "../mail/send-email.server";
import { childAudit, childInOrgs } from "./access.server";
import type { acceptInvitationSchema } from "./schemas";

export const INVITATION_DAYS = 30;

/**
 * Creates a guardian invitation (revoking earlier open ones), inside the caller's transaction, and
 * returns the token: shown or e-mailed once, stored only as a hash.
 */
export function createInvitation(ctx: Ctx, child: { id: string }, email: string | null): string {
  const token = newToken();
  const tx = ctx.services.db;
  tx.update(guardianInvitations)
    .set({ revokedAt: ctx.now })
    .where(and(eq(guardianInvitations.childId, child.id), isNull(guardianInvitations.acceptedAt), isNull(guardianInvitations.revokedAt)))
    .run();
  tx.insert(guardianInvitations)
    .values({
      childId: child.id,
      tokenHash: hashToken(token),
      email,
      expiresAt: new Date(ctx.now.getTime() + INVITATION_DAYS * 86_400_000),
      createdByUserId: ctx.user!.id,
      createdAt: ctx.now,
    })
    .run();
  return token;
}

export function invitationUrl(ctx: Ctx, token: string) {
  return `${ctx.services.publicUrl}/invitation/${token}`;
}

/** The invitation e-mail names no child and no reason: only the organisation and the link. */
export async function emailInvitation(ctx: Ctx, { to, token, organizationName }: { to: string; token: string; organizationName: string }) {
  const t = translator(defaultLocale);
  await sendEmail(ctx.services, {
    to,
    subject: t("children:email.invitation.subject"),
    text: t("children:email.invitation.body", { organization: organizationName, url: invitationUrl(ctx, token), days: INVITATION_DAYS }),
  });
}

/** A coordinator issues a new invitation (the old one stops working): for a lost e-mail or a printed letter. */
export async function reissueGuardianInvitation({ ctx, childId }: { ctx: Ctx; childId: string }) {
  const { child } = childInOrgs(ctx, childId, "triage:referral:org");
  if (!child.userId || child.status === "exited") throw conflict("children:errors.invitation.notNow");
  const { db } = ctx.services;
  const referral = db
    .select({ guardianEmail: referrals.guardianEmail })
    .from(referrals)
    .where(and(eq(referrals.childId, child.id), eq(referrals.status, "accepted")))
    .get();
  const email = referral?.guardianEmail ?? null;
  const token = db.transaction(() => {
    const issued = createInvitation(ctx, child, email);
    audit(ctx, childAudit("issue_guardian_invitation", child));
    return issued;
  });
  if (email) {
    const org = db.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, child.organizationId)).get();
    await emailInvitation(ctx, { to: email, token, organizationName: org!.name });
  }
  return { url: invitationUrl(ctx, token), emailed: email !== null };
}

function usableInvitation(ctx: Ctx, token: string) {
  return ctx.services.db
    .select({
      id: guardianInvitations.id,
      email: guardianInvitations.email,
      childId: children.id,
      childUserId: children.userId,
      childFirstName: children.firstName,
      organizationId: children.organizationId,
      organizationName: organizations.name,
    })
    .from(guardianInvitations)
    .innerJoin(children, eq(children.id, guardianInvitations.childId))
    .innerJoin(organizations, eq(organizations.id, children.organizationId))
    .where(
      and(
        eq(guardianInvitations.tokenHash, hashToken(token)),
        isNull(guardianInvitations.acceptedAt),
        isNull(guardianInvitations.revokedAt),
        gt(guardianInvitations.expiresAt, ctx.now),
      ),
    )
    .get();
}

/** What the invitation page shows before accepting; null when the link is unknown, used, revoked or expired. */
export function findGuardianInvitation(ctx: Ctx, token: string) {
  const invitation = usableInvitation(ctx, token);
  if (!invitation) return null;
  const referral = ctx.services.db
    .select({ firstName: referrals.guardianFirstName, lastName: referrals.guardianLastName })
    .from(referrals)
    .where(and(eq(referrals.childId, invitation.childId), eq(referrals.status, "accepted")))
    .get();
  return {
    childFirstName: invitation.childFirstName,
    organizationName: invitation.organizationName,
    guardian: { firstName: referral?.firstName ?? "", lastName: referral?.lastName ?? "", email: invitation.email ?? "" },
  };
}

/**
 * The guardian accepts: signed in, with their existing account; otherwise a new guardian
 * account is created from `input`. Either way they become the child's guardian in the
 * organisation and the invitation is spent. Returns the guardian's user id and the child's id.
 */
export async function acceptGuardianInvitation({
  ctx,
  token,
  input,
}: {
  ctx: Ctx;
  token: string;
  input: z.infer<typeof acceptInvitationSchema> | null;
}) {
  if (!ctx.user && !input) throw invalid("children:errors.invitation.accountNeeded");
  const passwordHash = !ctx.user && input ? await hashSecret(input.password) : null;
  const { db } = ctx.services;
  return db.transaction((tx) => {
    // Looked up inside the transaction so one link cannot be spent twice.
    const invitation = usableInvitation(ctx, token);
    if (!invitation || !invitation.childUserId) throw invalid("children:errors.invitation.invalid");
    let guardianId: string;
    if (ctx.user) {
      guardianId = ctx.user.id;
    } else {
      const taken = tx.select({ id: users.id }).from(users).where(eq(users.email, input!.email)).get();
      if (taken) throw conflict("children:errors.invitation.emailTaken");
      guardianId = tx
        .insert(users)
        .values({ email: input!.email, passwordHash, firstName: input!.firstName, lastName: input!.lastName, locale: ctx.locale, createdAt: ctx.now })
        .returning({ id: users.id })
        .get().id;
      audit({ ...ctx, user: { id: guardianId } as Ctx["user"] }, { action: "create", entity: "user", entityId: guardianId, organizationId: invitation.organizationId });
    }
    if (guardianId === invitation.childUserId) throw invalid("children:errors.invitation.invalid");
    tx.insert(memberships).values({ userId: guardianId, organizationId: invitation.organizationId, role: "guardian" }).onConflictDoNothing().run();
    tx.insert(guardianships).values({ guardianUserId: guardianId, childUserId: invitation.childUserId }).onConflictDoNothing().run();
    tx.update(guardianInvitations).set({ acceptedAt: ctx.now, acceptedByUserId: guardianId }).where(eq(guardianInvitations.id, invitation.id)).run();
    audit({ ...ctx, user: { id: guardianId } as Ctx["user"] }, childAudit("accept_guardian_invitation", { id: invitation.childId, organizationId: invitation.organizationId }));
    return { userId: guardianId, childId: invitation.childId };
  });
}
