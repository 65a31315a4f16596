import { and, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createServices } from "../../app/modules/core/bootstrap.server";
import type { Services } from "../../app/modules/core/services.server";
import { DomainError } from "../../app/modules/errors";
import { myCalendar, organizationLessons } from "../../app/modules/lessons/calendar.server";
import { calendarFeedText, issueCalendarFeed, revokeCalendarFeed } from "../../app/modules/lessons/feed.server";
import { claimDueJobs, closeFinishedLessons, runLessonJobs } from "../../app/modules/lessons/jobs.server";
import { cancelLessons, decideSeries, markMissed, proposeLessons, rescheduleLesson } from "../../app/modules/lessons/schedule.server";
import { proposeSchema } from "../../app/modules/lessons/schemas";
import { auditLog, emailOutbox, lessonSeries, lessons, matches, notifications, scheduledJobs, volunteerHours } from "../../db/schema";
import { createUser } from "../factories";
import { createActiveMatch, createLesson } from "../factories/lessons";
import { createTestServices, ctxFor } from "../setup/test-db";

let services: Services;
beforeEach(() => {
  services = createTestServices();
});
/** The sign-in limiter creates its table asynchronously: let it finish before closing the database. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));
afterEach(async () => {
  await settle();
  services.db.$client.close();
});

/** Tuesday 10 March 2026, noon in Ljubljana: before the spring DST change on 29 March. */
const NOW = new Date("2026-03-10T11:00:00Z");
const weekly = (matchId: string, overrides: Record<string, unknown> = {}) =>
  proposeSchema.parse({ matchId, kind: "weekly", date: "2026-03-23", time: "17:00", durationMinutes: "60", count: "3", ...overrides });

async function codeOf(run: () => unknown): Promise<string> {
  try {
    await run();
    return "OK";
  } catch (error) {
    if (error instanceof DomainError) return `${error.code} ${error.messageKey}`;
    throw error;
  }
}

const kindsFor = (userId: string) => services.db.select({ kind: notifications.kind }).from(notifications).where(eq(notifications.userId, userId)).all().map((n) => n.kind);

