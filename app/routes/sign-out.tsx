import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { audit } from "~/modules/audit/record.server";
import { getCtx } from "~/modules/core/request.server";
import { redirectWithToast } from "~/modules/core/toast.server";

export async function action({ request, context }: ActionFunctionArgs) {
  const ctx = await getCtx(request, context);
  const { sessions } = ctx.services;
  const session = await sessions.getSession(request.headers.get("Cookie"));
  if (ctx.user) audit(ctx, { action: "sign_out", entity: "user", entityId: ctx.user.id });
  return redirectWithToast("/", "auth.signedOut", { "Set-Cookie": await sessions.destroySession(session) });
}

export function loader() {
  return redirect("/");
}
