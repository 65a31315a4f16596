import { and, asc, desc, eq, gte, inArray, lt, max, or } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { children, guardianships, lessonFeedback, lessonReports, lessonSeries, lessons, matches, users } from "../../../db/schema";
import type { Db } from "../../../db/client";
import { organizationsWhere, requirePermission } from "../auth/permissions";
import type { Ctx, CurrentUser } from "../core/services.server";
import { forbidden, unauthenticated } from "../errors";
import { isRoomOpen, localToInstant, parseRule } from "./schedule";
import { QUIET_MATCH_DAYS } from "./vocabulary";

/**
 * Calendars. A volunteer sees the lessons of their own matches, a guardian those of their
 * children, a child their own; coordinators see their organisation's. Lists carry first names
 * only — never anything from the child's record beyond that.
 */
const volunteerUser = alias(users, "volunteer_user");

const lessonColumns = {
  id: lessons.id,
  matchId: lessons.matchId,
  seriesId: lessons.seriesId,
  scheduledStart: lessons.scheduledStart,
  scheduledEnd: lessons.scheduledEnd,
  status: lessons.status,
  changeReason: lessons.changeReason,
  missedReason: lessons.missedReason,
  childFirstName: children.firstName,
  childUserId: children.userId,
  volunteerFirstName: volunteerUser.firstName,
  volunteerUserId: matches.volunteerUserId,
};

function requireUser(ctx: Ctx): CurrentUser {
  if (!ctx.user) throw unauthenticated();
  return ctx.user;
}

/** Ids of the matches whose lessons the user may see as volunteer, child or guardian. */
export function ownMatchIds(db: Db, userId: string): string[] {
  const childUserIds = [userId, ...db.select({ id: guardianships.childUserId }).from(guardianships).where(eq(guardianships.guardianUserId, userId)).all().map((g) => g.id)];
  return db
    .select({ id: matches.id })
    .from(matches)
    .innerJoin(children, eq(children.id, matches.childId))
    .where(or(eq(matches.volunteerUserId, userId), inArray(children.userId, childUserIds)))
    .all()
    .map((m) => m.id);
}

function lessonsOf(ctx: Ctx, where: ReturnType<typeof and>) {
  return ctx.services.db
    .select(lessonColumns)
    .from(lessons)
    .innerJoin(matches, eq(matches.id, lessons.matchId))
    .innerJoin(children, eq(children.id, matches.childId))
    .innerJoin(volunteerUser, eq(volunteerUser.id, matches.volunteerUserId))
    .where(where)
    .orderBy(asc(lessons.scheduledStart))
    .all();
}

/** The user's own calendar: upcoming and recent lessons, proposals waiting for a decision, and (for volunteers) matches to plan. */
export function myCalendar({ ctx, days = 60 }: { ctx: Ctx; days?: number }) {
  const user = requireUser(ctx);
  const ids = ownMatchIds(ctx.services.db, user.id);
  if (ids.length === 0 && !user.memberships.some((m) => ["volunteer", "guardian", "child"].includes(m.role))) throw forbidden();
  const { db } = ctx.services;
  const from = new Date(ctx.now.getTime() - 14 * 86_400_000);
  const to = new Date(ctx.now.getTime() + days * 86_400_000);
  const list = ids.length ? lessonsOf(ctx, and(inArray(lessons.matchId, ids), gte(lessons.scheduledEnd, from), lt(lessons.scheduledStart, to))) : [];
  const reported = new Set(list.length ? db.select({ id: lessonReports.lessonId }).from(lessonReports).where(inArray(lessonReports.lessonId, list.map((l) => l.id))).all().map((r) => r.id) : []);
  const felt = new Set(list.length ? db.select({ id: lessonFeedback.lessonId }).from(lessonFeedback).where(and(eq(lessonFeedback.userId, user.id), inArray(lessonFeedback.lessonId, list.map((l) => l.id)))).all().map((r) => r.id) : []);
  const proposals = ids.length
    ? db
        .select({ id: lessonSeries.id, matchId: lessonSeries.matchId, startLocal: lessonSeries.startLocal, rrule: lessonSeries.rrule, durationMinutes: lessonSeries.durationMinutes, childFirstName: children.firstName, volunteerUserId: matches.volunteerUserId })
        .from(lessonSeries)
        .innerJoin(matches, eq(matches.id, lessonSeries.matchId))
        .innerJoin(children, eq(children.id, matches.childId))
        .where(and(inArray(lessonSeries.matchId, ids), eq(lessonSeries.status, "proposed")))
        .orderBy(asc(lessonSeries.createdAt))
        .all()
    : [];
  const activeMatches = ids.length
    ? db
        .select({ id: matches.id, childFirstName: children.firstName })
        .from(matches)
        .innerJoin(children, eq(children.id, matches.childId))
        .where(and(inArray(matches.id, ids), eq(matches.status, "active"), eq(matches.volunteerUserId, user.id)))
        .all()
    : [];
  return {
    lessons: list.map((l) => ({
      ...l,
      // Only the pair enters the room; guardians see the lesson but not the way in.
      roomOpen: isRoomOpen(l, ctx.now) && (l.volunteerUserId === user.id || l.childUserId === user.id),
      mine: l.volunteerUserId === user.id,
      reported: reported.has(l.id),
      feedbackGiven: felt.has(l.id),
    })),
    proposals: proposals.map((p) => ({ ...p, firstStart: localToInstant(p.startLocal), count: p.rrule ? (parseRule(p.rrule)?.count ?? 1) : 1, mine: p.volunteerUserId === user.id })),
    activeMatches,
  };
}

