import { and, asc, eq, inArray } from "drizzle-orm";
import { memberships, organizations, passwordResets, users } from "../../../db/schema";
import { translator } from "../../i18n/i18n";
import { audit } from "../audit/record.server";
import { organizationsWhere, requirePermission } from "../auth/permissions";
import type { Ctx } from "../core/services.server";
import { hashToken, newToken } from "../core/tokens.server";
import { conflict, notFound } from "../errors";
import { sendEmail } from "../mail/send-email.server";
import type { AddMemberInput } from "./schemas";

/** How long a new member's "set your password" link stays valid. */
export const WELCOME_LINK_DAYS = 7;

/** The organisations in which the user holds an administrator's permission, by name. */
export function administeredOrganizations(ctx: Ctx, permission: "manage:members:org" | "manage:programs:org") {
  requirePermission(ctx.user, permission);
  const ids = organizationsWhere(ctx.user, permission);
  return ctx.services.db.select({ id: organizations.id, name: organizations.name }).from(organizations).where(inArray(organizations.id, ids)).orderBy(asc(organizations.name)).all();
}

/** The people of the administrator's organisations with their roles (children are not listed: they have no sign-in of their own here). */
export function listMembers({ ctx }: { ctx: Ctx }) {
  const orgs = administeredOrganizations(ctx, "manage:members:org");
  const rows = ctx.services.db
    .select({ membershipId: memberships.id, organizationId: memberships.organizationId, role: memberships.role, userId: users.id, firstName: users.firstName, lastName: users.lastName, email: users.email, hasPassword: users.passwordHash })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(inArray(memberships.organizationId, orgs.map((o) => o.id)))
    .orderBy(asc(users.lastName), asc(users.firstName))
    .all()
    .filter((row) => row.role !== "child");
  return { organizations: orgs, members: rows.map(({ hasPassword, ...row }) => ({ ...row, invited: hasPassword === null })) };
}

/**
 * Gives someone a role in one of the administrator's organisations. An existing account gets the
 * membership (a person may be a coordinator here and a volunteer elsewhere); a new one is created
 * without a password and gets an e-mail with a link to set it, valid WELCOME_LINK_DAYS days.
 */
export async function addMember({ ctx, input }: { ctx: Ctx; input: AddMemberInput }) {
  const org = administeredOrganizations(ctx, "manage:members:org").find((o) => o.id === input.organizationId);
  if (!org) throw notFound("common:admin.errors.organization.required");
  const { db } = ctx.services;
  const token = newToken();
  const { userId, created } = db.transaction(() => {
    const existing = db.select({ id: users.id }).from(users).where(eq(users.email, input.email)).get();
    if (existing) {
      const already = db.select({ id: memberships.id }).from(memberships).where(and(eq(memberships.userId, existing.id), eq(memberships.organizationId, org.id), eq(memberships.role, input.role))).get();
      if (already) throw conflict("common:admin.errors.alreadyMember");
    }
    const user = existing ?? db.insert(users).values({ email: input.email, firstName: input.firstName, lastName: input.lastName, passwordHash: null }).returning({ id: users.id }).get();
    db.insert(memberships).values({ userId: user.id, organizationId: org.id, role: input.role, createdAt: ctx.now }).run();
    if (!existing) {
      db.insert(passwordResets).values({ userId: user.id, tokenHash: hashToken(token), expiresAt: new Date(ctx.now.getTime() + WELCOME_LINK_DAYS * 86_400_000), createdAt: ctx.now }).run();
    }
    audit(ctx, { action: "add_member", entity: "user", entityId: user.id, organizationId: org.id });
    return { userId: user.id, created: !existing };
  });
  const t = translator(ctx.locale);
  const role = t(`common:roles.${input.role}`);
  await sendEmail(ctx.services, {
    to: input.email,
    subject: t(created ? "common:email.welcome.subject" : "common:email.newRole.subject", { organization: org.name }),
    text: created
      ? t("common:email.welcome.body", { name: input.firstName, organization: org.name, role, url: `${ctx.services.publicUrl}/reset-password/${token}`, days: WELCOME_LINK_DAYS })
      : t("common:email.newRole.body", { organization: org.name, role, url: `${ctx.services.publicUrl}/sign-in` }),
  });
  return { userId, created };
}

/** Takes a role away (pages read roles on every request, so it applies at once). The last administrator of an organisation stays. */
export function removeMembership({ ctx, membershipId }: { ctx: Ctx; membershipId: string }) {
  const orgIds = administeredOrganizations(ctx, "manage:members:org").map((o) => o.id);
  const { db } = ctx.services;
  const membership = db.select().from(memberships).where(eq(memberships.id, membershipId)).get();
  if (!membership || !orgIds.includes(membership.organizationId) || membership.role === "child") throw notFound("common:admin.errors.membership.notFound");
  db.transaction(() => {
    if (membership.role === "admin") {
      const admins = db.select({ id: memberships.id }).from(memberships).where(and(eq(memberships.organizationId, membership.organizationId), eq(memberships.role, "admin"))).all();
      if (admins.length === 1) throw conflict("common:admin.errors.lastAdmin");
    }
    db.delete(memberships).where(eq(memberships.id, membershipId)).run();
    audit(ctx, { action: "remove_member", entity: "user", entityId: membership.userId, organizationId: membership.organizationId });
  });
}
