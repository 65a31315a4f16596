import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { languageCookie } from "../../app/modules/core/request.server";
import type { Services } from "../../app/modules/core/services.server";
import { DomainError } from "../../app/modules/errors";
import { listOpenConcerns, markConcernHandled } from "../../app/modules/lessons/concerns.server";
import { reportConcern, roomInfo } from "../../app/modules/lessons/room.server";
import * as roomRoute from "../../app/routes/lessons.$lessonId";
import * as calendarRoute from "../../app/routes/calendar.$token";
import * as lessonsRoute from "../../app/routes/lessons._index";
import { auditLog, lessonFeedback, lessonReports, lessonSeries, notifications } from "../../db/schema";
import { createActiveMatch, createLesson } from "../factories/lessons";
import { callRoute } from "../setup/remix";
import { createTestServices, ctxFor, sessionCookie } from "../setup/test-db";

let services: Services;
beforeEach(() => {
  services = createTestServices();
});
afterEach(async () => {
  await new Promise((resolve) => setTimeout(resolve, 20));
  services.db.$client.close();
});

async function codeOf(run: () => unknown): Promise<string> {
  try {
    await run();
    return "OK";
  } catch (error) {
    if (error instanceof DomainError) return `${error.code} ${error.messageKey}`;
    throw error;
  }
}

describe("the lesson room page", () => {
  it("lets the pair and coordinators (audited, as observers) in, and nobody else", async () => {
    const { match, volunteer, childUser, guardian, coordinator } = await createActiveMatch(services);
    const lesson = createLesson(services, match, new Date(Date.now() + 5 * 60_000));
    expect(roomInfo({ ctx: ctxFor(services, volunteer.id), lessonId: lesson.id })).toMatchObject({ role: "volunteer", open: true, childFirstName: "Maja" });
    expect(roomInfo({ ctx: ctxFor(services, childUser.id), lessonId: lesson.id }).role).toBe("child");
    expect(roomInfo({ ctx: ctxFor(services, coordinator.id), lessonId: lesson.id }).role).toBe("observer");
    expect(services.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, lesson.id)).all()).toEqual([{ action: "observe_lesson" }]);
    expect(await codeOf(() => roomInfo({ ctx: ctxFor(services, guardian.id), lessonId: lesson.id }))).toBe("NOT_FOUND lessons:errors.lesson.notFound");
    const response = await callRoute(roomRoute.loader, services, { cookie: await sessionCookie(services, guardian.id), params: { lessonId: lesson.id } });
    expect(response.status).toBe(404);
  });

  it("takes the volunteer's report and the child's face only after the lesson, with localised errors", async () => {
    const { match, volunteer, childUser, coordinator } = await createActiveMatch(services);
    const lesson = createLesson(services, match, new Date(Date.now() - 2 * 60 * 60_000), 60, "completed");
    const upcoming = createLesson(services, match, new Date(Date.now() + 2 * 60 * 60_000));
    const volunteerCookie = await sessionCookie(services, volunteer.id);
    const tooShort = await callRoute(roomRoute.action, services, { method: "POST", cookie: volunteerCookie, params: { lessonId: lesson.id }, body: { intent: "report", summary: "kratko" } });
    expect(tooShort.status).toBe(400);
    expect((await tooShort.json()).result.error.summary).toEqual(["lessons:errors.summary.tooShort"]);
    const early = await callRoute(roomRoute.action, services, { method: "POST", cookie: volunteerCookie, params: { lessonId: upcoming.id }, body: { intent: "report", summary: "Ponovila sva ulomke." } });
    expect((await early.json()).result.error[""]).toEqual(["lessons:errors.lesson.notCompleted"]);
    const saved = await callRoute(roomRoute.action, services, { method: "POST", cookie: volunteerCookie, params: { lessonId: lesson.id }, body: { intent: "report", summary: "Ponovila sva ulomke." } });
    expect(saved.status).toBe(302);
    expect(services.db.select().from(lessonReports).all().map((r) => r.summary)).toEqual(["Ponovila sva ulomke."]);

    const childCookie = await sessionCookie(services, childUser.id);
    const bad = await callRoute(roomRoute.action, services, { method: "POST", cookie: childCookie, params: { lessonId: lesson.id }, body: { intent: "feedback", emoji: "angry" } });
    expect((await bad.json()).result.error.emoji).toEqual(["lessons:errors.emoji.invalid"]);
    const sad = await callRoute(roomRoute.action, services, { method: "POST", cookie: childCookie, params: { lessonId: lesson.id }, body: { intent: "feedback", emoji: "sad" } });
    expect(sad.headers.get("Location")).toBe("/child");
    expect(services.db.select().from(lessonFeedback).all().map((f) => f.emoji)).toEqual(["sad"]);
    expect(services.db.select({ kind: notifications.kind }).from(notifications).where(eq(notifications.userId, coordinator.id)).all()).toEqual([{ kind: "lessonSadFeedback" }]);
    // The volunteer cannot give the child's feedback.
    const notChild = await callRoute(roomRoute.action, services, { method: "POST", cookie: volunteerCookie, params: { lessonId: lesson.id }, body: { intent: "feedback", emoji: "great" } });
    expect(notChild.status).toBe(404);
  });
});

