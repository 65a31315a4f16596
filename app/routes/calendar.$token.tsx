import type { LoaderFunctionArgs } from "@remix-run/node";
import { calendarFeedText } from "~/modules/lessons/feed.server";

/** The private ICS feed (/calendar/<token>.ics): no session, the token is the key; unknown or revoked → 404. */
export async function loader({ params, context }: LoaderFunctionArgs) {
  const token = (params.token ?? "").replace(/\.ics$/, "");
  const text = calendarFeedText(context.services, token, new Date());
  if (text === null) return new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  return new Response(text, {
    headers: { "Content-Type": "text/calendar; charset=utf-8", "Cache-Control": "private, max-age=300", "Referrer-Policy": "no-referrer" },
  });
}
