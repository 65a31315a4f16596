import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { ExplanationList } from "~/components/explanation";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { ErrorList, FormAlert, SubmitButton } from "~/components/forms";
import { useFormat } from "~/components/format";
import { pageMeta } from "~/i18n/meta";
import { formErrorResponse, requireUserCtx, rethrowAsResponse } from "~/modules/core/request.server";
import { redirectWithToast } from "~/modules/core/toast.server";
import { listProposals, proposeMatches } from "~/modules/matching/proposals.server";
import { approveMatch, listMatches, rejectMatch } from "~/modules/matching/workflow.server";

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "matches:coordinator.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await requireUserCtx(request, context);
  try {
    return json({ ...listProposals({ ctx }), matches: listMatches({ ctx }) });
  } catch (error) {
    rethrowAsResponse(error);
  }
}

const actionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("propose"), programId: z.string().min(1, "matches:errors.programRequired") }),
  z.object({ intent: z.literal("approve"), matchId: z.string().min(1) }),
  z.object({
    intent: z.literal("reject"),
    matchId: z.string().min(1),
    reason: z.string({ required_error: "matches:errors.reasonRequired" }).trim().min(3, "matches:errors.reasonRequired").max(1000, "matches:errors.reasonTooLong"),
  }),
]);

export async function action({ request, context }: ActionFunctionArgs) {
  const ctx = await requireUserCtx(request, context);
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: actionSchema });
  const matchId = String(formData.get("matchId") ?? "");
  if (submission.status !== "success") return json({ matchId, result: submission.reply() }, { status: 400 });
  try {
    const input = submission.value;
    if (input.intent === "propose") {
      const outcome = await proposeMatches({ ctx, programId: input.programId });
      return redirectWithToast("/coordination/matches", outcome.proposed > 0 ? "matches:coordinator.proposedToast" : "matches:coordinator.noneToast");
    }
    if (input.intent === "approve") await approveMatch({ ctx, matchId: input.matchId });
    else rejectMatch({ ctx, matchId: input.matchId, reason: input.reason });
    return redirectWithToast("/coordination/matches", input.intent === "approve" ? "matches:coordinator.approvedToast" : "matches:coordinator.rejectedToast");
  } catch (error) {
    return formErrorResponse(error, (options) => ({ matchId, result: submission.reply(options) }));
  }
}

