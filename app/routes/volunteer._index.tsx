import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { useFormat } from "~/components/format";
import { VolunteerStatusBadge } from "~/components/volunteer-status";
import { pageMeta } from "~/i18n/meta";
import { requireUserCtx, rethrowAsResponse } from "~/modules/core/request.server";
import { getOwnProgress } from "~/modules/volunteers/progress.server";

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "volunteers:progress.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await requireUserCtx(request, context);
  try {
    return json(getOwnProgress({ ctx }));
  } catch (error) {
    rethrowAsResponse(error);
  }
}

function Check({ done, expired = false }: { done: boolean; expired?: boolean }) {
  const look = done ? "bg-brand-600 text-white" : expired ? "border-2 border-red-700 text-red-800" : "border-2 border-slate-300 text-slate-400";
  return (
    <span aria-hidden="true" className={`grid h-7 w-7 shrink-0 place-items-center rounded-full text-sm font-bold ${look}`}>
      {done ? "✓" : expired ? "!" : ""}
    </span>
  );
}

export default function VolunteerProgress() {
  const { t } = useTranslation("volunteers");
  const format = useFormat();
  const progress = useLoaderData<typeof loader>();
  if (!progress.status) {
    return (
      <div className="mx-auto max-w-2xl space-y-4">
        <h1 className="text-3xl font-bold text-slate-900">{t("progress.title")}</h1>
        <div className="card space-y-4">
          <p className="text-slate-700">{t("progress.noApplication")}</p>
          <Link to="/volunteer/application" className="btn-primary">
            {t("progress.apply")}
          </Link>
        </div>
      </div>
    );
  }
  const trainingOpen = ["training", "active", "paused"].includes(progress.status);
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-3xl font-bold text-slate-900">{t("progress.title")}</h1>
        <VolunteerStatusBadge status={progress.status} />
      </div>
      {progress.statusReason ? <p className="card text-slate-700">{t("progress.reason", { reason: progress.statusReason })}</p> : null}
      <p role="status" className={`rounded-xl p-4 font-medium ${progress.eligible ? "bg-brand-600 text-white" : "bg-sun-100 text-slate-900"}`}>
        {t(progress.eligible ? "progress.eligible" : "progress.notYetEligible")}
      </p>
      <section className="card" aria-labelledby="steps-title">
        <h2 id="steps-title" className="text-lg font-semibold">
          {t("progress.stepsTitle")}
        </h2>
        <ol className="mt-4 space-y-3">
          {progress.steps.map((step) => (
            <li key={step.key} className="flex items-start gap-3">
              <Check done={step.done} expired={step.key === "recordCheck" && progress.recordCheckExpired} />
              <div>
                <p className="font-medium">
                  {t(`requirement.${step.key}`)}{" "}
                  <span className="sr-only">— {t(step.done ? "progress.done" : step.key === "recordCheck" && progress.recordCheckExpired ? "progress.expired" : "progress.todo")}</span>
                </p>
                {step.key === "trainingHours" ? (
                  <p className="text-sm text-slate-600">{t("progress.hoursOf", { done: format.number(progress.trainingHours ?? 0), required: format.number(progress.requiredTrainingHours ?? 0) })}</p>
                ) : null}
                {step.key === "recordCheck" && progress.recordCheckValidUntil ? (
                  progress.recordCheckExpired ? (
                    <p className="text-sm font-medium text-red-800">{t("progress.expiredOn", { date: format.date(progress.recordCheckValidUntil) })}</p>
                  ) : (
                    <p className="text-sm text-slate-600">{t("progress.validUntil", { date: format.date(progress.recordCheckValidUntil) })}</p>
                  )
                ) : null}
              </div>
            </li>
          ))}
        </ol>
      </section>
      <section className="card" aria-labelledby="modules-title">
        <h2 id="modules-title" className="text-lg font-semibold">
          {t("progress.modulesTitle")}
        </h2>
        {progress.modules.length === 0 ? <p className="mt-2 text-slate-700">{t("progress.noModules")}</p> : null}
        <ul className="mt-3 divide-y divide-slate-200">
          {progress.modules.map((m) => (
            <li key={m.id} className="flex flex-wrap items-center justify-between gap-3 py-3">
              <div>
                <p className="font-medium">{m.title}</p>
                <p className="text-sm text-slate-600">
                  {t(m.required ? "progress.required" : "progress.optional")} · {format.number(m.hours)} h ·{" "}
                  {m.passed ? t("progress.passed") : m.lastScore !== null ? t("progress.lastScore", { score: m.lastScore, pass: m.passMark }) : t("progress.notStarted")}
                </p>
              </div>
              {trainingOpen ? (
                <Link to={`/volunteer/training/${m.id}`} className={m.passed ? "btn-secondary" : "btn-primary"}>
                  {t(m.passed ? "progress.review" : "progress.start")}
                </Link>
              ) : null}
            </li>
          ))}
        </ul>
      </section>
      <div className="flex flex-wrap gap-3">
        <Link to="/volunteer/application" className="btn-secondary">
          {t("progress.editApplication")}
        </Link>
        <Link to="/volunteer/hours" className="btn-secondary">
          {t("progress.hoursLink", { hours: format.number(progress.totalHours) })}
        </Link>
      </div>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
