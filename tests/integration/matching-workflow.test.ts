import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Services } from "../../app/modules/core/services.server";
import { candidatesForChild, listProposals, proposeMatches } from "../../app/modules/matching/proposals.server";
import { approveMatch, listOffers, matchHistory, rejectMatch, respondToMatch } from "../../app/modules/matching/workflow.server";
import * as proposalsRoute from "../../app/routes/coordination.matches._index";
import * as adminProgramsRoute from "../../app/routes/admin.programs._index";
import { criteria } from "../../app/modules/matching/fit";
import { runRecordCheckExpiry } from "../../app/modules/volunteers/record-check-expiry.server";
import { auditLog, children, matches } from "../../db/schema";
import { createOrganization, createUser } from "../factories";
import { createChildRecord, programOf } from "../factories/children";
import { addTrainingHours, completeScreening, createVolunteerProfile } from "../factories/volunteers";
import { callRoute } from "../setup/remix";
import { createTestServices, ctxFor, sessionCookie } from "../setup/test-db";
import { outcomeOf } from "../setup/outcome";

const codeOf = (run: () => unknown) => outcomeOf(run, { withKey: true });

let services: Services;
beforeEach(() => {
  services = createTestServices();
});
afterEach(() => services.db.$client.close());


/** An organisation with a coordinator, a professional, two eligible volunteers and two waiting children. */
async function world() {
  const org = createOrganization(services);
  const program = programOf(services, org.id);
  const coordinator = await createUser(services, { role: "coordinator", organizationId: org.id });
  const professional = await createUser(services, { role: "professional", organizationId: org.id });
  const volunteers = [];
  for (const firstName of ["Luka", "Sara"]) {
    const volunteer = await createUser(services, { role: "volunteer", organizationId: org.id, firstName });
    createVolunteerProfile(services, volunteer.id, org.id, "active");
    completeScreening(services, volunteer.id, coordinator.id);
    addTrainingHours(services, volunteer.id, org.id, 2);
    volunteers.push(volunteer);
  }
  const guardians = [];
  const kids = [];
  for (const firstName of ["Maja", "Ema"]) {
    const guardian = await createUser(services, { role: "guardian", organizationId: org.id, firstName: `Skrbnik ${firstName}` });
    const { child } = await createChildRecord(services, { organizationId: org.id, referredByUserId: professional.id, status: "waiting", firstName, guardianUserId: guardian.id });
    guardians.push(guardian);
    kids.push(child);
  }
  return { org, program, coordinator, professional, volunteers, guardians, kids, as: (userId: string) => ctxFor(services, userId) };
}

const statusOf = (matchId: string) => services.db.select().from(matches).where(eq(matches.id, matchId)).get()!;

