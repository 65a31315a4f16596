import { eq } from "drizzle-orm";
import { spawn } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { verifySecret } from "../../app/modules/auth/password.server";
import { createServices } from "../../app/modules/core/bootstrap.server";
import type { Services } from "../../app/modules/core/services.server";
import * as signInRoute from "../../app/routes/sign-in";
import { memberships, organizations, users } from "../../db/schema";
import { callRoute, cookieFrom } from "../setup/remix";
import { copyBaseDb, testConfig } from "../setup/test-db";

const PASSWORD = "a long admin password";

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `npm run admin:create -- ARGS` (tsx scripts/create-admin.ts) against the given database file. */
function adminCreate(databasePath: string, args: string[], password: string | undefined): Promise<Run> {
  const { ADMIN_PASSWORD: _ignored, ...inherited } = process.env;
  return new Promise((resolve, reject) => {
    const child = spawn("npm", ["run", "--silent", "admin:create", "--", ...args], {
      env: { ...inherited, NODE_ENV: "test", DATABASE_PATH: databasePath, ...(password === undefined ? {} : { ADMIN_PASSWORD: password }) },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, stdout, stderr }));
  });
}

const full = ["--email", "Ana.Admin@Example.org", "--first-name", "Ana", "--last-name", "Novak", "--organization", "Društvo Tandem Test"];

let services: Services | undefined;
afterEach(() => {
  services?.db.$client.close();
  services = undefined;
});

function open(databasePath: string): Services {
  services = createServices(testConfig({ DATABASE_PATH: databasePath }));
  return services;
}

function counts(s: Services) {
  return {
    users: s.db.select().from(users).all().length,
    organizations: s.db.select().from(organizations).all().length,
    memberships: s.db.select().from(memberships).all().length,
  };
}

describe("npm run admin:create", () => {
  it("creates an administrator who can sign in, with the admin membership in a new organisation", async () => {
    const databasePath = copyBaseDb();
    const run = await adminCreate(databasePath, full, PASSWORD);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Administrator created. Sign in at /sign-in.");

    const s = open(databasePath);
    const user = s.db.select().from(users).where(eq(users.email, "ana.admin@example.org")).get();
    expect(user).toMatchObject({ firstName: "Ana", lastName: "Novak", disabledAt: null });
    expect(user!.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verifySecret(user!.passwordHash!, PASSWORD)).toBe(true);
    expect(await verifySecret(user!.passwordHash!, "another password")).toBe(false);

    const org = s.db.select().from(organizations).where(eq(organizations.name, "Društvo Tandem Test")).get();
    expect(org!.slug).toBe("drustvo-tandem-test");
    expect(s.db.select({ organizationId: memberships.organizationId, role: memberships.role }).from(memberships).where(eq(memberships.userId, user!.id)).all()).toEqual([
      { organizationId: org!.id, role: "admin" },
    ]);

    const signIn = await callRoute(signInRoute.action, s, { method: "POST", body: { email: "ana.admin@example.org", password: PASSWORD } });
    expect(signIn.status).toBe(302);
    expect(signIn.headers.get("Location")).toBe("/dashboard");
    expect(await s.sessions.userIdFromCookie(cookieFrom(signIn))).toBe(user!.id);
  }, 60_000);

  it("adds a second administrator to an organisation of the same name, and refuses an e-mail that already has an account", async () => {
    const databasePath = copyBaseDb();
    expect((await adminCreate(databasePath, full, PASSWORD)).code).toBe(0);
    const second = await adminCreate(databasePath, ["--email", "bojan@example.org", "--first-name", "Bojan", "--last-name", "Kos", "--organization", "Društvo Tandem Test"], PASSWORD);
    expect(second.code).toBe(0);
    const again = await adminCreate(databasePath, full, "yet another long password");
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain("An account with the e-mail ana.admin@example.org already exists: nothing was created.");
    expect(again.stderr).not.toMatch(/\bat \S+:\d+:\d+/); // a message, not a stack trace

    const s = open(databasePath);
    expect(counts(s)).toEqual({ users: 2, organizations: 1, memberships: 2 });
    const ana = s.db.select().from(users).where(eq(users.email, "ana.admin@example.org")).get();
    expect(await verifySecret(ana!.passwordHash!, PASSWORD)).toBe(true);
  }, 90_000);

  it.each([
    { what: "a missing e-mail", args: full.slice(2), password: PASSWORD, message: /email: Required/ },
    { what: "an invalid e-mail", args: ["--email", "not-an-address", ...full.slice(2)], password: PASSWORD, message: /email: Invalid email/ },
    { what: "a short password", args: full, password: "short", message: /password: ADMIN_PASSWORD must have at least 10 characters/ },
    { what: "no ADMIN_PASSWORD", args: full, password: undefined, message: /password: Required/ },
  ])("exits non-zero with a clear message and creates nothing for $what", async ({ args, password, message }) => {
    const databasePath = copyBaseDb();
    const run = await adminCreate(databasePath, args, password);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("Usage: ADMIN_PASSWORD=… npm run admin:create -- --email E --first-name F --last-name L --organization NAME");
    expect(run.stderr).toMatch(message);
    expect(run.stdout).not.toContain("Administrator created");
    expect(counts(open(databasePath))).toEqual({ users: 0, organizations: 0, memberships: 0 });
  }, 60_000);
});
