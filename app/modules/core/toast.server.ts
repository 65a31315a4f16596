import { createCookie, redirect } from "@remix-run/node";

/** A one-shot message shown after a redirect ("Link revoked"); the value is a translation key. */
export const toastCookie = createCookie("toast", { path: "/", sameSite: "lax", httpOnly: true, maxAge: 60 });

export async function redirectWithToast(url: string, messageKey: string, headers: HeadersInit = {}) {
  const merged = new Headers(headers);
  merged.append("Set-Cookie", await toastCookie.serialize(messageKey));
  return redirect(url, { headers: merged });
}

export async function readToast(request: Request): Promise<{ messageKey: string | null; clear: string | null }> {
  const value = await toastCookie.parse(request.headers.get("Cookie"));
  if (typeof value !== "string") return { messageKey: null, clear: null };
  return { messageKey: value, clear: await toastCookie.serialize("", { maxAge: 0 }) };
}