export default function MatchProposals() {
  const { t } = useTranslation("matches");
  const { t: tc } = useTranslation();
  const format = useFormat();
  const { programs, proposals, unmatched, matches } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const navigation = useNavigation();
  const errorsFor = (matchId: string, field: string) =>
    data?.matchId === matchId && data.result.status === "error" ? ((data.result.error as Record<string, string[] | null> | undefined)?.[field] ?? undefined) : undefined;
  const running = navigation.state !== "idle" && navigation.formData?.get("intent") === "propose";
  return (
    <div className="space-y-6">
      <h1 className="text-3xl font-bold text-slate-900">{t("coordinator.title")}</h1>
      <Form method="post" className="card flex flex-wrap items-end gap-3">
        <FormAlert errors={errorsFor("", "") ?? errorsFor("", "programId")} />
        <div className="min-w-[14rem] flex-1">
          <label htmlFor="programId" className="mb-1 block font-medium">
            {t("coordinator.program")}
          </label>
          <select id="programId" name="programId" className="input" defaultValue={programs[0]?.id}>
            {programs.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
        <SubmitButton className="btn-primary" name="intent" value="propose">
          {running ? t("coordinator.running") : t("coordinator.propose")}
        </SubmitButton>
        <p className="w-full text-sm text-slate-600">{t("coordinator.proposeHint")}</p>
      </Form>

      <section aria-labelledby="proposals-title" className="space-y-3">
        <h2 id="proposals-title" className="text-xl font-semibold">
          {t("coordinator.proposals", { count: proposals.length })}
        </h2>
        {proposals.length === 0 ? <p className="card text-slate-700">{t("coordinator.noProposals")}</p> : null}
        {proposals.map((p) => (
          <article key={p.id} className="card space-y-4" aria-label={t("coordinator.pairLabel", { child: p.childFirstName, volunteer: `${p.volunteerFirstName} ${p.volunteerLastName}` })}>
            <div className="flex flex-wrap items-start justify-between gap-3">
              <div>
                <h3 className="text-lg font-semibold text-slate-900">
                  {p.childFirstName} {p.childLastName} ↔ {p.volunteerFirstName} {p.volunteerLastName}
                </h3>
                <p className="text-sm text-slate-600">
                  {tc(p.gradeLabel.key, p.gradeLabel.params)} · {t("coordinator.waiting", { count: p.waitingDays })}
                </p>
              </div>
              <p className="rounded-full bg-brand-600 px-3 py-1 text-lg font-bold text-white">{t("coordinator.score", { score: format.number(Math.round(p.score * 100)) })}</p>
            </div>
            <ExplanationList lines={p.explanation} />
            <div className="flex flex-wrap items-end gap-3 border-t border-slate-200 pt-4">
              <Form method="post">
                <input type="hidden" name="matchId" value={p.id} />
                <SubmitButton className="btn-primary" name="intent" value="approve">
                  {t("coordinator.approve")}
                </SubmitButton>
              </Form>
              <Form method="post" className="flex flex-1 flex-wrap items-end gap-2">
                <input type="hidden" name="matchId" value={p.id} />
                <div className="min-w-[12rem] flex-1">
                  <label htmlFor={`reason-${p.id}`} className="mb-1 block text-sm font-medium">
                    {t("coordinator.rejectReason")}
                  </label>
                  <input id={`reason-${p.id}`} name="reason" className="input" aria-invalid={errorsFor(p.id, "reason") ? true : undefined} aria-describedby={errorsFor(p.id, "reason") ? `reason-${p.id}-error` : undefined} />
                  <ErrorList id={`reason-${p.id}-error`} errors={errorsFor(p.id, "reason")} />
                </div>
                <SubmitButton className="btn-danger" name="intent" value="reject">
                  {t("coordinator.reject")}
                </SubmitButton>
              </Form>
              <Link to={`/coordination/matches/child/${p.childId}`} className="link text-sm">
                {t("coordinator.otherCandidates")}
              </Link>
            </div>
            <FormAlert errors={errorsFor(p.id, "")} />
          </article>
        ))}
      </section>

      {unmatched.length > 0 ? (
        <section aria-labelledby="unmatched-title" className="card space-y-3">
          <h2 id="unmatched-title" className="text-xl font-semibold">
            {t("coordinator.unmatched")}
          </h2>
          <ul className="space-y-3">
            {unmatched.map((c) => (
              <li key={c.childId}>
                <Link to={`/coordination/matches/child/${c.childId}`} className="font-semibold text-brand-900 underline">
                  {c.firstName} {c.lastName}
                </Link>
                <ExplanationList lines={c.reasons} compact />
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="matches-title" className="card space-y-3">
        <h2 id="matches-title" className="text-xl font-semibold">
          {t("coordinator.decided")}
        </h2>
        {matches.length === 0 ? <p className="text-slate-700">{t("coordinator.noMatches")}</p> : null}
        <ul className="divide-y divide-slate-200">
          {matches.map((m) => (
            <li key={m.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
              <span>
                {m.childFirstName} {m.childLastName} ↔ {m.volunteerFirstName} {m.volunteerLastName}
                <span className="text-sm text-slate-600"> · {t(`status.${m.status}`)}</span>
                {m.status === "approved" ? (
                  <span className="text-sm text-slate-600">
                    {" "}
                    · {t("coordinator.answers", { volunteer: t(`response.${m.volunteerResponse}`), guardian: t(`response.${m.guardianResponse}`) })}
                  </span>
                ) : null}
              </span>
              <Link to={`/coordination/matches/${m.id}`} className="link text-sm">
                {t("coordinator.history")}
              </Link>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
