import { programs } from "../../../db/schema";
import { audit } from "../audit/record.server";
import { organizationsWhere, requirePermission } from "../auth/permissions";
import type { Ctx } from "../core/services.server";
import { notFound } from "../errors";
import type { CreateProgramInput } from "./schemas";

/** A new programme of one of the administrator's organisations (its training modules and weights are set on the same page). */
export function createProgram({ ctx, input }: { ctx: Ctx; input: CreateProgramInput }) {
  requirePermission(ctx.user, "manage:programs:org");
  if (!organizationsWhere(ctx.user, "manage:programs:org").includes(input.organizationId)) throw notFound("common:admin.errors.organization.required");
  const { db } = ctx.services;
  return db.transaction(() => {
    const program = db.insert(programs).values({ ...input, createdAt: ctx.now }).returning({ id: programs.id }).get();
    audit(ctx, { action: "create_program", entity: "program", entityId: program.id, organizationId: input.organizationId });
    return program;
  });
}
