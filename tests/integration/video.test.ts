import { createHash } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { AccessToken, TokenVerifier } from "livekit-server-sdk";
import { afterAll, describe, expect, it } from "vitest";
import { action as videoAction } from "../../app/routes/lessons.$lessonId_.video";
import type { Services } from "../../app/modules/core/services.server";
import { applyLiveKitEvent, liveKitWebhookHandler, verifyLiveKitWebhook } from "../../app/modules/video/webhook.server";
import { lessonAttendance, lessons, volunteerHours } from "../../db/schema";
import { createUser } from "../factories";
import { createActiveMatch, createLesson } from "../factories/lessons";
import { giveVideoConsent } from "../factories/video";
import { callRoute } from "../setup/remix";
import { createTestServices, sessionCookie } from "../setup/test-db";

const KEY = "tandem-test";
const SECRET = "a-test-secret-that-is-long-enough-0123456789";
const liveKit = createTestServices({ LIVEKIT_URL: "ws://127.0.0.1:7880", LIVEKIT_API_KEY: KEY, LIVEKIT_API_SECRET: SECRET });
const p2p = createTestServices({ ICE_SERVERS: '[{"urls":"turn:turn.example.org:3478","username":"u","credential":"p"}]' });
afterAll(() => {
  liveKit.db.$client.close();
  p2p.db.$client.close();
});

/** A match with a lesson that started five minutes ago (its room is open). */
async function openLesson(services: Services, { consent = true } = {}) {
  const setup = await createActiveMatch(services);
  if (consent) giveVideoConsent(services, setup.child.id, setup.guardian.id);
  return { ...setup, lesson: createLesson(services, setup.match, new Date(Date.now() - 5 * 60_000)) };
}

async function connect(services: Services, userId: string | null, lessonId: string) {
  const response = await callRoute(videoAction as never, services, { method: "POST", cookie: userId ? await sessionCookie(services, userId) : undefined, params: { lessonId } });
  return { status: response.status, body: (await response.json()) as Record<string, unknown>, cacheControl: response.headers.get("Cache-Control") };
}

describe("video connection details", () => {
  it("with LiveKit: a ten-minute token for room lesson-<id>, the user's id as identity; coordinators hidden and silent", async () => {
    const { lesson, volunteer, childUser, coordinator } = await openLesson(liveKit);
    const verifier = new TokenVerifier(KEY, SECRET);

    const mine = await connect(liveKit, volunteer.id, lesson.id);
    expect(mine.status).toBe(200);
    expect(mine.cacheControl).toBe("no-store");
    expect(mine.body).toMatchObject({ mode: "livekit", role: "volunteer", camera: true, url: "ws://127.0.0.1:7880" });
    const claims = await verifier.verify(mine.body.token as string);
    expect(claims.sub).toBe(volunteer.id);
    expect(claims.name).toBe("Nina");
    expect(claims.video).toMatchObject({ room: `lesson-${lesson.id}`, roomJoin: true, canPublish: true, canPublishData: true, canSubscribe: true, hidden: false });
    expect(claims.video!.canPublishSources).toEqual(["camera", "microphone"]);
    const lifetime = (claims.exp as number) - (claims.nbf as number);
    expect(lifetime).toBeLessThanOrEqual(600);

    const child = await connect(liveKit, childUser.id, lesson.id);
    expect((await verifier.verify(child.body.token as string)).sub).toBe(childUser.id);

    const observer = await connect(liveKit, coordinator.id, lesson.id);
    expect(observer.body).toMatchObject({ mode: "livekit", role: "observer" });
    expect((await verifier.verify(observer.body.token as string)).video).toMatchObject({ canPublish: false, canPublishData: false, canSubscribe: true, hidden: true, canPublishSources: [] });
  });

  it("without the guardian's video consent: microphone only", async () => {
    const { lesson, childUser } = await openLesson(liveKit, { consent: false });
    const child = await connect(liveKit, childUser.id, lesson.id);
    expect(child.body).toMatchObject({ camera: false });
    expect((await new TokenVerifier(KEY, SECRET).verify(child.body.token as string)).video!.canPublishSources).toEqual(["microphone"]);
  });

  it("is refused for another lesson, outside the room's window, to guardians and to visitors", async () => {
    const { lesson, match, volunteer, guardian, organizationId } = await openLesson(liveKit);
    const other = await openLesson(liveKit);
    expect(await connect(liveKit, volunteer.id, other.lesson.id)).toMatchObject({ status: 404, body: { messageKey: "lessons:errors.lesson.notFound" } });
    const outsider = await createUser(liveKit, { role: "volunteer", organizationId });
    expect((await connect(liveKit, outsider.id, lesson.id)).status).toBe(404);
    expect((await connect(liveKit, guardian.id, lesson.id)).status).toBe(404);
    expect((await connect(liveKit, null, lesson.id)).status).toBe(401);
    const later = createLesson(liveKit, match, new Date(Date.now() + 2 * 60 * 60_000));
    expect(await connect(liveKit, volunteer.id, later.id)).toMatchObject({ status: 409, body: { messageKey: "video:errors.closed" } });
    const past = createLesson(liveKit, match, new Date(Date.now() - 3 * 60 * 60_000));
    expect((await connect(liveKit, volunteer.id, past.id)).status).toBe(409);
    const done = createLesson(liveKit, match, new Date(Date.now() - 10 * 60_000), 60, "completed");
    expect((await connect(liveKit, volunteer.id, done.id)).status).toBe(409);
  });

  it("without LiveKit: the peer-to-peer settings, the child's side polite, the configured ICE servers", async () => {
    const { lesson, volunteer, childUser } = await openLesson(p2p);
    expect((await connect(p2p, volunteer.id, lesson.id)).body).toEqual({
      mode: "p2p",
      lessonId: lesson.id,
      role: "volunteer",
      camera: true,
      polite: false,
      iceServers: [{ urls: "turn:turn.example.org:3478", username: "u", credential: "p" }],
    });
    expect((await connect(p2p, childUser.id, lesson.id)).body).toMatchObject({ role: "child", polite: true });
  });
});

