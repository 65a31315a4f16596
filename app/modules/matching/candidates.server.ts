import { and, asc, eq, inArray, or } from "drizzle-orm";
import { matches, users, volunteerProfiles, type Program } from "../../../db/schema";
import { listWaitingChildren } from "../children/matching-input.server";
import { distanceKm } from "../core/municipalities.server";
import type { Ctx } from "../core/services.server";
import { eligibleVolunteerIds } from "../volunteers/facts.server";
import { explainNoCandidate, weightsOf, scorePair, type ChildFacts, type ExclusionReason, type Line, type VolunteerFacts } from "./fit";
import type { MatchingInstance, PairTuple } from "./solver";
import { matchingWaitingDays } from "./waiting";

export interface ScoredPair {
  childIndex: number;
  volunteerIndex: number;
  score: number;
  explanation: Line[];
}

const WAITING_STATUSES = ["approved", "active", "paused"] as const;

/**
 * Gathers a programme's waiting children and its volunteers, applies the hard constraints, scores
 * every feasible pair and shapes the solver's instance. Children already in an approved or active
 * match are left out; a volunteer's capacity counts their approved and active matches.
 */
export function buildCandidates(ctx: Ctx, program: Pick<Program, "id" | "organizationId"> & Partial<Program>, options: { childIds?: string[] } = {}) {
  const { db } = ctx.services;
  const full = (program.kind ? program : db.query.programs.findFirst({ where: (p, { eq: equals }) => equals(p.id, program.id) }).sync()) as Program;
  const taken = db.select({ childId: matches.childId, volunteerUserId: matches.volunteerUserId, status: matches.status }).from(matches).where(and(eq(matches.programId, full.id), inArray(matches.status, [...WAITING_STATUSES]))).all();
  const busyChildren = new Set(taken.map((m) => m.childId));
  const waiting = listWaitingChildren({ ctx, organizationId: full.organizationId }).filter(
    (c) => c.programId === full.id && !busyChildren.has(c.id) && (!options.childIds || options.childIds.includes(c.id)),
  );
  const names = new Map(
    (waiting.length ? db.query.children.findMany({ where: (t, { inArray: within }) => within(t.id, waiting.map((c) => c.id)), columns: { id: true, firstName: true, lastName: true } }).sync() : []).map((c) => [c.id, c]),
  );

  const eligible = new Set(eligibleVolunteerIds(db, full.id, ctx.now));
  const profiles = db
    .select({ profile: volunteerProfiles, firstName: users.firstName, lastName: users.lastName })
    .from(volunteerProfiles)
    .innerJoin(users, eq(users.id, volunteerProfiles.userId))
    .where(and(eq(volunteerProfiles.programId, full.id), eq(volunteerProfiles.status, "active")))
    // A stable order: the solver worker reuses the previous run's graph when the instance extends it.
    .orderBy(asc(volunteerProfiles.userId))
    .all();
  const load = new Map<string, number>();
  for (const m of taken) load.set(m.volunteerUserId, (load.get(m.volunteerUserId) ?? 0) + 1);

  // Pairs rejected by a coordinator or declined, and pairs closed with a concern, are never proposed again.
  const excluded = new Set(
    db
      .select({ childId: matches.childId, volunteerUserId: matches.volunteerUserId })
      .from(matches)
      .where(and(eq(matches.programId, full.id), or(eq(matches.status, "rejected"), eq(matches.closedWithConcern, true))))
      .all()
      .map((m) => `${m.childId}|${m.volunteerUserId}`),
  );

  const volunteers = profiles.map(({ profile: p, firstName, lastName }) => ({
    id: p.userId,
    firstName,
    lastName,
    facts: {
      id: p.userId,
      eligible: eligible.has(p.userId),
      capacity: p.capacity,
      currentLoad: load.get(p.userId) ?? 0,
      languages: p.languages,
      subjects: p.subjects,
      availability: p.availability,
      mode: p.mode,
      municipalityId: p.municipalityId,
      studyField: `${p.faculty} ${p.studyProgramme}`,
      specialNeedsExperience: p.experienceSpecialNeeds,
      interests: p.interests,
      gender: p.gender,
    } satisfies VolunteerFacts,
  }));
  const childRows = waiting.map((c) => ({
    id: c.id,
    firstName: names.get(c.id)?.firstName ?? "",
    lastName: names.get(c.id)?.lastName ?? "",
    waitingDays: matchingWaitingDays(c.waitingSince, ctx.now),
    facts: {
      id: c.id,
      grade: c.grade,
      languages: c.languages,
      needs: c.needs,
      specialNeeds: c.specialNeeds,
      availability: c.availability,
      mode: c.mode,
      municipalityId: c.municipalityId,
      interests: c.interests,
      preferences: c.preferences,
    } satisfies ChildFacts,
  }));

  const programFacts = { kind: full.kind, lessonMinutes: full.lessonMinutes, maxDistanceKm: full.maxDistanceKm, weights: weightsOf(full.matchingWeights) };
  const pairs: ScoredPair[] = [];
  const reasons = new Map<string, Map<ExclusionReason, number>>();
  childRows.forEach((child, ci) => {
    const childReasons = new Map<ExclusionReason, number>();
    volunteers.forEach((volunteer, vi) => {
      const outcome = scorePair(volunteer.facts, child.facts, programFacts, { excluded: excluded.has(`${child.id}|${volunteer.id}`), distanceKm });
      if (outcome.feasible) pairs.push({ childIndex: ci, volunteerIndex: vi, score: outcome.score, explanation: outcome.lines });
      else childReasons.set(outcome.reason, (childReasons.get(outcome.reason) ?? 0) + 1);
    });
    reasons.set(child.id, childReasons);
  });

  const byKey = new Map(pairs.map((p) => [`${p.childIndex}|${p.volunteerIndex}`, p]));
  const instance: MatchingInstance = {
    children: childRows.map((c) => ({ id: c.id, waitingDays: c.waitingDays })),
    volunteers: volunteers.map((v) => ({ id: v.id, capacity: Math.max(0, v.facts.capacity - v.facts.currentLoad) })),
    pairs: pairs.map((p): PairTuple => [p.childIndex, p.volunteerIndex, p.score]),
  };
  return {
    instance,
    children: childRows,
    volunteers,
    pairFor: (childIndex: number, volunteerIndex: number) => byKey.get(`${childIndex}|${volunteerIndex}`),
    pairsOfChild: (childIndex: number) => pairs.filter((p) => p.childIndex === childIndex),
    reasonsFor: (childId: string) => {
      const child = childRows.find((c) => c.id === childId);
      return child ? explainNoCandidate(child.facts, reasons.get(childId) ?? new Map(), volunteers.length) : [];
    },
  };
}
