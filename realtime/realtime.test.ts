import { io as connect, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type RunningServer } from "../server";
import { createOrganization, createUser } from "../tests/factories";
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

function open(cookie?: string): Socket {
  const socket = connect(server.url, { transports: ["websocket"], extraHeaders: cookie ? { Cookie: cookie } : {}, reconnection: false });
  sockets.push(socket);
  return socket;
}

describe("socket.io shares the pages' session", () => {
  it("knows the signed-in user from the session cookie alone", async () => {
    const org = createOrganization(server.services);
    const coordinator = await createUser(server.services, { role: "coordinator", organizationId: org.id });
    const socket = open(await sessionCookie(server.services, coordinator.id));
    const ready = await new Promise<{ userId: string }>((resolve) => socket.once("session:ready", resolve));
    expect(ready.userId).toBe(coordinator.id);
    const whoami = await socket.emitWithAck("session:whoami");
    expect(whoami).toEqual({ ok: true, data: { userId: coordinator.id, roles: ["coordinator"] } });
    // Server code reaches a user through the `user:<id>` room.
    const notified = new Promise((resolve) => socket.once("notification:new", resolve));
    server.io.to(`user:${coordinator.id}`).emit("notification:new", { kind: "test", params: { n: 1 } });
    expect(await notified).toEqual({ kind: "test", params: { n: 1 } });
  });

  it("refuses a socket without a session, or with a forged or signed-out one", async () => {
    const org = createOrganization(server.services);
    const user = await createUser(server.services, { role: "volunteer", organizationId: org.id });
    const signedOut = await sessionCookie(server.services, user.id);
    server.services.sessions.revokeAllFor(user.id);
    for (const cookie of [undefined, "__session=forged.value", signedOut]) {
      const socket = open(cookie);
      const error = await new Promise<Error>((resolve) => socket.once("connect_error", resolve));
      expect(error.message).toBe("UNAUTHENTICATED");
    }
  });

  it("answers the health check", async () => {
    const response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
  });
});