describe("proposing and confirming lessons", () => {
  it("creates weekly lessons at 17.00 Ljubljana time across the DST change once the guardian confirms", async () => {
    const { match, volunteer, guardian, childUser } = await createActiveMatch(services);
    const series = await proposeLessons({ ctx: ctxFor(services, volunteer.id, NOW), input: weekly(match.id) });
    expect(series).toMatchObject({ status: "proposed", rrule: "FREQ=WEEKLY;COUNT=3", startLocal: "2026-03-23T17:00", timeZone: "Europe/Ljubljana" });
    expect(kindsFor(guardian.id)).toEqual(["lessonProposed"]);
    expect(services.db.select().from(emailOutbox).all().map((e) => e.subject)).toEqual([expect.stringContaining("Tandem:")]);
    expect(services.db.select().from(lessons).all()).toEqual([]);

    const { lessons: created } = await decideSeries({ ctx: ctxFor(services, guardian.id, NOW), input: { seriesId: series.id, decision: "confirm" } });
    expect(created.map((l) => l.scheduledStart.toISOString())).toEqual(["2026-03-23T16:00:00.000Z", "2026-03-30T15:00:00.000Z", "2026-04-06T15:00:00.000Z"]);
    expect(created.map((l) => l.scheduledEnd.getTime() - l.scheduledStart.getTime())).toEqual([3_600_000, 3_600_000, 3_600_000]);
    expect(services.db.select().from(scheduledJobs).all()).toHaveLength(6);
    expect(kindsFor(volunteer.id)).toEqual(["lessonConfirmed"]);
    expect(kindsFor(childUser.id)).toEqual(["lessonConfirmed"]);
    expect(await codeOf(() => decideSeries({ ctx: ctxFor(services, guardian.id, NOW), input: { seriesId: series.id, decision: "confirm" } }))).toBe("CONFLICT lessons:errors.series.decided");

    const calendar = myCalendar({ ctx: ctxFor(services, volunteer.id, NOW) });
    expect(calendar.lessons.map((l) => [l.childFirstName, l.status])).toEqual([["Maja", "scheduled"], ["Maja", "scheduled"], ["Maja", "scheduled"]]);
    expect(myCalendar({ ctx: ctxFor(services, guardian.id, NOW) }).lessons).toHaveLength(3);
    const inRoomWindow = new Date("2026-03-23T15:55:00Z");
    expect(myCalendar({ ctx: ctxFor(services, volunteer.id, inRoomWindow) }).lessons[0]!.roomOpen).toBe(true);
    expect(myCalendar({ ctx: ctxFor(services, childUser.id, inRoomWindow) }).lessons[0]!.roomOpen).toBe(true);
    expect(myCalendar({ ctx: ctxFor(services, guardian.id, inRoomWindow) }).lessons[0]!.roomOpen).toBe(false);
    expect(myCalendar({ ctx: ctxFor(services, childUser.id, NOW) }).lessons).toHaveLength(3);
  });

  it("refuses slots outside either availability, past dates, other people's matches and inactive matches, storing nothing", async () => {
    const { match, volunteer, guardian, coordinator, organizationId } = await createActiveMatch(services);
    const ctx = ctxFor(services, volunteer.id, NOW);
    // The child is available until 18.00, the volunteer from 17.00.
    expect(await codeOf(() => proposeLessons({ ctx, input: weekly(match.id, { time: "17:30" }) }))).toBe("INVALID lessons:errors.slot.outsideAvailability");
    expect(await codeOf(() => proposeLessons({ ctx, input: weekly(match.id, { time: "16:00" }) }))).toBe("INVALID lessons:errors.slot.outsideAvailability");
    expect(await codeOf(() => proposeLessons({ ctx, input: weekly(match.id, { date: "2026-03-02" }) }))).toBe("INVALID lessons:errors.date.past");
    const other = await createUser(services, { role: "volunteer", organizationId });
    expect(await codeOf(() => proposeLessons({ ctx: ctxFor(services, other.id, NOW), input: weekly(match.id) }))).toBe("NOT_FOUND lessons:errors.match.notFound");
    expect(await codeOf(() => proposeLessons({ ctx: ctxFor(services, guardian.id, NOW), input: weekly(match.id) }))).toBe("NOT_FOUND lessons:errors.match.notFound");
    expect(await codeOf(() => proposeLessons({ ctx: ctxFor(services, coordinator.id, NOW), input: weekly(match.id) }))).toBe("NOT_FOUND lessons:errors.match.notFound");
    services.db.update(matches).set({ status: "paused" }).where(eq(matches.id, match.id)).run();
    expect(await codeOf(() => proposeLessons({ ctx, input: weekly(match.id) }))).toBe("CONFLICT lessons:errors.match.notActive");
    expect(services.db.select().from(lessonSeries).all()).toEqual([]);
    expect(services.db.select().from(notifications).all()).toEqual([]);
  });

  it("rejects malformed input with localised messages", () => {
    const result = proposeSchema.safeParse({ matchId: "m", kind: "weekly", date: "23.3.2026", time: "25:00", durationMinutes: "50" });
    expect(result.success).toBe(false);
    const messages = Object.fromEntries(result.error!.issues.map((i) => [i.path.join("."), i.message]));
    expect(messages).toEqual({ date: "lessons:errors.date.invalid", time: "lessons:errors.time.invalid", durationMinutes: "lessons:errors.duration.invalid", count: "lessons:errors.count.required" });
  });

  it("allows a one-off lesson outside the weekly availability, but never overlapping another lesson of the volunteer", async () => {
    const { match, volunteer, guardian } = await createActiveMatch(services);
    const ctx = ctxFor(services, volunteer.id, NOW);
    const once = await proposeLessons({ ctx, input: proposeSchema.parse({ matchId: match.id, kind: "once", date: "2026-03-14", time: "10:00", durationMinutes: "45" }) });
    expect(once.rrule).toBeNull();
    await decideSeries({ ctx: ctxFor(services, guardian.id, NOW), input: { seriesId: once.id, decision: "confirm" } });
    expect(await codeOf(() => proposeLessons({ ctx, input: proposeSchema.parse({ matchId: match.id, kind: "once", date: "2026-03-14", time: "10:30", durationMinutes: "30" }) }))).toBe("CONFLICT lessons:errors.overlap");
  });

  it("lets the guardian decline with a reason (required), telling the volunteer", async () => {
    const { match, volunteer, guardian } = await createActiveMatch(services);
    const series = await proposeLessons({ ctx: ctxFor(services, volunteer.id, NOW), input: weekly(match.id) });
    const declined = await decideSeries({ ctx: ctxFor(services, guardian.id, NOW), input: { seriesId: series.id, decision: "decline", reason: "Ob ponedeljkih ima trening." } });
    expect(declined.lessons).toEqual([]);
    expect(kindsFor(volunteer.id)).toEqual(["lessonDeclined"]);
    expect(services.db.select().from(lessonSeries).get()).toMatchObject({ status: "declined", reason: "Ob ponedeljkih ima trening." });
  });
});

