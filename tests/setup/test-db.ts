import { copyFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inject } from "vitest";
import { configSchema, type Config } from "../../app/env.server";
import { createServices } from "../../app/modules/core/bootstrap.server";
import type { Ctx, CurrentUser, Services } from "../../app/modules/core/services.server";
import { loadCurrentUser } from "../../app/modules/auth/current-user.server";

/** A fresh copy of the migrated base database, in its own folder. */
export function copyBaseDb(): string {
  const dir = mkdtempSync(join(tmpdir(), "tandem-db-"));
  const path = join(dir, "tandem.db");
  copyFileSync(inject("baseDbPath"), path);
  return path;
}

export function testConfig(overrides: Partial<Record<keyof Config, string>> = {}): Config {
  return configSchema.parse({
    NODE_ENV: "test",
    PORT: "0",
    HOST: "127.0.0.1",
    LOG_LEVEL: "silent",
    SEED_DEMO: "false",
    SESSION_SECRET: "test-secret-test-secret-test-secret-0123",
    PUBLIC_URL: "http://tandem.test",
    DATABASE_PATH: copyBaseDb(),
    ...overrides,
  });
}

export function createTestServices(overrides: Partial<Record<keyof Config, string>> = {}): Services {
  return createServices(testConfig(overrides));
}

/** The context a domain verb receives for a given user (null for a visitor). */
export function ctxFor(services: Services, userId: string | null, now = new Date()): Ctx {
  const user: CurrentUser | null = userId ? loadCurrentUser(services, userId) : null;
  return { services, user, now, requestId: "test-request", locale: "sl" };
}

/** A Cookie header value for a signed-in session of the user. */
export async function sessionCookie(services: Services, userId: string): Promise<string> {
  const setCookie = await services.sessions.rotate(await services.sessions.getSession(), userId);
  return setCookie.split(";")[0]!;
}
