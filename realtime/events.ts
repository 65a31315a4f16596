/**
 * Typed socket events shared by the server and the browser. Pure: no server imports.
 * Payloads are validated with zod on arrival; acks say whether the client should retry.
 */
import type { z } from "zod";
import { chatSendSchema, concernSchema, lessonRefSchema, whiteboardSchema } from "../app/modules/lessons/schemas";
import type { ChatView } from "../app/modules/lessons/vocabulary";
import type { BoardElement } from "../app/modules/lessons/whiteboard";
import type { videoJoinSchema, videoSignalSchema } from "../app/modules/video/schemas";

export type { ChatView };

export type Ack<T = unknown> = { ok: true; data: T } | { ok: false; code: string; retry: boolean; messageKey?: string };

export interface ServerToClientEvents {
  "session:ready": (payload: { userId: string }) => void;
  "notification:new": (payload: { kind: string; params: Record<string, string | number> }) => void;
  "lesson:presence": (payload: LessonPresence) => void;
  "lesson:status": (payload: { lessonId: string; status: string }) => void;
  "chat:message": (payload: ChatView) => void;
  "concern:new": (payload: { lessonId: string; concernId: string; severity: string }) => void;
  /** Whiteboard elements the other side changed (merged by version, see app/modules/lessons/whiteboard.ts). */
  "whiteboard:scene": (payload: { lessonId: string; elements: BoardElement[] }) => void;
  "video:peer": (payload: { lessonId: string; peerId: string }) => void;
  "video:peer-left": (payload: { lessonId: string; peerId: string }) => void;
  "video:signal": (payload: VideoSignal & { from: string }) => void;
  "video:ended": (payload: { lessonId: string }) => void;
}

export interface ClientToServerEvents {
  "session:whoami": (ack: (result: Ack<{ userId: string; roles: string[] }>) => void) => void;
  "lesson:join": (payload: z.input<typeof lessonRefSchema>, ack: (result: Ack<LessonJoined>) => void) => void;
  "lesson:leave": (payload: z.input<typeof lessonRefSchema>, ack?: (result: Ack<null>) => void) => void;
  "lesson:end": (payload: z.input<typeof lessonRefSchema>, ack: (result: Ack<{ status: string }>) => void) => void;
  "chat:send": (payload: z.input<typeof chatSendSchema>, ack: (result: Ack<ChatView & { duplicate: boolean }>) => void) => void;
  "concern:report": (payload: z.input<typeof concernSchema>, ack: (result: Ack<{ concernId: string }>) => void) => void;
  "whiteboard:update": (payload: z.input<typeof whiteboardSchema>, ack?: (result: Ack<null>) => void) => void;
  "video:join": (payload: z.input<typeof videoJoinSchema>, ack: (result: Ack<{ peers: string[] }>) => void) => void;
  "video:signal": (payload: VideoSignal, ack?: (result: Ack<null>) => void) => void;
  "video:leave": (payload: z.input<typeof videoJoinSchema>, ack?: (result: Ack<null>) => void) => void;
}

/** Peer-to-peer video signalling: an offer, answer or ICE candidate for one peer (a socket id). */
export type VideoSignal = z.input<typeof videoSignalSchema>;

/** Lesson room payloads: validated on arrival with the same zod schemas the forms use. */
export { chatSendSchema, concernSchema, lessonRefSchema, whiteboardSchema };

/** Who is in the room; observers never appear here. */
export interface LessonPresence {
  lessonId: string;
  present: { userId: string; role: "volunteer" | "child"; firstName: string }[];
}

export interface LessonJoined {
  role: "volunteer" | "child" | "observer";
  status: string;
  history: ChatView[];
  /** The whiteboard so far, as this participant may see it. */
  board: BoardElement[];
}

export const lessonRoom = (lessonId: string) => `lesson:${lessonId}`;
export const lessonObserversRoom = (lessonId: string) => `lesson:${lessonId}:observers`;
/** The sockets of a lesson's peer-to-peer call (the volunteer's and the child's). */
export const lessonVideoRoom = (lessonId: string) => `lesson:${lessonId}:video`;

export const userRoom = (userId: string) => `user:${userId}`;
export const orgCoordinatorsRoom = (organizationId: string) => `org:${organizationId}:coordinators`;
