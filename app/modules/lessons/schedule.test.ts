import { describe, expect, it } from "vitest";
import { expandSeries, fitsAvailability, formatRule, isRoomOpen, lessonHours, localToInstant, minuteOfWeek, parseRule, roomWindow } from "./schedule";
import { MAX_OCCURRENCES } from "./vocabulary";

const iso = (d: Date) => d.toISOString();

describe("weekly rules", () => {
  it("round-trips the weekly subset of RRULE", () => {
    expect(formatRule({ interval: 1, count: 10 })).toBe("FREQ=WEEKLY;COUNT=10");
    expect(parseRule("FREQ=WEEKLY;COUNT=10")).toEqual({ interval: 1, count: 10 });
    expect(parseRule("RRULE:FREQ=WEEKLY;INTERVAL=2;UNTIL=20260630T220000Z")).toEqual({ interval: 2, until: new Date("2026-06-30T22:00:00Z") });
    expect(formatRule({ interval: 2, until: new Date("2026-06-30T22:00:00Z") })).toBe("FREQ=WEEKLY;INTERVAL=2;UNTIL=20260630T220000Z");
  });

  it.each(["FREQ=DAILY;COUNT=3", "FREQ=WEEKLY;COUNT=0", "FREQ=WEEKLY;COUNT=2;UNTIL=20260101T000000Z", "FREQ=WEEKLY;BYDAY=MO,TU", "FREQ=WEEKLY;INTERVAL=9", "COUNT=3", "FREQ=WEEKLY;FREQ=WEEKLY", ""])("rejects %j", (text) => {
    expect(parseRule(text)).toBeNull();
  });
});

describe("expanding a series in Europe/Ljubljana", () => {
  it("keeps 17.00 local time across the spring change (last Sunday of March)", () => {
    // Tuesdays 17.00 from 17 March 2026; clocks go forward on 29 March 2026.
    const lessons = expandSeries({ startLocal: "2026-03-17T17:00", durationMinutes: 60, rrule: "FREQ=WEEKLY;COUNT=3" });
    expect(lessons.map((l) => iso(l.start))).toEqual(["2026-03-17T16:00:00.000Z", "2026-03-24T16:00:00.000Z", "2026-03-31T15:00:00.000Z"]);
    expect(lessons.map((l) => iso(l.end))).toEqual(["2026-03-17T17:00:00.000Z", "2026-03-24T17:00:00.000Z", "2026-03-31T16:00:00.000Z"]);
  });

  it("keeps 17.00 local time across the autumn change (last Sunday of October)", () => {
    const lessons = expandSeries({ startLocal: "2026-10-20T17:00", durationMinutes: 45, rrule: "FREQ=WEEKLY;COUNT=2" });
    expect(lessons.map((l) => iso(l.start))).toEqual(["2026-10-20T15:00:00.000Z", "2026-10-27T16:00:00.000Z"]);
    expect(lessons.every((l) => l.end.getTime() - l.start.getTime() === 45 * 60_000)).toBe(true);
  });

  it("keeps the lesson length in real minutes when a lesson spans the change itself", () => {
    // Sunday 29 March 2026, 01.30 local: 02.00–03.00 does not exist that night.
    const [lesson] = expandSeries({ startLocal: "2026-03-29T01:30", durationMinutes: 60, rrule: null });
    expect(iso(lesson!.start)).toBe("2026-03-29T00:30:00.000Z");
    expect(lesson!.end.getTime() - lesson!.start.getTime()).toBe(60 * 60_000);
  });

  it("moves a wall-clock time skipped by the spring change forward, not back", () => {
    expect(iso(localToInstant("2026-03-29T02:30")!)).toBe("2026-03-29T01:30:00.000Z");
    expect(localToInstant("not a date")).toBeNull();
  });

  it("honours INTERVAL and UNTIL (inclusive) and caps open-ended rules", () => {
    const biweekly = expandSeries({ startLocal: "2026-09-01T16:00", durationMinutes: 60, rrule: "FREQ=WEEKLY;INTERVAL=2;UNTIL=20260929T140000Z" });
    expect(biweekly.map((l) => iso(l.start))).toEqual(["2026-09-01T14:00:00.000Z", "2026-09-15T14:00:00.000Z", "2026-09-29T14:00:00.000Z"]);
    expect(expandSeries({ startLocal: "2026-09-01T16:00", durationMinutes: 60, rrule: "FREQ=WEEKLY" })).toHaveLength(MAX_OCCURRENCES);
    expect(expandSeries({ startLocal: "2026-09-01T16:00", durationMinutes: 60, rrule: "FREQ=WEEKLY;COUNT=500" })).toHaveLength(MAX_OCCURRENCES);
    expect(expandSeries({ startLocal: "2026-09-01T16:00", durationMinutes: 60, rrule: "FREQ=MONTHLY" })).toEqual([]);
  });

  it("every occurrence of a weekly series falls on the same weekday and local minute", () => {
    const lessons = expandSeries({ startLocal: "2026-01-05T18:30", durationMinutes: 60, rrule: "FREQ=WEEKLY;COUNT=52" });
    const minutes = new Set(lessons.map((l) => minuteOfWeek(l.start)));
    expect([...minutes]).toEqual([18 * 60 + 30]);
  });
});

describe("availability and the room window", () => {
  it("places a lesson inside one availability interval", () => {
    const availability = [{ start: 16 * 60, end: 18 * 60 }, { start: 24 * 60 + 17 * 60, end: 24 * 60 + 19 * 60 }];
    expect(fitsAvailability(16 * 60, 60, availability)).toBe(true);
    expect(fitsAvailability(17 * 60, 60, availability)).toBe(true);
    expect(fitsAvailability(17 * 60 + 30, 60, availability)).toBe(false);
    expect(fitsAvailability(24 * 60 + 17 * 60, 120, availability)).toBe(true);
    expect(minuteOfWeek(new Date("2026-03-31T15:00:00Z"))).toBe(24 * 60 + 17 * 60);
  });

  it("opens 10 minutes before the start and closes 30 minutes after the end", () => {
    const lesson = { scheduledStart: new Date("2026-03-24T16:00:00Z"), scheduledEnd: new Date("2026-03-24T17:00:00Z"), status: "scheduled" };
    expect(roomWindow(lesson)).toEqual({ opensAt: new Date("2026-03-24T15:50:00Z"), closesAt: new Date("2026-03-24T17:30:00Z") });
    expect(isRoomOpen(lesson, new Date("2026-03-24T15:49:59Z"))).toBe(false);
    expect(isRoomOpen(lesson, new Date("2026-03-24T15:50:00Z"))).toBe(true);
    expect(isRoomOpen(lesson, new Date("2026-03-24T17:30:00Z"))).toBe(true);
    expect(isRoomOpen(lesson, new Date("2026-03-24T17:30:01Z"))).toBe(false);
    expect(isRoomOpen({ ...lesson, status: "cancelled" }, new Date("2026-03-24T16:10:00Z"))).toBe(false);
  });

  it("counts hours in quarter hours, capped at the planned length plus half an hour", () => {
    const start = new Date("2026-03-24T16:00:00Z");
    expect(lessonHours(start, new Date("2026-03-24T16:58:00Z"), 60)).toBe(1);
    expect(lessonHours(start, new Date("2026-03-24T16:02:00Z"), 60)).toBe(0.25);
    expect(lessonHours(start, new Date("2026-03-24T19:00:00Z"), 60)).toBe(1.5);
  });
});
