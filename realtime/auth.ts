import type { Socket } from "socket.io";
import { loadCurrentUser } from "../app/modules/auth/current-user.server";
import type { CurrentUser, Services } from "../app/modules/core/services.server";
import type { RoomPass } from "../app/modules/lessons/room.server";
import type { RoomRole } from "../app/modules/lessons/vocabulary";

export interface SocketData {
  user: CurrentUser;
  /** Lesson rooms this socket has joined, with its attendance row. */
  lessons?: Record<string, { attendanceId: string; role: RoomRole; pass: RoomPass }>;
}

/**
 * socket.io handshakes carry the page's cookies, so a socket is authenticated by exactly the same
 * session as the pages: no separate token, no client-chosen identity.
 */
export function authenticateSocket(services: Services) {
  return async (socket: Socket, next: (error?: Error) => void) => {
    try {
      const userId = await services.sessions.userIdFromCookie(socket.handshake.headers.cookie);
      const user = userId ? loadCurrentUser(services, userId) : null;
      if (!user) return next(new Error("UNAUTHENTICATED"));
      (socket.data as SocketData).user = user;
      next();
    } catch (error) {
      services.log.error({ err: error }, "socket authentication failed");
      next(new Error("UNAUTHENTICATED"));
    }
  };
}
