import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Links, Meta, Outlet, Scripts, ScrollRestoration, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { useMemo, type ReactNode } from "react";
import { I18nextProvider } from "react-i18next";
import { AppShell } from "./components/app-shell";
import { RouteErrorBoundary } from "./components/error-boundary";
import { navigationFor } from "./components/navigation";
import { Toast } from "./components/toast";
import { createI18n, defaultLocale, type Locale } from "./i18n/i18n";
import { pageMeta } from "./i18n/meta";
import { getCtx } from "./modules/core/request.server";
import { readToast } from "./modules/core/toast.server";
import stylesheet from "./tailwind.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "app.tagline");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await getCtx(request, context);
  const toast = await readToast(request);
  return json(
    {
      locale: ctx.locale,
      user: ctx.user ? { firstName: ctx.user.firstName } : null,
      nav: navigationFor(ctx.user),
      toast: toast.messageKey,
    },
    { headers: toast.clear ? { "Set-Cookie": toast.clear } : {} },
  );
}

function Document({ locale, children }: { locale: Locale; children: ReactNode }) {
  const i18n = useMemo(() => createI18n(locale), [locale]);
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="theme-color" content="#1c5e52" />
        <Meta />
        <Links />
      </head>
      <body>
        <I18nextProvider i18n={i18n}>
          {children}
        </I18nextProvider>
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}

export default function App() {
  const { locale, user, nav, toast } = useLoaderData<typeof loader>();
  return (
    <Document locale={locale}>
      <AppShell user={user} nav={nav} locale={locale}>
        <Outlet />
      </AppShell>
      <Toast messageKey={toast} />
    </Document>
  );
}

export function ErrorBoundary() {
  const data = useRouteLoaderData<typeof loader>("root");
  return (
    <Document locale={data?.locale ?? defaultLocale}>
      <AppShell user={data?.user ?? null} nav={data?.nav ?? []} locale={data?.locale ?? defaultLocale}>
        <RouteErrorBoundary />
      </AppShell>
    </Document>
  );
}
