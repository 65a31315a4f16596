import { clockOf, dayOf, overlapMinutes, type Interval } from "../core/availability";
import { gradeLabel, type Language, type LanguageLevel, type Mode, type Subject } from "../core/catalog";

/**
 * Pure pair scoring for matching (no I/O): hard constraints that exclude a pair, a weighted soft
 * score in [0, 1], and one plain-language line per criterion. Lines are translation keys in the
 * "matches" namespace with parameters; parameters that are lists of {key, params} are rendered
 * and joined by the UI, so every sentence reads naturally in Slovenian and English.
 */

export interface VolunteerFacts {
  id: string;
  eligible: boolean;
  capacity: number;
  currentLoad: number;
  languages: { code: Language; level: LanguageLevel }[];
  subjects: { subject: Subject; gradeFrom: number; gradeTo: number }[];
  availability: Interval[];
  mode: Mode;
  municipalityId: number;
  studyField: string;
  specialNeedsExperience: boolean;
  interests: string[];
  gender: string;
}

export interface ChildFacts {
  id: string;
  grade: number;
  languages: { code: Language; first: boolean }[];
  needs: { subject: Subject; grade: number; priority: number }[];
  specialNeeds: boolean;
  availability: Interval[];
  mode: Mode;
  municipalityId: number;
  interests: string[];
  preferences: { volunteerGender?: string };
}

export const criteria = ["subject", "grade", "availability", "language", "studyField", "specialNeeds", "interests", "distance", "load"] as const;
export type Criterion = (typeof criteria)[number];
export type Weights = Record<Criterion, number>;

export const defaultWeights: Weights = { subject: 3, grade: 1, availability: 2, language: 2, studyField: 1, specialNeeds: 1, interests: 1, distance: 1, load: 1 };

/** A programme's stored weights over the defaults (criteria added later keep their default). */
export function weightsOf(stored: Partial<Record<string, number>> | null | undefined): Weights {
  return Object.fromEntries(criteria.map((c) => [c, typeof stored?.[c] === "number" ? stored[c] : defaultWeights[c]])) as Weights;
}

export interface ProgramFacts {
  kind: "learning_help" | "mentoring" | "counseling";
  lessonMinutes: number;
  maxDistanceKm: number;
  weights: Weights;
}

export const exclusionReasons = ["notEligible", "noCapacity", "noSharedLanguage", "noSubject", "noOverlap", "mode", "tooFar", "preference", "excluded"] as const;
export type ExclusionReason = (typeof exclusionReasons)[number];

export type Param = string | number | { key: string; params: Record<string, string | number> }[];
export interface Line {
  criterion: string;
  score: number;
  key: string;
  params: Record<string, Param>;
}

export type PairOutcome = { feasible: true; score: number; lines: Line[] } | { feasible: false; reason: ExclusionReason };

/** Weights must be non-negative numbers and not all zero. Returns the offending criterion, if any. */
export function validateWeights(weights: Weights): { ok: true } | { ok: false; problem: "negative" | "allZero"; criterion?: Criterion } {
  for (const c of criteria) if (!(weights[c] >= 0)) return { ok: false, problem: "negative", criterion: c };
  if (criteria.every((c) => weights[c] === 0)) return { ok: false, problem: "allZero" };
  return { ok: true };
}

const fieldsByKind: Record<ProgramFacts["kind"], RegExp> = {
  learning_help: /pedagog|razredni pouk|matemat|fizik|kemij|biolog|anglist|slovenist|germanist|učitelj|teacher|education/i,
  mentoring: /psiholog|pedagog|socialn|psycholog|social work|education/i,
  counseling: /psiholog|socialn|psycholog|social work/i,
};

const priorityWeight = (priority: number) => 4 - Math.min(3, Math.max(1, priority));
const day = 24 * 60;
const dayKey = (minute: number) => `common:days.short.${dayOf(minute)}`;

/** Which needs the volunteer can teach at the child's level. */
function coveredNeeds(v: VolunteerFacts, c: ChildFacts) {
  return c.needs.filter((need) => v.subjects.some((s) => s.subject === need.subject && s.gradeFrom <= need.grade && need.grade <= s.gradeTo));
}

function modeCompatible(v: VolunteerFacts, c: ChildFacts): "online" | "in_person" | null {
  const online = (m: Mode) => m === "online" || m === "both";
  const inPerson = (m: Mode) => m === "in_person" || m === "both";
  if (online(v.mode) && online(c.mode)) return "online";
  if (inPerson(v.mode) && inPerson(c.mode)) return "in_person";
  return null;
}

