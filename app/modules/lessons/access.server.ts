import { eq, sql } from "drizzle-orm";
import { preparedPerDb, type Db } from "../../../db/client";
import { children, guardianships, lessons, matches, users, type Lesson, type Match } from "../../../db/schema";
import { can } from "../auth/permissions";
import type { Ctx, CurrentUser } from "../core/services.server";
import { notFound, unauthenticated } from "../errors";

/**
 * Who a user is to a match: its volunteer, the child, a guardian of the child, or a coordinator of
 * its organisation. Verbs name the relations they allow; anyone else gets "not found", so lesson
 * and match ids cannot be probed.
 */
export type Relation = "volunteer" | "child" | "guardian" | "coordinator";

export interface Parties {
  match: Match;
  child: { id: string; userId: string | null; firstName: string };
  volunteer: { id: string; firstName: string };
  guardianIds: string[];
}

/**
 * Every chat message and room event runs these lookups, so they are prepared once per database
 * connection (drizzle's query building costs more than SQLite's answer here).
 */
const statements = preparedPerDb((db: Db) => ({
  lesson: db.select().from(lessons).where(eq(lessons.id, sql.placeholder("id"))).prepare(),
  parties: db
    .select({ match: matches, child: { id: children.id, userId: children.userId, firstName: children.firstName }, volunteer: { id: users.id, firstName: users.firstName } })
    .from(matches)
    .innerJoin(children, eq(children.id, matches.childId))
    .innerJoin(users, eq(users.id, matches.volunteerUserId))
    .where(eq(matches.id, sql.placeholder("id")))
    .prepare(),
  guardians: db.select({ id: guardianships.guardianUserId }).from(guardianships).where(eq(guardianships.childUserId, sql.placeholder("id"))).prepare(),
}));

export function partiesOf(ctx: Ctx, matchId: string): Parties | null {
  const { parties, guardians } = statements(ctx.services.db);
  const row = parties.get({ id: matchId });
  if (!row) return null;
  const guardianIds = row.child.userId ? guardians.all({ id: row.child.userId }).map((g) => g.id) : [];
  return { ...row, guardianIds };
}

export function relationOf(user: CurrentUser, parties: Parties): Relation | null {
  const org = parties.match.organizationId;
  if (user.id === parties.match.volunteerUserId && can(user, "schedule:lesson:own", org)) return "volunteer";
  if (user.id === parties.child.userId && can(user, "join:lesson:own", org)) return "child";
  if (parties.guardianIds.includes(user.id) && can(user, "confirm:lesson:own")) return "guardian";
  if (can(user, "manage:lessons:org", org)) return "coordinator";
  return null;
}

function requireUser(ctx: Ctx): CurrentUser {
  if (!ctx.user) throw unauthenticated();
  return ctx.user;
}

export function requireMatchAccess(ctx: Ctx, matchId: string, allowed: Relation[]) {
  const user = requireUser(ctx);
  const parties = partiesOf(ctx, matchId);
  const relation = parties ? relationOf(user, parties) : null;
  if (!parties || !relation || !allowed.includes(relation)) throw notFound("lessons:errors.match.notFound");
  return { user, parties, relation };
}

export function requireLessonAccess(ctx: Ctx, lessonId: string, allowed: Relation[]): { user: CurrentUser; lesson: Lesson; parties: Parties; relation: Relation } {
  const user = requireUser(ctx);
  const lesson = statements(ctx.services.db).lesson.get({ id: lessonId });
  const parties = lesson ? partiesOf(ctx, lesson.matchId) : null;
  const relation = parties ? relationOf(user, parties) : null;
  if (!lesson || !parties || !relation || !allowed.includes(relation)) throw notFound("lessons:errors.lesson.notFound");
  return { user, lesson, parties, relation };
}

/** Everyone who should hear about a lesson change except the one who made it: volunteer, child and guardians. */
export function otherParties(parties: Parties, actorId: string): string[] {
  return [parties.match.volunteerUserId, parties.child.userId, ...parties.guardianIds].filter((id): id is string => !!id && id !== actorId);
}

export function lessonAudit(action: string, lesson: { id: string; organizationId: string }) {
  return { action, entity: "lesson", entityId: lesson.id, organizationId: lesson.organizationId };
}

