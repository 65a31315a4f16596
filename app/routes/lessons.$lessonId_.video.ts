import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { getCtx } from "~/modules/core/request.server";
import { DomainError, httpStatusOf } from "~/modules/errors";
import { videoConnection } from "~/modules/video/connection.server";

const noStore = { "Cache-Control": "no-store" };

/**
 * POST /lessons/:lessonId/video — the connection details of a lesson's video (a LiveKit token or
 * the peer-to-peer settings) for the signed-in user, if they may be in the room now. The answer
 * is never cached; errors come back as `{ messageKey }` with their HTTP status.
 */
export async function action({ request, context, params }: ActionFunctionArgs) {
  if (request.method !== "POST") return json({ messageKey: "errors.notFound" }, { status: 405, headers: noStore });
  const ctx = await getCtx(request, context);
  try {
    return json(await videoConnection({ ctx, lessonId: params.lessonId ?? "" }), { headers: noStore });
  } catch (error) {
    if (error instanceof DomainError) return json({ messageKey: error.messageKey }, { status: httpStatusOf[error.code], headers: noStore });
    throw error;
  }
}
