import { DateTime } from "luxon";
import { WEEK_MINUTES, type Interval } from "../core/availability";
import { LESSON_ZONE, MAX_OCCURRENCES, ROOM_CLOSES_AFTER_MINUTES, ROOM_OPENS_BEFORE_MINUTES } from "./vocabulary";

/**
 * Scheduling maths, pure. Lessons are planned as local wall-clock times in Europe/Ljubljana and
 * stored as UTC instants per occurrence, so a weekly 17.00 lesson stays at 17.00 across the
 * daylight-saving changes (its UTC instant moves by an hour).
 */

/** The part of RFC 5545 RRULE Tandem writes and reads: weekly, with an interval and COUNT or UNTIL. */
export interface WeeklyRule {
  interval: number;
  count?: number;
  /** Inclusive last instant (UTC), from UNTIL=YYYYMMDDTHHMMSSZ. */
  until?: Date;
}


export function formatRule(rule: WeeklyRule): string {
  const parts = ["FREQ=WEEKLY"];
  if (rule.interval !== 1) parts.push(`INTERVAL=${rule.interval}`);
  if (rule.count !== undefined) parts.push(`COUNT=${rule.count}`);
  if (rule.until) parts.push(`UNTIL=${DateTime.fromJSDate(rule.until, { zone: "utc" }).toFormat("yyyyMMdd'T'HHmmss'Z'")}`);
  return parts.join(";");
}

/** Parses the weekly subset; anything else (other frequencies, BYDAY lists) is rejected with null. */
export function parseRule(text: string): WeeklyRule | null {
  const fields = new Map<string, string>();
  for (const part of text.replace(/^RRULE:/i, "").split(";")) {
    const [key, value] = part.split("=");
    if (!key || value === undefined || fields.has(key.toUpperCase())) return null;
    fields.set(key.toUpperCase(), value);
  }
  if (fields.get("FREQ") !== "WEEKLY") return null;
  for (const key of fields.keys()) if (!["FREQ", "INTERVAL", "COUNT", "UNTIL", "WKST"].includes(key)) return null;
  const interval = fields.has("INTERVAL") ? Number(fields.get("INTERVAL")) : 1;
  if (!Number.isInteger(interval) || interval < 1 || interval > 4) return null;
  const rule: WeeklyRule = { interval };
  if (fields.has("COUNT")) {
    const count = Number(fields.get("COUNT"));
    if (!Number.isInteger(count) || count < 1) return null;
    rule.count = count;
  }
  if (fields.has("UNTIL")) {
    const until = DateTime.fromFormat(fields.get("UNTIL")!, "yyyyMMdd'T'HHmmss'Z'", { zone: "utc" });
    if (!until.isValid) return null;
    rule.until = until.toJSDate();
  }
  if (rule.count !== undefined && rule.until) return null;
  return rule;
}

export interface Occurrence {
  start: Date;
  end: Date;
}

/** A local wall-clock time (2026-03-24T17:00) in the zone as an instant; a time skipped by DST moves forward. */
export function localToInstant(startLocal: string, zone = LESSON_ZONE): Date | null {
  const local = DateTime.fromISO(startLocal, { zone });
  return local.isValid ? local.toJSDate() : null;
}

/**
 * Every occurrence of a series: the first at `startLocal`, then every `interval` weeks at the same
 * wall-clock time, until COUNT or UNTIL (never more than MAX_OCCURRENCES). A single lesson has no rule.
 */
export function expandSeries({ startLocal, durationMinutes, rrule, zone = LESSON_ZONE }: { startLocal: string; durationMinutes: number; rrule: string | null; zone?: string }): Occurrence[] {
  const first = DateTime.fromISO(startLocal, { zone });
  if (!first.isValid) return [];
  const at = (start: DateTime) => ({ start: start.toJSDate(), end: start.plus({ minutes: durationMinutes }).toJSDate() });
  if (rrule === null) return [at(first)];
  const rule = parseRule(rrule);
  if (!rule) return [];
  const out: Occurrence[] = [];
  for (let i = 0; out.length < MAX_OCCURRENCES; i++) {
    if (rule.count !== undefined && i >= rule.count) break;
    // plus({ weeks }) keeps the local wall-clock time, so DST changes move the UTC instant instead.
    const start = first.plus({ weeks: i * rule.interval });
    if (rule.until && start.toJSDate() > rule.until) break;
    out.push(at(start));
  }
  return out;
}

/** Minutes since Monday 00:00 local time of an instant (the availability grid's coordinates). */
export function minuteOfWeek(instant: Date, zone = LESSON_ZONE): number {
  const local = DateTime.fromJSDate(instant, { zone });
  return ((local.weekday - 1) * 24 * 60 + local.hour * 60 + local.minute) % WEEK_MINUTES;
}

/** True when [start, start + duration) lies inside one interval of the weekly availability. */
export function fitsAvailability(startMinute: number, durationMinutes: number, availability: Interval[]): boolean {
  const end = startMinute + durationMinutes;
  return availability.some((slot) => slot.start <= startMinute && end <= slot.end);
}

/** When a lesson's room may be entered: 10 minutes before its start until 30 minutes after its end. */
export function roomWindow(lesson: { scheduledStart: Date; scheduledEnd: Date }) {
  return {
    opensAt: new Date(lesson.scheduledStart.getTime() - ROOM_OPENS_BEFORE_MINUTES * 60_000),
    closesAt: new Date(lesson.scheduledEnd.getTime() + ROOM_CLOSES_AFTER_MINUTES * 60_000),
  };
}

export function isRoomOpen(lesson: { scheduledStart: Date; scheduledEnd: Date; status: string }, now: Date): boolean {
  if (lesson.status !== "scheduled" && lesson.status !== "live") return false;
  const { opensAt, closesAt } = roomWindow(lesson);
  return opensAt <= now && now <= closesAt;
}

/** Volunteer hours for a held lesson: its actual length in quarter hours, at least one quarter, at most the planned length plus half an hour. */
export function lessonHours(actualStart: Date, actualEnd: Date, scheduledMinutes: number): number {
  const minutes = Math.max(0, (actualEnd.getTime() - actualStart.getTime()) / 60_000);
  const capped = Math.min(minutes, scheduledMinutes + ROOM_CLOSES_AFTER_MINUTES);
  return Math.max(0.25, Math.round(capped / 15) / 4);
}

/** The local calendar date (YYYY-MM-DD) of an instant in Ljubljana (one implementation, shared with volunteers). */
export { localDate as localDateOf } from "../volunteers/eligibility";
