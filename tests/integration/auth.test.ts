import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import * as forgotRoute from "../../app/routes/forgot-password";
import * as resetRoute from "../../app/routes/reset-password.$token";
import * as signInRoute from "../../app/routes/sign-in";
import * as signUpRoute from "../../app/routes/sign-up";
import * as signOutRoute from "../../app/routes/sign-out";
import type { Services } from "../../app/modules/core/services.server";
import { translator } from "../../app/i18n/i18n";
import { auditLog, emailOutbox, memberships, sessions, users } from "../../db/schema";
import { createOrganization, createUser, TEST_PASSWORD } from "../factories";
import { callRoute, cookieFrom } from "../setup/remix";
import { createTestServices, sessionCookie } from "../setup/test-db";

let services: Services;
beforeEach(() => {
  services = createTestServices();
});
afterEach(() => services.db.$client.close());

const countUsers = () => services.db.select().from(users).all().length;

describe("volunteer sign-up", () => {
  it("reports each bad field with a translation key and creates nothing", async () => {
    const org = createOrganization(services);
    const response = await callRoute(signUpRoute.action, services, {
      method: "POST",
      body: { firstName: "", lastName: "Horvat", email: "not-an-email", password: "short", passwordConfirm: "other", organizationId: org.id },
    });
    expect(response.status).toBe(400);
    const result = await response.json();
    expect(result.error).toMatchObject({
      firstName: ["errors.firstName.required"],
      email: ["errors.email.invalid"],
      password: ["errors.password.tooShort"],
      acceptPrivacy: ["errors.acceptPrivacy.required"],
    });
    expect(countUsers()).toBe(0);
  });

  it("creates a volunteer in the chosen organisation and signs them in", async () => {
    const org = createOrganization(services);
    const response = await callRoute(signUpRoute.action, services, {
      method: "POST",
      body: { firstName: "Luka", lastName: "Horvat", email: "Luka.Horvat@Example.org", password: TEST_PASSWORD, passwordConfirm: TEST_PASSWORD, organizationId: org.id, acceptPrivacy: "on" },
    });
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/dashboard?welcome=1");
    const user = services.db.select().from(users).where(eq(users.email, "luka.horvat@example.org")).get();
    expect(user?.passwordHash).toMatch(/^\$argon2id\$/);
    const membership = services.db.select().from(memberships).where(eq(memberships.userId, user!.id)).get();
    expect(membership).toMatchObject({ organizationId: org.id, role: "volunteer" });
    const cookie = cookieFrom(response);
    expect(await services.sessions.userIdFromCookie(cookie)).toBe(user!.id);
    expect(response.headers.get("Set-Cookie")).toMatch(/HttpOnly/i);
    expect(response.headers.get("Set-Cookie")).toMatch(/SameSite=Lax/i);
  });

  it("refuses an e-mail that is already registered and changes nothing", async () => {
    const org = createOrganization(services);
    await createUser(services, { role: "volunteer", organizationId: org.id, email: "taken@example.org" });
    const before = countUsers();
    const response = await callRoute(signUpRoute.action, services, {
      method: "POST",
      body: { firstName: "Eva", lastName: "Kos", email: "taken@example.org", password: TEST_PASSWORD, passwordConfirm: TEST_PASSWORD, organizationId: org.id, acceptPrivacy: "on" },
    });
    expect(response.status).toBe(409);
    expect((await response.json()).error[""]).toEqual(["errors.email.taken"]);
    expect(countUsers()).toBe(before);
  });

  it("refuses an unknown organisation", async () => {
    const response = await callRoute(signUpRoute.action, services, {
      method: "POST",
      body: { firstName: "Eva", lastName: "Kos", email: "eva@example.org", password: TEST_PASSWORD, passwordConfirm: TEST_PASSWORD, organizationId: "nope", acceptPrivacy: "on" },
    });
    expect(response.status).toBe(400);
    expect((await response.json()).error[""]).toEqual(["errors.organization.unknown"]);
    expect(countUsers()).toBe(0);
  });
});

