import type { LoaderFunctionArgs } from "@remix-run/node";
import { translator } from "~/i18n/i18n";
import { requestLocale } from "~/modules/core/request.server";
import { calendarFeedText } from "~/modules/lessons/feed.server";

/**
 * The private ICS feed (/calendar/<token>.ics): no session, the token is the key; unknown or
 * revoked → 404 with a short text in the visitor's language (language cookie, else Slovenian).
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const token = (params.token ?? "").replace(/\.ics$/, "");
  const text = calendarFeedText(context.services, token, new Date());
  if (text === null) {
    const t = translator(await requestLocale(request, null));
    return new Response(t("errors.calendarFeedNotFound"), { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8", "Referrer-Policy": "no-referrer" } });
  }
  return new Response(text, {
    headers: { "Content-Type": "text/calendar; charset=utf-8", "Cache-Control": "private, max-age=300", "Referrer-Policy": "no-referrer" },
  });
}
