import type { VolunteerStatus } from "./vocabulary";

/**
 * The one rule that decides whether a volunteer may be matched with a child. Pure: the facts are
 * gathered by `loadEligibilityFacts` (eligibility.server.ts); the matching module calls this too.
 */
export interface EligibilityFacts {
  status: VolunteerStatus;
  interviewPassed: boolean;
  positiveReferences: number;
  /** ISO date (YYYY-MM-DD) until which the latest criminal-record check is valid, or null. */
  recordCheckValidUntil: string | null;
  agreementSigned: boolean;
  requiredModuleIds: string[];
  passedModuleIds: string[];
  trainingHours: number;
  requiredTrainingHours: number;
}

export const REQUIRED_REFERENCES = 2;
export const EXPIRY_WARNING_DAYS = 30;

export const requirementKeys = ["interview", "references", "recordCheck", "agreement", "modules", "trainingHours"] as const;
export type RequirementKey = (typeof requirementKeys)[number];
export const screeningKeys: readonly RequirementKey[] = ["interview", "references", "recordCheck", "agreement"];

export function requirementsMet(facts: EligibilityFacts, today: string): Record<RequirementKey, boolean> {
  const passed = new Set(facts.passedModuleIds);
  return {
    interview: facts.interviewPassed,
    references: facts.positiveReferences >= REQUIRED_REFERENCES,
    recordCheck: facts.recordCheckValidUntil !== null && facts.recordCheckValidUntil >= today,
    agreement: facts.agreementSigned,
    modules: facts.requiredModuleIds.every((id) => passed.has(id)),
    trainingHours: facts.trainingHours + 1e-9 >= facts.requiredTrainingHours,
  };
}

export function missingRequirements(facts: EligibilityFacts, today: string): RequirementKey[] {
  const met = requirementsMet(facts, today);
  return requirementKeys.filter((key) => !met[key]);
}

export function screeningComplete(facts: EligibilityFacts, today: string): boolean {
  const met = requirementsMet(facts, today);
  return screeningKeys.every((key) => met[key]);
}

/** Eligible for matching: active, every screening step done, record check valid, training complete. */
export function isEligibleForMatching(facts: EligibilityFacts, today: string): boolean {
  return facts.status === "active" && missingRequirements(facts, today).length === 0;
}

/** A volunteer in training moves to active by themselves once nothing is missing. */
export function readyToActivate(facts: EligibilityFacts, today: string): boolean {
  return facts.status === "training" && missingRequirements(facts, today).length === 0;
}

/** Today's date in Ljubljana as YYYY-MM-DD: record checks expire by local calendar day. */
export function localDate(now: Date): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Ljubljana", year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

export function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
