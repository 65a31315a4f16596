import { Socket as TcpSocket } from "node:net";
import { io as connect, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type AppProcess } from "../tests/e2e/harness";
import { createActiveMatch, createLesson } from "../tests/factories/lessons";
import { sessionCookie } from "../tests/setup/test-db";
import type { ChatView } from "./events";

/**
 * Two app processes share one database and one Redis: a chat message sent to one arrives at a
 * socket connected to the other. Without a reachable Redis the test is skipped with a message —
 * except under CI=true, where that is a failure.
 */
const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";

async function redisReachable(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = new TcpSocket();
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once("error", () => done(false));
    socket.connect(Number(port || 6379), hostname, () => done(true));
  });
}

const reachable = await redisReachable(REDIS_URL);
if (!reachable) {
  if (process.env.CI === "true") throw new Error(`Redis is not reachable at ${REDIS_URL}: CI must provide it for the scale-out test.`);
  console.warn(`Skipping the Redis scale-out test: Redis is not reachable at ${REDIS_URL}.`);
}

describe.skipIf(!reachable)("two app processes behind the Redis adapter", () => {
  let a: AppProcess;
  let b: AppProcess;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    a = await startApp({ REDIS_URL });
    b = await startApp({ REDIS_URL, DATABASE_PATH: a.services.config.DATABASE_PATH });
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await Promise.all([a?.stop(), b?.stop()]);
  });

  async function open(url: string, cookie: string) {
    const socket = connect(url, { transports: ["websocket"], extraHeaders: { Cookie: cookie }, reconnection: false });
    sockets.push(socket);
    await new Promise((resolve) => socket.once("session:ready", resolve));
    return socket;
  }

  it("relays chat and presence between processes", async () => {
    const { match, volunteer, childUser } = await createActiveMatch(a.services);
    const lesson = createLesson(a.services, match, new Date(Date.now() - 60_000));
    const onA = await open(a.url, await sessionCookie(a.services, volunteer.id));
    const onB = await open(b.url, await sessionCookie(a.services, childUser.id));
    await onA.emitWithAck("lesson:join", { lessonId: lesson.id });
    const presence = new Promise<{ present: unknown[] }>((resolve) => onA.on("lesson:presence", (p: { present: unknown[] }) => p.present.length === 2 && resolve(p)));
    expect((await onB.emitWithAck("lesson:join", { lessonId: lesson.id })).ok).toBe(true);
    expect((await presence).present).toHaveLength(2);

    const arrived = new Promise<ChatView>((resolve) => onA.once("chat:message", resolve));
    const ack = await onB.emitWithAck("chat:send", { lessonId: lesson.id, clientId: "redis-child-0001", body: "Živjo iz drugega procesa" });
    expect(ack.ok).toBe(true);
    expect(await arrived).toMatchObject({ body: "Živjo iz drugega procesa", senderUserId: childUser.id });
  });
});
