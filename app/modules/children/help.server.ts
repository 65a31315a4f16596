import { and, desc, eq, gt, inArray, isNull } from "drizzle-orm";
import { children, memberships, notifications, users } from "../../../db/schema";
import { audit } from "../audit/record.server";
import { requirePermission } from "../auth/permissions";
import type { Ctx } from "../core/services.server";
import { notFound } from "../errors";
import { notifyCoordinators, requireOrgs } from "./access.server";

/** Kinds of in-app notices the children domain sends to coordinators. */
export const childAlertKinds = ["child_help", "consent_withdrawn", "referral_submitted", "referral_info_reply"] as const;

/** A second tap within this window is acknowledged without notifying everyone again. */
const HELP_REPEAT_MINUTES = 10;

/**
 * The child's "call for help" button: every coordinator of the child's organisation gets an
 * in-app notice (shown on their queue page). No socket push yet: domain verbs have no emitter.
 */
export function requestHelp({ ctx }: { ctx: Ctx }) {
  requirePermission(ctx.user, "request:help:own");
  const user = ctx.user;
  const { db } = ctx.services;
  const child = db.select({ id: children.id, organizationId: children.organizationId }).from(children).where(eq(children.userId, user.id)).get();
  const orgIds = child ? [child.organizationId] : user.memberships.filter((m) => m.role === "child").map((m) => m.organizationId);
  const since = new Date(ctx.now.getTime() - HELP_REPEAT_MINUTES * 60_000);
  const recent = db
    .select({ id: notifications.id, params: notifications.params })
    .from(notifications)
    .where(and(eq(notifications.kind, "child_help"), gt(notifications.createdAt, since)))
    .all()
    .some((n) => n.params.childUserId === user.id);
  if (recent) return { notified: 0, repeated: true };
  return db.transaction(() => {
    let notified = 0;
    for (const organizationId of orgIds) {
      notified += notifyCoordinators(ctx, organizationId, "child_help", { childUserId: user.id, ...(child ? { childId: child.id } : {}) });
    }
    audit(ctx, child ? { action: "request_help", entity: "child", entityId: child.id, organizationId: child.organizationId } : { action: "request_help", entity: "user", entityId: user.id });
    return { notified, repeated: false };
  });
}

/** The coordinator's unread notices about children, newest first, with the child's name. */
export function listChildAlerts({ ctx }: { ctx: Ctx }) {
  const { user, orgIds } = requireOrgs(ctx, "triage:referral:org");
  const { db } = ctx.services;
  const rows = db
    .select({ id: notifications.id, kind: notifications.kind, params: notifications.params, createdAt: notifications.createdAt })
    .from(notifications)
    .where(and(eq(notifications.userId, user.id), isNull(notifications.readAt), inArray(notifications.kind, [...childAlertKinds])))
    .orderBy(desc(notifications.createdAt))
    .limit(50)
    .all();
  const childIds = rows.map((r) => r.params.childId).filter((id): id is string => typeof id === "string");
  const childUserIds = rows.map((r) => r.params.childUserId).filter((id): id is string => typeof id === "string");
  const known = db
    .select({ id: children.id, userId: children.userId, firstName: children.firstName, lastName: children.lastName })
    .from(children)
    .where(and(inArray(children.organizationId, orgIds), inArray(children.id, childIds.length ? childIds : [""])))
    .all();
  // Children without a record in this domain yet (e.g. created before referrals existed) are named by their account.
  const accounts = db
    .select({ id: users.id, firstName: users.firstName, lastName: users.lastName })
    .from(users)
    .where(inArray(users.id, childUserIds.length ? childUserIds : [""]))
    .all();
  const inOrgs = new Set(
    db
      .select({ userId: memberships.userId })
      .from(memberships)
      .where(and(inArray(memberships.organizationId, orgIds), eq(memberships.role, "child")))
      .all()
      .map((m) => m.userId),
  );
  return rows.flatMap((row) => {
    const child = known.find((c) => c.id === row.params.childId);
    const account = accounts.find((a) => a.id === row.params.childUserId && inOrgs.has(a.id));
    const person = child ?? account;
    if (!person) return [];
    return [
      {
        id: row.id,
        kind: row.kind,
        purpose: typeof row.params.purpose === "string" ? row.params.purpose : null,
        childId: child?.id ?? null,
        firstName: person.firstName,
        lastName: person.lastName,
        createdAt: row.createdAt,
      },
    ];
  });
}

export function dismissChildAlert({ ctx, notificationId }: { ctx: Ctx; notificationId: string }) {
  const { user } = requireOrgs(ctx, "triage:referral:org");
  const result = ctx.services.db
    .update(notifications)
    .set({ readAt: ctx.now })
    .where(and(eq(notifications.id, notificationId), eq(notifications.userId, user.id)))
    .run();
  if (result.changes === 0) throw notFound();
}
