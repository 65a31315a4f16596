import { and, desc, eq, inArray, isNull, lte } from "drizzle-orm";
import { matchEvents, matches, recordChecks, volunteerProfiles } from "../../../db/schema";
import type { Services } from "../core/services.server";
import { coordinatorIdsOf, notify } from "../notifications/notify.server";
import { addDays, EXPIRY_WARNING_DAYS, localDate } from "./eligibility";

/**
 * Daily job: 30 days before a volunteer's latest record check expires, warn the volunteer and the
 * coordinators; when it has expired, tell them it no longer counts (eligibility already stops by
 * date). Flags on the check make the job safe to run often and from several processes.
 */
export async function runRecordCheckExpiry(services: Services, now: Date): Promise<{ warned: number; expired: number }> {
  const { db } = services;
  const today = localDate(now);
  const serving = db
    .select({ userId: volunteerProfiles.userId, organizationId: volunteerProfiles.organizationId })
    .from(volunteerProfiles)
    .where(inArray(volunteerProfiles.status, ["training", "active", "paused"]))
    .all();
  let warned = 0;
  let expired = 0;
  for (const volunteer of serving) {
    const latest = db.select().from(recordChecks).where(eq(recordChecks.volunteerUserId, volunteer.userId)).orderBy(desc(recordChecks.validUntil)).get();
    if (!latest) continue;
    const recipients = [volunteer.userId, ...coordinatorIdsOf(services, volunteer.organizationId)];
    const params = { volunteerId: volunteer.userId, validUntil: latest.validUntil };
    if (latest.validUntil < today && !latest.expiredNotifiedAt) {
      const claimed = db.update(recordChecks).set({ expiredNotifiedAt: now }).where(and(eq(recordChecks.id, latest.id), isNull(recordChecks.expiredNotifiedAt))).run();
      if (claimed.changes === 1) {
        expired++;
        // The volunteer's current matches are flagged in their history for the coordinator to review.
        const current = db
          .select({ id: matches.id })
          .from(matches)
          .where(and(eq(matches.volunteerUserId, volunteer.userId), inArray(matches.status, ["approved", "active", "paused"])))
          .all();
        if (current.length > 0) {
          db.insert(matchEvents)
            .values(current.map((m) => ({ matchId: m.id, action: "record_check_expired", createdAt: now })))
            .run();
        }
        await notify(services, recipients, { kind: "recordCheckExpired", params: { ...params, matches: current.length }, email: true }, now);
      }
    } else if (latest.validUntil >= today && latest.validUntil <= addDays(today, EXPIRY_WARNING_DAYS) && !latest.expiryWarnedAt) {
      const claimed = db
        .update(recordChecks)
        .set({ expiryWarnedAt: now })
        .where(and(eq(recordChecks.id, latest.id), isNull(recordChecks.expiryWarnedAt), lte(recordChecks.validUntil, addDays(today, EXPIRY_WARNING_DAYS))))
        .run();
      if (claimed.changes === 1) {
        warned++;
        await notify(services, recipients, { kind: "recordCheckExpiring", params, email: true }, now);
      }
    }
  }
  return { warned, expired };
}
