import { createCookie, json, redirect } from "@remix-run/node";
import { randomUUID } from "node:crypto";
import { defaultLocale, isLocale, type Locale } from "../../i18n/i18n";
import { loadCurrentUser } from "../auth/current-user.server";
import { DomainError, httpStatusOf } from "../errors";
import type { Ctx, CurrentUser, Services } from "./services.server";

declare module "@remix-run/node" {
  interface AppLoadContext {
    services: Services;
    requestId: string;
    clientIp: string;
  }
}

/** The chosen language persists for a year, signed-in or not. */
export const languageCookie = createCookie("lang", { path: "/", sameSite: "lax", httpOnly: true, maxAge: 365 * 24 * 60 * 60 });

export async function requestLocale(request: Request, user: CurrentUser | null): Promise<Locale> {
  const fromCookie = await languageCookie.parse(request.headers.get("Cookie"));
  if (isLocale(fromCookie)) return fromCookie;
  return user?.locale ?? defaultLocale;
}

interface LoadContextLike {
  services: Services;
  requestId?: string;
}

/** Builds the domain context for a request: the signed-in user (if any), the clock, the language. */
export async function getCtx(request: Request, context: LoadContextLike): Promise<Ctx> {
  const { services } = context;
  const userId = await services.sessions.userIdFromCookie(request.headers.get("Cookie"));
  const user = userId ? loadCurrentUser(services, userId) : null;
  return { services, user, now: new Date(), requestId: context.requestId ?? randomUUID(), locale: await requestLocale(request, user) };
}

/** Like getCtx, but sends a signed-out visitor to the sign-in page and back afterwards. */
export async function requireUserCtx(request: Request, context: LoadContextLike): Promise<Ctx & { user: CurrentUser }> {
  const ctx = await getCtx(request, context);
  if (!ctx.user) {
    const url = new URL(request.url);
    throw redirect(`/sign-in?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
  }
  return ctx as Ctx & { user: CurrentUser };
}

/**
 * Maps a domain error once for every route: input problems go back to the form as a localised
 * message (nothing was changed); forbidden and missing things become error pages.
 */
export function formErrorResponse<T>(error: unknown, reply: (options: { formErrors: string[] }) => T) {
  if (!(error instanceof DomainError)) throw error;
  if (error.code === "FORBIDDEN" || error.code === "NOT_FOUND") {
    throw json({ messageKey: error.messageKey }, { status: httpStatusOf[error.code] });
  }
  if (error.code === "UNAUTHENTICATED") throw redirect("/sign-in");
  const message = Object.keys(error.params).length > 0 ? `${error.messageKey}|${JSON.stringify(error.params)}` : error.messageKey;
  return json(reply({ formErrors: [message] }), { status: httpStatusOf[error.code] });
}

/** For loaders: turns domain errors into error-page responses. */
export function rethrowAsResponse(error: unknown): never {
  if (error instanceof DomainError) {
    if (error.code === "UNAUTHENTICATED") throw redirect("/sign-in");
    throw json({ messageKey: error.messageKey }, { status: httpStatusOf[error.code] });
  }
  throw error;
}
