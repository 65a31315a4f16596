import { desc, eq, inArray, or } from "drizzle-orm";
import { children, emailOutbox, guardianInvitations, memberships, users } from "../../../db/schema";
import { organizationsWhere, requirePermission } from "../auth/permissions";
import type { Ctx } from "../core/services.server";

/** A link with a secret in it (sign-in, password, invitation, calendar): hidden when mail really goes out. */
const secretLink = /(\/(?:reset-password|invitation|c|calendar)\/)[A-Za-z0-9_-]{16,}(\.ics)?/g;

/**
 * The e-mail outbox, newest first: how administrators see mail when no SMTP server is configured
 * (then they pass links on by hand, so links are shown). Only mail to people of the
 * administrator's organisations (members, and guardians invited for its children). With SMTP
 * configured the mail has gone out, so secret links in it are masked.
 */
export function listOutbox({ ctx, limit = 100 }: { ctx: Ctx; limit?: number }) {
  requirePermission(ctx.user, "view:outbox:org");
  const orgIds = organizationsWhere(ctx.user, "view:outbox:org");
  const { db } = ctx.services;
  const memberAddresses = db.select({ email: users.email }).from(users).innerJoin(memberships, eq(memberships.userId, users.id)).where(inArray(memberships.organizationId, orgIds));
  const invitedAddresses = db.select({ email: guardianInvitations.email }).from(guardianInvitations).innerJoin(children, eq(children.id, guardianInvitations.childId)).where(inArray(children.organizationId, orgIds));
  const rows = db
    .select()
    .from(emailOutbox)
    .where(or(inArray(emailOutbox.toAddress, memberAddresses), inArray(emailOutbox.toAddress, invitedAddresses)))
    .orderBy(desc(emailOutbox.createdAt))
    .limit(limit)
    .all();
  if (!ctx.services.mailTransport) return rows;
  return rows.map((row) => ({ ...row, textBody: row.textBody.replace(secretLink, "$1•••") }));
}
