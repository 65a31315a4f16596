import { and, asc, desc, eq, inArray } from "drizzle-orm";
import { children, guardianships, matchEvents, matches, programs, users, type Match } from "../../../db/schema";
import { audit } from "../audit/record.server";
import { organizationsWhere, requirePermission } from "../auth/permissions";
import type { Ctx, CurrentUser } from "../core/services.server";
import { conflict, notFound, unauthenticated } from "../errors";
import { coordinatorIdsOf, notify } from "../notifications/notify.server";
import type { MatchResponse } from "./vocabulary";

/**
 * The life of a match after the solver proposed it: a coordinator approves (or rejects with a
 * reason, after which that pair is never proposed again), then the volunteer and the guardian each
 * accept or decline. Both accepting makes the match active and the child matched; a decline
 * returns the child to the waiting list. Every step is an event in the match's history.
 */

function event(ctx: Ctx, matchId: string, action: string, reason: string | null = null) {
  ctx.services.db.insert(matchEvents).values({ matchId, actorUserId: ctx.user?.id ?? null, action, reason, createdAt: ctx.now }).run();
}

export function requireCoordinatorOfMatch(ctx: Ctx, matchId: string): { user: CurrentUser; match: Match } {
  requirePermission(ctx.user, "propose:match:org");
  const match = ctx.services.db.select().from(matches).where(eq(matches.id, matchId)).get();
  if (!match || !organizationsWhere(ctx.user, "propose:match:org").includes(match.organizationId)) throw notFound("matches:errors.matchNotFound");
  return { user: ctx.user, match };
}

function guardianIdsOf(ctx: Ctx, childId: string): string[] {
  const child = ctx.services.db.select({ userId: children.userId }).from(children).where(eq(children.id, childId)).get();
  if (!child?.userId) return [];
  return ctx.services.db
    .select({ id: guardianships.guardianUserId })
    .from(guardianships)
    .where(eq(guardianships.childUserId, child.userId))
    .all()
    .map((g) => g.id);
}

export async function approveMatch({ ctx, matchId }: { ctx: Ctx; matchId: string }) {
  const { match } = requireCoordinatorOfMatch(ctx, matchId);
  const { db } = ctx.services;
  db.transaction(() => {
    if (match.status !== "proposed") throw conflict("matches:errors.notProposed");
    const busy = db
      .select({ id: matches.id })
      .from(matches)
      .where(and(eq(matches.childId, match.childId), inArray(matches.status, ["approved", "active", "paused"])))
      .get();
    if (busy) throw conflict("matches:errors.childAlreadyMatched");
    db.update(matches).set({ status: "approved", decidedBy: ctx.user!.id, decidedAt: ctx.now, updatedAt: ctx.now }).where(eq(matches.id, matchId)).run();
    event(ctx, matchId, "approved");
    audit(ctx, { action: "approve_match", entity: "match", entityId: matchId, organizationId: match.organizationId });
  });
  await notify(ctx.services, [match.volunteerUserId], { kind: "matchOffered", email: true }, ctx.now);
  await notify(ctx.services, guardianIdsOf(ctx, match.childId), { kind: "matchOfferedGuardian", email: true }, ctx.now);
}

export function rejectMatch({ ctx, matchId, reason }: { ctx: Ctx; matchId: string; reason: string }) {
  const { match } = requireCoordinatorOfMatch(ctx, matchId);
  ctx.services.db.transaction(() => {
    if (match.status !== "proposed") throw conflict("matches:errors.notProposed");
    ctx.services.db.update(matches).set({ status: "rejected", rejectReason: reason, decidedBy: ctx.user!.id, decidedAt: ctx.now, updatedAt: ctx.now }).where(eq(matches.id, matchId)).run();
    event(ctx, matchId, "rejected", reason);
    audit(ctx, { action: "reject_match", entity: "match", entityId: matchId, organizationId: match.organizationId });
  });
}

type Side = "volunteer" | "guardian";

/** The match as the volunteer or the guardian may answer it, or not found. */
function requireRespondent(ctx: Ctx, matchId: string): { side: Side; match: Match } {
  if (!ctx.user) throw unauthenticated();
  requirePermission(ctx.user, "respond:match:own");
  const match = ctx.services.db.select().from(matches).where(eq(matches.id, matchId)).get();
  if (!match) throw notFound("matches:errors.matchNotFound");
  if (match.volunteerUserId === ctx.user.id) return { side: "volunteer", match };
  if (guardianIdsOf(ctx, match.childId).includes(ctx.user.id)) return { side: "guardian", match };
  throw notFound("matches:errors.matchNotFound");
}

