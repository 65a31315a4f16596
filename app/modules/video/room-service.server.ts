import { RoomServiceClient } from "livekit-server-sdk";
import type { Ctx } from "../core/services.server";
import { requireLessonAccess } from "../lessons/access.server";
import { liveKitSettings } from "./access.server";
import { videoRoomName } from "./vocabulary";

/**
 * After the volunteer ends a lesson (or a coordinator stops it), everyone leaves its call: with
 * LiveKit the server deletes the room through the room service, which disconnects every
 * participant whatever their browser does. Returns whether the lesson's call was closed.
 */
export async function closeVideoAfterLesson({ ctx, lessonId }: { ctx: Ctx; lessonId: string }): Promise<boolean> {
  const { lesson } = requireLessonAccess(ctx, lessonId, ["volunteer", "coordinator"]);
  if (lesson.status !== "completed") return false;
  const liveKit = liveKitSettings(ctx.services);
  if (liveKit) {
    try {
      await new RoomServiceClient(liveKit.url, liveKit.apiKey, liveKit.apiSecret, { requestTimeout: 10 }).deleteRoom(videoRoomName(lesson.id));
    } catch (error) {
      // A room nobody joined does not exist: nothing to close.
      if (!(error instanceof Error && /not.?found/i.test(error.message))) throw error;
    }
  }
  return true;
}
