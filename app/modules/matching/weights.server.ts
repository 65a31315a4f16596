import { eq } from "drizzle-orm";
import type { z } from "zod";
import { programs } from "../../../db/schema";
import { audit } from "../audit/record.server";
import { organizationsWhere, requirePermission } from "../auth/permissions";
import type { Ctx } from "../core/services.server";
import { invalid, notFound } from "../errors";
import { validateWeights, weightsOf } from "./fit";
import type { weightsSchema } from "./schemas";

function requireProgram(ctx: Ctx, programId: string) {
  requirePermission(ctx.user, "manage:matching:org");
  const program = ctx.services.db.select().from(programs).where(eq(programs.id, programId)).get();
  if (!program || !organizationsWhere(ctx.user, "manage:matching:org").includes(program.organizationId)) throw notFound("matches:errors.programNotFound");
  return program;
}

export function programWeights({ ctx, programId }: { ctx: Ctx; programId: string }) {
  return weightsOf(requireProgram(ctx, programId).matchingWeights);
}

/** An admin sets a programme's matching weights (validated by the schema and again here). */
export function updateMatchingWeights({ ctx, programId, input }: { ctx: Ctx; programId: string; input: z.infer<typeof weightsSchema> }) {
  const program = requireProgram(ctx, programId);
  if (!validateWeights(input).ok) throw invalid("matches:errors.weight.allZero");
  ctx.services.db.transaction(() => {
    ctx.services.db.update(programs).set({ matchingWeights: input }).where(eq(programs.id, programId)).run();
    audit(ctx, { action: "update_matching_weights", entity: "program", entityId: programId, organizationId: program.organizationId });
  });
}