describe("rescheduling, cancelling and missed lessons", () => {
  async function confirmed() {
    const setup = await createActiveMatch(services);
    const series = await proposeLessons({ ctx: ctxFor(services, setup.volunteer.id, NOW), input: weekly(setup.match.id) });
    const { lessons: created } = await decideSeries({ ctx: ctxFor(services, setup.guardian.id, NOW), input: { seriesId: series.id, decision: "confirm" } });
    services.db.delete(notifications).run();
    return { ...setup, created };
  }

  it("moves one lesson with a reason, re-plans its reminders and tells the others", async () => {
    const { created, guardian, volunteer, childUser } = await confirmed();
    await rescheduleLesson({ ctx: ctxFor(services, guardian.id, NOW), input: { lessonId: created[1]!.id, date: "2026-04-01", time: "16:30", reason: "Zdravnik" } });
    const moved = services.db.select().from(lessons).where(eq(lessons.id, created[1]!.id)).get()!;
    expect(moved.scheduledStart.toISOString()).toBe("2026-04-01T14:30:00.000Z");
    expect(moved.changeReason).toBe("Zdravnik");
    const jobs = services.db.select().from(scheduledJobs).where(eq(scheduledJobs.lessonId, moved.id)).all();
    expect(jobs.map((j) => j.runAt.toISOString()).sort()).toEqual(["2026-03-31T14:30:00.000Z", "2026-04-01T13:30:00.000Z"]);
    expect(kindsFor(volunteer.id)).toEqual(["lessonRescheduled"]);
    expect(kindsFor(childUser.id)).toEqual(["lessonRescheduled"]);
    expect(kindsFor(guardian.id)).toEqual([]);
    expect(await codeOf(() => rescheduleLesson({ ctx: ctxFor(services, childUser.id, NOW), input: { lessonId: moved.id, date: "2026-04-02", time: "16:30", reason: "Ne morem" } }))).toBe("NOT_FOUND lessons:errors.lesson.notFound");
  });

  it("cancels one lesson or the rest of the series, dropping their reminders", async () => {
    const { created, volunteer, guardian } = await confirmed();
    await cancelLessons({ ctx: ctxFor(services, volunteer.id, NOW), input: { lessonId: created[0]!.id, scope: "one", reason: "Bolezen" } });
    expect(services.db.select({ status: lessons.status }).from(lessons).all().map((l) => l.status).sort()).toEqual(["cancelled", "scheduled", "scheduled"]);
    await cancelLessons({ ctx: ctxFor(services, volunteer.id, NOW), input: { lessonId: created[1]!.id, scope: "series", reason: "Konec šolskega leta" } });
    expect(services.db.select({ status: lessons.status }).from(lessons).all().map((l) => l.status)).toEqual(["cancelled", "cancelled", "cancelled"]);
    expect(services.db.select().from(scheduledJobs).all()).toEqual([]);
    expect(services.db.select().from(lessonSeries).get()!.status).toBe("cancelled");
    expect(kindsFor(guardian.id)).toEqual(["lessonCancelled", "lessonCancelled"]);
    expect(await codeOf(() => cancelLessons({ ctx: ctxFor(services, volunteer.id, NOW), input: { lessonId: created[2]!.id, scope: "one", reason: "Znova" } }))).toBe("CONFLICT lessons:errors.lesson.notScheduled");
  });

  it("marks a lesson missed only after its start, and shows coordinators missed lessons and quiet matches", async () => {
    const { created, volunteer, coordinator, match } = await confirmed();
    expect(await codeOf(() => markMissed({ ctx: ctxFor(services, volunteer.id, NOW), input: { lessonId: created[0]!.id, missedReason: "child_absent" } }))).toBe("CONFLICT lessons:errors.lesson.notMissable");
    const later = new Date("2026-03-23T16:20:00Z");
    await markMissed({ ctx: ctxFor(services, volunteer.id, later), input: { lessonId: created[0]!.id, missedReason: "child_absent" } });
    expect(kindsFor(coordinator.id)).toEqual(["lessonMissed"]);
    services.db.update(matches).set({ updatedAt: new Date("2026-03-01T00:00:00Z") }).where(eq(matches.id, match.id)).run();
    const view = organizationLessons({ ctx: ctxFor(services, coordinator.id, later) });
    expect(view.missed.map((l) => [l.id, l.missedReason])).toEqual([[created[0]!.id, "child_absent"]]);
    expect(view.quiet.map((m) => m.id)).toEqual([match.id]);
    expect(await codeOf(() => organizationLessons({ ctx: ctxFor(services, volunteer.id, later) }))).toBe("FORBIDDEN errors.forbidden");
  });

  it("closes rooms that ended: unattended lessons become missed, live ones completed with the volunteer's hours", async () => {
    const { match, coordinator, volunteer } = await createActiveMatch(services);
    const start = new Date("2026-03-09T16:00:00Z");
    const unattended = createLesson(services, match, start);
    const live = createLesson(services, match, new Date("2026-03-09T18:00:00Z"), 60, "live");
    const result = await closeFinishedLessons(services, NOW);
    expect(result).toEqual({ missed: 1, completed: 1 });
    expect(services.db.select().from(lessons).where(eq(lessons.id, unattended.id)).get()).toMatchObject({ status: "missed", missedReason: "no_show" });
    expect(services.db.select().from(lessons).where(eq(lessons.id, live.id)).get()!.status).toBe("completed");
    expect(services.db.select().from(volunteerHours).where(eq(volunteerHours.userId, volunteer.id)).all().map((h) => [h.kind, h.hours, h.source])).toEqual([["lesson", 1.5, `lesson:${live.id}`]]);
    expect(kindsFor(coordinator.id)).toEqual(["lessonMissed"]);
    expect(await closeFinishedLessons(services, NOW)).toEqual({ missed: 0, completed: 0 });
  });
});

