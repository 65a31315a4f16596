import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { useFormat } from "~/components/format";
import { VolunteerStatusBadge } from "~/components/volunteer-status";
import { pageMeta } from "~/i18n/meta";
import { requireUserCtx, rethrowAsResponse } from "~/modules/core/request.server";
import { listVolunteers } from "~/modules/volunteers/coordinator-views.server";
import { volunteerStatuses, type VolunteerStatus } from "~/modules/volunteers/vocabulary";

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "volunteers:queue.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await requireUserCtx(request, context);
  const requested = new URL(request.url).searchParams.get("status");
  const status = (volunteerStatuses as readonly string[]).includes(requested ?? "") ? (requested as VolunteerStatus) : undefined;
  try {
    return json({ volunteers: listVolunteers({ ctx, status }), status: status ?? "" });
  } catch (error) {
    rethrowAsResponse(error);
  }
}

export default function VolunteerQueue() {
  const { t } = useTranslation("volunteers");
  const format = useFormat();
  const { volunteers, status } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h1 className="text-3xl font-bold text-slate-900">{t("queue.title")}</h1>
        <Form method="get" className="flex items-end gap-2">
          <div>
            <label htmlFor="status" className="mb-1 block text-sm font-medium">
              {t("queue.filter")}
            </label>
            <select id="status" name="status" defaultValue={status} className="input">
              <option value="">{t("queue.all")}</option>
              {volunteerStatuses.map((s) => (
                <option key={s} value={s}>
                  {t(`status.${s}`)}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="btn-secondary">
            {t("queue.show")}
          </button>
        </Form>
      </div>
      {volunteers.length === 0 ? <p className="card text-slate-700">{t("queue.empty")}</p> : null}
      <ul className="space-y-3">
        {volunteers.map((v) => (
          <li key={v.userId}>
            <Link to={`/coordination/volunteers/${v.userId}`} className="card flex flex-wrap items-center justify-between gap-3 hover:border-brand-500">
              <div>
                <p className="text-lg font-semibold text-slate-900">
                  {v.firstName} {v.lastName}
                </p>
                <p className="text-sm text-slate-600">
                  {v.programName} · {t("queue.applied", { date: format.date(v.submittedAt) })}
                  {v.changedAt ? ` · ${t("queue.changed", { date: format.date(v.changedAt) })}` : ""}
                </p>
                <p className="text-sm text-slate-700">
                  {v.eligible ? t("queue.eligible") : t("queue.missing", { count: v.missing.length, steps: v.missing.map((m) => t(`requirement.${m}`)).join(", ") })}
                </p>
              </div>
              <VolunteerStatusBadge status={v.status} />
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
