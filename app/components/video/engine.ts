import type { DataSaverMode } from "~/modules/video/vocabulary";

/**
 * What the lesson room's video needs from a call, whichever carries it: LiveKit (a media server)
 * or a peer-to-peer WebRTC connection signalled over socket.io. The component renders; an engine
 * connects, attaches tracks to the elements it is given and reports what happens.
 */
export type CallState = "connecting" | "connected" | "reconnecting" | "disconnected" | "ended";

/** Someone the viewer sees and hears (hidden observers are never listed). */
export interface RemoteView {
  id: string;
  name: string;
  video: boolean;
}

export interface CallEvents {
  state: (state: CallState, messageKey?: string) => void;
  remotes: (remotes: RemoteView[]) => void;
  /** The browser refused to play sound without a tap; `startAudio` from a click fixes it. */
  audioBlocked: (blocked: boolean) => void;
  /** The connection stayed poor for a while: the component turns the data-saver on. */
  poorConnection: () => void;
}

export interface CallEngine {
  connect: () => Promise<void>;
  /** Where a remote person's video and audio play (null when the tile goes away). */
  bind: (id: string, elements: { video: HTMLVideoElement | null; audio: HTMLAudioElement | null }) => void;
  setMicrophone: (on: boolean) => Promise<void>;
  setCamera: (on: boolean) => Promise<void>;
  setDataSaver: (mode: DataSaverMode) => Promise<void>;
  startAudio: () => Promise<void>;
  close: () => void;
}

/** Calls `onPoor` once the connection has stayed poor for `ms`; `report(false)` in between starts over. */
export function poorConnectionMonitor(onPoor: () => void, ms = 8_000) {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const stop = () => {
    if (timer) clearTimeout(timer);
    timer = null;
  };
  return {
    report(poor: boolean) {
      if (!poor) return stop();
      timer ??= setTimeout(onPoor, ms);
    },
    stop,
  };
}