describe("concerns", () => {
  it("reach the coordinators of the organisation, who read (audited) and close them", async () => {
    const { match, guardian, coordinator } = await createActiveMatch(services);
    const other = await createActiveMatch(services);
    const lesson = createLesson(services, match, new Date(Date.now() - 10 * 60_000), 60, "live");
    const { concernId } = await reportConcern({ ctx: ctxFor(services, guardian.id), input: { lessonId: lesson.id, severity: "medium", description: "Maja je po uri jokala." } });
    expect(listOpenConcerns({ ctx: ctxFor(services, coordinator.id) }).map((c) => [c.id, c.childFirstName, c.reporterFirstName])).toEqual([[concernId, "Maja", "Mojca"]]);
    expect(listOpenConcerns({ ctx: ctxFor(services, other.coordinator.id) })).toEqual([]);
    expect(await codeOf(() => markConcernHandled({ ctx: ctxFor(services, other.coordinator.id), concernId }))).toBe("NOT_FOUND lessons:errors.concern.notFound");
    markConcernHandled({ ctx: ctxFor(services, coordinator.id), concernId });
    expect(listOpenConcerns({ ctx: ctxFor(services, coordinator.id) })).toEqual([]);
    expect(await codeOf(() => markConcernHandled({ ctx: ctxFor(services, coordinator.id), concernId }))).toBe("CONFLICT lessons:errors.concern.handled");
    expect(services.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, concernId)).all().map((a) => a.action)).toEqual(["report_concern", "read_concern", "handle_concern"]);
    expect(await codeOf(() => listOpenConcerns({ ctx: ctxFor(services, guardian.id) }))).toBe("FORBIDDEN errors.forbidden");
  });
});

describe("lesson pages", () => {
  it("proposes through the form, refusing bad input with messages and storing nothing", async () => {
    const { match, volunteer } = await createActiveMatch(services);
    const cookie = await sessionCookie(services, volunteer.id);
    const bad = await callRoute(lessonsRoute.action, services, { method: "POST", cookie, body: { intent: "propose", matchId: match.id, kind: "weekly", date: "2030-01-07", time: "7 pm", durationMinutes: "60", count: "99" } });
    expect(bad.status).toBe(400);
    const errors = (await bad.json()).result.error;
    expect(errors.time).toEqual(["lessons:errors.time.invalid"]);
    expect(errors.count).toEqual(["lessons:errors.count.invalid"]);
    const unknown = await callRoute(lessonsRoute.action, services, { method: "POST", cookie, body: { intent: "bogus" } });
    expect(unknown.status).toBe(400);
    expect(services.db.select().from(lessonSeries).all()).toEqual([]);
    // 7 January 2030 is a Monday; 17.00 lies in both availabilities.
    const ok = await callRoute(lessonsRoute.action, services, { method: "POST", cookie, body: { intent: "propose", matchId: match.id, kind: "weekly", date: "2030-01-07", time: "17:00", durationMinutes: "60", count: "4" } });
    expect(ok.status).toBe(302);
    expect(services.db.select().from(lessonSeries).all()).toHaveLength(1);
  });

  it("answers an unknown calendar token with a localised 404 and a valid one with text/calendar", async () => {
    const { volunteer } = await createActiveMatch(services);
    const unknown = await callRoute(calendarRoute.loader, services, { params: { token: "nope.ics" } });
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get("Content-Type")).toBe("text/plain; charset=utf-8");
    expect(await unknown.text()).toBe("Te povezave za koledar ni ali pa je bila preklicana.");
    const english = (await languageCookie.serialize("en")).split(";")[0]!;
    const unknownEn = await callRoute(calendarRoute.loader, services, { params: { token: "A".repeat(43) }, cookie: english });
    expect(unknownEn.status).toBe(404);
    expect(await unknownEn.text()).toBe("This calendar link does not exist or has been revoked.");
    const cookie = await sessionCookie(services, volunteer.id);
    const issued = await callRoute(lessonsRoute.action, services, { method: "POST", cookie, body: { intent: "issueFeed" } });
    const { feedUrl } = await issued.json();
    const token = feedUrl.split("/calendar/")[1];
    const feed = await callRoute(calendarRoute.loader, services, { params: { token } });
    expect(feed.status).toBe(200);
    expect(feed.headers.get("Content-Type")).toBe("text/calendar; charset=utf-8");
    expect(await feed.text()).toContain("BEGIN:VCALENDAR");
    // A revoked link answers like an unknown one.
    await callRoute(lessonsRoute.action, services, { method: "POST", cookie, body: { intent: "revokeFeed" } });
    const revoked = await callRoute(calendarRoute.loader, services, { params: { token } });
    expect(revoked.status).toBe(404);
    expect(await revoked.text()).toBe("Te povezave za koledar ni ali pa je bila preklicana.");
  });
});
