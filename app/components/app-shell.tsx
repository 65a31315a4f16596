import type { ReactNode } from "react";
import { Form, Link, NavLink, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { NavItem } from "./navigation";

interface ShellProps {
  user: { firstName: string } | null;
  nav: NavItem[];
  locale: "sl" | "en";
  children: ReactNode;
}

function LanguageSwitch({ locale }: { locale: "sl" | "en" }) {
  const { t } = useTranslation();
  const location = useLocation();
  const other = locale === "sl" ? "en" : "sl";
  return (
    <Form method="post" action="/language" className="inline">
      <input type="hidden" name="lang" value={other} />
      <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
      <button type="submit" className="btn-secondary min-h-10 px-3 text-sm" lang={other} aria-label={t("language.switchTo")}>
        {t("language.other")}
      </button>
    </Form>
  );
}

export function AppShell({ user, nav, locale, children }: ShellProps) {
  const { t } = useTranslation();
  const navLinks = nav.map((item) => (
    <li key={item.to}>
      <NavLink
        to={item.to}
        // "/coordination" must not light up on "/coordination/referrals" when that has its own item.
        end={nav.some((other) => other.to !== item.to && other.to.startsWith(`${item.to}/`))}
        className={({ isActive }) =>
          `block rounded-lg px-3 py-2 font-medium ${isActive ? "bg-brand-100 text-brand-900" : "text-slate-700 hover:bg-slate-100"}`
        }
      >
        {t(item.labelKey)}
      </NavLink>
    </li>
  ));
  return (
    <div className="flex min-h-screen flex-col">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:p-2">
        {t("shell.skipToContent")}
      </a>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-5xl items-center justify-between gap-3 px-4 py-3">
          <Link to="/" className="flex items-center gap-2 text-xl font-bold text-brand-700">
            <span aria-hidden="true" className="grid h-9 w-9 place-items-center rounded-full bg-brand-600 text-white">
              T
            </span>
            {t("app.name")}
          </Link>
          <div className="flex items-center gap-2">
            <LanguageSwitch locale={locale} />
            {user ? (
              <Form method="post" action="/sign-out" className="hidden sm:block">
                <button type="submit" className="btn-secondary min-h-10 px-3 text-sm">
                  {t("auth.signOut")}
                </button>
              </Form>
            ) : (
              <Link to="/sign-in" className="btn-primary min-h-10 px-3 text-sm">
                {t("auth.signIn")}
              </Link>
            )}
          </div>
        </div>
        {user ? (
          <nav aria-label={t("shell.mainNavigation")} className="mx-auto max-w-5xl px-4 pb-2">
            <details className="sm:hidden">
              <summary className="btn-secondary w-full cursor-pointer list-none">{t("shell.menu")}</summary>
              <ul className="mt-2 space-y-1">
                {navLinks}
                <li>
                  <Form method="post" action="/sign-out">
                    <button type="submit" className="block w-full rounded-lg px-3 py-2 text-left font-medium text-slate-700 hover:bg-slate-100">
                      {t("auth.signOut")}
                    </button>
                  </Form>
                </li>
              </ul>
            </details>
            <ul className="hidden gap-1 sm:flex">{navLinks}</ul>
          </nav>
        ) : null}
      </header>
      <main id="main" className="mx-auto w-full max-w-5xl flex-1 px-4 py-6 sm:py-10">
        {children}
      </main>
      <footer className="border-t border-slate-200 bg-white">
        <div className="mx-auto max-w-5xl px-4 py-4 text-sm text-slate-600">
          <p>{t("footer.about")}</p>
          <p className="mt-1">{t("footer.attribution")}</p>
        </div>
      </footer>
    </div>
  );
}
