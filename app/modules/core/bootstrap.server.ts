import nodemailer from "nodemailer";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { migrateDb, openDb } from "../../../db/client";
import type { Config } from "../../env.server";
import { createSignInLimiter } from "../auth/rate-limit.server";
import { createSessionStore } from "../auth/session.server";
import { WhiteboardStore } from "../lessons/whiteboard.server";
import { createLogger } from "./logger.server";
import type { Services } from "./services.server";

/**
 * Without SESSION_SECRET (development only) a random secret is generated once and kept next to
 * the database, so sessions survive restarts without a secret ever being committed.
 */
function resolveSessionSecret(config: Config): string {
  if (config.SESSION_SECRET) return config.SESSION_SECRET;
  if (config.DATABASE_PATH === ":memory:") return randomBytes(32).toString("hex");
  const file = join(dirname(config.DATABASE_PATH), ".session-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dirname(file), { recursive: true });
  const secret = randomBytes(32).toString("hex");
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

export function createServices(config: Config): Services {
  const log = createLogger(config.LOG_LEVEL);
  const db = openDb(config.DATABASE_PATH);
  migrateDb(db);
  const secure = config.NODE_ENV === "production" && (config.PUBLIC_URL ?? "").startsWith("https://");
  return {
    db,
    config,
    log,
    sessions: createSessionStore(db, resolveSessionSecret(config), secure),
    limiter: createSignInLimiter(db),
    mailTransport: config.SMTP_URL ? nodemailer.createTransport(config.SMTP_URL) : null,
    publicUrl: (config.PUBLIC_URL ?? `http://localhost:${config.PORT}`).replace(/\/$/, ""),
    whiteboards: new WhiteboardStore(db, log),
  };
}
