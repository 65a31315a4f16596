import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { criteria, defaultWeights, explainNoCandidate, scorePair, validateWeights, type ChildFacts, type ProgramFacts, type VolunteerFacts } from "./fit";

const volunteer: VolunteerFacts = {
  id: "v",
  eligible: true,
  capacity: 2,
  currentLoad: 0,
  languages: [{ code: "sl", level: "native" }],
  subjects: [{ subject: "math", gradeFrom: 4, gradeTo: 8 }],
  availability: [{ start: 1020, end: 1140 }],
  mode: "both",
  municipalityId: 61,
  studyField: "Pedagoška fakulteta, razredni pouk",
  specialNeedsExperience: false,
  interests: ["music"],
  gender: "female",
};
const child: ChildFacts = {
  id: "c",
  grade: 6,
  languages: [{ code: "sl", first: true }],
  needs: [{ subject: "math", grade: 6, priority: 1 }],
  specialNeeds: false,
  availability: [{ start: 960, end: 1080 }],
  mode: "online",
  municipalityId: 61,
  interests: ["music", "sport"],
  preferences: {},
};
const program: ProgramFacts = { kind: "learning_help", lessonMinutes: 45, maxDistanceKm: 30, weights: defaultWeights };
const context = { excluded: false, distanceKm: (a: number, b: number) => (a === b ? 0 : 60) };

describe("hard constraints", () => {
  const cases: [string, Partial<VolunteerFacts>, Partial<ChildFacts>, Partial<typeof context>][] = [
    ["notEligible", { eligible: false }, {}, {}],
    ["noCapacity", { currentLoad: 2 }, {}, {}],
    ["excluded", {}, {}, { excluded: true }],
    ["noSharedLanguage", { languages: [{ code: "en", level: "fluent" }] }, {}, {}],
    ["noSubject", { subjects: [{ subject: "math", gradeFrom: 7, gradeTo: 9 }] }, {}, {}],
    ["noSubject", { subjects: [{ subject: "physics", gradeFrom: 1, gradeTo: 9 }] }, {}, {}],
    ["noOverlap", { availability: [{ start: 1050, end: 1140 }] }, {}, {}],
    ["mode", { mode: "in_person" }, { mode: "online" }, {}],
    ["tooFar", { mode: "in_person", municipalityId: 1 }, { mode: "in_person" }, {}],
    ["preference", {}, { preferences: { volunteerGender: "male" } }, {}],
  ];
  it.each(cases)("excludes a pair for %s", (reason, v, c, ctx) => {
    expect(scorePair({ ...volunteer, ...v }, { ...child, ...c }, program, { ...context, ...ctx })).toEqual({ feasible: false, reason });
  });

  it("accepts a pair that meets every constraint, in person within the distance limit", () => {
    expect(scorePair(volunteer, child, program, context).feasible).toBe(true);
    expect(scorePair({ ...volunteer, mode: "in_person" }, { ...child, mode: "both" }, program, context).feasible).toBe(true);
  });

  it("needs no subject when the child has none (mentoring)", () => {
    expect(scorePair(volunteer, { ...child, needs: [] }, { ...program, kind: "mentoring" }, context).feasible).toBe(true);
  });
});

describe("soft score and explanation", () => {
  it("explains every criterion once, in plain keys with parameters", () => {
    const outcome = scorePair(volunteer, child, program, context);
    if (!outcome.feasible) throw new Error("expected a feasible pair");
    expect(outcome.lines.map((l) => l.criterion)).toEqual([...criteria]);
    expect(outcome.lines.find((l) => l.criterion === "availability")).toMatchObject({ key: "explain.availability", params: { hours: 1, days: [{ key: "common:days.short.mon", params: {} }] } });
    expect(outcome.lines.find((l) => l.criterion === "language")).toMatchObject({ key: "explain.language.first", params: { languageKey: "common:catalog.language.sl" } });
  });

  it("ranks a better fit higher: more overlap, shared interests, special-needs experience", () => {
    const base = scorePair(volunteer, { ...child, specialNeeds: true }, program, context);
    const better = scorePair({ ...volunteer, specialNeedsExperience: true, availability: [{ start: 900, end: 1200 }] }, { ...child, specialNeeds: true }, program, context);
    if (!base.feasible || !better.feasible) throw new Error("expected feasible pairs");
    expect(better.score).toBeGreaterThan(base.score);
  });

  it("always scores within [0, 1] for any weights and facts", () => {
    const weights = fc.record(Object.fromEntries(criteria.map((c) => [c, fc.integer({ min: 0, max: 10 })])) as Record<(typeof criteria)[number], fc.Arbitrary<number>>).filter((w) => validateWeights(w).ok);
    fc.assert(
      fc.property(weights, fc.integer({ min: 1, max: 9 }), fc.integer({ min: 0, max: 1 }), fc.boolean(), fc.integer({ min: 60, max: 600 }), (w, grade, load, special, length) => {
        const outcome = scorePair(
          { ...volunteer, currentLoad: load, subjects: [{ subject: "math", gradeFrom: 1, gradeTo: 9 }], availability: [{ start: 900, end: 900 + length }] },
          { ...child, grade, needs: [{ subject: "math", grade, priority: 2 }], specialNeeds: special },
          { ...program, weights: w },
          context,
        );
        if (!outcome.feasible) return;
        expect(outcome.score).toBeGreaterThanOrEqual(0);
        expect(outcome.score).toBeLessThanOrEqual(1);
        for (const line of outcome.lines) expect(line.score).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it("validates weights: none negative, not all zero", () => {
    expect(validateWeights(defaultWeights)).toEqual({ ok: true });
    expect(validateWeights({ ...defaultWeights, grade: -1 })).toEqual({ ok: false, problem: "negative", criterion: "grade" });
    expect(validateWeights(Object.fromEntries(criteria.map((c) => [c, 0])) as typeof defaultWeights)).toEqual({ ok: false, problem: "allZero" });
  });
});

describe("why a child has no candidate", () => {
  it("names the most common exclusion with the child's subjects and times", () => {
    const lines = explainNoCandidate(child, new Map([["noSubject", 3], ["noOverlap", 1]]), 4);
    expect(lines.map((l) => l.key)).toEqual(["reason.noSubject", "reason.noOverlap"]);
    expect(lines[0]!.params.subjects).toEqual([{ key: "explain.subjectAtGrade", params: { subjectKey: "common:catalog.subject.math", gradeKey: "common:catalog.grade.primary", n: 6 } }]);
    expect(lines[1]!.params.times).toEqual([{ key: "explain.window", params: { dayKey: "common:days.short.mon", from: "16.00", to: "18.00" } }]);
    expect(explainNoCandidate(child, new Map(), 0).map((l) => l.key)).toEqual(["reason.noVolunteers"]);
  });
});