/** Scores one pair, or says which hard constraint excludes it (checked in a fixed order). */
export function scorePair(v: VolunteerFacts, c: ChildFacts, program: ProgramFacts, { excluded, distanceKm }: { excluded: boolean; distanceKm: (a: number, b: number) => number }): PairOutcome {
  if (!v.eligible) return { feasible: false, reason: "notEligible" };
  if (v.capacity - v.currentLoad <= 0) return { feasible: false, reason: "noCapacity" };
  if (excluded) return { feasible: false, reason: "excluded" };
  const shared = c.languages.filter((l) => v.languages.some((vl) => vl.code === l.code));
  if (shared.length === 0) return { feasible: false, reason: "noSharedLanguage" };
  const covered = coveredNeeds(v, c);
  if (c.needs.length > 0 && covered.length === 0) return { feasible: false, reason: "noSubject" };
  const overlap = overlapMinutes(v.availability, c.availability);
  if (overlap < program.lessonMinutes) return { feasible: false, reason: "noOverlap" };
  const mode = modeCompatible(v, c);
  if (!mode) return { feasible: false, reason: "mode" };
  const km = mode === "in_person" ? distanceKm(v.municipalityId, c.municipalityId) : 0;
  if (km > program.maxDistanceKm) return { feasible: false, reason: "tooFar" };
  if (c.preferences.volunteerGender && c.preferences.volunteerGender !== v.gender) return { feasible: false, reason: "preference" };

  const lines: Line[] = [];
  const add = (criterion: Criterion, score: number, key: string, params: Record<string, Param> = {}) => lines.push({ criterion, score: Math.max(0, Math.min(1, score)), key, params });

  const needWeight = c.needs.reduce((sum, n) => sum + priorityWeight(n.priority), 0);
  const coveredWeight = covered.reduce((sum, n) => sum + priorityWeight(n.priority), 0);
  const needList = (needs: ChildFacts["needs"]) => needs.map((n) => ({ key: "explain.subjectAtGrade", params: { subjectKey: `common:catalog.subject.${n.subject}`, gradeKey: `common:${gradeLabel(n.grade).key}`, n: gradeLabel(n.grade).params.n } }));
  if (c.needs.length === 0) add("subject", 1, "explain.subject.none");
  else add("subject", coveredWeight / needWeight, covered.length === c.needs.length ? "explain.subject.all" : "explain.subject.some", { subjects: needList(covered), missing: needList(c.needs.filter((n) => !covered.includes(n))) });

  // Grade fit: the child's grade sits well inside the volunteer's range rather than at its edge.
  const gradeScores = covered.map((need) => {
    const range = v.subjects.find((s) => s.subject === need.subject && s.gradeFrom <= need.grade && need.grade <= s.gradeTo)!;
    const half = (range.gradeTo - range.gradeFrom) / 2;
    return half === 0 ? 1 : 1 - (0.5 * Math.abs(need.grade - (range.gradeFrom + range.gradeTo) / 2)) / half;
  });
  const grade = gradeScores.length ? gradeScores.reduce((a, b) => a + b, 0) / gradeScores.length : 1;
  add("grade", grade, grade >= 0.75 ? "explain.grade.centre" : "explain.grade.edge", { gradeKey: `common:${gradeLabel(c.grade).key}`, n: gradeLabel(c.grade).params.n });

  const days = [...new Set(v.availability.flatMap((a) => c.availability.filter((b) => Math.min(a.end, b.end) > Math.max(a.start, b.start)).map((b) => Math.floor(Math.max(a.start, b.start) / day))))].sort();
  add("availability", Math.min(1, overlap / (2 * program.lessonMinutes)), "explain.availability", { hours: Math.round((overlap / 60) * 10) / 10, days: days.map((d) => ({ key: dayKey(d * day), params: {} })) });

  const first = shared.find((l) => l.first);
  const level = (code: Language) => v.languages.find((l) => l.code === code)!.level;
  const language = first ? (level(first.code) === "basic" ? 0.6 : 1) : 0.5;
  add("language", language, first ? "explain.language.first" : "explain.language.shared", { languageKey: `common:catalog.language.${(first ?? shared[0]!).code}` });

  const relevant = fieldsByKind[program.kind].test(v.studyField);
  add("studyField", relevant ? 1 : 0.3, relevant ? "explain.studyField.relevant" : "explain.studyField.other");

  if (c.specialNeeds) add("specialNeeds", v.specialNeedsExperience ? 1 : 0, v.specialNeedsExperience ? "explain.specialNeeds.yes" : "explain.specialNeeds.no");
  else add("specialNeeds", 1, "explain.specialNeeds.notNeeded");

  const common = c.interests.filter((i) => v.interests.includes(i));
  add("interests", c.interests.length ? Math.min(1, common.length / Math.min(3, c.interests.length)) : 0.5, common.length ? "explain.interests.shared" : "explain.interests.none", {
    interests: common.map((i) => ({ key: `volunteers:interest.${i}`, params: {} })),
  });

  if (mode === "online") add("distance", 1, "explain.distance.online");
  else add("distance", 1 - km / Math.max(1, program.maxDistanceKm), "explain.distance.km", { km: Math.round(km) });

  add("load", 1 - v.currentLoad / v.capacity, v.currentLoad === 0 ? "explain.load.free" : "explain.load.some", { count: v.currentLoad, capacity: v.capacity });

  const totalWeight = criteria.reduce((sum, c2) => sum + program.weights[c2], 0);
  const weighted = lines.reduce((sum, line) => sum + program.weights[line.criterion as Criterion] * line.score, 0);
  return { feasible: true, score: Math.round((weighted / totalWeight) * 10_000) / 10_000, lines };
}

/**
 * Why a child has no candidate: the most common exclusion among the volunteers, in one sentence
 * with the child's specifics (needed subjects and grades, the child's free times).
 */
export function explainNoCandidate(c: ChildFacts, reasons: Map<ExclusionReason, number>, volunteerCount: number): Line[] {
  if (volunteerCount === 0) return [{ criterion: "none", score: 0, key: "reason.noVolunteers", params: {} }];
  return [...reasons.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([reason, count]) => ({
      criterion: reason,
      score: 0,
      key: `reason.${reason}`,
      params: {
        count,
        subjects: c.needs.map((n) => ({ key: "explain.subjectAtGrade", params: { subjectKey: `common:catalog.subject.${n.subject}`, gradeKey: `common:${gradeLabel(n.grade).key}`, n: gradeLabel(n.grade).params.n } })),
        times: c.availability.map((a) => ({ key: "explain.window", params: { dayKey: dayKey(a.start), from: clockOf(a.start), to: clockOf(a.end) } })),
      },
    }));
}
