import { and, eq, inArray } from "drizzle-orm";
import { children, matches, programs, users } from "../../../db/schema";
import { audit } from "../audit/record.server";
import { organizationsWhere, requirePermission } from "../auth/permissions";
import { gradeLabel } from "../core/catalog";
import type { Ctx } from "../core/services.server";
import { conflict, notFound } from "../errors";
import { buildCandidates } from "./candidates.server";
import type { MatchingResult } from "./solver";
import { solveInWorker } from "./solver-worker";
import { approveMatch } from "./workflow.server";

/**
 * The last result per programme, kept per process: coordinators re-run matching after a few
 * changes, and the solver re-optimises from the previous prices instead of starting over.
 */
const lastResults = new WeakMap<object, Map<string, MatchingResult>>();

function requireProgram(ctx: Ctx, programId: string) {
  requirePermission(ctx.user, "propose:match:org");
  const program = ctx.services.db.select().from(programs).where(eq(programs.id, programId)).get();
  if (!program || !organizationsWhere(ctx.user, "propose:match:org").includes(program.organizationId)) throw notFound("matches:errors.programNotFound");
  return program;
}

/**
 * Runs the scoring module and the exact solver (in a worker thread, so pages and lessons stay
 * responsive) over the programme's waiting children and eligible volunteers, and replaces the
 * programme's open proposals with the optimal assignment.
 */
export async function proposeMatches({ ctx, programId }: { ctx: Ctx; programId: string }) {
  const program = requireProgram(ctx, programId);
  const candidates = buildCandidates(ctx, program);
  const cache = lastResults.get(ctx.services) ?? new Map<string, MatchingResult>();
  lastResults.set(ctx.services, cache);
  const started = performance.now();
  const result = await solveInWorker(candidates.instance, { warmStart: cache.get(programId) });
  cache.set(programId, result);
  // Figures only (no child's data): how a re-run went, for operators.
  ctx.services.log.info(
    {
      programId,
      waiting: candidates.children.length,
      matched: result.matched,
      ms: Math.round(performance.now() - started),
      warm: result.stats.warm,
      reusedPairs: result.stats.reusedPairs,
    },
    "matching solved",
  );
  const { db } = ctx.services;
  const rows: (typeof matches.$inferInsert)[] = [];
  for (let i = 0; i < candidates.children.length; i++) {
    const v = result.assignment[i]!;
    if (v < 0) continue;
    const pair = candidates.pairFor(i, v)!;
    rows.push({
      organizationId: program.organizationId,
      programId,
      childId: candidates.children[i]!.id,
      volunteerUserId: candidates.volunteers[v]!.id,
      status: "proposed" as const,
      score: pair.score,
      explanation: pair.explanation,
      proposedBy: ctx.user!.id,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    });
  }
  db.transaction(() => {
    db.delete(matches).where(and(eq(matches.programId, programId), eq(matches.status, "proposed"))).run();
    if (rows.length > 0) db.insert(matches).values(rows).run();
    audit(ctx, { action: "propose_matches", entity: "program", entityId: programId, organizationId: program.organizationId });
  });
  return { proposed: rows.length, waiting: candidates.children.length, matched: result.matched };
}