describe("sign-in", () => {
  it("says the credentials are wrong without revealing which part", async () => {
    const org = createOrganization(services);
    const user = await createUser(services, { role: "volunteer", organizationId: org.id });
    for (const body of [
      { email: user.email!, password: "wrong password" },
      { email: "nobody@example.org", password: TEST_PASSWORD },
    ]) {
      const response = await callRoute(signInRoute.action, services, { method: "POST", body });
      expect(response.status).toBe(400);
      expect((await response.json()).error[""]).toEqual(["errors.signIn.wrong"]);
    }
  });

  it("starts a new session and destroys the one the visitor had before", async () => {
    const org = createOrganization(services);
    const user = await createUser(services, { role: "coordinator", organizationId: org.id });
    const other = await createUser(services, { role: "volunteer", organizationId: org.id });
    const before = await sessionCookie(services, other.id);
    const response = await callRoute(signInRoute.action, services, {
      method: "POST",
      cookie: before,
      body: { email: user.email!, password: TEST_PASSWORD, redirectTo: "/coordination" },
    });
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/coordination");
    const after = cookieFrom(response);
    expect(after).not.toBe(before);
    expect(await services.sessions.userIdFromCookie(after)).toBe(user.id);
    expect(await services.sessions.userIdFromCookie(before)).toBeNull();
  });

  it("never redirects off-site after sign-in", async () => {
    const org = createOrganization(services);
    const user = await createUser(services, { role: "volunteer", organizationId: org.id });
    const response = await callRoute(signInRoute.action, services, {
      method: "POST",
      body: { email: user.email!, password: TEST_PASSWORD, redirectTo: "//evil.example/phish" },
    });
    expect(response.headers.get("Location")).toBe("/dashboard");
  });

  it("blocks an account after five failures, even with the right password, and says for how long", async () => {
    const org = createOrganization(services);
    const user = await createUser(services, { role: "volunteer", organizationId: org.id });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const response = await callRoute(signInRoute.action, services, { method: "POST", body: { email: user.email!, password: `wrong ${i}` }, ip: `10.0.0.${i}` });
      statuses.push(response.status);
    }
    expect(statuses).toEqual([400, 400, 400, 400, 429]);
    const blocked = await callRoute(signInRoute.action, services, { method: "POST", body: { email: user.email!, password: TEST_PASSWORD }, ip: "10.0.0.9" });
    expect(blocked.status).toBe(429);
    expect((await blocked.json()).error[""][0]).toMatch(/^errors\.rateLimited\|\{"count":1[0-5]\}$/);
    expect(cookieFrom(blocked)).toBeNull();
  });

  it("limits one IP after 30 failures across many accounts, leaves other IPs alone, and says so in both languages", async () => {
    const org = createOrganization(services);
    const accounts = await Promise.all(Array.from({ length: 10 }, () => createUser(services, { role: "volunteer", organizationId: org.id })));
    const emails = [...accounts.map((a) => a.email!), ...Array.from({ length: 20 }, (_, i) => `nobody-${i}@example.org`)];
    const statuses: number[] = [];
    for (const [i, email] of emails.entries()) {
      const response = await callRoute(signInRoute.action, services, { method: "POST", body: { email, password: `wrong ${i}` }, ip: "203.0.113.7" });
      statuses.push(response.status);
      if (i === emails.length - 1) {
        expect((await response.json()).error[""]).toEqual([expect.stringMatching(/^errors\.rateLimited\|\{"count":1[0-5]\}$/)]);
      }
    }
    // No single account reached its own limit of five: only the IP's count of 30 blocks the last one.
    expect(statuses).toEqual([...Array(29).fill(400), 429]);

    // From that IP even an account never tried before, with the right password, is refused and gets no session.
    const fresh = await createUser(services, { role: "coordinator", organizationId: org.id });
    const blocked = await callRoute(signInRoute.action, services, { method: "POST", body: { email: fresh.email!, password: TEST_PASSWORD }, ip: "203.0.113.7" });
    expect(blocked.status).toBe(429);
    expect(cookieFrom(blocked)).toBeNull();
    const [message] = (await blocked.json()).error[""] as string[];
    const [key, params] = message!.split("|");
    expect(translator("sl")(key!, JSON.parse(params!))).toMatch(/^Preveč neuspešnih poskusov\. Poskusite znova čez 1[0-5] minut\.$/);
    expect(translator("en")(key!, JSON.parse(params!))).toMatch(/^Too many failed attempts\. Try again in 1[0-5] minutes\.$/);
    expect(translator("sl")(key!, { count: 1 })).toBe("Preveč neuspešnih poskusov. Poskusite znova čez 1 minuto.");
    expect(translator("sl")(key!, { count: 2 })).toBe("Preveč neuspešnih poskusov. Poskusite znova čez 2 minuti.");
    expect(translator("sl")(key!, { count: 3 })).toBe("Preveč neuspešnih poskusov. Poskusite znova čez 3 minute.");

    // The same accounts sign in from another IP: the limit is per address, not global.
    const elsewhere = await callRoute(signInRoute.action, services, { method: "POST", body: { email: accounts[0]!.email!, password: TEST_PASSWORD }, ip: "198.51.100.4" });
    expect(elsewhere.status).toBe(302);
    expect(await services.sessions.userIdFromCookie(cookieFrom(elsewhere))).toBe(accounts[0]!.id);
  });

  it("signs out by destroying the session", async () => {
    const org = createOrganization(services);
    const user = await createUser(services, { role: "volunteer", organizationId: org.id });
    const cookie = await sessionCookie(services, user.id);
    const response = await callRoute(signOutRoute.action, services, { method: "POST", cookie });
    expect(response.status).toBe(302);
    expect(await services.sessions.userIdFromCookie(cookie)).toBeNull();
    expect(services.db.select().from(sessions).where(eq(sessions.userId, user.id)).all()).toHaveLength(0);
  });
});

