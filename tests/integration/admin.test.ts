import { and, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { addMember, listMembers, removeMembership } from "../../app/modules/admin/members.server";
import { listOutbox } from "../../app/modules/admin/list-outbox.server";
import type { Services } from "../../app/modules/core/services.server";
import * as membersRoute from "../../app/routes/admin.members";
import * as programsRoute from "../../app/routes/admin.programs._index";
import * as resetRoute from "../../app/routes/reset-password.$token";
import * as signInRoute from "../../app/routes/sign-in";
import { auditLog, emailOutbox, memberships, programs, users } from "../../db/schema";
import { createOrganization, createUser } from "../factories";
import { outcomeOf } from "../setup/outcome";
import { callRoute } from "../setup/remix";
import { createTestServices, ctxFor, sessionCookie } from "../setup/test-db";

let services: Services;
beforeEach(() => {
  services = createTestServices();
});
afterEach(() => services.db.$client.close());

async function anAdmin() {
  const org = createOrganization(services);
  const admin = await createUser(services, { role: "admin", organizationId: org.id, firstName: "Ana", lastName: "Skrbnica" });
  return { org, admin, cookie: await sessionCookie(services, admin.id) };
}
const member = { firstName: "Petra", lastName: "Novak", email: "petra.novak@example.org", role: "coordinator" as const };

describe("administrators add and remove members", () => {
  it("invites a new coordinator, who sets a password from the e-mailed link and signs in", async () => {
    const { org, cookie } = await anAdmin();
    const response = await callRoute(membersRoute.action, services, { method: "POST", cookie, body: { intent: "add", organizationId: org.id, ...member } });
    expect(response.status).toBe(302);
    const petra = services.db.select().from(users).where(eq(users.email, member.email)).get()!;
    expect(petra.passwordHash).toBeNull();
    expect(services.db.select({ role: memberships.role }).from(memberships).where(eq(memberships.userId, petra.id)).all()).toEqual([{ role: "coordinator" }]);
    const mail = services.db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, member.email)).get()!;
    expect(mail.subject).toContain(org.name);
    const token = mail.textBody.match(/\/reset-password\/([A-Za-z0-9_-]+)/)![1]!;
    const set = await callRoute(resetRoute.action, services, { method: "POST", params: { token }, body: { password: "Petrino-geslo-2026", passwordConfirm: "Petrino-geslo-2026" } });
    expect(set.status).toBe(302);
    const signIn = await callRoute(signInRoute.action, services, { method: "POST", body: { email: member.email, password: "Petrino-geslo-2026" } });
    expect(signIn.headers.get("Set-Cookie")).toContain("__session=");
    expect(services.db.select().from(auditLog).where(and(eq(auditLog.action, "add_member"), eq(auditLog.entityId, petra.id))).all()).toHaveLength(1);
  });

  it("gives an existing account a role in another organisation without a new password", async () => {
    const { org, admin } = await anAdmin();
    const elsewhere = createOrganization(services);
    const luka = await createUser(services, { role: "volunteer", organizationId: elsewhere.id, firstName: "Luka", email: "luka@example.org" });
    const result = await addMember({ ctx: ctxFor(services, admin.id), input: { organizationId: org.id, email: "luka@example.org", firstName: "x", lastName: "y", role: "professional" } });
    expect(result).toEqual({ userId: luka.id, created: false });
    expect(services.db.select({ org: memberships.organizationId, role: memberships.role }).from(memberships).where(eq(memberships.userId, luka.id)).all()).toEqual(
      expect.arrayContaining([{ org: elsewhere.id, role: "volunteer" }, { org: org.id, role: "professional" }]),
    );
    expect(services.db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, "luka@example.org")).get()!.textBody).not.toContain("reset-password");
    expect(await outcomeOf(() => addMember({ ctx: ctxFor(services, admin.id), input: { organizationId: org.id, email: "luka@example.org", firstName: "x", lastName: "y", role: "professional" } }), { withKey: true })).toBe("CONFLICT common:admin.errors.alreadyMember");
    // The administrator's list shows the organisation's people, not the other organisation's.
    expect(listMembers({ ctx: ctxFor(services, admin.id) }).members.map((m) => [m.firstName, m.role])).toEqual([["Luka", "professional"], ["Ana", "admin"]]);
  });

  it("refuses bad input with localised messages, and anyone but the organisation's administrator", async () => {
    const { org, admin, cookie } = await anAdmin();
    const bad = await callRoute(membersRoute.action, services, { method: "POST", cookie, body: { intent: "add", organizationId: org.id, firstName: "", lastName: "Novak", email: "ni-naslov", role: "volunteer" } });
    expect(bad.status).toBe(400);
    expect((await bad.json()).result.error).toMatchObject({ firstName: ["common:admin.errors.firstName.required"], email: ["common:admin.errors.email.invalid"], role: ["common:admin.errors.role.required"] });
    expect(services.db.select().from(users).all()).toHaveLength(1);

    const coordinator = await createUser(services, { role: "coordinator", organizationId: org.id });
    expect(await outcomeOf(() => addMember({ ctx: ctxFor(services, coordinator.id), input: { organizationId: org.id, ...member, role: "admin" } }))).toBe("FORBIDDEN");
    const otherAdmin = await createUser(services, { role: "admin", organizationId: createOrganization(services).id });
    expect(await outcomeOf(() => addMember({ ctx: ctxFor(services, otherAdmin.id), input: { organizationId: org.id, ...member, role: "coordinator" } }))).toBe("NOT_FOUND");
    const page = await callRoute(membersRoute.loader, services, { cookie: await sessionCookie(services, coordinator.id) });
    expect(page.status).toBe(403);
    expect(services.db.select().from(users).where(eq(users.email, member.email)).all()).toEqual([]);
    void admin;
  });

  it("removes a role, but never the last administrator's", async () => {
    const { org, admin } = await anAdmin();
    const ctx = ctxFor(services, admin.id);
    await addMember({ ctx, input: { organizationId: org.id, ...member } });
    const listed = listMembers({ ctx }).members;
    removeMembership({ ctx, membershipId: listed.find((m) => m.role === "coordinator")!.membershipId });
    expect(listMembers({ ctx }).members.map((m) => m.role)).toEqual(["admin"]);
    expect(await outcomeOf(() => removeMembership({ ctx, membershipId: listed.find((m) => m.role === "admin")!.membershipId }), { withKey: true })).toBe("CONFLICT common:admin.errors.lastAdmin");
  });
});

