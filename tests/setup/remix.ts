import type { Services } from "../../app/modules/core/services.server";

type RouteFn = (args: { request: Request; context: { services: Services; requestId: string; clientIp: string }; params: Record<string, string> }) => unknown;

/** Calls a route's loader or action the way Remix does, returning thrown responses (redirects, 403s) too. */
export async function callRoute(
  fn: RouteFn,
  services: Services,
  { method = "GET", body, cookie, params = {}, ip = "127.0.0.1", path = "/" }: { method?: string; body?: Record<string, string>; cookie?: string; params?: Record<string, string>; ip?: string; path?: string } = {},
): Promise<Response> {
  const headers = new Headers();
  if (cookie) headers.set("Cookie", cookie);
  const request = new Request(`http://tandem.test${path}`, {
    method,
    headers,
    body: body ? new URLSearchParams(body) : undefined,
  });
  try {
    const result = await fn({ request, context: { services, requestId: "test-request", clientIp: ip }, params });
    if (!(result instanceof Response)) throw new Error("route returned a non-Response");
    return result;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

/** The cookie pair (name=value) a response sets, ready for the next request's Cookie header. */
export function cookieFrom(response: Response, name = "__session"): string | null {
  const header = response.headers.get("Set-Cookie") ?? "";
  const match = header.split(/,(?=\s*\w+=)/).map((c) => c.trim()).find((c) => c.startsWith(`${name}=`));
  return match ? match.split(";")[0]! : null;
}
