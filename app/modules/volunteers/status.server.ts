import { eq } from "drizzle-orm";
import type { z } from "zod";
import { volunteerProfiles, volunteerStatusChanges, type VolunteerStatus } from "../../../db/schema";
import { audit } from "../audit/record.server";
import type { Ctx } from "../core/services.server";
import { conflict } from "../errors";
import { coordinatorIdsOf, notify } from "../notifications/notify.server";
import { requireCoordinatedVolunteer } from "./access.server";
import { localDate, readyToActivate, screeningComplete } from "./eligibility";
import { loadEligibilityFacts } from "./facts.server";
import { canTransition, decisions, isDecisionAllowed } from "./lifecycle";
import type { decisionSchema } from "./schemas";

/**
 * Moves a volunteer to another state if the move is legal, recording who, when and why, and
 * telling the volunteer (in-app and by e-mail). Synchronous parts run in one transaction.
 */
/** Nobody moves back to "applied": every other state is a move a volunteer is told about. */
export async function changeStatus(ctx: Ctx, volunteerUserId: string, to: Exclude<VolunteerStatus, "applied">, reason: string | null): Promise<void> {
  const { db } = ctx.services;
  const organizationId = db.transaction(() => {
    const profile = db.select().from(volunteerProfiles).where(eq(volunteerProfiles.userId, volunteerUserId)).get();
    if (!profile) throw conflict("volunteers:errors.volunteer.notFound");
    if (!canTransition(profile.status, to)) throw conflict("volunteers:errors.transition");
    db.update(volunteerProfiles).set({ status: to, statusReason: reason, updatedAt: ctx.now }).where(eq(volunteerProfiles.userId, volunteerUserId)).run();
    db.insert(volunteerStatusChanges)
      .values({ volunteerUserId, fromStatus: profile.status, toStatus: to, reason, actorUserId: ctx.user?.id ?? null, createdAt: ctx.now })
      .run();
    audit(ctx, { action: `status_${to}`, entity: "volunteer", entityId: volunteerUserId, organizationId: profile.organizationId });
    return profile.organizationId;
  });
  await notify(ctx.services, [volunteerUserId], { kind: `volunteerStatus.${to}`, params: { reason: reason ?? "" }, email: true }, ctx.now);
  if (to === "active") {
    await notify(ctx.services, coordinatorIdsOf(ctx.services, organizationId), { kind: "volunteerActivated", params: { volunteerId: volunteerUserId } }, ctx.now);
  }
}

/** A coordinator's decision on an application or an active volunteer. */
export async function decide({ ctx, volunteerUserId, input }: { ctx: Ctx; volunteerUserId: string; input: z.infer<typeof decisionSchema> }) {
  const { profile } = requireCoordinatedVolunteer(ctx, volunteerUserId);
  const to = decisions[input.decision];
  if (input.decision === "accept_to_training") {
    const facts = loadEligibilityFacts(ctx.services.db, volunteerUserId)!;
    if (!screeningComplete(facts, localDate(ctx.now))) throw conflict("volunteers:errors.screeningIncomplete");
  }
  if (!isDecisionAllowed(profile.status, input.decision)) throw conflict("volunteers:errors.transition");
  await changeStatus(ctx, volunteerUserId, to, input.reason?.trim() || null);
  await activateIfReady(ctx, volunteerUserId);
}

/** A volunteer in training becomes active by themselves when the last requirement is met. */
export async function activateIfReady(ctx: Ctx, volunteerUserId: string): Promise<boolean> {
  const facts = loadEligibilityFacts(ctx.services.db, volunteerUserId);
  if (!facts || !readyToActivate(facts, localDate(ctx.now))) return false;
  await changeStatus(ctx, volunteerUserId, "active", null);
  return true;
}
