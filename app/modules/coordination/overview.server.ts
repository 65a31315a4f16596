import { and, count, eq, inArray } from "drizzle-orm";
import { memberships, organizations, programs } from "../../../db/schema";
import { organizationsWhere, requirePermission } from "../auth/permissions";
import type { Ctx } from "../core/services.server";

/** Per organisation the coordinator serves: its programmes and how many people hold each role. */
export function coordinationOverview({ ctx }: { ctx: Ctx }) {
  requirePermission(ctx.user, "view:coordination:org");
  const orgIds = organizationsWhere(ctx.user, "view:coordination:org");
  const { db } = ctx.services;
  const orgs = db.select({ id: organizations.id, name: organizations.name }).from(organizations).where(inArray(organizations.id, orgIds)).all();
  return orgs.map((org) => ({
    ...org,
    programs: db.select({ id: programs.id, name: programs.name, kind: programs.kind }).from(programs).where(eq(programs.organizationId, org.id)).all(),
    counts: Object.fromEntries(
      db
        .select({ role: memberships.role, n: count() })
        .from(memberships)
        .where(and(eq(memberships.organizationId, org.id)))
        .groupBy(memberships.role)
        .all()
        .map((row) => [row.role, row.n]),
    ) as Partial<Record<string, number>>,
  }));
}
