import { CONSENT_AGE, requiredConsents, type ChildStatus, type ConsentPurpose } from "./vocabulary";

/**
 * Pure rules of consent. Only the birth year is known, so a child's age is taken at its lowest
 * possible value: someone born in 2011 is treated as 14 for all of 2026.
 */
export function youngestPossibleAge(birthYear: number, now: Date): number {
  return now.getFullYear() - birthYear - 1;
}

/** ZVOP-2: a child under 15 never consents alone; from 15 on they may consent for themselves. */
export function mayConsentAlone(birthYear: number, now: Date): boolean {
  return youngestPossibleAge(birthYear, now) >= CONSENT_AGE;
}

/**
 * The child's status once the set of consents in force has changed: all required consents move
 * a child waiting for consent onto the waiting list; losing one takes effect at once (off the
 * waiting list, or a running match paused). Other states are left alone.
 */
export function statusAfterConsents(status: ChildStatus, active: ReadonlySet<ConsentPurpose>): ChildStatus {
  const complete = requiredConsents.every((purpose) => active.has(purpose));
  if (complete) return status === "consent_pending" ? "waiting" : status;
  if (status === "waiting") return "consent_pending";
  if (status === "matched" || status === "active") return "paused";
  return status;
}
