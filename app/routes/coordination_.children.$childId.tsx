import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { StatusBadge, dateFormatter } from "~/components/child-fields";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { ErrorList, SubmitButton } from "~/components/forms";
import { pageMeta } from "~/i18n/meta";
import { readChildRecord } from "~/modules/children/child-record.server";
import { reissueGuardianInvitation } from "~/modules/children/invitations.server";
import { triageSchema } from "~/modules/children/schemas";
import { acceptReferral, declineReferral, requestReferralInfo } from "~/modules/children/triage.server";
import { clockOf, dayOf } from "~/modules/core/availability";
import { gradeLabel } from "~/modules/core/catalog";
import { municipalityById } from "~/modules/core/municipalities.server";
import { formErrorResponse, requireUserCtx, rethrowAsResponse } from "~/modules/core/request.server";
import { redirectWithToast } from "~/modules/core/toast.server";

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "children:record.title");

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const ctx = await requireUserCtx(request, context);
  try {
    const record = readChildRecord({ ctx, childId: params.childId ?? "" });
    return json({ ...record, municipalityName: municipalityById(record.child.municipalityId)?.name ?? "", locale: ctx.locale });
  } catch (error) {
    rethrowAsResponse(error);
  }
}

type ActionData = { intent: string; errors: Record<string, string[] | null | undefined>; invitation: { url: string; emailed: boolean } | null };

export async function action({ request, context, params }: ActionFunctionArgs) {
  const ctx = await requireUserCtx(request, context);
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  const childId = params.childId ?? "";
  const here = `/coordination/children/${childId}`;
  const fail = (errors: ActionData["errors"], status = 400) => json<ActionData>({ intent, errors, invitation: null }, { status });
  if (intent === "reissue_invitation") {
    try {
      const invitation = await reissueGuardianInvitation({ ctx, childId });
      return json<ActionData>({ intent, errors: {}, invitation });
    } catch (error) {
      return formErrorResponse(error, ({ formErrors }) => ({ intent, errors: { "": formErrors }, invitation: null }));
    }
  }
  const submission = parseWithZod(formData, { schema: triageSchema });
  if (submission.status !== "success") return fail(submission.reply().error ?? {});
  try {
    const input = submission.value;
    if (input.intent === "accept") {
      const accepted = await acceptReferral({ ctx, referralId: input.referralId });
      return json<ActionData>({ intent, errors: {}, invitation: accepted.invitationUrl ? { url: accepted.invitationUrl, emailed: accepted.emailed } : null });
    }
    if (input.intent === "decline") await declineReferral({ ctx, input });
    else await requestReferralInfo({ ctx, input });
    return redirectWithToast(here, input.intent === "decline" ? "children:record.declined" : "children:record.infoRequested");
  } catch (error) {
    return formErrorResponse(error, ({ formErrors }) => ({ intent, errors: { "": formErrors }, invitation: null }));
  }
}

function Panel({ id, title, children, className = "" }: { id: string; title: string; children: ReactNode; className?: string }) {
  return (
    <section className={`card space-y-3 ${className}`} aria-labelledby={id}>
      <h2 id={id} className="text-xl font-semibold text-slate-900">
        {title}
      </h2>
      {children}
    </section>
  );
}

