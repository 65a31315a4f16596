import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { navigationFor } from "~/components/navigation";
import { pageMeta } from "~/i18n/meta";
import { hasRole } from "~/modules/auth/permissions";
import { requireUserCtx } from "~/modules/core/request.server";
import { myNotifications } from "~/modules/notifications/notify.server";
import { useFormat } from "~/components/format";

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "dashboard.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await requireUserCtx(request, context);
  const { user } = ctx;
  if (user.memberships.every((m) => m.role === "child")) throw redirect("/child");
  return json({
    firstName: user.firstName,
    memberships: user.memberships.map((m) => ({ organizationName: m.organizationName, role: m.role })),
    isVolunteer: hasRole(user, "volunteer"),
    shortcuts: navigationFor(user).filter((item) => item.to !== "/dashboard"),
    welcome: new URL(request.url).searchParams.get("welcome") === "1",
    notifications: myNotifications({ ctx }),
  });
}

export default function Dashboard() {
  const { t } = useTranslation();
  const { firstName, memberships, isVolunteer, shortcuts, welcome, notifications } = useLoaderData<typeof loader>();
  const format = useFormat();
  return (
    <div className="space-y-6">
      <h1 className="text-3xl font-bold text-slate-900">{t("dashboard.greeting", { name: firstName })}</h1>
      {welcome ? (
        <p role="status" className="rounded-xl border border-brand-100 bg-brand-50 p-4 text-brand-900">
          {t("dashboard.welcomeVolunteer")}
        </p>
      ) : null}
      <section className="card" aria-labelledby="roles-title">
        <h2 id="roles-title" className="text-lg font-semibold">
          {t("dashboard.rolesTitle")}
        </h2>
        <ul className="mt-3 space-y-2">
          {memberships.map((m) => (
            <li key={`${m.organizationName}-${m.role}`} className="flex flex-wrap items-center gap-2">
              <span className="rounded-full bg-brand-100 px-3 py-1 text-sm font-semibold text-brand-900">{t(`roles.${m.role}`)}</span>
              <span className="text-slate-700">{m.organizationName}</span>
            </li>
          ))}
        </ul>
      </section>
      {isVolunteer ? (
        <section className="card" aria-labelledby="next-title">
          <h2 id="next-title" className="text-lg font-semibold">
            {t("dashboard.volunteerNextTitle")}
          </h2>
          <p className="mt-2 text-slate-700">{t("dashboard.volunteerNextText")}</p>
        </section>
      ) : null}
      <section className="card" aria-labelledby="notifications-title">
        <h2 id="notifications-title" className="text-lg font-semibold">
          {t("dashboard.notificationsTitle")}
        </h2>
        {notifications.length === 0 ? <p className="mt-2 text-slate-700">{t("dashboard.notificationsEmpty")}</p> : null}
        <ul className="mt-3 divide-y divide-slate-200">
          {notifications.map((n) => (
            <li key={n.id} className="py-3">
              <p className="font-medium first-letter:uppercase">{t(`notifications.${n.kind}.title`, n.params)}</p>
              <p className="text-sm text-slate-700">{t(`notifications.${n.kind}.body`, n.params)}</p>
              <p className="text-xs text-slate-500">{format.dateTime(n.createdAt)}</p>
            </li>
          ))}
        </ul>
      </section>
      {shortcuts.length > 0 ? (
        <ul className="grid gap-3 sm:grid-cols-2">
          {shortcuts.map((item) => (
            <li key={item.to}>
              <Link to={item.to} className="card block font-semibold text-brand-900 hover:border-brand-500">
                {t(item.labelKey)} →
              </Link>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
