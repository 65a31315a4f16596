import { DateTime } from "luxon";
import { LESSON_ZONE } from "../lessons/vocabulary";

/**
 * How long a child has waited, as the matching solver counts it: whole calendar weeks
 * (Monday 00:00 in Europe/Ljubljana, ISO weeks) from the week the child started waiting
 * to the week of the run, given as days (7 per week) because the solver takes days and
 * counts ⌊days / 7⌋. Two runs in the same week therefore see every child in the same
 * week, and a run a week later sees every child exactly one week further: the previous
 * optimum carries over (see docs/decisions/0100-matching-solver.md, "Weekly re-run").
 * Counting days from each child's own start instead moves only the children whose
 * seventh day fell between two runs. No start (not waiting) and a start after `now`
 * count 0.
 */
export function matchingWaitingDays(since: Date | null, now: Date): number {
  if (since === null) return 0;
  const weekOf = (at: Date) => DateTime.fromJSDate(at, { zone: LESSON_ZONE }).startOf("week");
  const weeks = Math.round(weekOf(now).diff(weekOf(since), "weeks").weeks);
  return Math.max(0, weeks) * 7;
}