describe("administrators create programmes", () => {
  it("creates a programme, refusing bad input with localised messages and storing nothing", async () => {
    const { org, cookie } = await anAdmin();
    const before = services.db.select({ name: programs.name }).from(programs).where(eq(programs.organizationId, org.id)).all();
    const bad = await callRoute(programsRoute.action, services, { method: "POST", cookie, body: { intent: "create", organizationId: org.id, name: "A", kind: "chess", lessonMinutes: "10", defaultCapacity: "9", maxDistanceKm: "30" } });
    expect(bad.status).toBe(400);
    expect((await bad.json()).result.error).toMatchObject({
      name: ["common:admin.errors.programName.required"],
      kind: ["common:admin.errors.programKind.required"],
      lessonMinutes: ["common:admin.errors.lessonMinutes.range"],
      defaultCapacity: ["common:admin.errors.capacity.range"],
    });
    expect(services.db.select({ name: programs.name }).from(programs).where(eq(programs.organizationId, org.id)).all()).toEqual(before);
    const good = await callRoute(programsRoute.action, services, { method: "POST", cookie, body: { intent: "create", organizationId: org.id, name: "Učna pomoč Maribor", kind: "learning_help", lessonMinutes: "60", defaultCapacity: "2", maxDistanceKm: "25", description: "" } });
    expect(good.status).toBe(302);
    expect(services.db.select({ name: programs.name, minutes: programs.lessonMinutes, capacity: programs.defaultCapacity }).from(programs).where(and(eq(programs.organizationId, org.id), eq(programs.name, "Učna pomoč Maribor"))).all()).toEqual([{ name: "Učna pomoč Maribor", minutes: 60, capacity: 2 }]);
    // Another organisation's administrator cannot create programmes here.
    const other = await createUser(services, { role: "admin", organizationId: createOrganization(services).id });
    const refused = await callRoute(programsRoute.action, services, { method: "POST", cookie: await sessionCookie(services, other.id), body: { intent: "create", organizationId: org.id, name: "Tuj program", kind: "mentoring", lessonMinutes: "45", defaultCapacity: "1", maxDistanceKm: "30" } });
    expect(refused.status).toBe(404);
  });
});

describe("the e-mail outbox", () => {
  it("shows an administrator only mail to people of their organisation, with links masked once SMTP delivers", async () => {
    const { org, admin } = await anAdmin();
    await addMember({ ctx: ctxFor(services, admin.id), input: { organizationId: org.id, ...member } });
    const other = await anAdmin();
    await addMember({ ctx: ctxFor(services, other.admin.id), input: { organizationId: other.org.id, firstName: "Tina", lastName: "Tuja", email: "tina@example.org", role: "coordinator" } });
    const mine = listOutbox({ ctx: ctxFor(services, admin.id) });
    expect(mine.map((m) => m.toAddress)).toEqual([member.email]);
    expect(mine[0]!.textBody).toMatch(/\/reset-password\/[A-Za-z0-9_-]{16,}/);
    const withSmtp = { ...services, mailTransport: {} as Services["mailTransport"] };
    const masked = listOutbox({ ctx: ctxFor(withSmtp, admin.id) });
    expect(masked[0]!.textBody).toContain("/reset-password/•••");
    expect(masked[0]!.textBody).not.toMatch(/\/reset-password\/[A-Za-z0-9_-]{16,}/);
  });
});
