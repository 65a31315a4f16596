import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useId, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { z, type ZodTypeAny } from "zod";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { ErrorList, FormAlert, SubmitButton } from "~/components/forms";
import { useFormat } from "~/components/format";
import { LessonStatusBadge } from "~/components/lesson-room/lesson-status";
import { pageMeta } from "~/i18n/meta";
import { formErrorResponse, requireUserCtx, rethrowAsResponse } from "~/modules/core/request.server";
import type { Ctx } from "~/modules/core/services.server";
import { redirectWithToast } from "~/modules/core/toast.server";
import { myCalendar } from "~/modules/lessons/calendar.server";
import { hasCalendarFeed, issueCalendarFeed, revokeCalendarFeed } from "~/modules/lessons/feed.server";
import { submitReport } from "~/modules/lessons/room.server";
import { cancelLessons, decideSeries, markMissed, proposeLessons, rescheduleLesson } from "~/modules/lessons/schedule.server";
import { cancelSchema, decideSeriesSchema, markMissedSchema, proposeSchema, reportSchema, rescheduleSchema } from "~/modules/lessons/schemas";
import { missedReasons } from "~/modules/lessons/vocabulary";

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "lessons:page.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await requireUserCtx(request, context);
  try {
    return json({ ...myCalendar({ ctx }), hasFeed: hasCalendarFeed({ ctx }), now: ctx.now.getTime() });
  } catch (error) {
    rethrowAsResponse(error);
  }
}

/** Each form names its intent; each intent has one schema and one domain verb. */
const intents: Record<string, { schema: ZodTypeAny; run: (ctx: Ctx, input: never) => unknown; toast: string }> = {
  propose: { schema: proposeSchema, run: (ctx, input) => proposeLessons({ ctx, input }), toast: "lessons:toast.proposed" },
  decide: { schema: decideSeriesSchema, run: (ctx, input) => decideSeries({ ctx, input }), toast: "lessons:toast.decided" },
  reschedule: { schema: rescheduleSchema, run: (ctx, input) => rescheduleLesson({ ctx, input }), toast: "lessons:toast.rescheduled" },
  cancel: { schema: cancelSchema, run: (ctx, input) => cancelLessons({ ctx, input }), toast: "lessons:toast.cancelled" },
  missed: { schema: markMissedSchema, run: (ctx, input) => markMissed({ ctx, input }), toast: "lessons:toast.missed" },
  report: { schema: reportSchema, run: (ctx, input) => submitReport({ ctx, input }), toast: "lessons:toast.reported" },
  revokeFeed: { schema: z.object({}), run: (ctx) => revokeCalendarFeed({ ctx }), toast: "lessons:toast.feedRevoked" },
};

export async function action({ request, context }: ActionFunctionArgs) {
  const ctx = await requireUserCtx(request, context);
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  const target = String(formData.get("lessonId") ?? formData.get("seriesId") ?? formData.get("matchId") ?? "");
  if (intent === "issueFeed") {
    try {
      return json({ intent, target, feedUrl: issueCalendarFeed({ ctx }).url, result: null });
    } catch (error) {
      rethrowAsResponse(error);
    }
  }
  const handler = intents[intent];
  if (!handler) return json({ intent, target, feedUrl: null, result: { status: "error" as const, error: { "": ["lessons:errors.payload"] } } }, { status: 400 });
  const submission = parseWithZod(formData, { schema: handler.schema });
  if (submission.status !== "success") return json({ intent, target, feedUrl: null, result: submission.reply() }, { status: 400 });
  try {
    await handler.run(ctx, submission.value as never);
  } catch (error) {
    return formErrorResponse(error, (options) => ({ intent, target, feedUrl: null, result: submission.reply(options) }));
  }
  return redirectWithToast("/lessons", handler.toast);
}

type ActionData = ReturnType<typeof useActionData<typeof action>>;

function useErrors(data: ActionData) {
  return (intent: string, target: string, field: string): string[] | undefined => {
    if (!data || data.intent !== intent || data.target !== target || data.result?.status !== "error") return undefined;
    return (data.result.error as Record<string, string[] | null> | undefined)?.[field] ?? undefined;
  };
}

function Input({ label, errors, ...rest }: { label: string; errors?: string[] } & React.InputHTMLAttributes<HTMLInputElement>) {
  const id = useId();
  return (
    <div>
      <label htmlFor={id} className="mb-1 block text-sm font-medium text-slate-800">
        {label}
      </label>
      <input id={id} className="input" aria-invalid={errors?.length ? true : undefined} aria-describedby={errors?.length ? `${id}-error` : undefined} {...rest} />
      <ErrorList id={`${id}-error`} errors={errors} />
    </div>
  );
}