/** A webhook body and its Authorization header, signed as LiveKit signs them. */
async function signed(event: Record<string, unknown>, secret = SECRET) {
  const body = JSON.stringify(event);
  const token = new AccessToken(KEY, secret);
  token.sha256 = createHash("sha256").update(body).digest("base64");
  return { body, authorization: await token.toJwt() };
}

const at = (date: Date) => String(Math.floor(date.getTime() / 1000));

describe("LiveKit webhooks", () => {
  it("verify the signature, record joins and leaves as attendance, ignore a redelivered event and set the held lesson's length", async () => {
    const { lesson, volunteer, childUser } = await openLesson(liveKit);
    const room = { sid: "RM_1", name: `lesson-${lesson.id}` };
    const start = new Date(Math.floor(Date.now() / 1000) * 1000 - 40 * 60_000);
    const event = (id: string, name: string, when: Date, identity?: string) => ({ id, event: name, createdAt: at(when), room, ...(identity ? { participant: { sid: `PA_${identity}`, identity, joinedAt: at(when) } } : {}) });
    const deliver = async (payload: Record<string, unknown>) => {
      const { body, authorization } = await signed(payload);
      return applyLiveKitEvent(liveKit, await verifyLiveKitWebhook(liveKit, body, authorization));
    };

    expect(await deliver(event(`EV_${lesson.id}_1`, "participant_joined", start, volunteer.id))).toBe("applied");
    expect(await deliver(event(`EV_${lesson.id}_1`, "participant_joined", start, volunteer.id))).toBe("duplicate");
    expect(await deliver(event(`EV_${lesson.id}_2`, "participant_joined", new Date(start.getTime() + 60_000), childUser.id))).toBe("applied");
    const rows = () => liveKit.db.select().from(lessonAttendance).where(and(eq(lessonAttendance.lessonId, lesson.id), eq(lessonAttendance.source, "livekit"))).all();
    expect(rows().map((r) => [r.role, r.joinedAt.getTime(), r.leftAt]).sort()).toEqual([
      ["child", start.getTime() + 60_000, null],
      ["volunteer", start.getTime(), null],
    ]);

    // The lesson ends (completed by the room), then LiveKit reports the leaves and the room's end.
    liveKit.db.update(lessons).set({ status: "completed", actualStart: new Date(start.getTime() + 5 * 60_000), actualEnd: new Date() }).where(eq(lessons.id, lesson.id)).run();
    expect(await deliver(event(`EV_${lesson.id}_3`, "participant_left", new Date(start.getTime() + 30 * 60_000), childUser.id))).toBe("applied");
    expect(await deliver(event(`EV_${lesson.id}_4`, "room_finished", new Date(start.getTime() + 31 * 60_000)))).toBe("applied");
    expect(rows().every((r) => r.leftAt)).toBe(true);
    const held = liveKit.db.select().from(lessons).where(eq(lessons.id, lesson.id)).get()!;
    expect([held.actualStart!.getTime(), held.actualEnd!.getTime()]).toEqual([start.getTime(), start.getTime() + 31 * 60_000]);
    expect(liveKit.db.select({ hours: volunteerHours.hours }).from(volunteerHours).where(eq(volunteerHours.source, `lesson:${lesson.id}`)).all()).toEqual([{ hours: 0.5 }]);
  });

  it("refuse a wrong signature or a changed body, and ignore rooms that are not lessons", async () => {
    const payload = { id: "EV_x", event: "room_started", createdAt: "1", room: { sid: "RM_2", name: "lesson-unknown" } };
    const wrong = await signed(payload, "another-secret-that-is-long-enough-0123456");
    await expect(verifyLiveKitWebhook(liveKit, wrong.body, wrong.authorization)).rejects.toThrow();
    const good = await signed(payload);
    await expect(verifyLiveKitWebhook(liveKit, good.body.replace("RM_2", "RM_3"), good.authorization)).rejects.toThrow();
    await expect(verifyLiveKitWebhook(liveKit, good.body, undefined)).rejects.toThrow();
    expect(applyLiveKitEvent(liveKit, await verifyLiveKitWebhook(liveKit, good.body, good.authorization))).toBe("ignored");

    // Through Express's handler: 401 without a valid signature, 200 with one.
    const status = async (body: string, authorization?: string) => {
      let code = 0;
      await liveKitWebhookHandler(liveKit)({ body: Buffer.from(body), get: () => authorization } as never, { sendStatus: (c: number) => (code = c) } as never, () => undefined);
      return code;
    };
    expect(await status(wrong.body, wrong.authorization)).toBe(401);
    expect(await status(good.body, good.authorization)).toBe(200);
  });
});
