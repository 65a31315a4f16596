import { useCallback, useEffect, useRef, useState } from "react";
import { io, type Socket } from "socket.io-client";
import type { ChatView, ClientToServerEvents, LessonPresence, ServerToClientEvents } from "../../../realtime/events";
import { mergeInto, type BoardElement } from "~/modules/lessons/whiteboard";
import { ChatOutbox } from "./chat-outbox";

export type ConnectionState = "connecting" | "connected" | "reconnecting";

export interface RoomState {
  connection: ConnectionState;
  role: "volunteer" | "child" | "observer" | null;
  status: string;
  presence: LessonPresence["present"];
  messages: ChatView[];
  pending: { clientId: string; body: string }[];
  error: string | null;
  /** The whiteboard as this page knows it (both sides' elements, merged by version); `seq` changes with every change. */
  board: { elements: BoardElement[]; seq: number };
}

type RoomSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * The browser side of a lesson room: one socket per page, joined again after any reconnect that
 * could not recover its state, unacknowledged messages resent with their client ids, messages
 * shown once by id. Listeners are removed and the socket closed when the page goes.
 */
export function useLessonRoom(lessonId: string, initialStatus: string) {
  const [state, setState] = useState<RoomState>({ connection: "connecting", role: null, status: initialStatus, presence: [], messages: [], pending: [], error: null, board: { elements: [], seq: 0 } });
  const socketRef = useRef<RoomSocket | null>(null);
  const outboxRef = useRef<ChatOutbox | null>(null);
  const boardRef = useRef(new Map<string, BoardElement>());
  /** `fromOthers` bumps `seq`, which makes the open board reconcile; our own strokes are already on it. */
  const showBoard = useCallback((fromOthers: boolean) => setState((s) => ({ ...s, board: { elements: [...boardRef.current.values()], seq: s.board.seq + (fromOthers ? 1 : 0) } })), []);

  useEffect(() => {
    const socket: RoomSocket = io({ transports: ["websocket"] });
    socketRef.current = socket;
    const addMessages = (incoming: ChatView[]) =>
      setState((s) => {
        const byId = new Map(s.messages.map((m) => [m.id, m]));
        for (const m of incoming) if (m.lessonId === lessonId) byId.set(m.id, m);
        const messages = [...byId.values()].sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
        const stored = new Set(messages.map((m) => m.clientId));
        return { ...s, messages, pending: s.pending.filter((p) => !stored.has(p.clientId)) };
      });
    const outbox = new ChatOutbox(
      (message) => socket.timeout(5000).emitWithAck("chat:send", message),
      (view) => addMessages([view]),
      (message, key) => setState((s) => ({ ...s, error: key, pending: s.pending.filter((p) => p.clientId !== message.clientId) })),
    );
    outboxRef.current = outbox;

    const join = async () => {
      const result = await socket.emitWithAck("lesson:join", { lessonId });
      if (!result.ok) return setState((s) => ({ ...s, error: result.messageKey ?? "lessons:errors.unexpected" }));
      setState((s) => ({ ...s, role: result.data.role, status: result.data.status, error: null }));
      addMessages(result.data.history);
      if (mergeInto(boardRef.current, result.data.board, (e) => e).length > 0) showBoard(true);
    };
    const onConnect = () => {
      setState((s) => ({ ...s, connection: "connected" }));
      // Every (re)connection joins again: the join answers the history and the board (no packets are replayed).
      // A join cut short by a disconnection is repeated on the next connection.
      join().then(
        () => outbox.resendAll(),
        () => undefined,
      );
    };
    const onDisconnect = () => setState((s) => ({ ...s, connection: "reconnecting" }));
    const onPresence = (payload: LessonPresence) => payload.lessonId === lessonId && setState((s) => ({ ...s, presence: payload.present }));
    const onStatus = (payload: { lessonId: string; status: string }) => payload.lessonId === lessonId && setState((s) => ({ ...s, status: payload.status }));
    const onMessage = (message: ChatView) => addMessages([message]);
    const onScene = (payload: { lessonId: string; elements: BoardElement[] }) => {
      if (payload.lessonId === lessonId && mergeInto(boardRef.current, payload.elements, (e) => e).length > 0) showBoard(true);
    };
    socket.on("connect", onConnect);
    socket.on("disconnect", onDisconnect);
    socket.on("lesson:presence", onPresence);
    socket.on("lesson:status", onStatus);
    socket.on("chat:message", onMessage);
    socket.on("whiteboard:scene", onScene);
    // A phone that loses its network can keep a dead connection until heartbeats time out (up to
    // 45 s): when the browser says it is offline, drop the socket at once, and reconnect when it is back.
    const onOffline = () => socket.disconnect();
    const onOnline = () => {
      if (!socket.connected) socket.connect();
    };
    window.addEventListener("offline", onOffline);
    window.addEventListener("online", onOnline);
    return () => {
      window.removeEventListener("offline", onOffline);
      window.removeEventListener("online", onOnline);
      socket.off("whiteboard:scene", onScene);
      socket.off("connect", onConnect);
      socket.off("disconnect", onDisconnect);
      socket.off("lesson:presence", onPresence);
      socket.off("lesson:status", onStatus);
      socket.off("chat:message", onMessage);
      socket.emit("lesson:leave", { lessonId });
      socket.close();
    };
  }, [lessonId, showBoard]);

  const send = useCallback(
    (body: string) => {
      const outbox = outboxRef.current;
      if (!outbox) return;
      const clientId = outbox.submit(lessonId, body);
      setState((s) => (s.messages.some((m) => m.clientId === clientId) ? s : { ...s, pending: [...s.pending, { clientId, body }] }));
    },
    [lessonId],
  );

  const endLesson = useCallback(async () => {
    // The server announces the end before it answers, and the room closes its socket on that
    // announcement: an answer that never comes is then no error (setState after the room is gone does nothing).
    const result = await socketRef.current
      ?.timeout(10_000)
      .emitWithAck("lesson:end", { lessonId })
      .catch(() => ({ ok: false as const, messageKey: "lessons:errors.unexpected" }));
    if (result && !result.ok) setState((s) => ({ ...s, error: result.messageKey ?? "lessons:errors.unexpected" }));
  }, [lessonId]);

  const reportConcern = useCallback(
    async (severity: string, description: string): Promise<{ ok: true } | { ok: false; messageKey: string }> => {
      const result = await socketRef.current
        ?.timeout(10_000)
        .emitWithAck("concern:report", { lessonId, severity: severity as "low", description })
        .catch(() => null);
      if (!result) return { ok: false, messageKey: "lessons:errors.unexpected" };
      return result.ok ? { ok: true } : { ok: false, messageKey: result.messageKey ?? "lessons:errors.unexpected" };
    },
    [lessonId],
  );

  const shareBoard = useCallback(
    (elements: BoardElement[]) => {
      mergeInto(boardRef.current, elements, (e) => e);
      showBoard(false);
      socketRef.current?.emit("whiteboard:update", { lessonId, elements });
    },
    [lessonId, showBoard],
  );

  return { state, send, endLesson, reportConcern, shareBoard };
}
