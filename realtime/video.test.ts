import { io as connect, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type RunningServer } from "../server";
import { createActiveMatch, createLesson } from "../tests/factories/lessons";
import { giveVideoConsent } from "../tests/factories/video";
import { sessionCookie, testConfig } from "../tests/setup/test-db";

let server: RunningServer;
const sockets: Socket[] = [];

beforeAll(async () => {
  server = await startServer(testConfig());
});
afterAll(async () => {
  for (const socket of sockets) socket.close();
  await server.close();
});

async function open(userId: string): Promise<Socket> {
  const socket = connect(server.url, { transports: ["websocket"], extraHeaders: { Cookie: await sessionCookie(server.services, userId) }, reconnection: false });
  sockets.push(socket);
  await new Promise((resolve) => socket.once("session:ready", resolve));
  return socket;
}

function next<T>(socket: Socket, event: string): Promise<T> {
  return new Promise((resolve) => socket.once(event, resolve));
}

async function openLesson({ consent = true } = {}) {
  const setup = await createActiveMatch(server.services);
  if (consent) giveVideoConsent(server.services, setup.child.id, setup.guardian.id);
  return { ...setup, lesson: createLesson(server.services, setup.match, new Date(Date.now() - 5 * 60_000)) };
}

const offer = (video: boolean) => ({ type: "offer", sdp: `v=0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\n${video ? "m=video 9 UDP/TLS/RTP/SAVPF 96\r\n" : ""}` });

describe("peer-to-peer video signalling", () => {
  it("relays offers and ICE candidates between the volunteer and the child only, and tells who joins and leaves", async () => {
    const { lesson, volunteer, childUser } = await openLesson();
    const v = await open(volunteer.id);
    expect(await v.emitWithAck("video:join", { lessonId: lesson.id })).toEqual({ ok: true, data: { peers: [] } });
    const c = await open(childUser.id);
    const announced = next<{ peerId: string }>(v, "video:peer");
    expect(await c.emitWithAck("video:join", { lessonId: lesson.id })).toEqual({ ok: true, data: { peers: [v.id] } });
    expect((await announced).peerId).toBe(c.id);

    const received = next<Record<string, unknown>>(v, "video:signal");
    expect(await c.emitWithAck("video:signal", { lessonId: lesson.id, to: v.id, description: offer(true) })).toEqual({ ok: true, data: null });
    expect(await received).toEqual({ lessonId: lesson.id, from: c.id, to: v.id, description: offer(true) });
    const candidate = next<Record<string, unknown>>(c, "video:signal");
    await v.emitWithAck("video:signal", { lessonId: lesson.id, to: c.id, candidate: { candidate: "candidate:1 1 udp 1 127.0.0.1 5000 typ host", sdpMid: "0", sdpMLineIndex: 0 } });
    expect((await candidate).from).toBe(v.id);

    const left = next<{ peerId: string }>(v, "video:peer-left");
    const childSocketId = c.id;
    c.disconnect();
    expect((await left).peerId).toBe(childSocketId);
  });

  it("refuses observers, strangers, signals outside a joined call, bad payloads, and video without consent", async () => {
    const { lesson, volunteer, childUser, coordinator, guardian } = await openLesson({ consent: false });
    const observer = await open(coordinator.id);
    expect(await observer.emitWithAck("video:join", { lessonId: lesson.id })).toEqual({ ok: false, code: "FORBIDDEN", retry: false, messageKey: "video:errors.observerNeedsLiveKit" });
    const family = await open(guardian.id);
    expect(await family.emitWithAck("video:join", { lessonId: lesson.id })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    const v = await open(volunteer.id);
    expect(await v.emitWithAck("video:signal", { lessonId: lesson.id, to: "x", description: offer(false) })).toMatchObject({ ok: false, code: "FORBIDDEN", messageKey: "video:errors.notInCall" });
    expect(await v.emitWithAck("video:join", { lessonId: 7 })).toMatchObject({ ok: false, code: "INVALID" });
    await v.emitWithAck("video:join", { lessonId: lesson.id });
    const c = await open(childUser.id);
    await c.emitWithAck("video:join", { lessonId: lesson.id });
    expect(await v.emitWithAck("video:signal", { lessonId: lesson.id, to: c.id })).toMatchObject({ ok: false, code: "INVALID" });
    expect(await v.emitWithAck("video:signal", { lessonId: lesson.id, to: c.id, description: offer(true) })).toEqual({ ok: false, code: "INVALID", retry: false, messageKey: "video:errors.audioOnly" });
    expect(await v.emitWithAck("video:signal", { lessonId: lesson.id, to: c.id, description: offer(false) })).toEqual({ ok: true, data: null });
  });

  it("hangs up the call for both when the volunteer ends the lesson", async () => {
    const { lesson, volunteer, childUser } = await openLesson();
    const v = await open(volunteer.id);
    const c = await open(childUser.id);
    for (const socket of [v, c]) {
      await socket.emitWithAck("lesson:join", { lessonId: lesson.id });
      await socket.emitWithAck("video:join", { lessonId: lesson.id });
    }
    const ended = Promise.all([next(v, "video:ended"), next(c, "video:ended")]);
    expect(await v.emitWithAck("lesson:end", { lessonId: lesson.id })).toEqual({ ok: true, data: { status: "completed" } });
    expect(await ended).toEqual([{ lessonId: lesson.id }, { lessonId: lesson.id }]);
  });
});
