import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { signOut } from "~/modules/auth/sign-in.server";
import { getCtx } from "~/modules/core/request.server";
import { redirectWithToast } from "~/modules/core/toast.server";

export async function action({ request, context }: ActionFunctionArgs) {
  const ctx = await getCtx(request, context);
  const cleared = await signOut({ ctx, cookieHeader: request.headers.get("Cookie") });
  return redirectWithToast("/", "auth.signedOut", { "Set-Cookie": cleared });
}

export function loader() {
  return redirect("/");
}
