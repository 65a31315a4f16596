import { and, eq, gt, inArray, lt } from "drizzle-orm";
import { childAvailability, lessonSeries, lessons, matches, volunteerProfiles } from "../../../db/schema";
import { audit } from "../audit/record.server";
import type { Ctx } from "../core/services.server";
import { conflict, invalid, notFound } from "../errors";
import { coordinatorIdsOf, notify } from "../notifications/notify.server";
import { lessonAudit, otherParties, requireLessonAccess, requireMatchAccess } from "./access.server";
import { dropReminders, planReminders } from "./jobs.server";
import { expandSeries, fitsAvailability, formatRule, localToInstant, minuteOfWeek } from "./schedule";
import type { CancelInput, DecideSeriesInput, MarkMissedInput, ProposeInput, RescheduleInput } from "./schemas";
import { LESSON_ZONE } from "./vocabulary";

/**
 * Scheduling verbs. The volunteer proposes (a weekly slot inside both weekly availabilities, or a
 * single lesson), a guardian (or a coordinator for them) confirms, which creates the lessons and
 * their reminders; any adult party may reschedule or cancel one lesson or the rest of a series
 * with a reason, and the others are told.
 */
export async function proposeLessons({ ctx, input }: { ctx: Ctx; input: ProposeInput }) {
  const { user, parties } = requireMatchAccess(ctx, input.matchId, ["volunteer"]);
  const { db } = ctx.services;
  if (parties.match.status !== "active") throw conflict("lessons:errors.match.notActive");
  const startLocal = `${input.date}T${input.time}`;
  const first = localToInstant(startLocal);
  if (!first) throw invalid("lessons:errors.date.invalid");
  if (first <= ctx.now) throw invalid("lessons:errors.date.past");
  const rrule = input.kind === "weekly" ? formatRule({ interval: 1, count: input.count! }) : null;
  if (input.kind === "weekly") {
    const minute = minuteOfWeek(first);
    const profile = db
      .select({ availability: volunteerProfiles.availability })
      .from(volunteerProfiles)
      .where(and(eq(volunteerProfiles.userId, user.id), eq(volunteerProfiles.organizationId, parties.match.organizationId)))
      .get();
    const childSlots = db.select({ start: childAvailability.startMinute, end: childAvailability.endMinute }).from(childAvailability).where(eq(childAvailability.childId, parties.child.id)).all();
    if (!fitsAvailability(minute, input.durationMinutes, profile?.availability ?? []) || !fitsAvailability(minute, input.durationMinutes, childSlots)) {
      throw invalid("lessons:errors.slot.outsideAvailability");
    }
  }
  requireNoOverlap(ctx, user.id, expandSeries({ startLocal, durationMinutes: input.durationMinutes, rrule }));
  const series = db.transaction(() => {
    const row = db
      .insert(lessonSeries)
      .values({ matchId: parties.match.id, organizationId: parties.match.organizationId, rrule, startLocal, timeZone: LESSON_ZONE, durationMinutes: input.durationMinutes, status: "proposed", proposedBy: user.id, createdAt: ctx.now })
      .returning()
      .get();
    audit(ctx, { action: "propose_lessons", entity: "lesson_series", entityId: row.id, organizationId: row.organizationId });
    return row;
  });
  const deciders = parties.guardianIds.length > 0 ? parties.guardianIds : coordinatorIdsOf(ctx.services, parties.match.organizationId);
  await notify(ctx.services, deciders, { kind: "lessonProposed", params: { name: parties.child.firstName, when: first.getTime(), count: input.count ?? 1 }, email: true }, ctx.now);
  return series;
}

/** The volunteer's other lessons must not overlap the proposed ones. */
function requireNoOverlap(ctx: Ctx, volunteerUserId: string, occurrences: { start: Date; end: Date }[], except?: string) {
  if (occurrences.length === 0) throw invalid("lessons:errors.date.invalid");
  const { db } = ctx.services;
  const first = occurrences[0]!.start;
  const last = occurrences[occurrences.length - 1]!.end;
  const taken = db
    .select({ id: lessons.id, start: lessons.scheduledStart, end: lessons.scheduledEnd })
    .from(lessons)
    .innerJoin(matches, eq(matches.id, lessons.matchId))
    .where(and(eq(matches.volunteerUserId, volunteerUserId), inArray(lessons.status, ["scheduled", "live"]), lt(lessons.scheduledStart, last), gt(lessons.scheduledEnd, first)))
    .all()
    .filter((l) => l.id !== except);
  if (occurrences.some((o) => taken.some((t) => t.start < o.end && o.start < t.end))) throw conflict("lessons:errors.overlap");
}

