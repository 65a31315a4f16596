import type { Ctx } from "../core/services.server";
import { requireVolunteer } from "./access.server";
import { requirementKeys } from "./eligibility";
import { eligibilityOf } from "./facts.server";
import { ledgerOf } from "./hours.server";
import { listOwnModules } from "./training.server";

/** The volunteer's own progress page: status, each requirement done or to do, modules, hours. */
export function getOwnProgress({ ctx }: { ctx: Ctx }) {
  const { user, profile } = requireVolunteer(ctx);
  if (!profile) return { status: null, steps: [], modules: [], eligible: false, recordCheckValidUntil: null, totalHours: 0 };
  const eligibility = eligibilityOf(ctx.services.db, user.id, ctx.now)!;
  const missing = new Set(eligibility.missing);
  return {
    status: profile.status,
    statusReason: profile.statusReason,
    eligible: eligibility.eligible,
    steps: requirementKeys.map((key) => ({ key, done: !missing.has(key) })),
    trainingHours: eligibility.facts.trainingHours,
    requiredTrainingHours: eligibility.facts.requiredTrainingHours,
    recordCheckValidUntil: eligibility.facts.recordCheckValidUntil,
    modules: listOwnModules({ ctx }),
    totalHours: ledgerOf(ctx.services.db, user.id, profile.organizationId).total,
  };
}
