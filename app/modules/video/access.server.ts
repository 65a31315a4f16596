import { hasActiveConsent } from "../children/consents.server";
import type { Ctx, Services } from "../core/services.server";
import { conflict } from "../errors";
import { requireLessonAccess } from "../lessons/access.server";
import { isRoomOpen } from "../lessons/schedule";
import type { VideoRole } from "./vocabulary";

/** LiveKit settings, present only when all three are configured (env.server.ts enforces all or none). */
export function liveKitSettings(services: Services) {
  const { LIVEKIT_URL: url, LIVEKIT_API_KEY: apiKey, LIVEKIT_API_SECRET: apiSecret } = services.config;
  return url && apiKey && apiSecret ? { url, apiKey, apiSecret } : null;
}

/**
 * Who may take part in a lesson's video right now: the volunteer and the child publish, a
 * coordinator of the organisation observes. Only while the room is open (10 minutes before the
 * start until 30 minutes after the end). `camera` is false without the guardian's video consent.
 */
export function requireVideoAccess(ctx: Ctx, lessonId: string) {
  const access = requireLessonAccess(ctx, lessonId, ["volunteer", "child", "coordinator"]);
  if (!isRoomOpen(access.lesson, ctx.now)) throw conflict("video:errors.closed");
  const role: VideoRole = access.relation === "coordinator" ? "observer" : (access.relation as Exclude<VideoRole, "observer">);
  const camera = hasActiveConsent(ctx.services.db, access.parties.child.id, "video");
  return { ...access, role, camera };
}
