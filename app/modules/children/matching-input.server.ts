import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import { childAvailability, childNeeds, children, consents } from "../../../db/schema";
import type { Interval } from "../core/availability";
import type { Ctx } from "../core/services.server";
import { requireOrgs } from "./access.server";

/**
 * What matching needs about the children waiting in one organisation, in three indexed reads:
 * needs (subject, grade, priority), languages with the first-language flag, availability,
 * mode, municipality, preferences, interests, the special-needs flag, waiting_since and whether
 * video lessons are allowed. No names and nothing from the sensitive table.
 */
export function listWaitingChildren({ ctx, organizationId }: { ctx: Ctx; organizationId: string }) {
  const { orgIds } = requireOrgs(ctx, "view:child-record:org");
  if (!orgIds.includes(organizationId)) return [];
  const { db } = ctx.services;
  const waiting = db
    .select({
      id: children.id,
      programId: children.programId,
      grade: children.grade,
      birthYear: children.birthYear,
      municipalityId: children.municipalityId,
      languages: children.languages,
      mode: children.mode,
      preferences: children.preferences,
      interests: children.interests,
      specialNeeds: children.specialNeeds,
      waitingSince: children.waitingSince,
    })
    .from(children)
    .where(and(eq(children.organizationId, organizationId), eq(children.status, "waiting")))
    // Oldest first, and stable: a re-run after new referrals extends the previous instance.
    .orderBy(asc(children.waitingSince), asc(children.id))
    .all();
  if (waiting.length === 0) return [];
  const ids = waiting.map((c) => c.id);
  const needs = db.select().from(childNeeds).where(inArray(childNeeds.childId, ids)).all();
  const slots = db.select().from(childAvailability).where(inArray(childAvailability.childId, ids)).all();
  const video = new Set(
    db
      .select({ childId: consents.childId })
      .from(consents)
      .where(and(inArray(consents.childId, ids), eq(consents.purpose, "video"), isNull(consents.withdrawnAt)))
      .all()
      .map((c) => c.childId),
  );
  return waiting.map((child) => ({
    ...child,
    needs: needs.filter((n) => n.childId === child.id).map(({ subject, grade, priority }) => ({ subject, grade, priority })),
    availability: slots.filter((s) => s.childId === child.id).map((s): Interval => ({ start: s.startMinute, end: s.endMinute })),
    videoConsent: video.has(child.id),
  }));
}
