import { DateTime } from "luxon";
import { completeLesson, planReminders } from "../app/modules/lessons/jobs.server";
import { expandSeries, formatRule } from "../app/modules/lessons/schedule";
import { LESSON_ZONE } from "../app/modules/lessons/vocabulary";
import type { Db } from "./client";
import { lessonFeedback, lessonReports, lessonSeries, lessons, matches } from "./schema";

const reports = [
  "Ponovila sva snov o zmeseh in raztopinah; Tim je sam rešil vse naloge iz delovnega zvezka.",
  "Pregledala sva periodni sistem in vaje za test. Pri izračunih še potrebuje malo pomoči.",
  "Tim je pisal test iz kemije in dobil prav dobro; danes sva začela s kislinami in bazami.",
];
const feelings = ["good", "great", "great"] as const;

/**
 * A pair already at work, so lessons can be shown at once: Eva and Tim have met weekly on Mondays
 * at 17.00 for a month (held lessons with reports, the child's faces and the volunteer's hours,
 * one cancelled because Tim was ill) and have the next weeks planned (with their reminders).
 */
export function seedDemoLessons(
  db: Db,
  { organizationId, programId, coordinatorId, volunteerId, childId, childUserId, guardianId }: {
    organizationId: string; programId: string; coordinatorId: string; volunteerId: string; childId: string; childUserId: string; guardianId: string;
  },
) {
  const now = new Date();
  const match = db
    .insert(matches)
    .values({
      organizationId, programId, childId, volunteerUserId: volunteerId, status: "active", score: 0.86, explanation: [],
      proposedBy: coordinatorId, decidedBy: coordinatorId, decidedAt: new Date(now.getTime() - 40 * 86_400_000),
      volunteerResponse: "accepted", guardianResponse: "accepted",
    })
    .returning()
    .get();
  // The Monday four weeks back, 17.00 in Ljubljana.
  const first = DateTime.fromJSDate(now, { zone: LESSON_ZONE }).startOf("week").minus({ weeks: 4 }).set({ hour: 17 });
  const startLocal = first.toFormat("yyyy-MM-dd'T'HH:mm");
  const rrule = formatRule({ interval: 1, count: 12 });
  const series = db
    .insert(lessonSeries)
    .values({ matchId: match.id, organizationId, rrule, startLocal, timeZone: LESSON_ZONE, durationMinutes: 45, status: "confirmed", proposedBy: volunteerId, decidedBy: guardianId, decidedAt: first.minus({ days: 3 }).toJSDate() })
    .returning()
    .get();
  let held = 0;
  for (const [index, occurrence] of expandSeries({ startLocal, durationMinutes: 45, rrule }).entries()) {
    const past = occurrence.end < now;
    const cancelled = past && index === 1;
    const lesson = db
      .insert(lessons)
      .values({
        matchId: match.id, seriesId: series.id, organizationId, scheduledStart: occurrence.start, scheduledEnd: occurrence.end,
        status: cancelled ? "cancelled" : past ? "live" : "scheduled", actualStart: past && !cancelled ? occurrence.start : null,
        changeReason: cancelled ? "Tim je bolan, se vidiva naslednji teden." : null, changedBy: cancelled ? guardianId : null,
      })
      .returning()
      .get();
    if (!past) {
      planReminders(db, lesson, now);
      continue;
    }
    if (cancelled) continue;
    completeLesson(db, lesson, occurrence.end, now);
    const k = held++ % reports.length;
    db.insert(lessonReports).values({ lessonId: lesson.id, authorUserId: volunteerId, summary: reports[k]!, createdAt: occurrence.end }).run();
    db.insert(lessonFeedback).values({ lessonId: lesson.id, userId: childUserId, emoji: feelings[k]!, createdAt: occurrence.end }).run();
  }
}