function Facts({ items }: { items: [string, ReactNode][] }) {
  return (
    <dl className="space-y-3 sm:space-y-2">
      {items.map(([term, value]) => (
        <div key={term} className="sm:grid sm:grid-cols-[11rem_1fr] sm:gap-x-6">
          <dt className="text-sm font-medium text-slate-600 sm:text-base">{term}</dt>
          <dd className="whitespace-pre-line text-slate-900 [overflow-wrap:anywhere]">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** A child's full record (audited on every load), with triage, the guardian's invitation, consents and the audit history. */
export default function ChildRecord() {
  const { t } = useTranslation("children");
  const { t: tc } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionData | undefined;
  const { child, needs, availability, sensitive, referral, consents, guardians, openInvitation, history, municipalityName, locale } = data;
  const day = dateFormatter(locale);
  const when = dateFormatter(locale, true);
  const grade = (g: number) => {
    const label = gradeLabel(g);
    return tc(label.key, label.params);
  };
  const errorsOf = (intent: string, field: string) => (result?.intent === intent ? result.errors[field] : null);
  const triageOpen = referral && (referral.status === "submitted" || referral.status === "info_requested");
  const dash = t("record.none");

  return (
    <div className="space-y-6">
      <div className="print:hidden">
        <Link to="/coordination/referrals" className="link">
          ← {t("record.back")}
        </Link>
      </div>
      <div className="flex flex-wrap items-center justify-between gap-3 print:hidden">
        <div>
          <h1 className="text-3xl font-bold text-slate-900">
            {child.firstName} {child.lastName}
          </h1>
          <p className="mt-1 text-slate-700">
            {child.programName} · {grade(child.grade)}
          </p>
        </div>
        <StatusBadge kind="child" status={child.status} />
      </div>
      <p className="rounded-xl border border-slate-200 bg-white p-3 text-sm text-slate-700 print:hidden">{t("record.auditNotice")}</p>

      {result?.invitation ? (
        <section role="status" className="card space-y-3 border-brand-500" aria-labelledby="invitation-title">
          <h2 id="invitation-title" className="text-xl font-semibold text-brand-900">
            {t("record.invitation.issuedTitle")}
          </h2>
          <p className="text-slate-800">{t("record.invitation.letter", { name: `${referral?.guardianFirstName ?? ""} ${referral?.guardianLastName ?? ""}`.trim() })}</p>
          <p className="break-all rounded-lg bg-brand-50 p-3 font-mono text-sm" data-testid="invitation-link">
            {result.invitation.url}
          </p>
          <p className="text-sm text-slate-700">{result.invitation.emailed ? t("record.invitation.emailed") : t("record.invitation.printHint")}</p>
        </section>
      ) : null}

      <div className="grid gap-6 lg:grid-cols-2 print:hidden">
        {triageOpen ? (
          <Panel id="triage-title" title={t("record.triage.title")} className="lg:col-span-2">
            <ErrorList errors={errorsOf(result?.intent ?? "", "")} />
            <Form method="post">
              <input type="hidden" name="referralId" value={referral.id} />
              <SubmitButton className="btn-primary" name="intent" value="accept">
                {t("record.triage.accept")}
              </SubmitButton>
            </Form>
            <div className="grid gap-4 md:grid-cols-2">
              <Form method="post" className="space-y-2 rounded-xl border border-slate-200 p-4">
                <input type="hidden" name="referralId" value={referral.id} />
                <label htmlFor="info-message" className="block font-medium">
                  {t("record.triage.messageLabel")}
                </label>
                <textarea id="info-message" name="message" rows={3} className="input" aria-describedby={errorsOf("request_info", "message") ? "info-message-error" : undefined} />
                <ErrorList id="info-message-error" errors={errorsOf("request_info", "message")} />
                <SubmitButton className="btn-secondary" name="intent" value="request_info">
                  {t("record.triage.requestInfo")}
                </SubmitButton>
              </Form>
              <Form method="post" className="space-y-2 rounded-xl border border-slate-200 p-4">
                <input type="hidden" name="referralId" value={referral.id} />
                <label htmlFor="decline-reason" className="block font-medium">
                  {t("record.triage.reasonLabel")}
                </label>
                <textarea id="decline-reason" name="reason" rows={3} className="input" aria-describedby={errorsOf("decline", "reason") ? "decline-reason-error" : undefined} />
                <ErrorList id="decline-reason-error" errors={errorsOf("decline", "reason")} />
                <SubmitButton className="btn-danger" name="intent" value="decline">
                  {t("record.triage.decline")}
                </SubmitButton>
              </Form>
            </div>
          </Panel>
        ) : null}

        <Panel id="basic-title" title={t("record.basic")}>
          <Facts
            items={[
              [t("referralForm.birthYear"), child.birthYear],
              [t("referralForm.school"), child.school],
              [t("referralForm.grade"), grade(child.grade)],
              [t("referralForm.municipality"), municipalityName],
              [
                t("referralForm.languages"),
                child.languages.map((l) => `${tc(`catalog.language.${l.code}`)}${l.first ? ` (${t("record.firstLanguage")})` : ""}`).join(", "),
              ],
              [t("referralForm.mode"), tc(`catalog.mode.${child.mode}`)],
              [t("referralForm.volunteerGender"), child.preferences.volunteerGender ? t(`volunteerGender.${child.preferences.volunteerGender}`) : t("referralForm.noPreference")],
              [t("referralForm.interests"), child.interests.join(", ") || dash],
              [t("record.specialNeeds"), child.specialNeeds ? t("record.yes") : t("record.no")],
            ]}
          />
        </Panel>

        <Panel id="needs-title" title={t("record.needs")}>
          <ul className="space-y-1">
            {needs.map((need) => (
              <li key={need.subject}>
                <span className="font-medium capitalize">{tc(`catalog.subject.${need.subject}`)}</span> · {grade(need.grade)} · {t(`referralForm.priority.${need.priority}`)}
              </li>
            ))}
          </ul>
          <h3 className="pt-2 font-semibold">{t("referralForm.availability")}</h3>
          <ul className="space-y-1">
            {availability.map((slot) => (
              <li key={slot.start}>
                {tc(`days.${dayOf(slot.start)}`)} {clockOf(slot.start)}–{clockOf(slot.end)}
              </li>
            ))}
          </ul>
        </Panel>

        <Panel id="confidential-title" title={t("record.confidential")}>
          <p className="text-sm text-slate-700">{t("record.confidentialLead")}</p>
          <Facts
            items={[
              [t("referralForm.referralReason"), sensitive?.referralReason || dash],
              [t("record.familySituation"), sensitive?.familySituation || dash],
              [t("referralForm.learningDifficulties"), sensitive?.learningDifficulties || dash],
              [t("referralForm.specialNeedsNotes"), sensitive?.specialNeedsNotes || dash],
            ]}
          />
        </Panel>

        {referral ? (
          <Panel id="referral-title" title={t("record.referral")}>
            <div>
              <StatusBadge kind="referral" status={referral.status} />
            </div>
            <Facts
              items={[
                [t("record.referredBy"), `${referral.referrerFirstName} ${referral.referrerLastName} · ${t(`referrerKind.${referral.referrerKind}`)}`],
                ...(referral.professionalInstitution
                  ? ([[t("referralForm.professionalInstitution"), `${referral.professionalInstitution}${referral.professionalRole ? ` · ${t(`professionalRoles.${referral.professionalRole}`)}` : ""}`]] as [string, ReactNode][])
                  : []),
                [t("record.referralDate"), day(new Date(referral.createdAt))],
                [t("record.guardianContact"), [`${referral.guardianFirstName} ${referral.guardianLastName}`, referral.guardianEmail, referral.guardianPhone].filter(Boolean).join("\n")],
                ...(referral.infoRequest ? ([[t("record.infoRequest"), referral.infoRequest]] as [string, ReactNode][]) : []),
                ...(referral.infoReply ? ([[t("record.infoReply"), referral.infoReply]] as [string, ReactNode][]) : []),
                ...(referral.declineReason ? ([[t("referral.declineReason"), referral.declineReason]] as [string, ReactNode][]) : []),
              ]}
            />
          </Panel>
        ) : null}

        <Panel id="family-title" title={t("record.guardians")}>
          {guardians.length === 0 ? <p className="text-slate-700">{t("record.noGuardian")}</p> : null}
          <ul className="space-y-1">
            {guardians.map((g) => (
              <li key={g.id} className="[overflow-wrap:anywhere]">
                {g.firstName} {g.lastName}
                {g.email ? <span className="text-slate-700"> · {g.email}</span> : null}
              </li>
            ))}
          </ul>
          {openInvitation ? <p className="text-sm text-slate-700">{t("record.invitation.open", { date: day(new Date(openInvitation.expiresAt)) })}</p> : null}
          {child.userId && child.status !== "exited" ? (
            <Form method="post">
              <ErrorList errors={errorsOf("reissue_invitation", "")} />
              <SubmitButton className="btn-secondary" name="intent" value="reissue_invitation">
                {t("record.invitation.reissue")}
              </SubmitButton>
            </Form>
          ) : null}
          <h3 className="pt-2 font-semibold">{t("record.consents")}</h3>
          {consents.length === 0 ? <p className="text-slate-700">{t("record.noConsents")}</p> : null}
          <ul className="space-y-2">
            {consents.map((c) => (
              <li key={c.id} className="text-sm">
                <span className="font-semibold">{t(`consent.${c.purpose}.title`)}</span>
                {" · "}
                {t("record.consentGiven", { name: `${c.givenByFirstName} ${c.givenByLastName}`, date: when(new Date(c.givenAt)), method: t(`consentMethod.${c.method}`), version: c.textVersion })}
                {c.withdrawnAt ? <span className="font-semibold text-red-800"> · {t("record.consentWithdrawn", { date: when(new Date(c.withdrawnAt)) })}</span> : null}
              </li>
            ))}
          </ul>
        </Panel>

        <Panel id="history-title" title={t("record.history")} className="lg:col-span-2">
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <thead>
                <tr className="border-b border-slate-200">
                  <th scope="col" className="py-2 pr-4">
                    {t("record.historyWhen")}
                  </th>
                  <th scope="col" className="py-2 pr-4">
                    {t("record.historyWho")}
                  </th>
                  <th scope="col" className="py-2">
                    {t("record.historyWhat")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {history.map((entry) => (
                  <tr key={entry.id} className="border-b border-slate-100">
                    <td className="py-2 pr-4 whitespace-nowrap">{when(new Date(entry.createdAt))}</td>
                    <td className="py-2 pr-4">{entry.actorFirstName ? `${entry.actorFirstName} ${entry.actorLastName}` : t("record.system")}</td>
                    <td className="py-2">{t(`audit.${entry.action}`, { defaultValue: entry.action })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Panel>
      </div>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