describe("reminders", () => {
  it("sends the 24 h and 1 h reminders once, in-app and by e-mail, and never for a cancelled lesson", async () => {
    const { match, volunteer, guardian, childUser } = await createActiveMatch(services);
    const series = await proposeLessons({ ctx: ctxFor(services, volunteer.id, NOW), input: weekly(match.id, { count: "2" }) });
    const { lessons: created } = await decideSeries({ ctx: ctxFor(services, guardian.id, NOW), input: { seriesId: series.id, decision: "confirm" } });
    await cancelLessons({ ctx: ctxFor(services, volunteer.id, NOW), input: { lessonId: created[1]!.id, scope: "one", reason: "Počitnice" } });
    services.db.delete(notifications).run();
    services.db.delete(emailOutbox).run();

    const dayBefore = new Date("2026-03-22T16:00:00Z");
    expect((await runLessonJobs(services, dayBefore, "worker-a")).reminders).toBe(1);
    expect(kindsFor(volunteer.id)).toEqual(["lessonReminder.reminder_24h"]);
    expect(kindsFor(guardian.id)).toEqual(["lessonReminder.reminder_24h"]);
    expect(kindsFor(childUser.id)).toEqual(["lessonReminder.reminder_24h"]);
    expect(services.db.select().from(emailOutbox).all()).toHaveLength(2);
    expect((await runLessonJobs(services, dayBefore, "worker-a")).reminders).toBe(0);
    expect((await runLessonJobs(services, new Date("2026-03-23T15:00:00Z"), "worker-a")).reminders).toBe(1);
    expect(kindsFor(volunteer.id)).toEqual(["lessonReminder.reminder_24h", "lessonReminder.reminder_1h"]);
  });

  it("survives a restart and never hands a job to two processes", async () => {
    const { match } = await createActiveMatch(services);
    const base = new Date("2026-03-20T10:00:00Z");
    for (let i = 0; i < 40; i++) {
      const lesson = createLesson(services, match, new Date(base.getTime() + i * 7 * 86_400_000));
      services.db.insert(scheduledJobs).values({ kind: "reminder_1h", lessonId: lesson.id, runAt: new Date(lesson.scheduledStart.getTime() - 3_600_000) }).run();
    }
    // A second process: its own connection to the same database file.
    const other = createServices(services.config);
    try {
      const far = new Date("2027-06-01T00:00:00Z");
      const claims: string[][] = [];
      for (let round = 0; round < 8; round++) {
        claims.push(claimDueJobs(services.db, far, "a", 3).map((j) => j.id));
        claims.push(claimDueJobs(other.db, far, "b", 4).map((j) => j.id));
      }
      const all = claims.flat();
      expect(all).toHaveLength(40);
      expect(new Set(all).size).toBe(40);
      expect(other.db.select().from(scheduledJobs).where(and(eq(scheduledJobs.claimedBy, "b"))).all().length).toBeGreaterThan(0);
    } finally {
      await settle();
      other.db.$client.close();
    }
  });
});

