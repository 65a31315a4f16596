import { and, eq, gt, isNull } from "drizzle-orm";
import type { z } from "zod";
import { passwordResets, users } from "../../../db/schema";
import { translator } from "../../i18n/i18n";
import { audit } from "../audit/record.server";
import type { Ctx } from "../core/services.server";
import { hashToken, newToken } from "../core/tokens.server";
import { invalid } from "../errors";
import { sendEmail } from "../mail/send-email.server";
import { hashSecret } from "./password.server";
import type { forgotPasswordSchema, resetPasswordSchema } from "./schemas";

const RESET_MINUTES = 60;

/** Sends a reset link when the account exists; the caller always shows the same answer either way. */
export async function requestPasswordReset({ ctx, input }: { ctx: Ctx; input: z.infer<typeof forgotPasswordSchema> }) {
  const { db } = ctx.services;
  const user = db
    .select({ id: users.id, email: users.email, locale: users.locale })
    .from(users)
    .where(and(eq(users.email, input.email), isNull(users.disabledAt)))
    .get();
  if (!user?.email) return;
  const token = newToken();
  db.insert(passwordResets)
    .values({ userId: user.id, tokenHash: hashToken(token), expiresAt: new Date(ctx.now.getTime() + RESET_MINUTES * 60_000), createdAt: ctx.now })
    .run();
  audit(ctx, { action: "request_password_reset", entity: "user", entityId: user.id });
  const t = translator(user.locale);
  await sendEmail(ctx.services, {
    to: user.email,
    subject: t("email.reset.subject"),
    text: t("email.reset.body", { url: `${ctx.services.publicUrl}/reset-password/${token}`, minutes: RESET_MINUTES }),
  });
}

function findUsableReset(ctx: Ctx, token: string) {
  return ctx.services.db
    .select()
    .from(passwordResets)
    .where(and(eq(passwordResets.tokenHash, hashToken(token)), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, ctx.now)))
    .get();
}

export function isResetTokenUsable(ctx: Ctx, token: string): boolean {
  return !!findUsableReset(ctx, token);
}

/** Sets the new password, spends the token and signs the account out everywhere. */
export async function resetPassword({ ctx, token, input }: { ctx: Ctx; token: string; input: z.infer<typeof resetPasswordSchema> }) {
  const passwordHash = await hashSecret(input.password);
  const { db, sessions } = ctx.services;
  const userId = db.transaction((tx) => {
    // Checked inside the transaction so two concurrent uses of one link cannot both succeed.
    const reset = findUsableReset(ctx, token);
    if (!reset) throw invalid("errors.reset.expired");
    tx.update(passwordResets).set({ usedAt: ctx.now }).where(eq(passwordResets.userId, reset.userId)).run();
    tx.update(users).set({ passwordHash }).where(eq(users.id, reset.userId)).run();
    audit({ ...ctx, user: { id: reset.userId } as Ctx["user"] }, { action: "reset_password", entity: "user", entityId: reset.userId });
    return reset.userId;
  });
  sessions.revokeAllFor(userId);
  return userId;
}
