import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { volunteerStatuses, type VolunteerStatus } from "./vocabulary";
import { addDays, isEligibleForMatching, localDate, missingRequirements, readyToActivate, requirementKeys, type EligibilityFacts } from "./eligibility";
import { availableDecisions, canTransition, decisions, decisionsNeedingReason, isDecisionAllowed, type Decision } from "./lifecycle";

const legal: [VolunteerStatus, VolunteerStatus][] = [
  ["applied", "screening"],
  ["applied", "rejected"],
  ["screening", "training"],
  ["screening", "rejected"],
  ["training", "active"],
  ["training", "rejected"],
  ["training", "inactive"],
  ["active", "paused"],
  ["active", "inactive"],
  ["paused", "active"],
  ["paused", "inactive"],
];

describe("volunteer lifecycle", () => {
  it("allows exactly the documented transitions, checked for every pair of states", () => {
    for (const from of volunteerStatuses) {
      for (const to of volunteerStatuses) {
        const expected = legal.some(([f, t]) => f === from && t === to);
        expect(canTransition(from, to), `${from} → ${to}`).toBe(expected);
      }
    }
  });

  it("offers only decisions that are legal moves from the current state", () => {
    expect(availableDecisions("applied")).toEqual(["start_screening", "reject"]);
    expect(availableDecisions("screening")).toEqual(["accept_to_training", "reject"]);
    expect(availableDecisions("training")).toEqual(["reject", "deactivate"]);
    expect(availableDecisions("active")).toEqual(["pause", "deactivate"]);
    expect(availableDecisions("paused")).toEqual(["resume", "deactivate"]);
    expect(availableDecisions("rejected")).toEqual([]);
    for (const status of volunteerStatuses) {
      for (const d of availableDecisions(status)) expect(canTransition(status, decisions[d])).toBe(true);
    }
  });
});

/**
 * Every (state, decision) pair: the status it leads to, or "refused". Written out in full so that
 * any change to the transition table or to the decisions shows up here.
 */
const R = "refused" as const;
const decisionTable: Record<VolunteerStatus, Record<Decision, VolunteerStatus | typeof R>> = {
  applied: { start_screening: "screening", accept_to_training: R, reject: "rejected", pause: R, resume: R, deactivate: R },
  screening: { start_screening: R, accept_to_training: "training", reject: "rejected", pause: R, resume: R, deactivate: R },
  // Training → active happens by itself when eligible; "resume" is only the way back from a pause.
  training: { start_screening: R, accept_to_training: R, reject: "rejected", pause: R, resume: R, deactivate: "inactive" },
  active: { start_screening: R, accept_to_training: R, reject: R, pause: "paused", resume: R, deactivate: "inactive" },
  paused: { start_screening: R, accept_to_training: R, reject: R, pause: R, resume: "active", deactivate: "inactive" },
  inactive: { start_screening: R, accept_to_training: R, reject: R, pause: R, resume: R, deactivate: R },
  rejected: { start_screening: R, accept_to_training: R, reject: R, pause: R, resume: R, deactivate: R },
};

describe("coordinator decisions, the full table", () => {
  it("knows exactly these decisions and states", () => {
    expect(Object.keys(decisions)).toEqual(["start_screening", "accept_to_training", "reject", "pause", "resume", "deactivate"]);
    expect(Object.keys(decisionTable)).toEqual([...volunteerStatuses]);
    expect(decisionsNeedingReason).toEqual(["reject", "deactivate"]);
  });

  it("allows or refuses every (state, decision) pair as the table says", () => {
    const actual = Object.fromEntries(
      volunteerStatuses.map((status) => [
        status,
        Object.fromEntries((Object.keys(decisions) as Decision[]).map((d) => [d, isDecisionAllowed(status, d) ? decisions[d] : R])),
      ]),
    );
    expect(actual).toEqual(decisionTable);
  });

  it("offers exactly the allowed decisions in each state, each one a legal transition", () => {
    for (const status of volunteerStatuses) {
      const allowed = (Object.keys(decisionTable[status]) as Decision[]).filter((d) => decisionTable[status][d] !== R);
      expect(availableDecisions(status), status).toEqual(allowed);
      for (const d of allowed) expect(canTransition(status, decisions[d]), `${status} + ${d}`).toBe(true);
    }
    expect(availableDecisions("inactive")).toEqual([]);
    expect(availableDecisions("rejected")).toEqual([]);
  });
});

const complete: EligibilityFacts = {
  status: "active",
  interviewPassed: true,
  positiveReferences: 2,
  recordCheckValidUntil: "2027-06-30",
  agreementSigned: true,
  requiredModuleIds: ["m1", "m2"],
  passedModuleIds: ["m2", "m1", "optional"],
  trainingHours: 2,
  requiredTrainingHours: 2,
};
const today = "2026-11-23";

describe("eligibility for matching", () => {
  it("holds when everything is done", () => {
    expect(missingRequirements(complete, today)).toEqual([]);
    expect(isEligibleForMatching(complete, today)).toBe(true);
  });

  it("fails for each single missing requirement, and names it", () => {
    const breaks: Record<(typeof requirementKeys)[number], Partial<EligibilityFacts>> = {
      interview: { interviewPassed: false },
      references: { positiveReferences: 1 },
      recordCheck: { recordCheckValidUntil: null },
      agreement: { agreementSigned: false },
      modules: { passedModuleIds: ["m1"] },
      trainingHours: { trainingHours: 1.5 },
    };
    for (const key of requirementKeys) {
      const facts = { ...complete, ...breaks[key] };
      expect(missingRequirements(facts, today)).toEqual([key]);
      expect(isEligibleForMatching(facts, today)).toBe(false);
    }
  });

  it("counts a record check valid through its last day and expired the day after", () => {
    expect(isEligibleForMatching({ ...complete, recordCheckValidUntil: today }, today)).toBe(true);
    expect(isEligibleForMatching({ ...complete, recordCheckValidUntil: today }, addDays(today, 1))).toBe(false);
  });

  it("is never true outside the active state, whatever else holds", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...volunteerStatuses),
        fc.boolean(),
        fc.integer({ min: 0, max: 3 }),
        fc.boolean(),
        fc.double({ min: 0, max: 5, noNaN: true }),
        (status, interviewPassed, positiveReferences, agreementSigned, trainingHours) => {
          const facts = { ...complete, status, interviewPassed, positiveReferences, agreementSigned, trainingHours };
          const eligible = isEligibleForMatching(facts, today);
          const expected = status === "active" && interviewPassed && positiveReferences >= 2 && agreementSigned && trainingHours >= 2;
          expect(eligible).toBe(expected);
          expect(readyToActivate(facts, today)).toBe(status === "training" && missingRequirements(facts, today).length === 0);
        },
      ),
    );
  });

  it("uses the calendar day in Ljubljana", () => {
    expect(localDate(new Date("2026-11-23T23:30:00Z"))).toBe("2026-11-24");
    expect(localDate(new Date("2026-07-01T21:59:00Z"))).toBe("2026-07-01");
    expect(addDays("2026-03-28", 2)).toBe("2026-03-30");
  });
});