/** A guardian (or a coordinator on the family's behalf) confirms or declines a proposal. */
export async function decideSeries({ ctx, input }: { ctx: Ctx; input: DecideSeriesInput }) {
  const { db } = ctx.services;
  const series = db.select().from(lessonSeries).where(eq(lessonSeries.id, input.seriesId)).get();
  if (!series) throw notFound("lessons:errors.series.notFound");
  const { user, parties } = requireMatchAccess(ctx, series.matchId, ["guardian", "coordinator"]);
  if (series.status !== "proposed") throw conflict("lessons:errors.series.decided");
  if (input.decision === "confirm" && parties.match.status !== "active") throw conflict("lessons:errors.match.notActive");
  const occurrences = expandSeries({ startLocal: series.startLocal, durationMinutes: series.durationMinutes, rrule: series.rrule, zone: series.timeZone }).filter((o) => o.start > ctx.now);
  if (input.decision === "confirm") {
    if (occurrences.length === 0) throw conflict("lessons:errors.series.expired");
    requireNoOverlap(ctx, parties.match.volunteerUserId, occurrences);
  }
  const created = db.transaction(() => {
    const changed = db
      .update(lessonSeries)
      .set({ status: input.decision === "confirm" ? "confirmed" : "declined", decidedBy: user.id, decidedAt: ctx.now, reason: input.reason || null })
      .where(and(eq(lessonSeries.id, series.id), eq(lessonSeries.status, "proposed")))
      .run().changes;
    if (!changed) throw conflict("lessons:errors.series.decided");
    audit(ctx, { action: `${input.decision}_lessons`, entity: "lesson_series", entityId: series.id, organizationId: series.organizationId });
    if (input.decision === "decline") return [];
    return occurrences.map((o) => {
      const lesson = db
        .insert(lessons)
        .values({ matchId: series.matchId, seriesId: series.id, organizationId: series.organizationId, scheduledStart: o.start, scheduledEnd: o.end, createdAt: ctx.now })
        .returning()
        .get();
      planReminders(db, lesson, ctx.now);
      return lesson;
    });
  });
  const kind = input.decision === "confirm" ? "lessonConfirmed" : "lessonDeclined";
  await notify(ctx.services, otherParties(parties, user.id), { kind, params: { name: parties.child.firstName, when: occurrences[0]?.start.getTime() ?? 0, count: created.length, reason: input.reason ?? "" }, email: true }, ctx.now);
  return { lessons: created };
}

export async function rescheduleLesson({ ctx, input }: { ctx: Ctx; input: RescheduleInput }) {
  const { user, lesson, parties } = requireLessonAccess(ctx, input.lessonId, ["volunteer", "guardian", "coordinator"]);
  const { db } = ctx.services;
  if (lesson.status !== "scheduled") throw conflict("lessons:errors.lesson.notScheduled");
  const start = localToInstant(`${input.date}T${input.time}`);
  if (!start) throw invalid("lessons:errors.date.invalid");
  if (start <= ctx.now) throw invalid("lessons:errors.date.past");
  const end = new Date(start.getTime() + (lesson.scheduledEnd.getTime() - lesson.scheduledStart.getTime()));
  requireNoOverlap(ctx, parties.match.volunteerUserId, [{ start, end }], lesson.id);
  db.transaction(() => {
    db.update(lessons).set({ scheduledStart: start, scheduledEnd: end, changeReason: input.reason, changedBy: user.id, updatedAt: ctx.now }).where(eq(lessons.id, lesson.id)).run();
    planReminders(db, { id: lesson.id, scheduledStart: start }, ctx.now);
    audit(ctx, lessonAudit("reschedule_lesson", lesson));
  });
  await notify(ctx.services, otherParties(parties, user.id), { kind: "lessonRescheduled", params: { from: lesson.scheduledStart.getTime(), when: start.getTime(), reason: input.reason, name: parties.child.firstName }, email: true }, ctx.now);
}

/** Cancels one lesson, or it and every later scheduled lesson of its series (the series ends). */
export async function cancelLessons({ ctx, input }: { ctx: Ctx; input: CancelInput }) {
  const { user, lesson, parties } = requireLessonAccess(ctx, input.lessonId, ["volunteer", "guardian", "coordinator"]);
  const { db } = ctx.services;
  if (lesson.status !== "scheduled") throw conflict("lessons:errors.lesson.notScheduled");
  const cancelled = db.transaction(() => {
    const targets =
      input.scope === "one"
        ? [lesson.id]
        : db
            .select({ id: lessons.id })
            .from(lessons)
            .where(and(eq(lessons.seriesId, lesson.seriesId), eq(lessons.status, "scheduled"), gt(lessons.scheduledStart, new Date(lesson.scheduledStart.getTime() - 1))))
            .all()
            .map((l) => l.id);
    db.update(lessons).set({ status: "cancelled", changeReason: input.reason, changedBy: user.id, updatedAt: ctx.now }).where(inArray(lessons.id, targets)).run();
    if (input.scope === "series") db.update(lessonSeries).set({ status: "cancelled", reason: input.reason }).where(eq(lessonSeries.id, lesson.seriesId)).run();
    dropReminders(db, targets);
    audit(ctx, lessonAudit(input.scope === "one" ? "cancel_lesson" : "cancel_series", lesson));
    return targets.length;
  });
  await notify(ctx.services, otherParties(parties, user.id), { kind: "lessonCancelled", params: { when: lesson.scheduledStart.getTime(), count: cancelled, reason: input.reason, name: parties.child.firstName }, email: true }, ctx.now);
  return { cancelled };
}

/** The volunteer or a coordinator records why a lesson that should have started did not happen. */
export async function markMissed({ ctx, input }: { ctx: Ctx; input: MarkMissedInput }) {
  const { lesson } = requireLessonAccess(ctx, input.lessonId, ["volunteer", "coordinator"]);
  const { db } = ctx.services;
  if (lesson.status !== "scheduled" || lesson.scheduledStart > ctx.now) throw conflict("lessons:errors.lesson.notMissable");
  db.transaction(() => {
    db.update(lessons).set({ status: "missed", missedReason: input.missedReason, changedBy: ctx.user!.id, updatedAt: ctx.now }).where(and(eq(lessons.id, lesson.id), eq(lessons.status, "scheduled"))).run();
    dropReminders(db, [lesson.id]);
    audit(ctx, lessonAudit("mark_missed", lesson));
  });
  await notify(ctx.services, coordinatorIdsOf(ctx.services, lesson.organizationId), { kind: "lessonMissed", params: { lessonId: lesson.id, when: lesson.scheduledStart.getTime() } }, ctx.now);
}

