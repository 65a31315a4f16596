import type { Ctx } from "../core/services.server";
import { conflict, forbidden, invalid } from "../errors";
import { liveKitSettings, requireVideoAccess } from "./access.server";
import type { VideoSignalInput } from "./schemas";

/**
 * The peer-to-peer call (no LiveKit configured): the volunteer and the child exchange offers,
 * answers and ICE candidates through the server. A coordinator cannot observe such a call
 * hidden, so observers are refused here and see a notice instead.
 */
export function joinPeerCall({ ctx, lessonId }: { ctx: Ctx; lessonId: string }) {
  if (liveKitSettings(ctx.services)) throw conflict("video:errors.useLiveKit");
  const { lesson, role, camera } = requireVideoAccess(ctx, lessonId);
  if (role === "observer") throw forbidden("video:errors.observerNeedsLiveKit");
  return { lessonId: lesson.id, role, camera };
}

const sendsVideo = /^m=video [1-9]/m;

/** Without the guardian's video consent the call carries audio only: an offer or answer with video is refused. */
export function checkSignal(input: VideoSignalInput, camera: boolean) {
  if (!camera && input.description?.sdp && sendsVideo.test(input.description.sdp)) throw invalid("video:errors.audioOnly");
}
