import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { parseWithZod } from "@conform-to/zod";
import { setLocale } from "~/modules/accounts/set-locale.server";
import { languageSchema, safeRedirect } from "~/modules/auth/schemas";
import { getCtx, languageCookie } from "~/modules/core/request.server";

/** Switches the language: kept in a cookie for everyone and on the account for signed-in users. */
export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: languageSchema });
  if (submission.status !== "success") throw new Response(null, { status: 400 });
  const ctx = await getCtx(request, context);
  setLocale({ ctx, locale: submission.value.lang });
  return redirect(safeRedirect(submission.value.redirectTo, "/"), {
    headers: { "Set-Cookie": await languageCookie.serialize(submission.value.lang) },
  });
}

export function loader() {
  return redirect("/");
}
