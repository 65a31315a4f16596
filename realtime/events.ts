/**
 * Typed socket events shared by the server and the browser. Pure: no server imports.
 * Payloads are validated with zod on arrival; acks say whether the client should retry.
 */
import type { z } from "zod";
import { chatSendSchema, concernSchema, lessonRefSchema } from "../app/modules/lessons/schemas";
import type { ChatView } from "../app/modules/lessons/vocabulary";

export type { ChatView };

export type Ack<T = unknown> = { ok: true; data: T } | { ok: false; code: string; retry: boolean; messageKey?: string };

export interface ServerToClientEvents {
  "session:ready": (payload: { userId: string }) => void;
  "notification:new": (payload: { kind: string; params: Record<string, string | number> }) => void;
  "lesson:presence": (payload: LessonPresence) => void;
  "lesson:status": (payload: { lessonId: string; status: string }) => void;
  "chat:message": (payload: ChatView) => void;
  "concern:new": (payload: { lessonId: string; concernId: string; severity: string }) => void;
}

export interface ClientToServerEvents {
  "session:whoami": (ack: (result: Ack<{ userId: string; roles: string[] }>) => void) => void;
  "lesson:join": (payload: z.input<typeof lessonRefSchema>, ack: (result: Ack<LessonJoined>) => void) => void;
  "lesson:leave": (payload: z.input<typeof lessonRefSchema>, ack?: (result: Ack<null>) => void) => void;
  "lesson:end": (payload: z.input<typeof lessonRefSchema>, ack: (result: Ack<{ status: string }>) => void) => void;
  "chat:send": (payload: z.input<typeof chatSendSchema>, ack: (result: Ack<ChatView & { duplicate: boolean }>) => void) => void;
  "concern:report": (payload: z.input<typeof concernSchema>, ack: (result: Ack<{ concernId: string }>) => void) => void;
}

/** Lesson room payloads: validated on arrival with the same zod schemas the forms use. */
export { chatSendSchema, concernSchema, lessonRefSchema };

/** Who is in the room; observers never appear here. */
export interface LessonPresence {
  lessonId: string;
  present: { userId: string; role: "volunteer" | "child"; firstName: string }[];
}

export interface LessonJoined {
  role: "volunteer" | "child" | "observer";
  status: string;
  history: ChatView[];
}

export const lessonRoom = (lessonId: string) => `lesson:${lessonId}`;
export const lessonObserversRoom = (lessonId: string) => `lesson:${lessonId}:observers`;

export const userRoom = (userId: string) => `user:${userId}`;
export const orgCoordinatorsRoom = (organizationId: string) => `org:${organizationId}:coordinators`;
