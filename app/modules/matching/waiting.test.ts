import fc from "fast-check";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { solve, waitingPriority, type PairTuple } from "./solver";
import { matchingWaitingDays } from "./waiting";

const at = (iso: string) => DateTime.fromISO(iso, { zone: "Europe/Ljubljana" }).toJSDate();

describe("waiting time counted in calendar weeks (Monday, Europe/Ljubljana)", () => {
  it("counts the Mondays between the start and the run, not days", () => {
    // One hour apart across midnight from Sunday to Monday: a week.
    expect(matchingWaitingDays(at("2026-11-29T23:30"), at("2026-11-30T00:30"))).toBe(7);
    // Monday morning to Sunday night of the same week: no week yet.
    expect(matchingWaitingDays(at("2026-11-23T08:00"), at("2026-11-29T22:00"))).toBe(0);
    // Local midnight, not UTC: 23:30 UTC on Sunday is already Monday in Ljubljana.
    expect(matchingWaitingDays(new Date("2026-11-22T23:30:00Z"), at("2026-11-23T12:00"))).toBe(0);
    expect(matchingWaitingDays(at("2026-10-01T10:00"), at("2026-12-02T10:00"))).toBe(9 * 7);
  });

  it("keeps whole weeks across the clock changes", () => {
    expect(matchingWaitingDays(at("2026-03-23T09:00"), at("2026-03-30T09:00"))).toBe(7); // summer time on 29 March
    expect(matchingWaitingDays(at("2026-10-19T00:00"), at("2026-10-26T00:00"))).toBe(7); // winter time on 25 October
  });

  it("counts nothing without a start or with a start after the run", () => {
    expect(matchingWaitingDays(null, at("2026-12-02T10:00"))).toBe(0);
    expect(matchingWaitingDays(at("2026-12-14T10:00"), at("2026-12-02T10:00"))).toBe(0);
  });

  it("moves every child by the same number of weeks between two runs", () => {
    const start = at("2025-01-06T00:00").getTime();
    const day = 86_400_000;
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 700 * day }), { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 720, max: 760 }),
        fc.integer({ min: 0, max: 6 * day }),
        fc.integer({ min: 0, max: 3 }),
        (offsets, runDay, later, weeks) => {
          const since = offsets.map((o) => new Date(start + o));
          const first = new Date(start + runDay * day);
          const second = new Date(first.getTime() + later + weeks * 7 * day);
          const step = matchingWaitingDays(first, second) / 7;
          for (const s of since) {
            expect(matchingWaitingDays(s, second) - matchingWaitingDays(s, first)).toBe(step * 7);
          }
        },
      ),
      { numRuns: 300, seed: 11 },
    );
  });

  it("lets a re-run later in the same week and one a week later carry the optimum over without a search", () => {
    const monday = at("2026-11-30T09:00");
    const thursday = at("2026-12-03T15:00");
    const nextTuesday = at("2026-12-08T10:00");
    const children = 150;
    let state = 12345;
    const random = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const since = Array.from(
      { length: children },
      () => new Date(monday.getTime() - Math.floor(random() * 400 * 86_400_000)),
    );
    const pairs: PairTuple[] = [];
    for (let i = 0; i < children; i++)
      for (let v = 0; v < 50; v++) if (random() < 0.15) pairs.push([i, v, Math.round(random() * 10_000) / 10_000]);
    const volunteers = Array.from({ length: 50 }, (_, v) => ({ id: `v${v}`, capacity: 1 + (v % 3) }));
    const instanceAt = (now: Date) => ({
      children: since.map((s, i) => ({ id: `c${i}`, waitingDays: matchingWaitingDays(s, now) })),
      volunteers,
      pairs,
    });
    // Counted by days, Monday and Thursday put some children in different weeks.
    const byDays = (now: Date) =>
      since.map((s) => waitingPriority(Math.floor((now.getTime() - s.getTime()) / 86_400_000)));
    expect(byDays(thursday)).not.toEqual(byDays(monday));
    const previous = solve(instanceAt(monday), { retainGraph: true });
    for (const now of [thursday, nextTuesday]) {
      const instance = instanceAt(now);
      const warm = solve(instance, { warmStart: previous, retainGraph: true });
      expect(warm.stats).toMatchObject({ warm: true, repaired: true, phases: 0, forwardBids: 0, reverseBids: 0 });
      expect(warm.objective).toBe(solve(instance).objective);
      expect(Array.from(warm.assignment)).toEqual(Array.from(previous.assignment));
    }
  });
});
