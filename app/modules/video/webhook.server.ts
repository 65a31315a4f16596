import { and, desc, eq, inArray, isNull } from "drizzle-orm";
import type { RequestHandler } from "express";
import { WebhookReceiver, type WebhookEvent } from "livekit-server-sdk";
import { lessonAttendance, lessons, liveKitWebhookEvents, type Lesson } from "../../../db/schema";
import type { Db } from "../../../db/client";
import { translator } from "../../i18n/i18n";
import type { Services } from "../core/services.server";
import { partiesOf, type Parties } from "../lessons/access.server";
import { lessonHours, localDateOf } from "../lessons/schedule";
import { recordHours, removeHours } from "../volunteers/hours.server";
import { liveKitSettings } from "./access.server";
import { lessonIdOfVideoRoom, type VideoRole } from "./vocabulary";

export type WebhookOutcome = "applied" | "duplicate" | "ignored";

const seconds = (value: bigint | undefined) => new Date(Number(value ?? 0n) * 1000);

/** Checks the signature LiveKit puts in the Authorization header (a JWT holding the body's SHA-256); throws when it does not verify. */
export async function verifyLiveKitWebhook(services: Services, body: string, authorization: string | undefined): Promise<WebhookEvent> {
  const settings = liveKitSettings(services);
  if (!settings) throw new Error("LiveKit is not configured");
  return new WebhookReceiver(settings.apiKey, settings.apiSecret).receive(body, authorization);
}

/**
 * A verified LiveKit event: joins and leaves of the lesson's call become attendance rows with
 * source "livekit", the record of who was in the call and for how long. An event id seen before
 * is ignored, so a redelivery changes nothing.
 */
export function applyLiveKitEvent(services: Services, event: WebhookEvent, now = new Date()): WebhookOutcome {
  if (!event.id) return "ignored";
  const lessonId = event.room ? lessonIdOfVideoRoom(event.room.name) : null;
  const { db } = services;
  const lesson = lessonId ? db.select().from(lessons).where(eq(lessons.id, lessonId)).get() : undefined;
  const parties = lesson ? partiesOf({ services, user: null, now, requestId: `livekit:${event.id}`, locale: "sl" }, lesson.matchId) : null;
  return db.transaction(() => {
    const fresh = db.insert(liveKitWebhookEvents).values({ id: event.id, event: event.event, lessonId: lesson?.id ?? null, receivedAt: now }).onConflictDoNothing().returning({ id: liveKitWebhookEvents.id }).get();
    if (!fresh) return "duplicate";
    if (!lesson || !parties) return "ignored";
    const applied = applyEvent(db, lesson, parties, event);
    if (applied && lesson.status === "completed") reconcileDuration(db, lesson, parties, now);
    return applied ? "applied" : "ignored";
  });
}

function applyEvent(db: Db, lesson: Lesson, parties: Parties, event: WebhookEvent): boolean {
  const at = seconds(event.createdAt);
  const openRows = (userId?: string) =>
    and(eq(lessonAttendance.lessonId, lesson.id), eq(lessonAttendance.source, "livekit"), isNull(lessonAttendance.leftAt), userId ? eq(lessonAttendance.userId, userId) : undefined);
  switch (event.event) {
    case "participant_joined": {
      const participant = event.participant;
      if (!participant?.identity) return false;
      db.insert(lessonAttendance).values({ lessonId: lesson.id, userId: participant.identity, role: roleIn(parties, participant.identity), joinedAt: participant.joinedAt ? seconds(participant.joinedAt) : at, source: "livekit" }).run();
      return true;
    }
    case "participant_left": {
      const identity = event.participant?.identity;
      if (!identity) return false;
      const open = db.select({ id: lessonAttendance.id }).from(lessonAttendance).where(openRows(identity)).orderBy(desc(lessonAttendance.joinedAt)).get();
      if (!open) return false;
      db.update(lessonAttendance).set({ leftAt: at }).where(eq(lessonAttendance.id, open.id)).run();
      return true;
    }
    case "room_finished":
      db.update(lessonAttendance).set({ leftAt: at }).where(openRows()).run();
      return true;
    default:
      return false;
  }
}

/** The identity LiveKit reports is the user id the token was issued to; tokens go only to the pair and coordinators. */
function roleIn(parties: Parties, userId: string): VideoRole {
  if (parties.match.volunteerUserId === userId) return "volunteer";
  if (parties.child.userId === userId) return "child";
  return "observer";
}

/**
 * With LiveKit the call is the authoritative record of a held lesson: once the lesson is
 * completed and the volunteer and the child have left the call, its length runs from the first
 * of them joining to the last leaving, and the volunteer's hours follow it.
 */
function reconcileDuration(db: Db, lesson: Lesson, parties: Parties, now: Date) {
  const rows = db
    .select()
    .from(lessonAttendance)
    .where(and(eq(lessonAttendance.lessonId, lesson.id), eq(lessonAttendance.source, "livekit"), inArray(lessonAttendance.role, ["volunteer", "child"])))
    .all();
  if (rows.length === 0 || rows.some((row) => !row.leftAt)) return;
  const start = new Date(Math.min(...rows.map((row) => row.joinedAt.getTime())));
  const end = new Date(Math.max(...rows.map((row) => row.leftAt!.getTime())));
  db.update(lessons).set({ actualStart: start, actualEnd: end, updatedAt: now }).where(eq(lessons.id, lesson.id)).run();
  const volunteer = { id: parties.match.volunteerUserId };
  const source = `lesson:${lesson.id}`;
  const planned = (lesson.scheduledEnd.getTime() - lesson.scheduledStart.getTime()) / 60_000;
  removeHours(db, volunteer.id, source);
  recordHours(
    db,
    { userId: volunteer.id, organizationId: lesson.organizationId, workedOn: localDateOf(start), hours: lessonHours(start, end, planned), kind: "lesson", source, description: translator("sl")("lessons:hoursDescription") },
    now,
  );
}

/** The Express handler for LIVEKIT_WEBHOOK_PATH (mounted with a raw body parser, before Remix). */
export function liveKitWebhookHandler(services: Services): RequestHandler {
  return async (req, res) => {
    const body = Buffer.isBuffer(req.body) ? req.body.toString("utf8") : "";
    let event: WebhookEvent;
    try {
      event = await verifyLiveKitWebhook(services, body, req.get("Authorization"));
    } catch {
      return void res.sendStatus(401);
    }
    try {
      const outcome = applyLiveKitEvent(services, event);
      services.log.debug({ event: event.event, outcome }, "livekit webhook");
      res.sendStatus(200);
    } catch (error) {
      services.log.error({ err: error, event: event.event }, "livekit webhook failed");
      res.sendStatus(500);
    }
  };
}
