import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { StatusBadge, dateFormatter } from "~/components/child-fields";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { SubmitButton } from "~/components/forms";
import { pageMeta } from "~/i18n/meta";
import { dismissChildAlert, listChildAlerts } from "~/modules/children/help.server";
import { alertIdSchema } from "~/modules/children/schemas";
import { listTriageQueue } from "~/modules/children/triage.server";
import { gradeLabel } from "~/modules/core/catalog";
import { requireUserCtx, rethrowAsResponse } from "~/modules/core/request.server";
import { redirectWithToast } from "~/modules/core/toast.server";

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "children:queue.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await requireUserCtx(request, context);
  try {
    return json({ ...listTriageQueue({ ctx }), alerts: listChildAlerts({ ctx }), locale: ctx.locale });
  } catch (error) {
    rethrowAsResponse(error);
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const ctx = await requireUserCtx(request, context);
  const submission = parseWithZod(await request.formData(), { schema: alertIdSchema });
  if (submission.status !== "success") return json(submission.reply(), { status: 400 });
  try {
    dismissChildAlert({ ctx, notificationId: submission.value.notificationId });
  } catch (error) {
    rethrowAsResponse(error);
  }
  return redirectWithToast("/coordination/referrals", "children:queue.dismissed");
}

/** The coordinator's children desk: alerts (help calls first), referrals to triage, children in the programme. */
export default function ReferralQueue() {
  const { t } = useTranslation("children");
  const { t: tc } = useTranslation();
  const { pending, children, alerts, locale } = useLoaderData<typeof loader>();
  const when = dateFormatter(locale, true);
  const day = dateFormatter(locale);
  const grade = (g: number) => {
    const label = gradeLabel(g);
    return tc(label.key, label.params);
  };
  const sortedAlerts = [...alerts].sort((a, b) => Number(b.kind === "child_help") - Number(a.kind === "child_help"));
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-3xl font-bold text-slate-900">{t("queue.title")}</h1>
        <p className="mt-2 max-w-2xl text-slate-700">{t("queue.lead")}</p>
      </div>

      <section className="card space-y-3" aria-labelledby="alerts-title">
        <h2 id="alerts-title" className="text-xl font-semibold">
          {t("queue.alertsTitle")}
        </h2>
        {sortedAlerts.length === 0 ? <p className="text-slate-700">{t("queue.noAlerts")}</p> : null}
        <ul className="space-y-2">
          {sortedAlerts.map((alert) => (
            <li
              key={alert.id}
              className={`flex flex-wrap items-center justify-between gap-3 rounded-xl border p-3 ${alert.kind === "child_help" ? "border-red-300 bg-red-50" : "border-slate-200"}`}
            >
              <div>
                <p className="font-semibold text-slate-900">
                  {t(`queue.alert.${alert.kind}`, {
                    name: `${alert.firstName} ${alert.lastName}`,
                    purpose: alert.purpose ? t(`consent.${alert.purpose}.title`) : "",
                  })}
                </p>
                <p className="text-sm text-slate-700">{when(new Date(alert.createdAt))}</p>
              </div>
              <div className="flex flex-wrap gap-2">
                {alert.childId ? (
                  <Link to={`/coordination/children/${alert.childId}`} className="btn-secondary">
                    {t("queue.openRecord")}
                  </Link>
                ) : null}
                <Form method="post">
                  <input type="hidden" name="notificationId" value={alert.id} />
                  <SubmitButton className="btn-secondary">{t("queue.dismiss")}</SubmitButton>
                </Form>
              </div>
            </li>
          ))}
        </ul>
      </section>

      <section className="card space-y-3" aria-labelledby="pending-title">
        <h2 id="pending-title" className="text-xl font-semibold">
          {t("queue.pendingTitle")}
        </h2>
        {pending.length === 0 ? <p className="text-slate-700">{t("queue.noPending")}</p> : null}
        <ul className="divide-y divide-slate-200">
          {pending.map((referral) => (
            <li key={referral.id} className="flex flex-wrap items-center justify-between gap-3 py-3">
              <div>
                <Link to={`/coordination/children/${referral.childId}`} className="link text-lg">
                  {referral.firstName} {referral.lastName}
                </Link>
                <p className="text-sm text-slate-700">
                  {grade(referral.grade)} · {referral.programName} · {t(`referrerKind.${referral.referrerKind}`)} · {day(new Date(referral.createdAt))}
                </p>
              </div>
              <StatusBadge kind="referral" status={referral.status} />
            </li>
          ))}
        </ul>
      </section>

      <section className="card space-y-3" aria-labelledby="children-title">
        <h2 id="children-title" className="text-xl font-semibold">
          {t("queue.childrenTitle")}
        </h2>
        {children.length === 0 ? <p className="text-slate-700">{t("queue.noChildren")}</p> : null}
        <ul className="divide-y divide-slate-200">
          {children.map((child) => (
            <li key={child.id} className="flex flex-wrap items-center justify-between gap-3 py-3">
              <div>
                <Link to={`/coordination/children/${child.id}`} className="link text-lg">
                  {child.firstName} {child.lastName}
                </Link>
                <p className="text-sm text-slate-700">
                  {grade(child.grade)}
                  {child.waitingSince ? ` · ${t("queue.waitingSince", { date: day(new Date(child.waitingSince)) })}` : ""}
                </p>
              </div>
              <StatusBadge kind="child" status={child.status} />
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
