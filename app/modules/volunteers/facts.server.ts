import { and, desc, eq, inArray, sum } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { agreements, interviews, programs, quizAttempts, recordChecks, references, trainingModules, volunteerHours, volunteerProfiles } from "../../../db/schema";
import { isEligibleForMatching, localDate, missingRequirements, type EligibilityFacts, type RequirementKey } from "./eligibility";

/** Gathers, in a few indexed reads, the facts the eligibility rule needs for one volunteer. */
export function loadEligibilityFacts(db: Db, userId: string): EligibilityFacts | null {
  const profile = db
    .select({ status: volunteerProfiles.status, programId: volunteerProfiles.programId, requiredTrainingHours: programs.requiredTrainingHours })
    .from(volunteerProfiles)
    .innerJoin(programs, eq(programs.id, volunteerProfiles.programId))
    .where(eq(volunteerProfiles.userId, userId))
    .get();
  if (!profile) return null;
  const latestInterview = db.select({ outcome: interviews.outcome }).from(interviews).where(eq(interviews.volunteerUserId, userId)).orderBy(desc(interviews.createdAt)).get();
  const positiveReferences = db
    .select({ id: references.id })
    .from(references)
    .where(and(eq(references.volunteerUserId, userId), eq(references.outcome, "positive")))
    .all().length;
  const latestCheck = db.select({ validUntil: recordChecks.validUntil }).from(recordChecks).where(eq(recordChecks.volunteerUserId, userId)).orderBy(desc(recordChecks.validUntil)).get();
  const agreement = db
    .select({ id: agreements.id })
    .from(agreements)
    .where(and(eq(agreements.volunteerUserId, userId), eq(agreements.nonConvictionStatement, true)))
    .get();
  const requiredModuleIds = db
    .select({ id: trainingModules.id })
    .from(trainingModules)
    .where(and(eq(trainingModules.programId, profile.programId), eq(trainingModules.required, true)))
    .all()
    .map((m) => m.id);
  const passedModuleIds = db
    .selectDistinct({ id: quizAttempts.moduleId })
    .from(quizAttempts)
    .where(and(eq(quizAttempts.userId, userId), eq(quizAttempts.passed, true)))
    .all()
    .map((m) => m.id);
  const [hours] = db
    .select({ total: sum(volunteerHours.hours) })
    .from(volunteerHours)
    .where(and(eq(volunteerHours.userId, userId), eq(volunteerHours.kind, "training")))
    .all();
  return {
    status: profile.status,
    interviewPassed: latestInterview?.outcome === "passed",
    positiveReferences,
    recordCheckValidUntil: latestCheck?.validUntil ?? null,
    agreementSigned: Boolean(agreement),
    requiredModuleIds,
    passedModuleIds,
    trainingHours: Number(hours?.total ?? 0),
    requiredTrainingHours: profile.requiredTrainingHours,
  };
}

export interface Eligibility {
  eligible: boolean;
  missing: RequirementKey[];
  facts: EligibilityFacts;
}

export function eligibilityOf(db: Db, userId: string, now: Date): Eligibility | null {
  const facts = loadEligibilityFacts(db, userId);
  if (!facts) return null;
  const today = localDate(now);
  return { eligible: isEligibleForMatching(facts, today), missing: missingRequirements(facts, today), facts };
}

/** Ids of a programme's volunteers who may be matched today (used by the matching module). */
export function eligibleVolunteerIds(db: Db, programId: string, now: Date): string[] {
  const candidates = db
    .select({ userId: volunteerProfiles.userId })
    .from(volunteerProfiles)
    .where(and(eq(volunteerProfiles.programId, programId), inArray(volunteerProfiles.status, ["active"])))
    .all();
  return candidates.map((c) => c.userId).filter((id) => eligibilityOf(db, id, now)?.eligible);
}