function Select({ label, children, errors, ...rest }: { label: string; children: ReactNode; errors?: string[] } & React.SelectHTMLAttributes<HTMLSelectElement>) {
  const id = useId();
  return (
    <div>
      <label htmlFor={id} className="mb-1 block text-sm font-medium text-slate-800">
        {label}
      </label>
      <select id={id} className="input" {...rest}>
        {children}
      </select>
      <ErrorList errors={errors} />
    </div>
  );
}

export default function Lessons() {
  const { t } = useTranslation("lessons");
  const format = useFormat();
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errorsFor = useErrors(actionData);
  const now = data.now;

  return (
    <div className="space-y-6">
      <h1 className="text-3xl font-bold text-slate-900">{t("page.title")}</h1>

      {data.proposals.length > 0 ? (
        <section className="card space-y-4" aria-labelledby="proposals-title">
          <h2 id="proposals-title" className="text-lg font-semibold">
            {t("page.proposals")}
          </h2>
          <ul className="space-y-4">
            {data.proposals.map((p) => (
              <li key={p.id} className="rounded-xl border border-slate-200 p-4">
                <p className="font-medium">
                  {t(p.rrule ? "page.proposalWeekly" : "page.proposalOnce", { name: p.childFirstName, when: p.firstStart ? format.dateTime(p.firstStart) : "", count: p.count, minutes: p.durationMinutes })}
                </p>
                {p.mine ? (
                  <p className="mt-1 text-sm text-slate-700">{t("page.waitingForGuardian")}</p>
                ) : (
                  <Form method="post" className="mt-3 grid gap-3 sm:grid-cols-[1fr_auto_auto] sm:items-end">
                    <input type="hidden" name="intent" value="decide" />
                    <input type="hidden" name="seriesId" value={p.id} />
                    <FormAlert errors={errorsFor("decide", p.id, "")} />
                    <Input name="reason" label={t("page.declineReason")} errors={errorsFor("decide", p.id, "reason")} />
                    <SubmitButton className="btn-primary" name="decision" value="confirm">
                      {t("page.confirm")}
                    </SubmitButton>
                    <SubmitButton className="btn-secondary" name="decision" value="decline">
                      {t("page.decline")}
                    </SubmitButton>
                  </Form>
                )}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {data.activeMatches.length > 0 ? (
        <section className="card space-y-4" aria-labelledby="propose-title">
          <h2 id="propose-title" className="text-lg font-semibold">
            {t("page.proposeTitle")}
          </h2>
          <p className="text-sm text-slate-700">{t("page.proposeHint")}</p>
          <Form method="post" className="grid gap-3 sm:grid-cols-3">
            <input type="hidden" name="intent" value="propose" />
            <div className="sm:col-span-3">
              <FormAlert errors={errorsFor("propose", actionData?.target ?? "", "")} />
            </div>
            <Select name="matchId" label={t("page.child")}>
              {data.activeMatches.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.childFirstName}
                </option>
              ))}
            </Select>
            <Select name="kind" label={t("page.kind")} defaultValue="weekly">
              <option value="weekly">{t("page.kindWeekly")}</option>
              <option value="once">{t("page.kindOnce")}</option>
            </Select>
            <Input name="count" type="number" min={2} max={52} defaultValue={10} label={t("page.count")} errors={errorsFor("propose", actionData?.target ?? "", "count")} />
            <Input name="date" type="date" label={t("page.firstDate")} required errors={errorsFor("propose", actionData?.target ?? "", "date")} />
            <Input name="time" type="time" label={t("page.time")} required errors={errorsFor("propose", actionData?.target ?? "", "time")} />
            <Select name="durationMinutes" label={t("page.duration")} defaultValue="60" errors={errorsFor("propose", actionData?.target ?? "", "durationMinutes")}>
              {[30, 45, 60, 75, 90, 120].map((m) => (
                <option key={m} value={m}>
                  {t("page.minutes", { count: m })}
                </option>
              ))}
            </Select>
            <SubmitButton className="btn-primary sm:col-span-3">{t("page.propose")}</SubmitButton>
          </Form>
        </section>
      ) : null}

      <section className="card space-y-3" aria-labelledby="calendar-title">
        <h2 id="calendar-title" className="text-lg font-semibold">
          {t("page.calendar")}
        </h2>
        {data.lessons.length === 0 ? <p className="text-slate-700">{t("page.empty")}</p> : null}
        <ul className="divide-y divide-slate-200">
          {data.lessons.map((l) => {
            const start = new Date(l.scheduledStart).getTime();
            return (
              <li key={l.id} className="space-y-2 py-3">
                <div className="flex flex-wrap items-center gap-2">
                  <p className="font-medium">
                    {format.dateTime(l.scheduledStart)} · {l.mine ? l.childFirstName : l.volunteerFirstName}
                  </p>
                  <LessonStatusBadge status={l.status} />
                  {l.roomOpen ? (
                    <Link to={`/lessons/${l.id}`} className="btn-primary ml-auto">
                      {t("page.enterRoom")}
                    </Link>
                  ) : null}
                </div>
                {l.changeReason ? <p className="text-sm text-slate-700">{t("page.changeReason", { reason: l.changeReason })}</p> : null}
                {l.missedReason ? <p className="text-sm text-slate-700">{t(`missedReason.${l.missedReason}`)}</p> : null}
                {l.status === "scheduled" && start > now ? (
                  <details className="rounded-lg bg-slate-50 p-3">
                    <summary className="cursor-pointer font-medium text-brand-900">{t("page.change")}</summary>
                    <Form method="post" className="mt-3 grid gap-3 sm:grid-cols-3">
                      <input type="hidden" name="intent" value="reschedule" />
                      <input type="hidden" name="lessonId" value={l.id} />
                      <div className="sm:col-span-3">
                        <FormAlert errors={errorsFor("reschedule", l.id, "")} />
                      </div>
                      <Input name="date" type="date" label={t("page.newDate")} errors={errorsFor("reschedule", l.id, "date")} />
                      <Input name="time" type="time" label={t("page.time")} errors={errorsFor("reschedule", l.id, "time")} />
                      <Input name="reason" label={t("page.reason")} errors={errorsFor("reschedule", l.id, "reason")} />
                      <SubmitButton className="btn-secondary sm:col-span-3">{t("page.reschedule")}</SubmitButton>
                    </Form>
                    <Form method="post" className="mt-4 grid gap-3 sm:grid-cols-3">
                      <input type="hidden" name="intent" value="cancel" />
                      <input type="hidden" name="lessonId" value={l.id} />
                      <div className="sm:col-span-3">
                        <FormAlert errors={errorsFor("cancel", l.id, "")} />
                      </div>
                      <Select name="scope" label={t("page.scope")} defaultValue="one">
                        <option value="one">{t("page.scopeOne")}</option>
                        <option value="series">{t("page.scopeSeries")}</option>
                      </Select>
                      <div className="sm:col-span-2">
                        <Input name="reason" label={t("page.reason")} errors={errorsFor("cancel", l.id, "reason")} />
                      </div>
                      <SubmitButton className="btn-danger sm:col-span-3">{t("page.cancel")}</SubmitButton>
                    </Form>
                  </details>
                ) : null}
                {l.mine && l.status === "scheduled" && start <= now && !l.roomOpen ? (
                  <Form method="post" className="flex flex-wrap items-end gap-3">
                    <input type="hidden" name="intent" value="missed" />
                    <input type="hidden" name="lessonId" value={l.id} />
                    <Select name="missedReason" label={t("page.missedReason")} errors={errorsFor("missed", l.id, "missedReason")}>
                      {missedReasons.filter((r) => r !== "no_show").map((r) => (
                        <option key={r} value={r}>
                          {t(`missedReason.${r}`)}
                        </option>
                      ))}
                    </Select>
                    <SubmitButton className="btn-secondary">{t("page.markMissed")}</SubmitButton>
                  </Form>
                ) : null}
                {l.mine && l.status === "completed" && !l.reported ? (
                  <Form method="post" className="space-y-2">
                    <input type="hidden" name="intent" value="report" />
                    <input type="hidden" name="lessonId" value={l.id} />
                    <label htmlFor={`report-${l.id}`} className="block text-sm font-medium">
                      {t("page.report")}
                    </label>
                    <textarea id={`report-${l.id}`} name="summary" rows={3} className="input" aria-describedby={`report-${l.id}-error`} />
                    <ErrorList id={`report-${l.id}-error`} errors={errorsFor("report", l.id, "summary")} />
                    <SubmitButton className="btn-secondary">{t("page.saveReport")}</SubmitButton>
                  </Form>
                ) : null}
              </li>
            );
          })}
        </ul>
      </section>

      <section className="card space-y-3" aria-labelledby="feed-title">
        <h2 id="feed-title" className="text-lg font-semibold">
          {t("page.feedTitle")}
        </h2>
        <p className="text-sm text-slate-700">{t("page.feedText")}</p>
        {actionData?.feedUrl ? (
          <div role="status" className="rounded-lg bg-brand-50 p-3">
            <p className="text-sm font-medium">{t("page.feedOnce")}</p>
            <code className="mt-1 block break-all text-sm">{actionData.feedUrl}</code>
          </div>
        ) : null}
        <div className="flex flex-wrap gap-2">
          <Form method="post">
            <SubmitButton className="btn-secondary" name="intent" value="issueFeed">
              {t(data.hasFeed ? "page.feedReplace" : "page.feedCreate")}
            </SubmitButton>
          </Form>
          {data.hasFeed ? (
            <Form method="post">
              <SubmitButton className="btn-danger" name="intent" value="revokeFeed">
                {t("page.feedRevoke")}
              </SubmitButton>
            </Form>
          ) : null}
        </div>
      </section>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
