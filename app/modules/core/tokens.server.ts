import { createHash, randomBytes } from "node:crypto";

/** 256 bits of randomness, URL-safe: used for sessions, sign-in links and reset links. */
export function newToken(): string {
  return randomBytes(32).toString("base64url");
}

/** Tokens are looked up by their hash so a copy of the database reveals none of them. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("base64url");
}
