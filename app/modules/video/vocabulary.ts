/** Words of the video domain, shared by the server and the browser (pure: no server imports). */

/** LiveKit room of a lesson. */
export const videoRoomName = (lessonId: string) => `lesson-${lessonId}`;

export function lessonIdOfVideoRoom(name: string): string | null {
  return name.startsWith("lesson-") && name.length > "lesson-".length ? name.slice("lesson-".length) : null;
}

/** A LiveKit token lets its holder join for at most this long (LiveKit renews it for a connected participant itself). */
export const VIDEO_TOKEN_TTL_SECONDS = 10 * 60;

/** Where Express receives LiveKit's webhooks (registered before the Remix handler, raw body). */
export const LIVEKIT_WEBHOOK_PATH = "/livekit/webhook";

export type VideoRole = "volunteer" | "child" | "observer";

export interface IceServer {
  urls: string | string[];
  username?: string;
  credential?: string;
}

/**
 * How the browser reaches the lesson's video. `camera` is false when the child's guardian has not
 * consented to video lessons: then both sides talk with audio only.
 */
export type VideoConnection =
  | { mode: "livekit"; lessonId: string; role: VideoRole; camera: boolean; url: string; token: string; expiresAt: number }
  | { mode: "p2p"; lessonId: string; role: VideoRole; camera: boolean; iceServers: IceServer[]; polite: boolean };

/** The data-saver: full quality, low resolution, or no video at all. */
export const dataSaverModes = ["off", "low", "audio"] as const;
export type DataSaverMode = (typeof dataSaverModes)[number];
