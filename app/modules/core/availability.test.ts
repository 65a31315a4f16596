import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { availabilitySchema, clockOf, dayOf, mergeSlots, overlapMinutes, slotsOf, SLOT_MINUTES, WEEK_MINUTES } from "./availability";

describe("weekly availability", () => {
  it("merges adjacent half hours into intervals", () => {
    expect(mergeSlots([1020, 990, 1050, 2430])).toEqual([
      { start: 990, end: 1080 },
      { start: 2430, end: 2460 },
    ]);
  });

  it("round-trips between slots and intervals", () => {
    const slot = fc.integer({ min: 0, max: WEEK_MINUTES / SLOT_MINUTES - 1 }).map((i) => i * SLOT_MINUTES);
    fc.assert(
      fc.property(fc.array(slot), (slots) => {
        expect(slotsOf(mergeSlots(slots))).toEqual([...new Set(slots)].sort((a, b) => a - b));
      }),
    );
  });

  it("measures overlap", () => {
    expect(overlapMinutes([{ start: 0, end: 120 }], [{ start: 60, end: 240 }])).toBe(60);
    expect(overlapMinutes([{ start: 0, end: 60 }], [{ start: 60, end: 120 }])).toBe(0);
  });

  it("refuses an empty week and off-grid or out-of-week times", () => {
    expect(availabilitySchema.safeParse([]).error?.issues[0]?.message).toBe("errors.availability.empty");
    expect(availabilitySchema.safeParse(undefined).error?.issues[0]?.message).toBe("errors.availability.empty");
    for (const bad of ["15", "-30", String(WEEK_MINUTES), "abc"]) {
      expect(availabilitySchema.safeParse([bad]).error?.issues[0]?.message).toBe("errors.availability.invalid");
    }
    expect(availabilitySchema.parse(["1020", "1050"])).toEqual([{ start: 1020, end: 1080 }]);
  });

  it("names days and clock times the Slovenian way", () => {
    expect(dayOf(1 * 1440 + 1020)).toBe("tue");
    expect(clockOf(1440 + 1050)).toBe("17.30");
  });
});
