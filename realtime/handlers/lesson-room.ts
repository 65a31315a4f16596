import type { Socket } from "socket.io";
import type { ZodType } from "zod";
import type { Ctx, Services } from "../../app/modules/core/services.server";
import { DomainError } from "../../app/modules/errors";
import { endLesson, joinLesson, leaveLesson, reportConcern, sendChat, shareWhiteboard, viewOf } from "../../app/modules/lessons/room.server";
import type { RoomRole } from "../../app/modules/lessons/vocabulary";
import type { RealtimeServer } from "../index";
import { socketContext, type SocketData } from "../auth";
import { roomMayHaveMembers } from "../rooms";
import {
  chatSendSchema,
  concernSchema,
  lessonObserversRoom,
  lessonRefSchema,
  lessonRoom,
  orgCoordinatorsRoom,
  whiteboardSchema,
  userRoom,
  type Ack,
  type ClientToServerEvents,
  type LessonPresence,
  type ServerToClientEvents,
} from "../events";

type RoomSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/**
 * The lesson room over socket.io. Every event is validated with zod and runs one domain verb
 * (which checks who may do it); errors become acks `{ ok: false, code, retry, messageKey }`.
 * Participants share `lesson:<id>`; observing coordinators sit in `lesson:<id>:observers`, so
 * they receive everything and nobody sees them. Chat text is never logged.
 */
export function registerLessonRoom(io: RealtimeServer, services: Services, socket: RoomSocket) {
  const ctxOf = (): Ctx => socketContext(services, socket);

  socket.data.lessons ??= {};

  /** Validates the payload, runs the handler and answers the ack; unexpected errors say "retry". */
  function on<T, R>(event: keyof ClientToServerEvents, schema: ZodType<T, any, any>, run: (input: T) => Promise<R> | R) {
    socket.on(event, async (payload: unknown, ack?: (result: Ack<R>) => void) => {
      const reply = typeof ack === "function" ? ack : () => undefined;
      const parsed = schema.safeParse(payload);
      if (!parsed.success) return reply({ ok: false, code: "INVALID", retry: false, messageKey: parsed.error.issues[0]?.message ?? "lessons:errors.payload" });
      try {
        reply({ ok: true, data: await run(parsed.data) });
      } catch (error) {
        if (error instanceof DomainError) return reply({ ok: false, code: error.code, retry: false, messageKey: error.messageKey });
        services.log.error({ err: error, event }, "lesson room event failed");
        reply({ ok: false, code: "INTERNAL", retry: true, messageKey: "lessons:errors.unexpected" });
      }
    });
  }

  on("lesson:join", lessonRefSchema, async ({ lessonId }) => {
    const joined = joinLesson({ ctx: ctxOf(), lessonId });
    const previous = socket.data.lessons![lessonId];
    if (previous) leaveLesson(ctxOf(), previous.attendanceId);
    socket.data.lessons![lessonId] = { attendanceId: joined.attendanceId, role: joined.role, pass: joined.pass };
    await socket.join(joined.role === "observer" ? lessonObserversRoom(lessonId) : lessonRoom(lessonId));
    if (joined.role !== "observer") io.to(lessonRoom(lessonId)).to(lessonObserversRoom(lessonId)).emit("lesson:status", { lessonId, status: joined.status });
    await broadcastPresence(io, lessonId);
    return { role: joined.role, status: joined.status, history: joined.history, board: joined.board };
  });

  on("lesson:leave", lessonRefSchema, async ({ lessonId }) => {
    await leave(lessonId);
    return null;
  });

  on("chat:send", chatSendSchema, async (input) => {
    const entry = socket.data.lessons?.[input.lessonId];
    const { message, duplicate, pass } = await sendChat({ ctx: ctxOf(), pass: entry?.pass, input });
    if (entry) entry.pass = pass;
    const senderId = socket.data.user.id;
    if (!duplicate) {
      // The other side gets the masked text, the sender's other tabs and the observers the original.
      io.to(lessonRoom(input.lessonId)).except(userRoom(senderId)).emit("chat:message", viewOf(message, null, "child"));
      socket.to(userRoom(senderId)).emit("chat:message", viewOf(message, senderId, "volunteer"));
      const observers = lessonObserversRoom(input.lessonId);
      if (roomMayHaveMembers(io, observers)) io.to(observers).emit("chat:message", viewOf(message, senderId, "observer"));
    }
    return { ...viewOf(message, senderId, "volunteer"), duplicate };
  });

  on("lesson:end", lessonRefSchema, ({ lessonId }) => {
    const result = endLesson({ ctx: ctxOf(), lessonId });
    io.to(lessonRoom(lessonId)).to(lessonObserversRoom(lessonId)).emit("lesson:status", { lessonId, status: result.status });
    return result;
  });

  on("concern:report", concernSchema, async (input) => {
    const { concernId, organizationId } = await reportConcern({ ctx: ctxOf(), input });
    io.to(orgCoordinatorsRoom(organizationId)).emit("concern:new", { lessonId: input.lessonId, concernId, severity: input.severity });
    return { concernId };
  });

  on("whiteboard:update", whiteboardSchema, async (input) => {
    const entry = socket.data.lessons?.[input.lessonId];
    const { masked, original, pass } = await shareWhiteboard({ ctx: ctxOf(), pass: entry?.pass, input });
    if (entry) entry.pass = pass;
    socket.to(lessonRoom(input.lessonId)).emit("whiteboard:scene", { lessonId: input.lessonId, elements: masked });
    const observers = lessonObserversRoom(input.lessonId);
    if (roomMayHaveMembers(io, observers)) io.to(observers).emit("whiteboard:scene", { lessonId: input.lessonId, elements: original });
    return null;
  });

  async function leave(lessonId: string) {
    const entry = socket.data.lessons?.[lessonId];
    if (!entry) return;
    delete socket.data.lessons![lessonId];
    // Leaving (also on disconnect) needs only who this socket was, not a fresh check.
    leaveLesson(socketContext(services, socket, { refresh: false }), entry.attendanceId);
    await socket.leave(entry.role === "observer" ? lessonObserversRoom(lessonId) : lessonRoom(lessonId));
    await broadcastPresence(io, lessonId);
  }

  socket.on("disconnect", () => {
    for (const lessonId of Object.keys(socket.data.lessons ?? {})) void leave(lessonId).catch((error: unknown) => services.log.error({ err: error }, "leaving a lesson room failed"));
  });
}

/** Presence from the sockets actually in the room (across processes with the Redis adapter). */
async function broadcastPresence(io: RealtimeServer, lessonId: string) {
  const sockets = await io.in(lessonRoom(lessonId)).fetchSockets();
  const seen = new Map<string, LessonPresence["present"][number]>();
  for (const s of sockets) {
    const entry = s.data.lessons?.[lessonId];
    if (!entry || entry.role === "observer" || seen.has(s.data.user.id)) continue;
    seen.set(s.data.user.id, { userId: s.data.user.id, role: entry.role as Exclude<RoomRole, "observer">, firstName: s.data.user.firstName });
  }
  io.to(lessonRoom(lessonId)).to(lessonObserversRoom(lessonId)).emit("lesson:presence", { lessonId, present: [...seen.values()] });
}
