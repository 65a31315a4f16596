import type { Socket } from "socket.io";
import { loadCurrentUser } from "../app/modules/auth/current-user.server";
import { randomUUID } from "node:crypto";
import type { Ctx, CurrentUser, Services } from "../app/modules/core/services.server";
import { unauthenticated } from "../app/modules/errors";
import type { RoomPass } from "../app/modules/lessons/room.server";
import type { RoomRole } from "../app/modules/lessons/vocabulary";

export interface SocketData {
  user: CurrentUser;
  /** When `user` (with its roles) was read; sockets live long, so it is read again now and then. */
  userLoadedAt: number;
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
      (socket.data as SocketData).userLoadedAt = Date.now();
      next();
    } catch (error) {
      services.log.error({ err: error }, "socket authentication failed");
      next(new Error("UNAUTHENTICATED"));
    }
  };
}

/** How long a socket trusts the roles it read; a withdrawn role or disabled account applies within this time. */
export const USER_RECHECK_MS = 30_000;

/**
 * The socket's user, read again from the database once USER_RECHECK_MS have passed. Null when the
 * account no longer exists or was disabled (the caller disconnects the socket).
 */
export function currentUserOf(services: Services, data: SocketData, now = Date.now()): CurrentUser | null {
  if (now - data.userLoadedAt < USER_RECHECK_MS) return data.user;
  const user = loadCurrentUser(services, data.user.id);
  if (!user) return null;
  data.user = user;
  data.userLoadedAt = now;
  return user;
}

/**
 * The context a socket event's domain verb runs with: the socket's user (read again when stale,
 * see currentUserOf), now, and a request id. A socket whose account is gone is disconnected.
 */
export function socketContext(services: Services, socket: Socket, { refresh = true }: { refresh?: boolean } = {}): Ctx {
  const data = socket.data as SocketData;
  const now = new Date();
  const user = refresh ? currentUserOf(services, data, now.getTime()) : data.user;
  if (!user) {
    // After the event's answer ("signed out") has gone out.
    setImmediate(() => socket.disconnect(true));
    throw unauthenticated();
  }
  return { services, user, now, requestId: randomUUID(), locale: user.locale };
}
