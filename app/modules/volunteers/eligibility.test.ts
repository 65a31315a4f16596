import { describe, expect, it } from "vitest";
import {
  addDays,
  isEligibleForMatching,
  missingRequirements,
  readyToActivate,
  requirementKeys,
  requirementsMet,
  screeningComplete,
  type EligibilityFacts,
  type RequirementKey,
} from "./eligibility";
import { volunteerStatuses, type VolunteerStatus } from "./vocabulary";

const today = "2026-11-23";

/** One way a requirement can stand, the facts that express it, and whether the rule counts it as met. */
interface Variant {
  name: string;
  facts: Partial<EligibilityFacts>;
  met: boolean;
}

/**
 * Every requirement with each of its meaningful states, boundaries included. The enumeration below
 * takes every combination of one variant per requirement, for every volunteer status.
 */
const variants: Record<RequirementKey, Variant[]> = {
  interview: [
    { name: "interview passed", facts: { interviewPassed: true }, met: true },
    { name: "no passed interview", facts: { interviewPassed: false }, met: false },
  ],
  references: [
    { name: "0 positive references", facts: { positiveReferences: 0 }, met: false },
    { name: "1 positive reference", facts: { positiveReferences: 1 }, met: false },
    { name: "2 positive references", facts: { positiveReferences: 2 }, met: true },
    { name: "3 positive references", facts: { positiveReferences: 3 }, met: true },
  ],
  recordCheck: [
    { name: "record check valid for months", facts: { recordCheckValidUntil: "2027-06-30" }, met: true },
    { name: "record check valid through today", facts: { recordCheckValidUntil: today }, met: true },
    { name: "record check expired yesterday", facts: { recordCheckValidUntil: addDays(today, -1) }, met: false },
    { name: "record check expired long ago", facts: { recordCheckValidUntil: "2020-01-01" }, met: false },
    { name: "no record check", facts: { recordCheckValidUntil: null }, met: false },
  ],
  agreement: [
    { name: "agreement signed", facts: { agreementSigned: true }, met: true },
    { name: "no agreement", facts: { agreementSigned: false }, met: false },
  ],
  modules: [
    { name: "all required modules passed (and an optional one)", facts: { requiredModuleIds: ["m1", "m2"], passedModuleIds: ["m2", "optional", "m1"] }, met: true },
    { name: "no required modules", facts: { requiredModuleIds: [], passedModuleIds: [] }, met: true },
    { name: "one required module not passed", facts: { requiredModuleIds: ["m1", "m2"], passedModuleIds: ["m1", "optional"] }, met: false },
    { name: "no module passed", facts: { requiredModuleIds: ["m1"], passedModuleIds: [] }, met: false },
  ],
  trainingHours: [
    { name: "training hours exactly reached", facts: { trainingHours: 2, requiredTrainingHours: 2 }, met: true },
    { name: "training hours reached up to float rounding", facts: { trainingHours: 0.1 + 0.2, requiredTrainingHours: 0.3 }, met: true },
    { name: "training hours exceeded", facts: { trainingHours: 3.5, requiredTrainingHours: 2 }, met: true },
    { name: "no training hours required", facts: { trainingHours: 0, requiredTrainingHours: 0 }, met: true },
    { name: "training hours short by half an hour", facts: { trainingHours: 1.5, requiredTrainingHours: 2 }, met: false },
    { name: "no training hours yet", facts: { trainingHours: 0, requiredTrainingHours: 2 }, met: false },
  ],
};

const base: EligibilityFacts = {
  status: "applied",
  interviewPassed: false,
  positiveReferences: 0,
  recordCheckValidUntil: null,
  agreementSigned: false,
  requiredModuleIds: [],
  passedModuleIds: [],
  trainingHours: 0,
  requiredTrainingHours: 0,
};

/** The cartesian product of one variant per requirement, in requirementKeys order. */
function* combinations(keys: readonly RequirementKey[] = requirementKeys): Generator<Record<RequirementKey, Variant>> {
  if (keys.length === 0) {
    yield {} as Record<RequirementKey, Variant>;
    return;
  }
  const [first, ...rest] = keys;
  for (const variant of variants[first!]) {
    for (const tail of combinations(rest)) yield { ...tail, [first!]: variant };
  }
}

const screeningRequirements: RequirementKey[] = ["interview", "references", "recordCheck", "agreement"];

describe("eligibility, every combination of requirements for every status", () => {
  it("covers the six requirements in all 64 met/unmet patterns", () => {
    expect(Object.keys(variants)).toEqual([...requirementKeys]);
    expect(requirementKeys).toEqual(["interview", "references", "recordCheck", "agreement", "modules", "trainingHours"]);
    const patterns = new Set<string>();
    let count = 0;
    for (const combo of combinations()) {
      count++;
      patterns.add(requirementKeys.map((k) => (combo[k].met ? "1" : "0")).join(""));
    }
    expect(count).toBe(2 * 4 * 5 * 2 * 4 * 6);
    expect(patterns.size).toBe(64);
  });

  for (const status of volunteerStatuses) {
    it(`decides exactly for status "${status}"`, () => {
      let eligible = 0;
      let ready = 0;
      for (const combo of combinations()) {
        const facts: EligibilityFacts = { ...base, status, ...Object.assign({}, ...requirementKeys.map((k) => combo[k].facts)) };
        const label = `${status}: ${requirementKeys.map((k) => combo[k].name).join(", ")}`;
        const expectedMissing = requirementKeys.filter((k) => !combo[k].met);
        const nothingMissing = expectedMissing.length === 0;

        expect(requirementsMet(facts, today), label).toEqual(Object.fromEntries(requirementKeys.map((k) => [k, combo[k].met])));
        expect(missingRequirements(facts, today), label).toEqual(expectedMissing);
        expect(screeningComplete(facts, today), label).toBe(screeningRequirements.every((k) => combo[k].met));
        expect(isEligibleForMatching(facts, today), label).toBe(status === "active" && nothingMissing);
        expect(readyToActivate(facts, today), label).toBe(status === "training" && nothingMissing);
        if (isEligibleForMatching(facts, today)) eligible++;
        if (readyToActivate(facts, today)) ready++;
      }
      // Combinations with every requirement met (met variants per requirement, in order): 1 × 2 × 2 × 1 × 2 × 4.
      const allMet = 1 * 2 * 2 * 1 * 2 * 4;
      expect(eligible).toBe(status === "active" ? allMet : 0);
      expect(ready).toBe(status === "training" ? allMet : 0);
    });
  }

  it("with every requirement met, only an active volunteer is eligible and only one in training is ready to activate", () => {
    const complete: EligibilityFacts = {
      status: "paused",
      interviewPassed: true,
      positiveReferences: 2,
      recordCheckValidUntil: "2027-06-30",
      agreementSigned: true,
      requiredModuleIds: ["m1"],
      passedModuleIds: ["m1"],
      trainingHours: 2,
      requiredTrainingHours: 2,
    };
    const verdicts = Object.fromEntries(volunteerStatuses.map((status) => [status, [isEligibleForMatching({ ...complete, status }, today), readyToActivate({ ...complete, status }, today)]]));
    expect(verdicts).toEqual({
      applied: [false, false],
      screening: [false, false],
      training: [false, true],
      active: [true, false],
      paused: [false, false],
      inactive: [false, false],
      rejected: [false, false],
    } satisfies Record<VolunteerStatus, [boolean, boolean]>);
  });
});
