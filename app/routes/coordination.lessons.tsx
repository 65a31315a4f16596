import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { useFormat } from "~/components/format";
import { LessonStatusBadge } from "~/components/lesson-room/lesson-status";
import { pageMeta } from "~/i18n/meta";
import { requireUserCtx, rethrowAsResponse } from "~/modules/core/request.server";
import { SubmitButton } from "~/components/forms";
import { redirectWithToast } from "~/modules/core/toast.server";
import { organizationLessons } from "~/modules/lessons/calendar.server";
import { listOpenConcerns, markConcernHandled } from "~/modules/lessons/concerns.server";

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "lessons:coordination.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await requireUserCtx(request, context);
  try {
    return json({ ...organizationLessons({ ctx }), concerns: listOpenConcerns({ ctx }) });
  } catch (error) {
    rethrowAsResponse(error);
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const ctx = await requireUserCtx(request, context);
  const formData = await request.formData();
  try {
    markConcernHandled({ ctx, concernId: String(formData.get("concernId") ?? "") });
  } catch (error) {
    rethrowAsResponse(error);
  }
  return redirectWithToast("/coordination/lessons", "lessons:toast.concernHandled");
}

/** The coordinator's lessons: live now (with a silent observe link), missed, quiet pairs, the week ahead. */
export default function CoordinationLessons() {
  const { t } = useTranslation("lessons");
  const format = useFormat();
  const { upcoming, live, missed, quiet, concerns } = useLoaderData<typeof loader>();
  const pair = (l: { childFirstName: string; volunteerFirstName: string }) => t("coordination.pair", { child: l.childFirstName, volunteer: l.volunteerFirstName });
  return (
    <div className="space-y-6">
      <h1 className="text-3xl font-bold text-slate-900">{t("coordination.title")}</h1>
      {concerns.length > 0 ? (
        <section className="card space-y-3 border-red-300" aria-labelledby="concerns-title">
          <h2 id="concerns-title" className="text-lg font-semibold text-red-900">
            {t("coordination.concerns", { count: concerns.length })}
          </h2>
          <ul className="divide-y divide-slate-200">
            {concerns.map((c) => (
              <li key={c.id} className="flex flex-wrap items-start justify-between gap-3 py-3">
                <div>
                  <p className="font-medium">
                    {t(`severity.${c.severity}`)} · {format.dateTime(c.createdAt)} · {t("coordination.reportedBy", { name: `${c.reporterFirstName} ${c.reporterLastName}`, child: c.childFirstName ?? "—" })}
                  </p>
                  <p className="whitespace-pre-line text-slate-800">{c.description}</p>
                </div>
                <Form method="post">
                  <input type="hidden" name="concernId" value={c.id} />
                  <SubmitButton className="btn-secondary">{t("coordination.handled")}</SubmitButton>
                </Form>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <div className="grid gap-6 lg:grid-cols-2">
        <section className="card space-y-3" aria-labelledby="live-title">
          <h2 id="live-title" className="text-lg font-semibold">
            {t("coordination.live", { count: live.length })}
          </h2>
          {live.length === 0 ? <p className="text-slate-700">{t("coordination.noneLive")}</p> : null}
          <ul className="space-y-2">
            {live.map((l) => (
              <li key={l.id} className="flex flex-wrap items-center justify-between gap-2">
                <span>
                  {pair(l)} · {format.dateTime(l.scheduledStart)}
                </span>
                <Link to={`/lessons/${l.id}`} className="btn-secondary">
                  {t("coordination.observe")}
                </Link>
              </li>
            ))}
          </ul>
        </section>
        <section className="card space-y-3" aria-labelledby="missed-title">
          <h2 id="missed-title" className="text-lg font-semibold">
            {t("coordination.missed", { count: missed.length })}
          </h2>
          {missed.length === 0 ? <p className="text-slate-700">{t("coordination.noneMissed")}</p> : null}
          <ul className="space-y-2">
            {missed.map((l) => (
              <li key={l.id}>
                {pair(l)} · {format.dateTime(l.scheduledStart)} · {l.missedReason ? t(`missedReason.${l.missedReason}`) : ""}
              </li>
            ))}
          </ul>
        </section>
        <section className="card space-y-3 lg:col-span-2" aria-labelledby="quiet-title">
          <h2 id="quiet-title" className="text-lg font-semibold">
            {t("coordination.quiet", { count: quiet.length })}
          </h2>
          <p className="text-sm text-slate-700">{t("coordination.quietHint")}</p>
          <ul className="space-y-2">
            {quiet.map((m) => (
              <li key={m.id}>
                {t("coordination.pair", { child: m.childFirstName, volunteer: `${m.volunteerFirstName} ${m.volunteerLastName}` })} · {m.lastLesson ? t("coordination.lastLesson", { date: format.date(m.lastLesson) }) : t("coordination.noLessonYet")}
              </li>
            ))}
          </ul>
        </section>
      </div>
      <section className="card space-y-3" aria-labelledby="week-title">
        <h2 id="week-title" className="text-lg font-semibold">
          {t("coordination.week")}
        </h2>
        {upcoming.length === 0 ? <p className="text-slate-700">{t("page.empty")}</p> : null}
        <ul className="divide-y divide-slate-200">
          {upcoming.map((l) => (
            <li key={l.id} className="flex flex-wrap items-center gap-2 py-2">
              <span className="font-medium">{format.dateTime(l.scheduledStart)}</span>
              <span>{pair(l)}</span>
              <LessonStatusBadge status={l.status} />
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
