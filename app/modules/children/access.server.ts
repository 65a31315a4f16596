import { and, eq, inArray } from "drizzle-orm";
import { children, guardianships, memberships, notifications } from "../../../db/schema";
import { organizationsWhere, type Permission } from "../auth/permissions";
import type { Ctx, CurrentUser } from "../core/services.server";
import { forbidden, notFound, unauthenticated } from "../errors";
import type { NotificationKind } from "../notifications/kinds";

/**
 * Access rules shared by the children verbs. A child who is not the user's to see is reported
 * as "not found", never as "forbidden", so ids cannot be probed.
 */
export function requireUser(ctx: Ctx): CurrentUser {
  if (!ctx.user) throw unauthenticated();
  return ctx.user;
}

/** Organisations where the user holds the permission; forbidden when there are none. */
export function requireOrgs(ctx: Ctx, permission: Permission): { user: CurrentUser; orgIds: string[] } {
  const user = requireUser(ctx);
  const orgIds = organizationsWhere(user, permission);
  if (orgIds.length === 0) throw forbidden();
  return { user, orgIds };
}

/** A child of an organisation where the user holds the permission. */
export function childInOrgs(ctx: Ctx, childId: string, permission: Permission) {
  const { user, orgIds } = requireOrgs(ctx, permission);
  const child = ctx.services.db
    .select()
    .from(children)
    .where(and(eq(children.id, childId), inArray(children.organizationId, orgIds)))
    .get();
  if (!child) throw notFound("children:errors.child.notFound");
  return { user, child };
}

/** True when the user is a guardian of the child's account. */
export function isGuardianOf(ctx: Ctx, userId: string, childUserId: string | null): boolean {
  if (!childUserId) return false;
  return !!ctx.services.db
    .select({ id: guardianships.id })
    .from(guardianships)
    .where(and(eq(guardianships.guardianUserId, userId), eq(guardianships.childUserId, childUserId)))
    .get();
}

/** In-app notices for every coordinator of the organisation (their queue page lists them). */
export function notifyCoordinators(ctx: Ctx, organizationId: string, kind: NotificationKind, params: Record<string, string | number>) {
  const { db } = ctx.services;
  const coordinators = db
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.organizationId, organizationId), eq(memberships.role, "coordinator")))
    .all();
  if (coordinators.length === 0) return 0;
  db.insert(notifications)
    .values(coordinators.map((c) => ({ userId: c.userId, kind, params, createdAt: ctx.now })))
    .run();
  return coordinators.length;
}

/** Children's data changes are audited against the child's record, so one query gives its history. */
export function childAudit(action: string, child: { id: string; organizationId: string }) {
  return { action, entity: "child", entityId: child.id, organizationId: child.organizationId };
}
