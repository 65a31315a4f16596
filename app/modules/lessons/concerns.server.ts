import { and, desc, eq, inArray } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { children, concerns, matches, users } from "../../../db/schema";
import { audit } from "../audit/record.server";
import { organizationsWhere } from "../auth/permissions";
import type { Ctx } from "../core/services.server";
import { conflict, forbidden, notFound, unauthenticated } from "../errors";

/** Concerns reported from lessons, for the coordinators of the organisation; reading them is audited. */
const reporter = alias(users, "reporter");

function coordinatorOrgs(ctx: Ctx) {
  if (!ctx.user) throw unauthenticated();
  const orgIds = organizationsWhere(ctx.user, "manage:lessons:org");
  if (orgIds.length === 0) throw forbidden();
  return { user: ctx.user, orgIds };
}

export function listOpenConcerns({ ctx }: { ctx: Ctx }) {
  const { orgIds } = coordinatorOrgs(ctx);
  const rows = ctx.services.db
    .select({
      id: concerns.id,
      organizationId: concerns.organizationId,
      lessonId: concerns.lessonId,
      severity: concerns.severity,
      description: concerns.description,
      createdAt: concerns.createdAt,
      reporterFirstName: reporter.firstName,
      reporterLastName: reporter.lastName,
      childFirstName: children.firstName,
    })
    .from(concerns)
    .innerJoin(reporter, eq(reporter.id, concerns.reporterUserId))
    .leftJoin(matches, eq(matches.id, concerns.matchId))
    .leftJoin(children, eq(children.id, matches.childId))
    .where(and(inArray(concerns.organizationId, orgIds), eq(concerns.status, "open")))
    .orderBy(desc(concerns.createdAt))
    .all();
  for (const row of rows) audit(ctx, { action: "read_concern", entity: "concern", entityId: row.id, organizationId: row.organizationId });
  return rows;
}

export function markConcernHandled({ ctx, concernId }: { ctx: Ctx; concernId: string }) {
  const { user, orgIds } = coordinatorOrgs(ctx);
  const { db } = ctx.services;
  const concern = db.select().from(concerns).where(and(eq(concerns.id, concernId), inArray(concerns.organizationId, orgIds))).get();
  if (!concern) throw notFound("lessons:errors.concern.notFound");
  if (concern.status !== "open") throw conflict("lessons:errors.concern.handled");
  db.transaction(() => {
    db.update(concerns).set({ status: "handled", handlerUserId: user.id }).where(eq(concerns.id, concern.id)).run();
    audit(ctx, { action: "handle_concern", entity: "concern", entityId: concern.id, organizationId: concern.organizationId });
  });
}
