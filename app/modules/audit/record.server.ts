import { auditLog } from "../../../db/schema";
import type { Ctx } from "../core/services.server";

export interface AuditEntry {
  action: string;
  entity: string;
  entityId?: string | null;
  organizationId?: string | null;
}

/** Appends to the audit log inside whatever transaction the caller is in (better-sqlite3 is synchronous). */
export function audit(ctx: Ctx, entry: AuditEntry): void {
  ctx.services.db
    .insert(auditLog)
    .values({
      actorUserId: ctx.user?.id ?? null,
      action: entry.action,
      entity: entry.entity,
      entityId: entry.entityId ?? null,
      organizationId: entry.organizationId ?? null,
      requestId: ctx.requestId,
      createdAt: ctx.now,
    })
    .run();
}
