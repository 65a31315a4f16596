import { desc } from "drizzle-orm";
import { emailOutbox } from "../../../db/schema";
import { requirePermission } from "../auth/permissions";
import type { Ctx } from "../core/services.server";

/** The e-mail outbox, newest first: how admins see mail when no SMTP server is configured. */
export function listOutbox({ ctx, limit = 100 }: { ctx: Ctx; limit?: number }) {
  requirePermission(ctx.user, "view:outbox:any");
  return ctx.services.db.select().from(emailOutbox).orderBy(desc(emailOutbox.createdAt)).limit(limit).all();
}
