import { and, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { getMyReferral, replyToInfoRequest } from "../../app/modules/children/my-referrals.server";
import { submitReferral } from "../../app/modules/children/submit-referral.server";
import { acceptReferral, declineReferral, listTriageQueue, requestReferralInfo } from "../../app/modules/children/triage.server";
import type { Services } from "../../app/modules/core/services.server";
import * as recordPage from "../../app/routes/coordination_.children.$childId";
import { auditLog, children, emailOutbox, guardianInvitations, guardianships, memberships, notifications, referrals, users } from "../../db/schema";
import { createOrganization, createUser } from "../factories";
import { professionalReferralInput, programOf } from "../factories/children";
import { callRoute } from "../setup/remix";
import { createTestServices, ctxFor, sessionCookie } from "../setup/test-db";
import { outcomeOf } from "../setup/outcome";

const codeOf = (run: () => unknown) => outcomeOf(run);

let services: Services;
beforeEach(() => {
  services = createTestServices();
});
afterEach(() => services.db.$client.close());


async function referred(overrides: Parameters<typeof professionalReferralInput>[1] = {}) {
  const org = createOrganization(services);
  const program = programOf(services, org.id);
  const professional = await createUser(services, { role: "professional", organizationId: org.id });
  const coordinator = await createUser(services, { role: "coordinator", organizationId: org.id, firstName: "Petra" });
  const { referralId, childId } = submitReferral({ ctx: ctxFor(services, professional.id), input: professionalReferralInput(program.id, overrides) });
  return { org, professional, coordinator, referralId, childId };
}

describe("coordinator triage", () => {
  it("accepts: creates the child's account, moves the child to consent_pending and e-mails the guardian an invitation", async () => {
    const { org, professional, coordinator, referralId, childId } = await referred();
    const result = await acceptReferral({ ctx: ctxFor(services, coordinator.id), referralId });
    expect(result.emailed).toBe(true);
    expect(result.invitationUrl).toMatch(/^http:\/\/tandem\.test\/invitation\/[\w-]{43}$/);

    const child = services.db.select().from(children).where(eq(children.id, childId)).get()!;
    expect(child.status).toBe("consent_pending");
    const account = services.db.select().from(users).where(eq(users.id, child.userId!)).get()!;
    expect(account).toMatchObject({ email: null, passwordHash: null, firstName: "Maja" });
    expect(services.db.select().from(memberships).where(eq(memberships.userId, account.id)).get()).toMatchObject({ organizationId: org.id, role: "child" });
    expect(services.db.select().from(referrals).where(eq(referrals.id, referralId)).get()).toMatchObject({ status: "accepted", decidedByUserId: coordinator.id });

    const token = result.invitationUrl!.split("/invitation/")[1]!;
    const stored = services.db.select().from(guardianInvitations).get()!;
    expect(stored.tokenHash).not.toContain(token);
    const mail = services.db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, "mojca.zupan@example.org")).get()!;
    expect(mail.textBody).toContain(result.invitationUrl);
    // E-mails carry neither the child's name nor the reason.
    expect(mail.textBody).not.toContain("Maja");
    expect(mail.textBody).not.toContain("zaostaja");
    const notice = services.db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, professional.email!)).get()!;
    expect(notice.textBody).toContain(`/referrals/${referralId}`);
    expect(notice.textBody).not.toContain("Maja");
    const actions = services.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, childId)).all().map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(["submit_referral", "accept_referral", "issue_guardian_invitation"]));
    expect(getMyReferral({ ctx: ctxFor(services, professional.id), referralId }).status).toBe("accepted");
  });

  it("gives a printable invitation link when the guardian has no e-mail", async () => {
    const { coordinator, referralId } = await referred({ guardianEmail: undefined, guardianPhone: "041 123 456" });
    const cookie = await sessionCookie(services, coordinator.id);
    const childId = services.db.select().from(referrals).get()!.childId;
    const response = await callRoute(recordPage.action, services, { method: "POST", cookie, params: { childId }, body: { intent: "accept", referralId } });
    const body = await response.json();
    expect(body.invitation).toMatchObject({ emailed: false });
    expect(body.invitation.url).toMatch(/\/invitation\/[\w-]{43}$/);
    expect(services.db.select().from(emailOutbox).where(eq(emailOutbox.subject, "Tandem: vabilo za skrbnika")).all()).toHaveLength(0);
  });

  it("makes a referring guardian the child's guardian at once, without an invitation", async () => {
    const org = createOrganization(services);
    const program = programOf(services, org.id);
    const guardian = await createUser(services, { role: "guardian", organizationId: org.id });
    const coordinator = await createUser(services, { role: "coordinator", organizationId: org.id });
    const { guardianFirstName: _a, guardianLastName: _b, guardianEmail: _c, guardianPhone: _d, professionalInstitution: _e, professionalRole: _f, ...input } = professionalReferralInput(program.id);
    const { referralId, childId } = submitReferral({ ctx: ctxFor(services, guardian.id), input });
    const result = await acceptReferral({ ctx: ctxFor(services, coordinator.id), referralId });
    expect(result.invitationUrl).toBeNull();
    const child = services.db.select().from(children).where(eq(children.id, childId)).get()!;
    expect(services.db.select().from(guardianships).where(eq(guardianships.childUserId, child.userId!)).get()).toMatchObject({ guardianUserId: guardian.id });
  });

  it("declines only with a reason, which the referrer sees", async () => {
    const { professional, coordinator, referralId, childId } = await referred();
    const cookie = await sessionCookie(services, coordinator.id);
    const empty = await callRoute(recordPage.action, services, { method: "POST", cookie, params: { childId }, body: { intent: "decline", referralId, reason: "  " } });
    expect(empty.status).toBe(400);
    expect((await empty.json()).errors.reason).toEqual(["children:errors.declineReason.required"]);
    expect(services.db.select().from(referrals).get()!.status).toBe("submitted");

    const declined = await callRoute(recordPage.action, services, { method: "POST", cookie, params: { childId }, body: { intent: "decline", referralId, reason: "Otrok je prestar za program." } });
    expect(declined.status).toBe(302);
    expect(getMyReferral({ ctx: ctxFor(services, professional.id), referralId })).toMatchObject({ status: "declined", declineReason: "Otrok je prestar za program." });
    expect(services.db.select().from(children).where(eq(children.id, childId)).get()!.status).toBe("exited");
    expect(await codeOf(() => acceptReferral({ ctx: ctxFor(services, coordinator.id), referralId }))).toBe("CONFLICT");
  });

  it("asks the referrer for more information and takes their answer back into the queue", async () => {
    const { professional, coordinator, referralId } = await referred();
    const ctx = ctxFor(services, coordinator.id);
    await requestReferralInfo({ ctx, input: { intent: "request_info", referralId, message: "Kateri dnevi so res prosti?" } });
    expect(listTriageQueue({ ctx }).pending[0]).toMatchObject({ status: "info_requested" });
    expect(getMyReferral({ ctx: ctxFor(services, professional.id), referralId })).toMatchObject({ status: "info_requested", infoRequest: "Kateri dnevi so res prosti?" });

    replyToInfoRequest({ ctx: ctxFor(services, professional.id), referralId, input: { reply: "Torek in četrtek popoldne." } });
    expect(listTriageQueue({ ctx }).pending[0]).toMatchObject({ status: "submitted" });
    expect(services.db.select().from(notifications).where(and(eq(notifications.userId, coordinator.id), eq(notifications.kind, "referral_info_reply"))).all()).toHaveLength(1);
    expect(await codeOf(() => replyToInfoRequest({ ctx: ctxFor(services, professional.id), referralId, input: { reply: "Še enkrat" } }))).toBe("CONFLICT");
  });

  it("lets only coordinators of the child's organisation triage", async () => {
    const { org, professional, referralId } = await referred();
    const foreign = await createUser(services, { role: "coordinator", organizationId: createOrganization(services).id });
    const volunteer = await createUser(services, { role: "volunteer", organizationId: org.id });
    expect(await codeOf(() => acceptReferral({ ctx: ctxFor(services, foreign.id), referralId }))).toBe("NOT_FOUND");
    expect(await codeOf(() => acceptReferral({ ctx: ctxFor(services, volunteer.id), referralId }))).toBe("FORBIDDEN");
    expect(await codeOf(() => acceptReferral({ ctx: ctxFor(services, professional.id), referralId }))).toBe("FORBIDDEN");
    expect(listTriageQueue({ ctx: ctxFor(services, foreign.id) }).pending).toHaveLength(0);
    expect(services.db.select().from(referrals).get()!.status).toBe("submitted");
  });
});