/** The child's home: the next lesson (open now or the next scheduled one) and the last one to rate. */
export function childNextLesson({ ctx }: { ctx: Ctx }) {
  const { user } = ctx;
  requirePermission(user, "view:child-home:own");
  const ids = ownMatchIds(ctx.services.db, user.id);
  if (ids.length === 0) return { next: null, toRate: null };
  const upcoming = lessonsOf(ctx, and(inArray(lessons.matchId, ids), inArray(lessons.status, ["scheduled", "live"]), gte(lessons.scheduledEnd, new Date(ctx.now.getTime() - 30 * 60_000))));
  const next = upcoming[0] ?? null;
  const last = ctx.services.db
    .select({ id: lessons.id, volunteerFirstName: volunteerUser.firstName })
    .from(lessons)
    .innerJoin(matches, eq(matches.id, lessons.matchId))
    .innerJoin(volunteerUser, eq(volunteerUser.id, matches.volunteerUserId))
    .where(and(inArray(lessons.matchId, ids), eq(lessons.status, "completed"), gte(lessons.scheduledStart, new Date(ctx.now.getTime() - 3 * 86_400_000))))
    .orderBy(desc(lessons.scheduledStart))
    .get();
  const rated = last ? !!ctx.services.db.select({ id: lessonFeedback.lessonId }).from(lessonFeedback).where(and(eq(lessonFeedback.lessonId, last.id), eq(lessonFeedback.userId, user.id))).get() : true;
  return {
    next: next ? { id: next.id, scheduledStart: next.scheduledStart, volunteerFirstName: next.volunteerFirstName, status: next.status, roomOpen: isRoomOpen(next, ctx.now) } : null,
    toRate: last && !rated ? last : null,
  };
}

/**
 * The coordinator's lesson overview for their organisations: the week ahead, lessons live now,
 * missed lessons of the last 30 days, and active matches without a held lesson for 14 days.
 */
export function organizationLessons({ ctx, days = 7 }: { ctx: Ctx; days?: number }) {
  const user = requireUser(ctx);
  const orgIds = organizationsWhere(user, "manage:lessons:org");
  if (orgIds.length === 0) throw forbidden();
  const { db } = ctx.services;
  const inOrgs = inArray(lessons.organizationId, orgIds);
  const upcoming = lessonsOf(ctx, and(inOrgs, gte(lessons.scheduledEnd, ctx.now), lt(lessons.scheduledStart, new Date(ctx.now.getTime() + days * 86_400_000))));
  const live = lessonsOf(ctx, and(inOrgs, eq(lessons.status, "live")));
  const missed = lessonsOf(ctx, and(inOrgs, eq(lessons.status, "missed"), gte(lessons.scheduledStart, new Date(ctx.now.getTime() - 30 * 86_400_000)))).reverse();
  const quietSince = new Date(ctx.now.getTime() - QUIET_MATCH_DAYS * 86_400_000);
  const lastHeld = db
    .select({ matchId: lessons.matchId, last: max(lessons.actualStart) })
    .from(lessons)
    .where(and(inOrgs, eq(lessons.status, "completed")))
    .groupBy(lessons.matchId)
    .all();
  const lastByMatch = new Map(lastHeld.map((l) => [l.matchId, l.last]));
  const quiet = db
    .select({ id: matches.id, childFirstName: children.firstName, volunteerFirstName: volunteerUser.firstName, volunteerLastName: volunteerUser.lastName, activeSince: matches.updatedAt, createdAt: matches.createdAt })
    .from(matches)
    .innerJoin(children, eq(children.id, matches.childId))
    .innerJoin(volunteerUser, eq(volunteerUser.id, matches.volunteerUserId))
    .where(and(inArray(matches.organizationId, orgIds), eq(matches.status, "active")))
    .all()
    .map((m) => ({ ...m, lastLesson: lastByMatch.get(m.id) ?? null }))
    .filter((m) => (m.lastLesson ?? m.activeSince ?? m.createdAt) < quietSince);
  return { upcoming, live, missed, quiet };
}
