/**
 * Typed socket events shared by the server and the browser. Pure: no server imports.
 * Payloads are validated with zod on arrival; acks say whether the client should retry.
 */
export type Ack<T = unknown> = { ok: true; data: T } | { ok: false; code: string; retry: boolean };

export interface ServerToClientEvents {
  "session:ready": (payload: { userId: string }) => void;
  "notification:new": (payload: { kind: string; params: Record<string, string | number> }) => void;
}

export interface ClientToServerEvents {
  "session:whoami": (ack: (result: Ack<{ userId: string; roles: string[] }>) => void) => void;
}

export const userRoom = (userId: string) => `user:${userId}`;
export const orgCoordinatorsRoom = (organizationId: string) => `org:${organizationId}:coordinators`;
