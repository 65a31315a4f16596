import { and, eq, inArray, isNull, lt } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { lessons, matches, scheduledJobs, type Lesson } from "../../../db/schema";
import { translator } from "../../i18n/i18n";
import type { Services } from "../core/services.server";
import { coordinatorIdsOf, notify } from "../notifications/notify.server";
import { recordHours } from "../volunteers/hours.server";
import { partiesOf } from "./access.server";
import { localDate } from "../volunteers/eligibility";
import { lessonHours, roomWindow } from "./schedule";
import { ROOM_CLOSES_AFTER_MINUTES, type JobKind } from "./vocabulary";

/**
 * Durable lesson jobs. Reminders are rows in `scheduled_jobs`, written when a lesson is scheduled,
 * so they survive a restart; each process claims due rows with one atomic UPDATE … WHERE
 * claimed_at IS NULL … RETURNING, so with several processes a reminder is sent exactly once.
 * A process that dies between claiming and sending loses that one reminder rather than risking a
 * second copy.
 */
const reminderLead: Record<JobKind, number> = { reminder_24h: 24 * 60 * 60_000, reminder_1h: 60 * 60_000 };

/** (Re)plans a lesson's reminders; reminders whose time has passed are not sent late. */
export function planReminders(db: Db, lesson: Pick<Lesson, "id" | "scheduledStart">, now: Date): void {
  db.delete(scheduledJobs).where(and(eq(scheduledJobs.lessonId, lesson.id), isNull(scheduledJobs.doneAt))).run();
  for (const kind of Object.keys(reminderLead) as JobKind[]) {
    const runAt = new Date(lesson.scheduledStart.getTime() - reminderLead[kind]);
    if (runAt <= now) continue;
    db.insert(scheduledJobs)
      .values({ kind, lessonId: lesson.id, runAt, createdAt: now })
      .onConflictDoUpdate({ target: [scheduledJobs.lessonId, scheduledJobs.kind], set: { runAt, claimedAt: null, claimedBy: null, doneAt: null } })
      .run();
  }
}

export function dropReminders(db: Db, lessonIds: string[]): void {
  if (lessonIds.length === 0) return;
  db.delete(scheduledJobs).where(and(inArray(scheduledJobs.lessonId, lessonIds), isNull(scheduledJobs.claimedAt))).run();
}

/** Claims up to `limit` due jobs for this worker; a row another process claimed first is not returned. */
export function claimDueJobs(db: Db, now: Date, worker: string, limit = 100) {
  return db
    .update(scheduledJobs)
    .set({ claimedAt: now, claimedBy: worker })
    .where(
      and(
        isNull(scheduledJobs.claimedAt),
        inArray(
          scheduledJobs.id,
          db
            .select({ id: scheduledJobs.id })
            .from(scheduledJobs)
            .where(and(isNull(scheduledJobs.claimedAt), lt(scheduledJobs.runAt, new Date(now.getTime() + 1))))
            .orderBy(scheduledJobs.runAt)
            .limit(limit),
        ),
      ),
    )
    .returning()
    .all();
}

/** Sends the due reminders this worker claimed: in-app and by e-mail to the volunteer, the child and the guardians. */
export async function runDueReminders(services: Services, now: Date, worker: string): Promise<number> {
  const { db } = services;
  const claimed = claimDueJobs(db, now, worker);
  let sent = 0;
  for (const job of claimed) {
    const lesson = db.select().from(lessons).where(eq(lessons.id, job.lessonId)).get();
    if (lesson && lesson.status === "scheduled" && lesson.scheduledStart > now) {
      const parties = partiesOf({ services, user: null, now, requestId: worker, locale: "sl" }, lesson.matchId);
      if (parties) {
        const params = { when: lesson.scheduledStart.getTime(), lessonId: lesson.id };
        await notify(services, [parties.match.volunteerUserId, ...parties.guardianIds], { kind: `lessonReminder.${job.kind}`, params: { ...params, name: parties.child.firstName }, email: true }, now);
        if (parties.child.userId) await notify(services, [parties.child.userId], { kind: `lessonReminder.${job.kind}`, params: { ...params, name: parties.volunteer.firstName } }, now);
        sent++;
      }
    }
    db.update(scheduledJobs).set({ doneAt: now }).where(eq(scheduledJobs.id, job.id)).run();
  }
  return sent;
}

/**
 * Lessons whose room has closed: nobody came → missed (coordinators are told); still live →
 * completed at the room's closing time, with the volunteer's hours. Each row changes with a
 * conditional UPDATE, so two processes never both act on it.
 */
export async function closeFinishedLessons(services: Services, now: Date): Promise<{ missed: number; completed: number }> {
  const { db } = services;
  const cutoff = new Date(now.getTime() - ROOM_CLOSES_AFTER_MINUTES * 60_000);
  const due = db
    .select()
    .from(lessons)
    .where(and(inArray(lessons.status, ["scheduled", "live"]), lt(lessons.scheduledEnd, cutoff)))
    .limit(500)
    .all();
  let missed = 0;
  let completed = 0;
  for (const lesson of due) {
    if (lesson.status === "scheduled") {
      const changed = db
        .update(lessons)
        .set({ status: "missed", missedReason: "no_show", updatedAt: now })
        .where(and(eq(lessons.id, lesson.id), eq(lessons.status, "scheduled")))
        .run().changes;
      if (changed) {
        missed++;
        await notify(services, coordinatorIdsOf(services, lesson.organizationId), { kind: "lessonMissed", params: { lessonId: lesson.id, when: lesson.scheduledStart.getTime() } }, now);
      }
    } else {
      const end = roomWindow(lesson).closesAt;
      if (completeLesson(services.db, lesson, end, now)) completed++;
    }
  }
  return { missed, completed };
}

/** live → completed, the volunteer's hours in the ledger (once: the source is `lesson:<id>`). */
export function completeLesson(db: Db, lesson: Lesson, end: Date, now: Date): boolean {
  return db.transaction(() => {
    const changed = db
      .update(lessons)
      .set({ status: "completed", actualEnd: end, updatedAt: now })
      .where(and(eq(lessons.id, lesson.id), eq(lessons.status, "live")))
      .run().changes;
    if (!changed) return false;
    const volunteer = db.select({ id: matches.volunteerUserId }).from(matches).where(eq(matches.id, lesson.matchId)).get();
    const start = lesson.actualStart ?? lesson.scheduledStart;
    const planned = (lesson.scheduledEnd.getTime() - lesson.scheduledStart.getTime()) / 60_000;
    if (volunteer) {
      recordHours(
        db,
        { userId: volunteer.id, organizationId: lesson.organizationId, workedOn: localDate(start), hours: lessonHours(start, end, planned), kind: "lesson", source: `lesson:${lesson.id}`, description: translator("sl")("lessons:hoursDescription") },
        now,
      );
    }
    return true;
  });
}

/** The minutely lesson housekeeping server.ts runs: reminders, then lessons whose room has closed. */
export async function runLessonJobs(services: Services, now: Date, worker: string) {
  const reminders = await runDueReminders(services, now, worker);
  const closed = await closeFinishedLessons(services, now);
  return { reminders, ...closed };
}
