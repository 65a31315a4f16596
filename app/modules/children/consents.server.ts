import { and, eq, isNull } from "drizzle-orm";
import type { z } from "zod";
import { children, consents } from "../../../db/schema";
import { audit } from "../audit/record.server";
import { can } from "../auth/permissions";
import type { Ctx } from "../core/services.server";
import { conflict, invalid, notFound } from "../errors";
import { childAudit, isGuardianOf, notifyCoordinators, requireUser } from "./access.server";
import { mayConsentAlone, statusAfterConsents } from "./consent-rules";
import type { consentSchema } from "./schemas";
import { consentTextVersions, type ConsentPurpose } from "./vocabulary";

type Db = Ctx["services"]["db"];
type ConsentInput = Pick<z.infer<typeof consentSchema>, "childId" | "purpose">;

/** The purposes with a consent in force. */
export function activeConsents(db: Db, childId: string): Set<ConsentPurpose> {
  return new Set(
    db
      .select({ purpose: consents.purpose })
      .from(consents)
      .where(and(eq(consents.childId, childId), isNull(consents.withdrawnAt)))
      .all()
      .map((row) => row.purpose),
  );
}

/** For later features (e.g. the lesson room: no video without video consent). */
export function hasActiveConsent(db: Db, childId: string, purpose: ConsentPurpose): boolean {
  return activeConsents(db, childId).has(purpose);
}

/**
 * Who may consent for a child: their guardian; the child alone only from 15 on (ZVOP-2).
 * Anyone else does not see the child at all.
 */
function childForConsent(ctx: Ctx, childId: string) {
  const user = requireUser(ctx);
  const child = ctx.services.db.select().from(children).where(eq(children.id, childId)).get();
  if (!child || !can(user, "consent:child:own", child.organizationId)) throw notFound("children:errors.child.notFound");
  if (child.userId && child.userId === user.id) {
    if (!mayConsentAlone(child.birthYear, ctx.now)) throw invalid("children:errors.consent.under15");
  } else if (!isGuardianOf(ctx, user.id, child.userId)) {
    throw notFound("children:errors.child.notFound");
  }
  if (child.status === "referred" || child.status === "exited") throw conflict("children:errors.consent.notNow");
  return { user, child };
}

/** Records a consent (who, when, how, which text); with the required ones the child starts waiting. */
export function giveConsent({ ctx, input }: { ctx: Ctx; input: ConsentInput }) {
  const { db } = ctx.services;
  return db.transaction((tx) => {
    const { user, child } = childForConsent(ctx, input.childId);
    const active = activeConsents(db, child.id);
    if (active.has(input.purpose)) return child.status;
    tx.insert(consents)
      .values({ childId: child.id, purpose: input.purpose, givenByUserId: user.id, textVersion: consentTextVersions[input.purpose], method: "online", givenAt: ctx.now })
      .run();
    active.add(input.purpose);
    const status = statusAfterConsents(child.status, active);
    if (status !== child.status) {
      tx.update(children)
        .set({ status, waitingSince: status === "waiting" ? ctx.now : child.waitingSince, updatedAt: ctx.now })
        .where(eq(children.id, child.id))
        .run();
    }
    audit(ctx, childAudit(`give_consent.${input.purpose}`, child));
    return status;
  });
}

/** Withdrawal takes effect at once and the organisation's coordinators are told. */
export function withdrawConsent({ ctx, input }: { ctx: Ctx; input: ConsentInput }) {
  const { db } = ctx.services;
  return db.transaction((tx) => {
    const { user, child } = childForConsent(ctx, input.childId);
    const withdrawn = tx
      .update(consents)
      .set({ withdrawnAt: ctx.now, withdrawnByUserId: user.id })
      .where(and(eq(consents.childId, child.id), eq(consents.purpose, input.purpose), isNull(consents.withdrawnAt)))
      .run();
    if (withdrawn.changes === 0) throw conflict("children:errors.consent.notGiven");
    const status = statusAfterConsents(child.status, activeConsents(db, child.id));
    if (status !== child.status) {
      tx.update(children)
        .set({ status, waitingSince: status === "waiting" ? child.waitingSince : null, updatedAt: ctx.now })
        .where(eq(children.id, child.id))
        .run();
    }
    audit(ctx, childAudit(`withdraw_consent.${input.purpose}`, child));
    notifyCoordinators(ctx, child.organizationId, "consent_withdrawn", { childId: child.id, purpose: input.purpose });
    return status;
  });
}
