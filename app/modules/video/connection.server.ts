import { AccessToken, TrackSource } from "livekit-server-sdk";
import { audit } from "../audit/record.server";
import type { Ctx } from "../core/services.server";
import { lessonAudit } from "../lessons/access.server";
import { roomWindow } from "../lessons/schedule";
import { liveKitSettings, requireVideoAccess } from "./access.server";
import { VIDEO_TOKEN_TTL_SECONDS, videoRoomName, type VideoConnection } from "./vocabulary";

/**
 * Connection details for a lesson's video: with LiveKit a token for room `lesson-<id>` whose
 * identity is the signed-in user's id (never chosen by the browser), valid for ten minutes and
 * never past the room's closing; without LiveKit the settings of the peer-to-peer call.
 * Coordinators observe hidden: they may subscribe but not publish media or data.
 */
export async function videoConnection({ ctx, lessonId }: { ctx: Ctx; lessonId: string }): Promise<VideoConnection> {
  const { user, lesson, role, camera } = requireVideoAccess(ctx, lessonId);
  if (role === "observer") audit(ctx, lessonAudit("observe_lesson_video", lesson));
  const liveKit = liveKitSettings(ctx.services);
  if (!liveKit) {
    // The volunteer answers an offer that collides with its own; the child's side gives way.
    return { mode: "p2p", lessonId: lesson.id, role, camera, iceServers: ctx.services.config.ICE_SERVERS, polite: role === "child" };
  }
  const secondsLeft = Math.floor((roomWindow(lesson).closesAt.getTime() - ctx.now.getTime()) / 1000);
  const ttl = Math.max(1, Math.min(VIDEO_TOKEN_TTL_SECONDS, secondsLeft));
  const observer = role === "observer";
  const token = new AccessToken(liveKit.apiKey, liveKit.apiSecret, { identity: user.id, name: user.firstName, ttl, metadata: JSON.stringify({ role }) });
  token.addGrant({
    room: videoRoomName(lesson.id),
    roomJoin: true,
    canSubscribe: true,
    canPublish: !observer,
    canPublishData: !observer,
    canPublishSources: observer ? [] : camera ? [TrackSource.CAMERA, TrackSource.MICROPHONE] : [TrackSource.MICROPHONE],
    canUpdateOwnMetadata: false,
    hidden: observer,
  });
  return { mode: "livekit", lessonId: lesson.id, role, camera, url: liveKit.url, token: await token.toJwt(), expiresAt: ctx.now.getTime() + ttl * 1000 };
}
