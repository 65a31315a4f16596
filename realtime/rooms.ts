import type { Server } from "socket.io";

/** Servers whose rooms span processes (Redis adapter): another process may have members of any room. */
const shared = new WeakSet<Server>();

export function markRoomsShared(io: Server): void {
  shared.add(io);
}

/**
 * Whether a broadcast to `room` can reach anyone. socket.io encodes a packet before it looks for
 * the room's members, so on the hot path (a stroke several times a second per participant) an
 * emit to the usually empty observers' room is skipped when no local socket is in it, unless the
 * rooms are shared across processes.
 */
export function roomMayHaveMembers(io: Server, room: string): boolean {
  return shared.has(io) || (io.of("/").adapter.rooms.get(room)?.size ?? 0) > 0;
}
