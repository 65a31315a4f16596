import { z } from "zod";

/**
 * Weekly availability: half-open intervals [start, end) in minutes since Monday 00:00, local time
 * in Europe/Ljubljana, on a 30-minute grid. Forms send one checkbox value per chosen half hour
 * (`slots`), which is merged into intervals here.
 */
export const SLOT_MINUTES = 30;
export const WEEK_MINUTES = 7 * 24 * 60;
/** The grid offered in forms: 7.00–21.00 every day. */
export const GRID_FIRST_MINUTE = 7 * 60;
export const GRID_LAST_MINUTE = 21 * 60;

export interface Interval {
  start: number;
  end: number;
}

export function mergeSlots(slotStarts: number[]): Interval[] {
  const sorted = [...new Set(slotStarts)].sort((a, b) => a - b);
  const intervals: Interval[] = [];
  for (const start of sorted) {
    const last = intervals[intervals.length - 1];
    if (last && last.end === start) last.end = start + SLOT_MINUTES;
    else intervals.push({ start, end: start + SLOT_MINUTES });
  }
  return intervals;
}

export function slotsOf(intervals: Interval[]): number[] {
  return intervals.flatMap(({ start, end }) => Array.from({ length: (end - start) / SLOT_MINUTES }, (_, i) => start + i * SLOT_MINUTES));
}

/** Total minutes shared by two availabilities. */
export function overlapMinutes(a: Interval[], b: Interval[]): number {
  let total = 0;
  for (const x of a) for (const y of b) total += Math.max(0, Math.min(x.end, y.end) - Math.max(x.start, y.start));
  return total;
}

const slotStart = z.coerce
  .number({ invalid_type_error: "errors.availability.invalid" })
  .int("errors.availability.invalid")
  .min(0, "errors.availability.invalid")
  .max(WEEK_MINUTES - SLOT_MINUTES, "errors.availability.invalid")
  .refine((m) => m % SLOT_MINUTES === 0, "errors.availability.invalid");

/** Form field: one or more chosen half hours, turned into merged intervals. */
export const availabilitySchema = z
  .array(slotStart, { required_error: "errors.availability.empty" })
  .min(1, "errors.availability.empty")
  .transform(mergeSlots);

export const dayKeys = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;

export function dayOf(minuteOfWeek: number): (typeof dayKeys)[number] {
  return dayKeys[Math.floor(minuteOfWeek / (24 * 60))]!;
}

/** "17.30" style clock time of a minute of the week (Slovenian writes times with a dot). */
export function clockOf(minuteOfWeek: number, separator = "."): string {
  const m = minuteOfWeek % (24 * 60);
  return `${Math.floor(m / 60)}${separator}${String(m % 60).padStart(2, "0")}`;
}
