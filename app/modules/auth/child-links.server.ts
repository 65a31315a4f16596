import { and, desc, eq, gt, inArray, isNull } from "drizzle-orm";
import type { z } from "zod";
import { guardianships, memberships, signInLinks, users } from "../../../db/schema";
import { audit } from "../audit/record.server";
import type { Ctx, CurrentUser } from "../core/services.server";
import { hashToken, newToken } from "../core/tokens.server";
import { forbidden, invalid, notFound, rateLimited, unauthenticated } from "../errors";
import { hashSecret, verifySecret } from "./password.server";
import { can, organizationsWhere } from "./permissions";
import type { issueChildLinkSchema } from "./schemas";

/**
 * Children sign in with a personal link instead of an e-mail: a coordinator of the child's
 * organisation or the child's guardian issues it. One link is valid at a time per child.
 */
function requireUser(ctx: Ctx): CurrentUser {
  if (!ctx.user) throw unauthenticated();
  return ctx.user;
}

/** Children whose links the user may manage: the organisation's children for a coordinator, own children for a guardian. */
function manageableChildIds(ctx: Ctx, user: CurrentUser): string[] {
  const { db } = ctx.services;
  const ids = new Set<string>();
  const orgIds = organizationsWhere(user, "issue:child-link:org");
  if (orgIds.length > 0) {
    for (const row of db
      .select({ userId: memberships.userId })
      .from(memberships)
      .where(and(inArray(memberships.organizationId, orgIds), eq(memberships.role, "child")))
      .all())
      ids.add(row.userId);
  }
  if (can(user, "issue:child-link:own")) {
    for (const row of db
      .select({ childUserId: guardianships.childUserId })
      .from(guardianships)
      .where(eq(guardianships.guardianUserId, user.id))
      .all())
      ids.add(row.childUserId);
  }
  return [...ids];
}

function assertMayManage(ctx: Ctx, childUserId: string): CurrentUser {
  const user = requireUser(ctx);
  if (!can(user, "issue:child-link:org") && !can(user, "issue:child-link:own")) throw forbidden();
  if (!manageableChildIds(ctx, user).includes(childUserId)) throw notFound("errors.child.notFound");
  return user;
}

export function listChildLinks({ ctx }: { ctx: Ctx }) {
  const user = requireUser(ctx);
  if (!can(user, "issue:child-link:org") && !can(user, "issue:child-link:own")) throw forbidden();
  const childIds = manageableChildIds(ctx, user);
  if (childIds.length === 0) return [];
  const { db } = ctx.services;
  const children = db
    .select({ id: users.id, firstName: users.firstName, lastName: users.lastName })
    .from(users)
    .where(inArray(users.id, childIds))
    .orderBy(users.firstName)
    .all();
  const links = db
    .select({ id: signInLinks.id, userId: signInLinks.userId, expiresAt: signInLinks.expiresAt, hasPin: signInLinks.pinHash, lastUsedAt: signInLinks.lastUsedAt })
    .from(signInLinks)
    .where(and(inArray(signInLinks.userId, childIds), isNull(signInLinks.revokedAt), gt(signInLinks.expiresAt, ctx.now)))
    .orderBy(desc(signInLinks.createdAt))
    .all();
  return children.map((child) => {
    const link = links.find((l) => l.userId === child.id);
    return {
      ...child,
      activeLink: link ? { id: link.id, expiresAt: link.expiresAt, hasPin: link.hasPin !== null, lastUsedAt: link.lastUsedAt } : null,
    };
  });
}

/** Issues a new link (revoking the previous one) and returns the token: shown once, never stored. */
export async function issueChildLink({ ctx, input }: { ctx: Ctx; input: z.infer<typeof issueChildLinkSchema> }) {
  const user = assertMayManage(ctx, input.childUserId);
  const token = newToken();
  const pinHash = input.pin ? await hashSecret(input.pin) : null;
  const { db } = ctx.services;
  db.transaction((tx) => {
    tx.update(signInLinks)
      .set({ revokedAt: ctx.now })
      .where(and(eq(signInLinks.userId, input.childUserId), isNull(signInLinks.revokedAt)))
      .run();
    const [link] = tx
      .insert(signInLinks)
      .values({
        userId: input.childUserId,
        tokenHash: hashToken(token),
        pinHash,
        expiresAt: new Date(ctx.now.getTime() + input.days * 86_400_000),
        issuedBy: user.id,
        createdAt: ctx.now,
      })
      .returning({ id: signInLinks.id })
      .all();
    audit(ctx, { action: "issue_sign_in_link", entity: "user", entityId: input.childUserId });
    return link!.id;
  });
  return { token, url: `${ctx.services.publicUrl}/c/${token}` };
}

export function revokeChildLink({ ctx, linkId }: { ctx: Ctx; linkId: string }) {
  const { db } = ctx.services;
  const link = db.select({ userId: signInLinks.userId }).from(signInLinks).where(eq(signInLinks.id, linkId)).get();
  if (!link) throw notFound();
  assertMayManage(ctx, link.userId);
  db.transaction(() => {
    db.update(signInLinks).set({ revokedAt: ctx.now }).where(eq(signInLinks.id, linkId)).run();
    audit(ctx, { action: "revoke_sign_in_link", entity: "user", entityId: link.userId });
  });
}

/** Looks a link up by its token: null when unknown, expired or revoked. */
export function findChildLink(ctx: Ctx, token: string) {
  const link = ctx.services.db
    .select({ id: signInLinks.id, userId: signInLinks.userId, pinHash: signInLinks.pinHash, firstName: users.firstName })
    .from(signInLinks)
    .innerJoin(users, eq(users.id, signInLinks.userId))
    .where(and(eq(signInLinks.tokenHash, hashToken(token)), isNull(signInLinks.revokedAt), gt(signInLinks.expiresAt, ctx.now), isNull(users.disabledAt)))
    .get();
  return link ? { id: link.id, userId: link.userId, needsPin: link.pinHash !== null, firstName: link.firstName } : null;
}

/** Signs a child in by link (and PIN when set); wrong PINs are limited per link. Returns the child's user id. */
export async function redeemChildLink({ ctx, token, pin }: { ctx: Ctx; token: string; pin: string | null }) {
  const { db, limiter } = ctx.services;
  const link = db
    .select()
    .from(signInLinks)
    .where(and(eq(signInLinks.tokenHash, hashToken(token)), isNull(signInLinks.revokedAt), gt(signInLinks.expiresAt, ctx.now)))
    .get();
  if (!link) throw notFound("errors.childLink.invalid");
  if (link.pinHash) {
    const blocked = await limiter.pinBlockedFor(link.id);
    if (blocked !== null) throw rateLimited(blocked);
    if (!pin || !(await verifySecret(link.pinHash, pin))) {
      await limiter.pinFailed(link.id);
      const nowBlocked = await limiter.pinBlockedFor(link.id);
      if (nowBlocked !== null) throw rateLimited(nowBlocked);
      throw invalid("errors.pin.wrong");
    }
    await limiter.pinSucceeded(link.id);
  }
  db.transaction(() => {
    db.update(signInLinks).set({ lastUsedAt: ctx.now }).where(eq(signInLinks.id, link.id)).run();
    audit({ ...ctx, user: { id: link.userId } as Ctx["user"] }, { action: "sign_in_by_link", entity: "user", entityId: link.userId });
  });
  return link.userId;
}