describe("password reset", () => {
  it("mails a single-use link that sets the password and signs the account out everywhere", async () => {
    const org = createOrganization(services);
    const user = await createUser(services, { role: "volunteer", organizationId: org.id });
    const oldSession = await sessionCookie(services, user.id);
    const asked = await callRoute(forgotRoute.action, services, { method: "POST", body: { email: user.email! } });
    expect((await asked.json()).sent).toBe(true);

    const mail = services.db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, user.email!)).get();
    expect(mail?.status).toBe("stored");
    expect(mail?.subject).toBe("Tandem: nastavitev novega gesla");
    const token = mail!.textBody.match(/\/reset-password\/([\w-]+)/)![1]!;

    const mismatch = await callRoute(resetRoute.action, services, { method: "POST", params: { token }, body: { password: "a new long password", passwordConfirm: "different" } });
    expect((await mismatch.json()).error.passwordConfirm).toEqual(["errors.passwordConfirm.mismatch"]);

    const reset = await callRoute(resetRoute.action, services, { method: "POST", params: { token }, body: { password: "a new long password", passwordConfirm: "a new long password" } });
    expect(reset.status).toBe(302);
    expect(await services.sessions.userIdFromCookie(oldSession)).toBeNull();

    const again = await callRoute(resetRoute.action, services, { method: "POST", params: { token }, body: { password: "yet another password", passwordConfirm: "yet another password" } });
    expect((await again.json()).error[""]).toEqual(["errors.reset.expired"]);

    const signIn = await callRoute(signInRoute.action, services, { method: "POST", body: { email: user.email!, password: "a new long password" } });
    expect(signIn.status).toBe(302);
    const actions = services.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, user.id)).all().map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(["request_password_reset", "reset_password", "sign_in"]));
  });

  it("answers the same for an unknown address and sends nothing", async () => {
    const response = await callRoute(forgotRoute.action, services, { method: "POST", body: { email: "ghost@example.org" } });
    expect((await response.json()).sent).toBe(true);
    expect(services.db.select().from(emailOutbox).all()).toHaveLength(0);
  });
});
