import { createCookie, createSessionStorage, type Session } from "@remix-run/node";
import { and, eq, lt } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { sessions } from "../../../db/schema";
import { hashToken, newToken } from "../core/tokens.server";

export const SESSION_DAYS = 14;
const sessionMs = SESSION_DAYS * 24 * 60 * 60 * 1000;

/**
 * Sessions live in the database (revocable, visible to operators, shared by every process) and
 * travel in a signed, HttpOnly, SameSite=Lax cookie. The same store authenticates socket.io.
 */
export function createSessionStore(db: Db, secret: string, secure: boolean) {
  const cookie = createCookie("__session", {
    httpOnly: true,
    sameSite: "lax",
    secure,
    path: "/",
    secrets: [secret],
    maxAge: SESSION_DAYS * 24 * 60 * 60,
  });
  const storage = createSessionStorage<{ userId: string }, { toast: string }>({
    cookie,
    async createData(data, expires) {
      const token = newToken();
      db.insert(sessions)
        .values({
          idHash: hashToken(token),
          userId: typeof data.userId === "string" ? data.userId : null,
          data: data as Record<string, unknown>,
          expiresAt: expires ?? new Date(Date.now() + sessionMs),
        })
        .run();
      return token;
    },
    async readData(id) {
      const row = db.select().from(sessions).where(eq(sessions.idHash, hashToken(id))).get();
      if (!row || row.expiresAt.getTime() <= Date.now()) return null;
      return row.data;
    },
    async updateData(id, data, expires) {
      db.update(sessions)
        .set({
          data: data as Record<string, unknown>,
          userId: typeof data.userId === "string" ? data.userId : null,
          expiresAt: expires ?? new Date(Date.now() + sessionMs),
        })
        .where(eq(sessions.idHash, hashToken(id)))
        .run();
    },
    async deleteData(id) {
      db.delete(sessions).where(eq(sessions.idHash, hashToken(id))).run();
    },
  });

  return {
    ...storage,
    /** Reads the user id from a Cookie header: the one path used by pages and sockets alike. */
    async userIdFromCookie(cookieHeader: string | null | undefined): Promise<string | null> {
      if (!cookieHeader) return null;
      const session = await storage.getSession(cookieHeader);
      const userId = session.get("userId");
      return typeof userId === "string" ? userId : null;
    },
    /**
     * Starts a fresh session for a user (a new id, never the pre-sign-in one) and destroys the
     * previous session, so a fixated or stolen pre-login cookie is worthless.
     */
    async rotate(previous: Session, userId: string): Promise<string> {
      if (previous.id) await storage.destroySession(previous);
      const fresh = await storage.getSession();
      fresh.set("userId", userId);
      return storage.commitSession(fresh, { expires: new Date(Date.now() + sessionMs) });
    },
    /** Signs a user out everywhere (after a password reset). */
    revokeAllFor(userId: string): void {
      db.delete(sessions).where(eq(sessions.userId, userId)).run();
    },
    purgeExpired(now: Date): void {
      db.delete(sessions).where(lt(sessions.expiresAt, now)).run();
    },
    countFor(userId: string): number {
      return db.select().from(sessions).where(and(eq(sessions.userId, userId))).all().length;
    },
  };
}

export type SessionStore = ReturnType<typeof createSessionStore>;