describe("matching workflow", () => {
  it("proposes the optimal pairs, never re-proposes a rejected pair, and activates when both sides accept", async () => {
    const w = await world();
    const outcome = await proposeMatches({ ctx: w.as(w.coordinator.id), programId: w.program.id });
    expect(outcome).toMatchObject({ proposed: 2, waiting: 2, matched: 2 });
    const { proposals } = listProposals({ ctx: w.as(w.coordinator.id) });
    expect(proposals).toHaveLength(2);
    expect(proposals[0]!.explanation.map((l) => l.criterion)).toContain("availability");

    const [first, second] = proposals;
    rejectMatch({ ctx: w.as(w.coordinator.id), matchId: first!.id, reason: "Prostovoljec živi v istem bloku" });
    await proposeMatches({ ctx: w.as(w.coordinator.id), programId: w.program.id });
    const again = services.db.select().from(matches).where(eq(matches.status, "proposed")).all();
    expect(again.some((m) => m.childId === first!.childId && m.volunteerUserId === statusOf(first!.id).volunteerUserId)).toBe(false);

    const chosen = again.find((m) => m.childId === second!.childId)!;
    await approveMatch({ ctx: w.as(w.coordinator.id), matchId: chosen.id });
    expect(statusOf(chosen.id).status).toBe("approved");
    const volunteerId = chosen.volunteerUserId;
    const guardian = w.guardians[w.kids.findIndex((k) => k.id === chosen.childId)]!;

    const offer = listOffers({ ctx: w.as(volunteerId) }).find((o) => o.id === chosen.id)!;
    expect(offer.child).toEqual({ firstName: expect.any(String), grade: 6, languages: [{ code: "sl", first: true }] });
    expect(JSON.stringify(offer)).not.toMatch(/Zaupen razlog|Zaupne razmere|Zupan/);

    expect(await respondToMatch({ ctx: w.as(volunteerId), matchId: chosen.id, accept: true, reason: null })).toBe("approved");
    expect(await respondToMatch({ ctx: w.as(guardian.id), matchId: chosen.id, accept: true, reason: null })).toBe("active");
    expect(services.db.select().from(children).where(eq(children.id, chosen.childId)).get()!.status).toBe("matched");
    expect(matchHistory({ ctx: w.as(w.coordinator.id), matchId: chosen.id }).map((e) => e.action)).toEqual(["approved", "volunteer_accepted", "guardian_accepted", "activated"]);
    const audited = services.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, chosen.id)).all().map((a) => a.action);
    expect(audited).toEqual(["approve_match", "volunteer_accepted_match", "guardian_accepted_match"]);

    // A matched child is no longer proposed; the volunteer's capacity shrinks.
    await proposeMatches({ ctx: w.as(w.coordinator.id), programId: w.program.id });
    expect(services.db.select().from(matches).where(eq(matches.status, "proposed")).all().some((m) => m.childId === chosen.childId)).toBe(false);
  });

  it("returns the child to the waiting list when a side declines, with the reason", async () => {
    const w = await world();
    await proposeMatches({ ctx: w.as(w.coordinator.id), programId: w.program.id });
    const [proposal] = services.db.select().from(matches).where(eq(matches.status, "proposed")).all();
    await approveMatch({ ctx: w.as(w.coordinator.id), matchId: proposal!.id });
    const guardian = w.guardians[w.kids.findIndex((k) => k.id === proposal!.childId)]!;
    expect(await respondToMatch({ ctx: w.as(guardian.id), matchId: proposal!.id, accept: false, reason: "Želimo prostovoljko" })).toBe("rejected");
    expect(statusOf(proposal!.id)).toMatchObject({ status: "rejected", guardianResponse: "declined", declineReason: "Želimo prostovoljko" });
    expect(services.db.select().from(children).where(eq(children.id, proposal!.childId)).get()!.status).toBe("waiting");
    const ranked = candidatesForChild({ ctx: w.as(w.coordinator.id), childId: proposal!.childId }).candidates.map((c) => c.volunteerUserId);
    expect(ranked).not.toContain(proposal!.volunteerUserId);
  });

  it("explains why a child has no candidate", async () => {
    const w = await world();
    const org2Child = await createChildRecord(services, { organizationId: w.org.id, referredByUserId: w.professional.id, status: "waiting", firstName: "Žan" });
    services.db.update(children).set({ languages: [{ code: "uk", first: true }] }).where(eq(children.id, org2Child.child.id)).run();
    const view = candidatesForChild({ ctx: w.as(w.coordinator.id), childId: org2Child.child.id });
    expect(view.candidates).toEqual([]);
    expect(view.reasons.map((r) => r.key)).toEqual(["reason.noSharedLanguage"]);
    expect(view.reasons[0]!.params.count).toBe(2);
  });

  it("lets only the right people act", async () => {
    const w = await world();
    await proposeMatches({ ctx: w.as(w.coordinator.id), programId: w.program.id });
    const [proposal] = services.db.select().from(matches).where(eq(matches.status, "proposed")).all();
    const volunteer = w.volunteers[0]!;
    expect(await codeOf(() => approveMatch({ ctx: w.as(volunteer.id), matchId: proposal!.id }))).toBe("FORBIDDEN errors.forbidden");
    const stranger = await createUser(services, { role: "coordinator", organizationId: createOrganization(services).id });
    expect(await codeOf(() => approveMatch({ ctx: w.as(stranger.id), matchId: proposal!.id }))).toBe("NOT_FOUND matches:errors.matchNotFound");
    await approveMatch({ ctx: w.as(w.coordinator.id), matchId: proposal!.id });
    const otherGuardian = w.guardians[1 - w.kids.findIndex((k) => k.id === proposal!.childId)]!;
    expect(await codeOf(() => respondToMatch({ ctx: w.as(otherGuardian.id), matchId: proposal!.id, accept: true, reason: null }))).toBe("NOT_FOUND matches:errors.matchNotFound");
    expect(statusOf(proposal!.id).guardianResponse).toBe("pending");

    const response = await callRoute(proposalsRoute.action, services, { method: "POST", cookie: await sessionCookie(services, w.coordinator.id), body: { intent: "reject", matchId: proposal!.id } });
    expect(response.status).toBe(400);
    expect((await response.json()).result.error.reason).toEqual(["matches:errors.reasonRequired"]);
  });
});