/** Open proposals, with the coordinator's programmes and the waiting children nobody could be proposed for (and why). */
export function listProposals({ ctx }: { ctx: Ctx }) {
  requirePermission(ctx.user, "propose:match:org");
  const orgIds = organizationsWhere(ctx.user, "propose:match:org");
  const { db } = ctx.services;
  const programList = db.select({ id: programs.id, name: programs.name, organizationId: programs.organizationId }).from(programs).where(inArray(programs.organizationId, orgIds)).all();
  const proposals = db
    .select({
      id: matches.id,
      childId: matches.childId,
      programId: matches.programId,
      score: matches.score,
      explanation: matches.explanation,
      childFirstName: children.firstName,
      childLastName: children.lastName,
      grade: children.grade,
      waitingSince: children.waitingSince,
      volunteerFirstName: users.firstName,
      volunteerLastName: users.lastName,
    })
    .from(matches)
    .innerJoin(children, eq(children.id, matches.childId))
    .innerJoin(users, eq(users.id, matches.volunteerUserId))
    .where(and(inArray(matches.organizationId, orgIds), eq(matches.status, "proposed")))
    .all()
    .sort((a, b) => (a.waitingSince?.getTime() ?? 0) - (b.waitingSince?.getTime() ?? 0));
  const proposedChildren = new Set(proposals.map((p) => p.childId));
  const ranPrograms = new Set(proposals.map((p) => p.programId));
  const unmatched = programList.flatMap((program) => {
    if (!ranPrograms.has(program.id)) return [];
    const candidates = buildCandidates(ctx, { ...program });
    return candidates.children
      .filter((c) => !proposedChildren.has(c.id))
      .map((c) => ({ childId: c.id, firstName: c.firstName, lastName: c.lastName, reasons: candidates.reasonsFor(c.id) }));
  });
  return {
    programs: programList.map(({ id, name }) => ({ id, name })),
    proposals: proposals.map((p) => ({ ...p, gradeLabel: gradeLabel(p.grade), waitingDays: p.waitingSince ? Math.floor((ctx.now.getTime() - p.waitingSince.getTime()) / 86_400_000) : 0 })),
    unmatched,
  };
}

/** A child's feasible volunteers, best first, each with its explanation; or why there are none. */
export function candidatesForChild({ ctx, childId }: { ctx: Ctx; childId: string }) {
  requirePermission(ctx.user, "propose:match:org");
  const { db } = ctx.services;
  const child = db.select().from(children).where(eq(children.id, childId)).get();
  if (!child || !organizationsWhere(ctx.user, "propose:match:org").includes(child.organizationId)) throw notFound("matches:errors.childNotFound");
  const program = db.select().from(programs).where(eq(programs.id, child.programId)).get()!;
  const candidates = buildCandidates(ctx, program, { childIds: [childId] });
  const index = candidates.children.findIndex((c) => c.id === childId);
  const ranked = index < 0 ? [] : candidates.pairsOfChild(index).sort((a, b) => b.score - a.score);
  return {
    child: { id: child.id, firstName: child.firstName, lastName: child.lastName, status: child.status, gradeLabel: gradeLabel(child.grade) },
    candidates: ranked.map((pair) => {
      const volunteer = candidates.volunteers[pair.volunteerIndex]!;
      return { volunteerUserId: volunteer.id, firstName: volunteer.firstName, lastName: volunteer.lastName, score: pair.score, explanation: pair.explanation };
    }),
    reasons: index < 0 ? [] : candidates.reasonsFor(childId),
    waiting: index >= 0,
  };
}

/** The coordinator picks a feasible candidate by hand: recorded as a proposal and approved at once. */
export async function pickManually({ ctx, childId, volunteerUserId }: { ctx: Ctx; childId: string; volunteerUserId: string }) {
  const { candidates } = candidatesForChild({ ctx, childId });
  const chosen = candidates.find((c) => c.volunteerUserId === volunteerUserId);
  if (!chosen) throw conflict("matches:errors.notACandidate");
  const { db } = ctx.services;
  const child = db.select().from(children).where(eq(children.id, childId)).get()!;
  const id = db.transaction(() => {
    db.delete(matches).where(and(eq(matches.childId, childId), eq(matches.status, "proposed"))).run();
    return db
      .insert(matches)
      .values({ organizationId: child.organizationId, programId: child.programId, childId, volunteerUserId, status: "proposed", score: chosen.score, explanation: chosen.explanation, proposedBy: ctx.user!.id, createdAt: ctx.now, updatedAt: ctx.now })
      .returning({ id: matches.id })
      .get().id;
  });
  await approveMatch({ ctx, matchId: id });
  return id;
}
