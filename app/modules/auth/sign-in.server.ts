import { and, eq, isNull } from "drizzle-orm";
import type { z } from "zod";
import { users } from "../../../db/schema";
import { audit } from "../audit/record.server";
import type { Ctx } from "../core/services.server";
import { invalid, rateLimited } from "../errors";
import { dummyVerify, verifySecret } from "./password.server";
import type { signInSchema } from "./schemas";

/**
 * Checks e-mail and password. Failures count against the account and the IP; a blocked account
 * or IP is refused before the password is even checked. Returns the user id.
 */
export async function authenticate({ ctx, input, ip }: { ctx: Ctx; input: z.infer<typeof signInSchema>; ip: string }) {
  const { db, limiter } = ctx.services;
  const blocked = await limiter.signInBlockedFor(input.email, ip);
  if (blocked !== null) throw rateLimited(blocked);

  const user = db
    .select({ id: users.id, passwordHash: users.passwordHash })
    .from(users)
    .where(and(eq(users.email, input.email), isNull(users.disabledAt)))
    .get();
  const ok = user?.passwordHash ? await verifySecret(user.passwordHash, input.password) : await dummyVerify(input.password);
  if (!user || !ok) {
    await limiter.signInFailed(input.email, ip);
    const nowBlocked = await limiter.signInBlockedFor(input.email, ip);
    if (nowBlocked !== null) throw rateLimited(nowBlocked);
    throw invalid("errors.signIn.wrong");
  }
  await limiter.signInSucceeded(input.email);
  audit({ ...ctx, user: { id: user.id } as Ctx["user"] }, { action: "sign_in", entity: "user", entityId: user.id });
  return user.id;
}

/** Ends the session of this request (audited when someone was signed in); returns the cookie that clears it. */
export async function signOut({ ctx, cookieHeader }: { ctx: Ctx; cookieHeader: string | null }): Promise<string> {
  const { sessions } = ctx.services;
  const session = await sessions.getSession(cookieHeader);
  if (ctx.user) audit(ctx, { action: "sign_out", entity: "user", entityId: ctx.user.id });
  return sessions.destroySession(session);
}
