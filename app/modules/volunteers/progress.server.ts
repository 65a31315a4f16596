import type { Ctx } from "../core/services.server";
import { requireVolunteer } from "./access.server";
import { localDate, requirementKeys } from "./eligibility";
import { eligibilityOf } from "./facts.server";
import { ledgerOf } from "./hours.server";
import { listOwnModules } from "./training.server";

/** The volunteer's own progress page: status, each requirement done or to do, modules, hours. */
export function getOwnProgress({ ctx }: { ctx: Ctx }) {
  const { user, profile } = requireVolunteer(ctx);
  if (!profile) return { status: null, steps: [], modules: [], eligible: false, recordCheckValidUntil: null, recordCheckExpired: false, totalHours: 0 };
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
    /** The latest check's validity has run out (not the same as never checked: the page says so). */
    recordCheckExpired: eligibility.facts.recordCheckValidUntil !== null && eligibility.facts.recordCheckValidUntil < localDate(ctx.now),
    modules: listOwnModules({ ctx }),
    totalHours: ledgerOf(ctx.services.db, user.id, profile.organizationId).total,
  };
}