/** The volunteer or the guardian accepts or declines an approved match. */
export async function respondToMatch({ ctx, matchId, accept, reason }: { ctx: Ctx; matchId: string; accept: boolean; reason: string | null }) {
  const { side, match } = requireRespondent(ctx, matchId);
  const { db } = ctx.services;
  const outcome = db.transaction(() => {
    const current = db.select().from(matches).where(eq(matches.id, matchId)).get()!;
    if (current.status !== "approved") throw conflict("matches:errors.notAwaitingAnswer");
    const response: MatchResponse = accept ? "accepted" : "declined";
    const answered = side === "volunteer" ? { volunteerResponse: response } : { guardianResponse: response };
    const volunteerResponse = side === "volunteer" ? response : current.volunteerResponse;
    const guardianResponse = side === "guardian" ? response : current.guardianResponse;
    let status: Match["status"] = current.status;
    if (!accept) status = "rejected";
    else if (volunteerResponse === "accepted" && guardianResponse === "accepted") status = "active";
    db.update(matches)
      .set({ ...answered, status, declineReason: accept ? current.declineReason : reason, updatedAt: ctx.now })
      .where(eq(matches.id, matchId))
      .run();
    event(ctx, matchId, `${side}_${response}`, accept ? null : reason);
    if (status === "active") {
      db.update(children).set({ status: "matched", updatedAt: ctx.now }).where(eq(children.id, match.childId)).run();
      event(ctx, matchId, "activated");
    }
    audit(ctx, { action: `${side}_${response}_match`, entity: "match", entityId: matchId, organizationId: match.organizationId });
    return status;
  });
  const coordinators = coordinatorIdsOf(ctx.services, match.organizationId);
  if (outcome === "active") {
    await notify(ctx.services, [match.volunteerUserId, ...guardianIdsOf(ctx, match.childId), ...coordinators], { kind: "matchActive", email: true }, ctx.now);
  } else if (outcome === "rejected") {
    await notify(ctx.services, coordinators, { kind: "matchDeclined", params: { side, reason: reason ?? "" } }, ctx.now);
  }
  return outcome;
}

/** Offers waiting for the signed-in volunteer's or guardian's answer, with only what they may see. */
export function listOffers({ ctx }: { ctx: Ctx }) {
  if (!ctx.user) throw unauthenticated();
  requirePermission(ctx.user, "respond:match:own");
  const { db } = ctx.services;
  const asVolunteer = db.select().from(matches).where(and(eq(matches.volunteerUserId, ctx.user.id), inArray(matches.status, ["approved", "active"]))).all();
  const childUserIds = db.select({ id: guardianships.childUserId }).from(guardianships).where(eq(guardianships.guardianUserId, ctx.user.id)).all().map((g) => g.id);
  const myChildren = childUserIds.length ? db.select({ id: children.id }).from(children).where(inArray(children.userId, childUserIds)).all().map((c) => c.id) : [];
  const asGuardian = myChildren.length ? db.select().from(matches).where(and(inArray(matches.childId, myChildren), inArray(matches.status, ["approved", "active"]))).all() : [];
  return [
    ...asVolunteer.map((m) => ({ side: "volunteer" as const, match: m })),
    ...asGuardian.map((m) => ({ side: "guardian" as const, match: m })),
  ].map(({ side, match }) => {
    const child = db.select({ firstName: children.firstName, grade: children.grade, languages: children.languages }).from(children).where(eq(children.id, match.childId)).get()!;
    const volunteer = db.select({ firstName: users.firstName, lastName: users.lastName }).from(users).where(eq(users.id, match.volunteerUserId)).get()!;
    return {
      id: match.id,
      side,
      status: match.status,
      myResponse: side === "volunteer" ? match.volunteerResponse : match.guardianResponse,
      // A volunteer sees the child's first name, grade, needs, languages and availability — never the referral's reasons.
      child: { firstName: child.firstName, grade: child.grade, languages: child.languages },
      volunteer: { firstName: volunteer.firstName, lastName: side === "guardian" ? volunteer.lastName : "" },
      explanation: match.explanation,
    };
  });
}

export function matchHistory({ ctx, matchId }: { ctx: Ctx; matchId: string }) {
  requireCoordinatorOfMatch(ctx, matchId);
  return ctx.services.db.select().from(matchEvents).where(eq(matchEvents.matchId, matchId)).orderBy(asc(matchEvents.createdAt)).all();
}

/** Approved and active matches of the coordinator's organisations, newest first. */
export function listMatches({ ctx }: { ctx: Ctx }) {
  requirePermission(ctx.user, "propose:match:org");
  const orgIds = organizationsWhere(ctx.user, "propose:match:org");
  return ctx.services.db
    .select({ id: matches.id, status: matches.status, score: matches.score, volunteerResponse: matches.volunteerResponse, guardianResponse: matches.guardianResponse, childFirstName: children.firstName, childLastName: children.lastName, volunteerFirstName: users.firstName, volunteerLastName: users.lastName, programName: programs.name, declineReason: matches.declineReason, rejectReason: matches.rejectReason, updatedAt: matches.updatedAt })
    .from(matches)
    .innerJoin(children, eq(children.id, matches.childId))
    .innerJoin(users, eq(users.id, matches.volunteerUserId))
    .innerJoin(programs, eq(programs.id, matches.programId))
    .where(and(inArray(matches.organizationId, orgIds), inArray(matches.status, ["approved", "active", "paused", "rejected", "closed"])))
    .orderBy(desc(matches.updatedAt))
    .limit(100)
    .all();
}

