import type { Server as HttpServer } from "node:http";
import { createAdapter } from "@socket.io/redis-adapter";
import { createClient } from "redis";
import { Server } from "socket.io";
import type { Services } from "../app/modules/core/services.server";
import { authenticateSocket, type SocketData } from "./auth";
import { registerLessonRoom } from "./handlers/lesson-room";
import { registerVideo } from "./handlers/video";
import { markRoomsShared } from "./rooms";
import { orgCoordinatorsRoom, userRoom, type ClientToServerEvents, type ServerToClientEvents } from "./events";

export type RealtimeServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/** socket.io on the app's own http server, authenticated by the session cookie. */
export function attachRealtime(httpServer: HttpServer, services: Services): RealtimeServer {
  const io: RealtimeServer = new Server(httpServer, {
    serveClient: false,
    // No connection-state recovery: it keeps every broadcast packet for the whole recovery window
    // (at 1 000 lessons with a whiteboard, about 10 000 packets a second), and the Redis adapter does
    // not support it. A client that reconnects joins again instead: the join answers the chat history
    // and the board, and unacknowledged messages are resent by client id (docs/decisions/0200).
  });
  io.use(authenticateSocket(services));
  io.on("connection", (socket) => {
    const { user } = socket.data;
    void socket.join(userRoom(user.id));
    for (const m of user.memberships) {
      if (m.role === "coordinator") void socket.join(orgCoordinatorsRoom(m.organizationId));
    }
    socket.on("session:whoami", (ack) => {
      if (typeof ack !== "function") return;
      ack({ ok: true, data: { userId: user.id, roles: [...new Set(user.memberships.map((m) => m.role))] } });
    });
    registerLessonRoom(io, services, socket);
    registerVideo(io, services, socket);
    socket.emit("session:ready", { userId: user.id });
  });
  return io;
}

/**
 * With REDIS_URL, rooms and broadcasts span every app process through Redis pub/sub. Returns a
 * function that disconnects the Redis clients on shutdown.
 */
export async function useRedisAdapter(io: RealtimeServer, url: string): Promise<() => Promise<void>> {
  const pub = createClient({ url });
  const sub = pub.duplicate();
  await Promise.all([pub.connect(), sub.connect()]);
  io.adapter(createAdapter(pub, sub));
  markRoomsShared(io);
  return async () => {
    await Promise.allSettled([pub.quit(), sub.quit()]);
  };
}
