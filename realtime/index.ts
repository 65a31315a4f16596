import type { Server as HttpServer } from "node:http";
import { Server } from "socket.io";
import type { Services } from "../app/modules/core/services.server";
import { authenticateSocket, type SocketData } from "./auth";
import { orgCoordinatorsRoom, userRoom, type ClientToServerEvents, type ServerToClientEvents } from "./events";

export type RealtimeServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/** socket.io on the app's own http server, authenticated by the session cookie. */
export function attachRealtime(httpServer: HttpServer, services: Services): RealtimeServer {
  const io: RealtimeServer = new Server(httpServer, {
    serveClient: false,
    connectionStateRecovery: { maxDisconnectionDuration: 2 * 60 * 1000 },
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
    socket.emit("session:ready", { userId: user.id });
  });
  return io;
}
