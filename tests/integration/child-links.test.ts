import { and, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { issueChildLink, listChildLinks, redeemChildLink, revokeChildLink } from "../../app/modules/auth/child-links.server";
import type { Services } from "../../app/modules/core/services.server";
import * as childLinkRoute from "../../app/routes/c.$token";
import * as childLinksPage from "../../app/routes/children.links";
import { auditLog, signInLinks } from "../../db/schema";
import { createChildWithGuardian, createOrganization, createUser } from "../factories";
import { callRoute, cookieFrom } from "../setup/remix";
import { createTestServices, ctxFor, sessionCookie } from "../setup/test-db";
import { outcomeOf } from "../setup/outcome";

const codeOf = (run: () => unknown) => outcomeOf(run);

let services: Services;
beforeEach(() => {
  services = createTestServices();
});
afterEach(() => services.db.$client.close());

const tokenOf = (url: string) => url.split("/c/")[1]!;


describe("child sign-in links", () => {
  it("lets a coordinator issue a link with a PIN that signs the child in only with that PIN", async () => {
    const org = createOrganization(services);
    const coordinator = await createUser(services, { role: "coordinator", organizationId: org.id });
    const { child } = await createChildWithGuardian(services, org.id);
    const issued = await issueChildLink({ ctx: ctxFor(services, coordinator.id), input: { childUserId: child.id, pin: "2468", days: 30 } });
    expect(issued.url).toMatch(/^http:\/\/tandem\.test\/c\/[\w-]{43}$/);
    const stored = services.db.select().from(signInLinks).where(eq(signInLinks.userId, child.id)).get();
    expect(stored?.tokenHash).not.toContain(tokenOf(issued.url));
    expect(stored?.pinHash).toMatch(/^\$argon2id\$/);

    const token = tokenOf(issued.url);
    const page = await callRoute(childLinkRoute.loader, services, { params: { token } });
    expect(await page.json()).toEqual({ firstName: "Maja", needsPin: true });

    const wrong = await callRoute(childLinkRoute.action, services, { method: "POST", params: { token }, body: { pin: "1111" } });
    expect((await wrong.json()).error[""]).toEqual(["errors.pin.wrong"]);
    const malformed = await callRoute(childLinkRoute.action, services, { method: "POST", params: { token }, body: { pin: "12a" } });
    expect((await malformed.json()).error.pin).toEqual(["errors.pin.format"]);

    const right = await callRoute(childLinkRoute.action, services, { method: "POST", params: { token }, body: { pin: "2468" } });
    expect(right.headers.get("Location")).toBe("/child");
    expect(await services.sessions.userIdFromCookie(cookieFrom(right))).toBe(child.id);
    const audited = services.db.select().from(auditLog).where(and(eq(auditLog.entityId, child.id), eq(auditLog.action, "sign_in_by_link"))).all();
    expect(audited).toHaveLength(1);
  });

  it("locks a link after five wrong PINs", async () => {
    const org = createOrganization(services);
    const coordinator = await createUser(services, { role: "coordinator", organizationId: org.id });
    const { child } = await createChildWithGuardian(services, org.id);
    const { url } = await issueChildLink({ ctx: ctxFor(services, coordinator.id), input: { childUserId: child.id, pin: "2468", days: 30 } });
    const ctx = ctxFor(services, null);
    const codes = [];
    for (let i = 0; i < 5; i++) codes.push(await codeOf(() => redeemChildLink({ ctx, token: tokenOf(url), pin: "0000" })));
    expect(codes).toEqual(["INVALID", "INVALID", "INVALID", "INVALID", "RATE_LIMITED"]);
    expect(await codeOf(() => redeemChildLink({ ctx, token: tokenOf(url), pin: "2468" }))).toBe("RATE_LIMITED");
  });

  it("keeps one valid link per child: a new one, a revocation or expiry ends the old one", async () => {
    const org = createOrganization(services);
    const coordinator = await createUser(services, { role: "coordinator", organizationId: org.id });
    const { child } = await createChildWithGuardian(services, org.id);
    const ctx = ctxFor(services, coordinator.id);
    const first = await issueChildLink({ ctx, input: { childUserId: child.id, days: 30 } });
    const second = await issueChildLink({ ctx, input: { childUserId: child.id, days: 30 } });
    const visitor = ctxFor(services, null);
    expect(await codeOf(() => redeemChildLink({ ctx: visitor, token: tokenOf(first.url), pin: null }))).toBe("NOT_FOUND");
    expect(await codeOf(() => redeemChildLink({ ctx: visitor, token: tokenOf(second.url), pin: null }))).toBe("OK");

    const [listed] = listChildLinks({ ctx });
    revokeChildLink({ ctx, linkId: listed!.activeLink!.id });
    expect(await codeOf(() => redeemChildLink({ ctx: visitor, token: tokenOf(second.url), pin: null }))).toBe("NOT_FOUND");

    const third = await issueChildLink({ ctx, input: { childUserId: child.id, days: 1 } });
    const later = ctxFor(services, null, new Date(Date.now() + 2 * 86_400_000));
    expect(await codeOf(() => redeemChildLink({ ctx: later, token: tokenOf(third.url), pin: null }))).toBe("NOT_FOUND");
  });

  it("lets a guardian manage only their own child and nobody else's", async () => {
    const org = createOrganization(services);
    const family = await createChildWithGuardian(services, org.id, "Maja");
    const otherFamily = await createChildWithGuardian(services, org.id, "Žan");
    const ctx = ctxFor(services, family.guardian.id);
    expect(listChildLinks({ ctx }).map((c) => c.firstName)).toEqual(["Maja"]);
    expect(await codeOf(() => issueChildLink({ ctx, input: { childUserId: family.child.id, days: 30 } }))).toBe("OK");
    expect(await codeOf(() => issueChildLink({ ctx, input: { childUserId: otherFamily.child.id, days: 30 } }))).toBe("NOT_FOUND");
    expect(services.db.select().from(signInLinks).where(eq(signInLinks.userId, otherFamily.child.id)).all()).toHaveLength(0);
  });

  it("refuses volunteers and coordinators of other organisations", async () => {
    const org = createOrganization(services);
    const otherOrg = createOrganization(services);
    const volunteer = await createUser(services, { role: "volunteer", organizationId: org.id });
    const foreignCoordinator = await createUser(services, { role: "coordinator", organizationId: otherOrg.id });
    const { child } = await createChildWithGuardian(services, org.id);
    expect(await codeOf(() => issueChildLink({ ctx: ctxFor(services, volunteer.id), input: { childUserId: child.id, days: 30 } }))).toBe("FORBIDDEN");
    expect(await codeOf(() => issueChildLink({ ctx: ctxFor(services, foreignCoordinator.id), input: { childUserId: child.id, days: 30 } }))).toBe("NOT_FOUND");

    const page = await callRoute(childLinksPage.loader, services, { cookie: await sessionCookie(services, volunteer.id) });
    expect(page.status).toBe(403);
    const anonymous = await callRoute(childLinksPage.loader, services, { path: "/children/links" });
    expect(anonymous.headers.get("Location")).toBe("/sign-in?redirectTo=%2Fchildren%2Flinks");
  });

  it("rejects a bad PIN format or validity when issuing, and stores nothing", async () => {
    const org = createOrganization(services);
    const coordinator = await createUser(services, { role: "coordinator", organizationId: org.id });
    const { child } = await createChildWithGuardian(services, org.id);
    const cookie = await sessionCookie(services, coordinator.id);
    const response = await callRoute(childLinksPage.action, services, { method: "POST", cookie, body: { intent: "issue", childUserId: child.id, pin: "12", days: "900" } });
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.result.error).toMatchObject({ pin: ["errors.pin.format"], days: ["errors.days.range"] });
    expect(services.db.select().from(signInLinks).all()).toHaveLength(0);
  });
});
