import { and, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { giveConsent, hasActiveConsent, withdrawConsent } from "../../app/modules/children/consents.server";
import { acceptGuardianInvitation, findGuardianInvitation } from "../../app/modules/children/invitations.server";
import { submitReferral } from "../../app/modules/children/submit-referral.server";
import { acceptReferral } from "../../app/modules/children/triage.server";
import type { Services } from "../../app/modules/core/services.server";
import * as familyPage from "../../app/routes/family";
import * as invitationPage from "../../app/routes/invitation.$token";
import { auditLog, children, consents, guardianships, memberships, notifications } from "../../db/schema";
import { TEST_PASSWORD, createOrganization, createUser } from "../factories";
import { createChildRecord, professionalReferralInput, programOf } from "../factories/children";
import { callRoute, cookieFrom } from "../setup/remix";
import { createTestServices, ctxFor, sessionCookie } from "../setup/test-db";
import { outcomeOf } from "../setup/outcome";

const codeOf = (run: () => unknown) => outcomeOf(run, { withKey: true });

let services: Services;
beforeEach(() => {
  services = createTestServices();
});
afterEach(() => services.db.$client.close());


async function accepted() {
  const org = createOrganization(services);
  const professional = await createUser(services, { role: "professional", organizationId: org.id });
  const coordinator = await createUser(services, { role: "coordinator", organizationId: org.id });
  const { referralId, childId } = submitReferral({ ctx: ctxFor(services, professional.id), input: professionalReferralInput(programOf(services, org.id).id) });
  const { invitationUrl } = await acceptReferral({ ctx: ctxFor(services, coordinator.id), referralId });
  return { org, coordinator, childId, token: invitationUrl!.split("/invitation/")[1]! };
}

const statusOf = (childId: string) => services.db.select().from(children).where(eq(children.id, childId)).get()!;

describe("guardian invitation", () => {
  it("creates the guardian's account, links them to the child, signs them in and is spent", async () => {
    const { org, childId, token } = await accepted();
    const page = await callRoute(invitationPage.loader, services, { params: { token } });
    expect((await page.json()).invitation).toMatchObject({ childFirstName: "Maja", guardian: { firstName: "Mojca", email: "mojca.zupan@example.org" } });

    const bad = await callRoute(invitationPage.action, services, { method: "POST", params: { token }, body: { firstName: "Mojca", lastName: "Zupan", email: "mojca.zupan@example.org", password: "kratko", passwordConfirm: "kratko" } });
    expect((await bad.json()).error.password).toEqual(["errors.password.tooShort"]);

    const response = await callRoute(invitationPage.action, services, {
      method: "POST",
      params: { token },
      body: { firstName: "Mojca", lastName: "Zupan", email: "mojca.zupan@example.org", password: TEST_PASSWORD, passwordConfirm: TEST_PASSWORD },
    });
    expect(response.headers.get("Location")).toBe("/family");
    const guardianId = await services.sessions.userIdFromCookie(cookieFrom(response));
    expect(guardianId).toBeTruthy();
    expect(services.db.select().from(memberships).where(eq(memberships.userId, guardianId!)).get()).toMatchObject({ organizationId: org.id, role: "guardian" });
    expect(services.db.select().from(guardianships).where(eq(guardianships.guardianUserId, guardianId!)).get()!.childUserId).toBe(statusOf(childId).userId);
    expect(findGuardianInvitation(ctxFor(services, null), token)).toBeNull();
    expect((await callRoute(invitationPage.loader, services, { params: { token } })).status).toBe(404);
  });

  it("lets a signed-in guardian accept with their existing account, and refuses a taken e-mail for a new one", async () => {
    const { org, childId, token } = await accepted();
    const existing = await createUser(services, { role: "guardian", organizationId: org.id, email: "mojca.zupan@example.org" });
    expect(await codeOf(() => acceptGuardianInvitation({ ctx: ctxFor(services, null), token, input: { firstName: "M", lastName: "Z", email: "mojca.zupan@example.org", password: TEST_PASSWORD, passwordConfirm: TEST_PASSWORD } }))).toBe(
      "CONFLICT children:errors.invitation.emailTaken",
    );
    const cookie = await sessionCookie(services, existing.id);
    const response = await callRoute(invitationPage.action, services, { method: "POST", cookie, params: { token }, body: {} });
    expect(response.headers.get("Location")).toBe("/family");
    expect(services.db.select().from(guardianships).where(eq(guardianships.guardianUserId, existing.id)).get()!.childUserId).toBe(statusOf(childId).userId);
  });
});

describe("consent", () => {
  it("records who, when, how and which text; participation and data consent put the child on the waiting list", async () => {
    const org = createOrganization(services);
    const professional = await createUser(services, { role: "professional", organizationId: org.id });
    const guardian = await createUser(services, { role: "guardian", organizationId: org.id, firstName: "Mojca" });
    const { child } = await createChildRecord(services, { organizationId: org.id, referredByUserId: professional.id, status: "consent_pending", guardianUserId: guardian.id });
    const now = new Date("2026-11-23T17:00:00Z");
    const ctx = ctxFor(services, guardian.id, now);
    expect(giveConsent({ ctx, input: { childId: child.id, purpose: "participation" } })).toBe("consent_pending");
    expect(giveConsent({ ctx, input: { childId: child.id, purpose: "sensitive_data" } })).toBe("waiting");
    expect(statusOf(child.id)).toMatchObject({ status: "waiting", waitingSince: now });
    expect(services.db.select().from(consents).where(eq(consents.purpose, "participation")).get()).toMatchObject({
      givenByUserId: guardian.id,
      givenAt: now,
      method: "online",
      textVersion: "participation-v1",
      withdrawnAt: null,
    });
    // Giving the same consent twice records it once.
    giveConsent({ ctx, input: { childId: child.id, purpose: "participation" } });
    expect(services.db.select().from(consents).all()).toHaveLength(2);
  });

  it("makes a withdrawal take effect at once and tells the coordinators", async () => {
    const org = createOrganization(services);
    const professional = await createUser(services, { role: "professional", organizationId: org.id });
    const coordinator = await createUser(services, { role: "coordinator", organizationId: org.id });
    const guardian = await createUser(services, { role: "guardian", organizationId: org.id });
    const { child } = await createChildRecord(services, { organizationId: org.id, referredByUserId: professional.id, status: "consent_pending", guardianUserId: guardian.id });
    const ctx = ctxFor(services, guardian.id);
    for (const purpose of ["participation", "sensitive_data", "video"] as const) giveConsent({ ctx, input: { childId: child.id, purpose } });
    expect(hasActiveConsent(services.db, child.id, "video")).toBe(true);

    const cookie = await sessionCookie(services, guardian.id);
    const response = await callRoute(familyPage.action, services, { method: "POST", cookie, body: { intent: "withdraw", childId: child.id, purpose: "video" } });
    expect(response.status).toBe(302);
    expect(hasActiveConsent(services.db, child.id, "video")).toBe(false);
    expect(statusOf(child.id).status).toBe("waiting");
    expect(services.db.select().from(notifications).where(and(eq(notifications.userId, coordinator.id), eq(notifications.kind, "consent_withdrawn"))).get()!.params).toEqual({ childId: child.id, purpose: "video" });

    withdrawConsent({ ctx, input: { childId: child.id, purpose: "participation" } });
    expect(statusOf(child.id)).toMatchObject({ status: "consent_pending", waitingSince: null });
    expect(await codeOf(() => withdrawConsent({ ctx, input: { childId: child.id, purpose: "participation" } }))).toBe("CONFLICT children:errors.consent.notGiven");
    const actions = services.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, child.id)).all().map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(["give_consent.video", "withdraw_consent.video", "withdraw_consent.participation"]));
  });

  it("never lets a child under 15 consent alone; from 15 on they may", async () => {
    const org = createOrganization(services);
    const professional = await createUser(services, { role: "professional", organizationId: org.id });
    const now = new Date("2026-06-01T10:00:00Z");
    const young = await createChildRecord(services, { organizationId: org.id, referredByUserId: professional.id, status: "consent_pending", birthYear: 2011 });
    const older = await createChildRecord(services, { organizationId: org.id, referredByUserId: professional.id, status: "consent_pending", birthYear: 2010, firstName: "Tim" });
    expect(await codeOf(() => giveConsent({ ctx: ctxFor(services, young.account!.id, now), input: { childId: young.child.id, purpose: "participation" } }))).toBe(
      "INVALID children:errors.consent.under15",
    );
    expect(services.db.select().from(consents).where(eq(consents.childId, young.child.id)).all()).toHaveLength(0);
    expect(await codeOf(() => giveConsent({ ctx: ctxFor(services, older.account!.id, now), input: { childId: older.child.id, purpose: "participation" } }))).toBe("OK");
  });

  it("refuses consent from anyone who is not the child's guardian, and before acceptance", async () => {
    const org = createOrganization(services);
    const professional = await createUser(services, { role: "professional", organizationId: org.id });
    const guardian = await createUser(services, { role: "guardian", organizationId: org.id });
    const otherGuardian = await createUser(services, { role: "guardian", organizationId: org.id });
    const coordinator = await createUser(services, { role: "coordinator", organizationId: org.id });
    const { child } = await createChildRecord(services, { organizationId: org.id, referredByUserId: professional.id, status: "consent_pending", guardianUserId: guardian.id });
    const pending = await createChildRecord(services, { organizationId: org.id, referredByUserId: guardian.id, status: "referred" });
    for (const user of [otherGuardian, coordinator, professional]) {
      expect(await codeOf(() => giveConsent({ ctx: ctxFor(services, user.id), input: { childId: child.id, purpose: "participation" } }))).toBe("NOT_FOUND children:errors.child.notFound");
    }
    expect(await codeOf(() => giveConsent({ ctx: ctxFor(services, guardian.id), input: { childId: pending.child.id, purpose: "participation" } }))).toBe("NOT_FOUND children:errors.child.notFound");
    const cookie = await sessionCookie(services, guardian.id);
    const bad = await callRoute(familyPage.action, services, { method: "POST", cookie, body: { intent: "give", childId: child.id, purpose: "swimming" } });
    expect((await bad.json()).errors).toEqual(["children:errors.consent.purpose"]);
    expect(services.db.select().from(consents).all()).toHaveLength(0);
    const family = await (await callRoute(familyPage.loader, services, { cookie })).json();
    expect(family.children.map((c: { firstName: string; status: string }) => [c.firstName, c.status])).toEqual([["Maja", "consent_pending"]]);
    expect(family.referred.map((r: { status: string }) => r.status)).toEqual(["submitted"]);
    expect(JSON.stringify(family)).not.toContain("Zaupen");
  });
});
