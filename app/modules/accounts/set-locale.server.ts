import { eq } from "drizzle-orm";
import { users } from "../../../db/schema";
import type { Locale } from "../../i18n/i18n";
import type { Ctx } from "../core/services.server";

/** Remembers a signed-in user's language so e-mails and other devices use it too. */
export function setLocale({ ctx, locale }: { ctx: Ctx; locale: Locale }): void {
  if (!ctx.user) return;
  ctx.services.db.update(users).set({ locale }).where(eq(users.id, ctx.user.id)).run();
}