describe("record check expiry and matches", () => {
  it("flags the volunteer's current matches in their history when the check expires", async () => {
    const w = await world();
    await proposeMatches({ ctx: w.as(w.coordinator.id), programId: w.program.id });
    const [proposal] = services.db.select().from(matches).where(eq(matches.status, "proposed")).all();
    await approveMatch({ ctx: w.as(w.coordinator.id), matchId: proposal!.id });
    const later = new Date(Date.now() + 400 * 86_400_000);
    const outcome = await runRecordCheckExpiry(services, later);
    expect(outcome.expired).toBe(2);
    expect(matchHistory({ ctx: w.as(w.coordinator.id), matchId: proposal!.id }).map((e) => e.action)).toEqual(["approved", "record_check_expired"]);
  });
});

describe("matching weights", () => {
  it("lets an admin change a programme's weights, refuses all-zero or negative ones, and scores with them", async () => {
    const w = await world();
    const admin = await createUser(services, { role: "admin", organizationId: w.org.id });
    const cookie = await sessionCookie(services, admin.id);
    const zeros = Object.fromEntries(criteria.map((c) => [c, "0"]));
    const allZero = await callRoute(adminProgramsRoute.action, services, { method: "POST", cookie, body: { intent: "weights", programId: w.program.id, ...zeros } });
    expect((await allZero.json()).result.error[""]).toEqual(["matches:errors.weight.allZero"]);
    const negative = await callRoute(adminProgramsRoute.action, services, { method: "POST", cookie, body: { intent: "weights", programId: w.program.id, ...zeros, subject: "-1", load: "1" } });
    expect((await negative.json()).result.error.subject).toEqual(["matches:errors.weight.negative"]);
    expect(programOf(services, w.org.id).matchingWeights).toBeNull();

    const before = candidatesForChild({ ctx: w.as(w.coordinator.id), childId: w.kids[0]!.id }).candidates[0]!.score;
    const onlyInterests = await callRoute(adminProgramsRoute.action, services, { method: "POST", cookie, body: { intent: "weights", programId: w.program.id, ...zeros, interests: "1" } });
    expect(onlyInterests.status).toBe(302);
    const after = candidatesForChild({ ctx: w.as(w.coordinator.id), childId: w.kids[0]!.id }).candidates[0]!.score;
    expect(after).not.toBe(before);
    // The factory's child has no interests, so with only that criterion weighted the score is its neutral 0.5.
    expect(after).toBe(0.5);

    const asCoordinator = await callRoute(adminProgramsRoute.action, services, { method: "POST", cookie: await sessionCookie(services, w.coordinator.id), body: { intent: "weights", programId: w.program.id, ...zeros, load: "2" } });
    expect(asCoordinator.status).toBe(403);
    expect(programOf(services, w.org.id).matchingWeights?.load).toBe(0);
  });
});