describe("calendar feed", () => {
  it("serves a private ICS feed of the user's lessons that can be replaced and revoked", async () => {
    const { match, volunteer, guardian, coordinator } = await createActiveMatch(services);
    const series = await proposeLessons({ ctx: ctxFor(services, volunteer.id, NOW), input: weekly(match.id, { count: "2" }) });
    const { lessons: created } = await decideSeries({ ctx: ctxFor(services, guardian.id, NOW), input: { seriesId: series.id, decision: "confirm" } });
    await cancelLessons({ ctx: ctxFor(services, volunteer.id, NOW), input: { lessonId: created[1]!.id, scope: "one", reason: "Počitnice" } });

    const { url } = issueCalendarFeed({ ctx: ctxFor(services, volunteer.id, NOW) });
    const token = url.split("/calendar/")[1]!.replace(".ics", "");
    const ics = calendarFeedText(services, token, NOW)!;
    expect(ics).toContain("BEGIN:VCALENDAR\r\n");
    expect(ics).toContain("DTSTART:20260323T160000Z");
    expect(ics).toContain("DTSTART:20260330T150000Z");
    expect(ics).toContain("SUMMARY:Učna ura: Maja");
    expect(ics.match(/STATUS:CANCELLED/g)).toHaveLength(1);
    expect(ics).not.toContain("Zupan");

    const replaced = issueCalendarFeed({ ctx: ctxFor(services, volunteer.id, NOW) });
    expect(calendarFeedText(services, token, NOW)).toBeNull();
    const newToken = replaced.url.split("/calendar/")[1]!.replace(".ics", "");
    expect(calendarFeedText(services, newToken, NOW)).toContain("VEVENT");
    revokeCalendarFeed({ ctx: ctxFor(services, volunteer.id, NOW) });
    expect(calendarFeedText(services, newToken, NOW)).toBeNull();
    expect(calendarFeedText(services, "../../etc/passwd", NOW)).toBeNull();
    expect(await codeOf(() => issueCalendarFeed({ ctx: ctxFor(services, coordinator.id, NOW) }))).toBe("FORBIDDEN errors.forbidden");
    expect(services.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, volunteer.id)).all().map((a) => a.action)).toEqual(["issue_calendar_feed", "issue_calendar_feed", "revoke_calendar_feed"]);
  });
});
