import { and, desc, eq, inArray, ne } from "drizzle-orm";
import { children, consents, guardianships, referrals } from "../../../db/schema";
import { requirePermission } from "../auth/permissions";
import type { Ctx } from "../core/services.server";
import { consentPurposes, type ConsentPurpose } from "./vocabulary";

/**
 * The guardian's family page: their children (by guardianship) with status and consents in
 * force, and the children they referred themselves that a coordinator has not accepted yet.
 */
export function listFamily({ ctx }: { ctx: Ctx }) {
  requirePermission(ctx.user, "view:children:own");
  const user = ctx.user;
  const { db } = ctx.services;
  const childUserIds = db
    .select({ id: guardianships.childUserId })
    .from(guardianships)
    .where(eq(guardianships.guardianUserId, user.id))
    .all()
    .map((row) => row.id);
  const own =
    childUserIds.length === 0
      ? []
      : db
          .select({ id: children.id, userId: children.userId, firstName: children.firstName, lastName: children.lastName, status: children.status })
          .from(children)
          .where(inArray(children.userId, childUserIds))
          .orderBy(children.firstName)
          .all();
  const given =
    own.length === 0
      ? []
      : db
          .select({ childId: consents.childId, purpose: consents.purpose, givenAt: consents.givenAt, withdrawnAt: consents.withdrawnAt })
          .from(consents)
          .where(inArray(consents.childId, own.map((c) => c.id)))
          .orderBy(desc(consents.givenAt))
          .all();
  const referred = db
    .select({ id: referrals.id, firstName: children.firstName, lastName: children.lastName, status: referrals.status, createdAt: referrals.createdAt })
    .from(referrals)
    .innerJoin(children, eq(children.id, referrals.childId))
    .where(and(eq(referrals.referredByUserId, user.id), ne(referrals.status, "accepted")))
    .orderBy(desc(referrals.createdAt))
    .all();
  return {
    children: own.map((child) => {
      const latest = (purpose: ConsentPurpose) => given.find((c) => c.childId === child.id && c.purpose === purpose) ?? null;
      return {
        id: child.id,
        firstName: child.firstName,
        lastName: child.lastName,
        status: child.status,
        canConsent: child.status !== "referred" && child.status !== "exited",
        consents: consentPurposes.map((purpose) => {
          const row = latest(purpose);
          return { purpose, givenAt: row && !row.withdrawnAt ? row.givenAt : null, withdrawnAt: row?.withdrawnAt ?? null };
        }),
      };
    }),
    referred,
  };
}
