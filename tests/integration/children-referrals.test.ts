import { and, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { getMyReferral, listMyReferrals } from "../../app/modules/children/my-referrals.server";
import { submitReferral } from "../../app/modules/children/submit-referral.server";
import type { Services } from "../../app/modules/core/services.server";
import * as referralPage from "../../app/routes/referrals.$referralId";
import * as referralsPage from "../../app/routes/referrals._index";
import * as newReferral from "../../app/routes/referrals.new";
import { auditLog, childAvailability, childNeeds, childSensitive, children, notifications, referrals } from "../../db/schema";
import { createOrganization, createUser } from "../factories";
import { professionalReferralInput, programOf, referralFormBody } from "../factories/children";
import { callRoute } from "../setup/remix";
import { createTestServices, ctxFor, sessionCookie } from "../setup/test-db";
import { outcomeOf } from "../setup/outcome";

const codeOf = (run: () => unknown) => outcomeOf(run);

let services: Services;
beforeEach(() => {
  services = createTestServices();
});
afterEach(() => services.db.$client.close());


async function setup() {
  const org = createOrganization(services);
  const program = programOf(services, org.id);
  const professional = await createUser(services, { role: "professional", organizationId: org.id, firstName: "Irena" });
  const coordinator = await createUser(services, { role: "coordinator", organizationId: org.id });
  return { org, program, professional, coordinator };
}

describe("referrals by professionals and guardians", () => {
  it("stores a professional's referral with the sensitive details apart and tells the coordinators", async () => {
    const { program, professional, coordinator } = await setup();
    const cookie = await sessionCookie(services, professional.id);
    const response = await callRoute(newReferral.action, services, {
      method: "POST",
      cookie,
      body: referralFormBody(program.id, { "needs[1].priority": "2", "needs[1].grade": "5", languages: "hr", firstLanguage: "sl", slots: String(17 * 60), interests: "Risanje, nogomet, risanje" }),
    });
    expect(response.status).toBe(302);
    const child = services.db.select().from(children).get()!;
    expect(response.headers.get("Location")).toBe(`/referrals/${services.db.select().from(referrals).get()!.id}`);
    expect(child).toMatchObject({
      status: "referred",
      userId: null,
      grade: 6,
      municipalityId: 61,
      mode: "online",
      languages: [
        { code: "sl", first: true },
        { code: "hr", first: false },
      ],
      interests: ["risanje", "nogomet"],
    });
    // The basic record carries nothing sensitive; the sensitive table does.
    expect(JSON.stringify(child)).not.toContain("zaostaja");
    expect(services.db.select().from(childSensitive).where(eq(childSensitive.childId, child.id)).get()).toMatchObject({
      referralReason: "Otrok zaostaja pri matematiki",
      familySituation: "Oče v programu zdravljenja",
    });
    expect(services.db.select({ subject: childNeeds.subject, grade: childNeeds.grade, priority: childNeeds.priority }).from(childNeeds).all()).toEqual([
      { subject: "math", grade: 6, priority: 1 },
      { subject: "english", grade: 5, priority: 2 },
    ]);
    expect(services.db.select({ start: childAvailability.startMinute, end: childAvailability.endMinute }).from(childAvailability).all()).toEqual([
      { start: 17 * 60, end: 17 * 60 + 30 },
    ]);
    expect(services.db.select().from(referrals).get()).toMatchObject({
      referrerKind: "professional",
      referredByUserId: professional.id,
      professionalInstitution: "CSD Ljubljana",
      guardianEmail: "mojca.zupan@example.org",
      status: "submitted",
    });
    expect(services.db.select().from(auditLog).where(and(eq(auditLog.entityId, child.id), eq(auditLog.action, "submit_referral"))).all()).toHaveLength(1);
    expect(services.db.select().from(notifications).where(eq(notifications.userId, coordinator.id)).get()).toMatchObject({ kind: "referral_submitted", params: { childId: child.id } });
  });

  it("rejects a birth year in the future, a grade outside 1–13 and a missing guardian contact, and stores nothing", async () => {
    const { program, professional } = await setup();
    const cookie = await sessionCookie(services, professional.id);
    const nextYear = String(new Date().getFullYear() + 1);
    const response = await callRoute(newReferral.action, services, {
      method: "POST",
      cookie,
      body: referralFormBody(program.id, { birthYear: nextYear, grade: "14", guardianEmail: "", guardianPhone: "" }),
    });
    expect(response.status).toBe(400);
    const result = await response.json();
    expect(result.error).toMatchObject({
      birthYear: ["children:errors.birthYear.future"],
      grade: ["errors.grade.range"],
      guardianEmail: ["children:errors.guardianContact.required"],
    });
    const more = await callRoute(newReferral.action, services, {
      method: "POST",
      cookie,
      body: referralFormBody(program.id, { "needs[0].priority": "", slots: "", school: " ", municipalityId: "", guardianPhone: "12" }),
    });
    expect((await more.json()).error).toMatchObject({
      needs: ["children:errors.needs.required"],
      slots: ["errors.availability.empty"],
      school: ["children:errors.school.required"],
      municipalityId: ["errors.municipality.required"],
      guardianPhone: ["children:errors.phone.invalid"],
    });
    expect(services.db.select().from(children).all()).toHaveLength(0);
    expect(services.db.select().from(referrals).all()).toHaveLength(0);
  });

  it("refuses an unknown municipality or a programme of another organisation in the domain verb", async () => {
    const { program, professional } = await setup();
    const other = programOf(services, createOrganization(services).id);
    const ctx = ctxFor(services, professional.id);
    expect(await codeOf(() => submitReferral({ ctx, input: professionalReferralInput(program.id, { municipalityId: 9999 }) }))).toBe("INVALID");
    expect(await codeOf(() => submitReferral({ ctx, input: professionalReferralInput(other.id) }))).toBe("INVALID");
    expect(await codeOf(() => submitReferral({ ctx, input: professionalReferralInput(program.id, { birthYear: new Date().getFullYear() + 2 }) }))).toBe("INVALID");
    expect(services.db.select().from(children).all()).toHaveLength(0);
  });

  it("shows a professional only their own referrals, and only their status", async () => {
    const { org, program, professional } = await setup();
    const colleague = await createUser(services, { role: "professional", organizationId: org.id, firstName: "Tina" });
    const mine = submitReferral({ ctx: ctxFor(services, professional.id), input: professionalReferralInput(program.id, { firstName: "Maja" }) });
    const theirs = submitReferral({ ctx: ctxFor(services, colleague.id), input: professionalReferralInput(program.id, { firstName: "Žan" }) });

    const listed = listMyReferrals({ ctx: ctxFor(services, professional.id) });
    expect(listed.map((r) => r.firstName)).toEqual(["Maja"]);
    expect(Object.keys(listed[0]!)).not.toContain("referralReason");
    expect(JSON.stringify(listed)).not.toContain("zaostaja");
    expect(await codeOf(() => getMyReferral({ ctx: ctxFor(services, professional.id), referralId: theirs.referralId }))).toBe("NOT_FOUND");

    const cookie = await sessionCookie(services, professional.id);
    const page = await callRoute(referralsPage.loader, services, { cookie });
    const body = await page.json();
    expect(body.referrals.map((r: { firstName: string }) => r.firstName)).toEqual(["Maja"]);
    const foreign = await callRoute(referralPage.loader, services, { cookie, params: { referralId: theirs.referralId } });
    expect(foreign.status).toBe(404);
    const own = await callRoute(referralPage.loader, services, { cookie, params: { referralId: mine.referralId } });
    expect((await own.json()).referral).toMatchObject({ firstName: "Maja", status: "submitted" });
  });

  it("lets a guardian refer their own child without professional fields, as the contact", async () => {
    const { program } = await setup();
    const guardian = await createUser(services, { role: "guardian", organizationId: program.organizationId, firstName: "Mojca", lastName: "Kranjc" });
    const cookie = await sessionCookie(services, guardian.id);
    const body = referralFormBody(program.id, { referralReason: "" });
    for (const key of ["professionalInstitution", "professionalRole", "guardianFirstName", "guardianLastName", "guardianEmail"]) delete body[key];
    const response = await callRoute(newReferral.action, services, { method: "POST", cookie, body });
    expect(response.headers.get("Location")).toBe("/family");
    expect(services.db.select().from(referrals).get()).toMatchObject({
      referrerKind: "guardian",
      professionalInstitution: null,
      guardianFirstName: "Mojca",
      guardianLastName: "Kranjc",
      guardianEmail: guardian.email,
    });
  });

  it("does not let volunteers or coordinators refer", async () => {
    const { org, program, coordinator } = await setup();
    const volunteer = await createUser(services, { role: "volunteer", organizationId: org.id });
    for (const user of [volunteer, coordinator]) {
      const cookie = await sessionCookie(services, user.id);
      expect((await callRoute(newReferral.loader, services, { cookie })).status).toBe(403);
      expect(await codeOf(() => submitReferral({ ctx: ctxFor(services, user.id), input: professionalReferralInput(program.id) }))).toBe("FORBIDDEN");
    }
  });
});
