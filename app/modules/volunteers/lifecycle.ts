import type { VolunteerStatus } from "./vocabulary";

/**
 * The volunteer's path: applied → screening → training → active ⇄ paused → inactive, or rejected.
 * Pure: one table of legal moves, used by every verb that changes a status.
 */
export const transitions: Record<VolunteerStatus, readonly VolunteerStatus[]> = {
  applied: ["screening", "rejected"],
  screening: ["training", "rejected"],
  training: ["active", "rejected", "inactive"],
  active: ["paused", "inactive"],
  paused: ["active", "inactive"],
  inactive: [],
  rejected: [],
};

export function canTransition(from: VolunteerStatus, to: VolunteerStatus): boolean {
  return transitions[from].includes(to);
}

/** What a coordinator can decide, and where each decision leads. */
export const decisions = {
  start_screening: "screening",
  accept_to_training: "training",
  reject: "rejected",
  pause: "paused",
  resume: "active",
  deactivate: "inactive",
} as const satisfies Record<string, VolunteerStatus>;
export type Decision = keyof typeof decisions;

/** Decisions that must carry a reason the volunteer is told. */
export const decisionsNeedingReason: readonly Decision[] = ["reject", "deactivate"];

/**
 * Moving from training to active is not a coordinator's decision: it happens by itself when the
 * eligibility rule is met. "Resume" is only the way back from a pause.
 */
const onlyFrom: Partial<Record<Decision, VolunteerStatus>> = { resume: "paused" };

export function isDecisionAllowed(status: VolunteerStatus, decision: Decision): boolean {
  const from = onlyFrom[decision];
  return (from === undefined || from === status) && canTransition(status, decisions[decision]);
}

export function availableDecisions(status: VolunteerStatus): Decision[] {
  return (Object.keys(decisions) as Decision[]).filter((d) => isDecisionAllowed(status, d));
}
