import { describe, expect, it } from "vitest";
import { mayConsentAlone, statusAfterConsents, youngestPossibleAge } from "./consent-rules";
import { childStatuses, type ConsentPurpose } from "./vocabulary";

const now = new Date("2026-11-23T12:00:00Z");
const set = (...purposes: ConsentPurpose[]) => new Set(purposes);

describe("consent rules", () => {
  it("never lets a child who may be under 15 consent alone", () => {
    expect(youngestPossibleAge(2011, now)).toBe(14);
    expect(mayConsentAlone(2011, now)).toBe(false);
    expect(mayConsentAlone(2015, now)).toBe(false);
    expect(mayConsentAlone(2010, now)).toBe(true);
  });

  it("puts a child on the waiting list only with participation and data-processing consent", () => {
    expect(statusAfterConsents("consent_pending", set("participation"))).toBe("consent_pending");
    expect(statusAfterConsents("consent_pending", set("participation", "video"))).toBe("consent_pending");
    expect(statusAfterConsents("consent_pending", set("participation", "sensitive_data"))).toBe("waiting");
  });

  it("makes a withdrawal take effect at once", () => {
    expect(statusAfterConsents("waiting", set("sensitive_data"))).toBe("consent_pending");
    expect(statusAfterConsents("active", set("participation"))).toBe("paused");
    expect(statusAfterConsents("matched", set())).toBe("paused");
    // Video is optional: withdrawing it changes no status (the lesson room refuses video instead).
    expect(statusAfterConsents("active", set("participation", "sensitive_data"))).toBe("active");
  });

  it("leaves referred, paused and exited children where they are", () => {
    for (const status of ["referred", "paused", "exited"] as const) {
      expect(statusAfterConsents(status, set())).toBe(status);
      expect(statusAfterConsents(status, set("participation", "sensitive_data"))).toBe(status);
    }
    expect(childStatuses).toHaveLength(7);
  });
});
