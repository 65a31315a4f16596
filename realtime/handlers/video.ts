import type { Socket } from "socket.io";
import type { Ctx, Services } from "../../app/modules/core/services.server";
import { DomainError } from "../../app/modules/errors";
import { checkSignal, joinPeerCall } from "../../app/modules/video/p2p.server";
import { closeVideoAfterLesson } from "../../app/modules/video/room-service.server";
import { videoJoinSchema, videoSignalSchema } from "../../app/modules/video/schemas";
import { socketContext, type SocketData } from "../auth";
import { lessonRefSchema, lessonVideoRoom, type Ack, type ClientToServerEvents, type ServerToClientEvents } from "../events";
import type { RealtimeServer } from "../index";

type VideoSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData & { video?: Record<string, { camera: boolean }> }>;

/**
 * Video over socket.io. Without LiveKit, the volunteer's and the child's browsers signal their
 * peer-to-peer call through `lesson:<id>:video`: only sockets a domain verb let in are there, and
 * offers and answers carry audio only when the child has no video consent. Signals name their
 * recipient (a socket id); the call is 1:1, so the others in the room ignore them.
 * After a lesson ends, its call is closed for everyone (LiveKit: through the room service).
 */
export function registerVideo(io: RealtimeServer, services: Services, socket: VideoSocket) {
  const ctxOf = (): Ctx => socketContext(services, socket);
  const calls = (socket.data.video ??= {});

  socket.on("video:join", (payload: unknown, ack: (result: Ack<{ peers: string[] }>) => void) =>
    answer(services, "video:join", ack, async () => {
      const { lessonId } = videoJoinSchema.parse(payload);
      const { camera } = joinPeerCall({ ctx: ctxOf(), lessonId });
      calls[lessonId] = { camera };
      const room = lessonVideoRoom(lessonId);
      const peers = (await io.in(room).fetchSockets()).map((s) => s.id).filter((id) => id !== socket.id);
      await socket.join(room);
      socket.to(room).emit("video:peer", { lessonId, peerId: socket.id });
      return { peers };
    }),
  );

  socket.on("video:signal", (payload: unknown, ack?: (result: Ack<null>) => void) =>
    answer(services, "video:signal", ack, () => {
      const input = videoSignalSchema.parse(payload);
      const call = calls[input.lessonId];
      if (!call || !socket.rooms.has(lessonVideoRoom(input.lessonId))) throw new DomainError("FORBIDDEN", "video:errors.notInCall");
      checkSignal(input, call.camera);
      socket.to(lessonVideoRoom(input.lessonId)).emit("video:signal", { lessonId: input.lessonId, from: socket.id, to: input.to, description: input.description, candidate: input.candidate });
      return null;
    }),
  );

  socket.on("video:leave", (payload: unknown, ack?: (result: Ack<null>) => void) =>
    answer(services, "video:leave", ack, async () => {
      const { lessonId } = videoJoinSchema.parse(payload);
      await leave(lessonId);
      return null;
    }),
  );

  // The lesson room's own handler ends the lesson first (registered before this one, and synchronous).
  socket.on("lesson:end", (payload: unknown) => {
    const parsed = lessonRefSchema.safeParse(payload);
    if (!parsed.success) return;
    const { lessonId } = parsed.data;
    closeVideoAfterLesson({ ctx: ctxOf(), lessonId })
      .then((closed) => {
        if (closed) io.to(lessonVideoRoom(lessonId)).emit("video:ended", { lessonId });
      })
      .catch((error: unknown) => {
        if (!(error instanceof DomainError)) services.log.error({ err: error }, "closing a lesson's video failed");
      });
  });

  async function leave(lessonId: string) {
    if (!calls[lessonId]) return;
    delete calls[lessonId];
    await socket.leave(lessonVideoRoom(lessonId));
    socket.to(lessonVideoRoom(lessonId)).emit("video:peer-left", { lessonId, peerId: socket.id });
  }

  socket.on("disconnecting", () => {
    for (const lessonId of Object.keys(calls)) socket.to(lessonVideoRoom(lessonId)).emit("video:peer-left", { lessonId, peerId: socket.id });
  });
}

/** Runs a handler and answers its ack: bad input and domain errors are final, anything else may be retried. */
async function answer<R>(services: Services, event: string, ack: ((result: Ack<R>) => void) | undefined, run: () => Promise<R> | R) {
  const reply = typeof ack === "function" ? ack : () => undefined;
  try {
    reply({ ok: true, data: await run() });
  } catch (error) {
    if (error instanceof DomainError) return reply({ ok: false, code: error.code, retry: false, messageKey: error.messageKey });
    if (error instanceof Error && error.name === "ZodError") return reply({ ok: false, code: "INVALID", retry: false, messageKey: "video:errors.payload" });
    services.log.error({ err: error, event }, "video event failed");
    reply({ ok: false, code: "INTERNAL", retry: true, messageKey: "video:errors.unexpected" });
  }
}
