import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { z, type ZodTypeAny } from "zod";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { ErrorList, FormAlert, SubmitButton } from "~/components/forms";
import { useFormat } from "~/components/format";
import { VolunteerStatusBadge } from "~/components/volunteer-status";
import { pageMeta } from "~/i18n/meta";
import { clockOf, dayOf } from "~/modules/core/availability";
import { formErrorResponse, requireUserCtx, rethrowAsResponse } from "~/modules/core/request.server";
import type { Ctx } from "~/modules/core/services.server";
import { redirectWithToast } from "~/modules/core/toast.server";
import { acknowledgeProfileChanges, getVolunteerRecord } from "~/modules/volunteers/coordinator-views.server";
import { agreementSchema, decisionSchema, interviewSchema, recordCheckSchema, referenceSchema } from "~/modules/volunteers/schemas";
import { recordAgreement, recordInterview, recordRecordCheck, recordReference } from "~/modules/volunteers/screening.server";
import { decide } from "~/modules/volunteers/status.server";
import { localDate } from "~/modules/volunteers/eligibility";

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "volunteers:record.title");

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const ctx = await requireUserCtx(request, context);
  try {
    return json(getVolunteerRecord({ ctx, volunteerUserId: params.userId ?? "" }));
  } catch (error) {
    rethrowAsResponse(error);
  }
}

/** Each form on the page names its intent; each intent has one schema and one domain verb. */
const intents: Record<string, { schema: ZodTypeAny; run: (ctx: Ctx, volunteerUserId: string, input: never) => Promise<void>; toast: string }> = {
  interview: { schema: interviewSchema, run: (ctx, id, input) => recordInterview({ ctx, volunteerUserId: id, input }), toast: "volunteers:record.saved" },
  reference: { schema: referenceSchema, run: (ctx, id, input) => recordReference({ ctx, volunteerUserId: id, input }), toast: "volunteers:record.saved" },
  recordCheck: { schema: recordCheckSchema, run: (ctx, id, input) => recordRecordCheck({ ctx, volunteerUserId: id, input }), toast: "volunteers:record.saved" },
  agreement: { schema: agreementSchema, run: (ctx, id, input) => recordAgreement({ ctx, volunteerUserId: id, input }), toast: "volunteers:record.saved" },
  decision: { schema: decisionSchema, run: (ctx, id, input) => decide({ ctx, volunteerUserId: id, input }), toast: "volunteers:record.decided" },
  acknowledge: {
    schema: z.object({}),
    run: async (ctx, id) => acknowledgeProfileChanges({ ctx, volunteerUserId: id }),
    toast: "volunteers:record.acknowledged",
  },
};

export async function action({ request, context, params }: ActionFunctionArgs) {
  const ctx = await requireUserCtx(request, context);
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  const handler = intents[intent];
  if (!handler) return json({ intent, result: { status: "error" as const, error: { "": ["volunteers:errors.intent"] } } }, { status: 400 });
  const submission = parseWithZod(formData, { schema: handler.schema });
  if (submission.status !== "success") return json({ intent, result: submission.reply() }, { status: 400 });
  try {
    await handler.run(ctx, params.userId ?? "", submission.value as never);
  } catch (error) {
    return formErrorResponse(error, (options) => ({ intent, result: submission.reply(options) }));
  }
  return redirectWithToast(`/coordination/volunteers/${params.userId}`, handler.toast);
}

/** `todo` replaces "not done yet" when the step was done but no longer holds (an expired record check). */
function Panel({ title, children, done, todo }: { title: string; children: ReactNode; done?: boolean; todo?: string }) {
  const { t } = useTranslation("volunteers");
  return (
    <section className="card space-y-4" aria-label={title}>
      <div className="flex items-center justify-between gap-3">
        <h2 className="text-lg font-semibold">{title}</h2>
        {done === undefined ? null : (
          <span className={`rounded-full px-3 py-1 text-sm font-semibold ${done ? "bg-brand-100 text-brand-900" : todo ? "bg-red-100 text-red-900" : "bg-sun-100 text-slate-900"}`}>{done ? t("progress.done") : (todo ?? t("progress.todo"))}</span>
        )}
      </div>
      {children}
    </section>
  );
}

function Input({ name, label, type = "text", errors, ...rest }: { name: string; label: string; type?: string; errors?: string[] } & React.InputHTMLAttributes<HTMLInputElement>) {
  const id = `${name}-${label.length}`;
  return (
    <div>
      <label htmlFor={id} className="mb-1 block text-sm font-medium text-slate-800">
        {label}
      </label>
      <input id={id} name={name} type={type} className="input" aria-invalid={errors?.length ? true : undefined} aria-describedby={errors?.length ? `${id}-error` : undefined} {...rest} />
      <ErrorList id={`${id}-error`} errors={errors} />
    </div>
  );
}

export default function VolunteerRecord() {
  const { t } = useTranslation("volunteers");
  const { t: tc } = useTranslation();
  const format = useFormat();
  const record = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const errorsFor = (intent: string, field: string): string[] | undefined => {
    if (data?.intent !== intent || data.result.status !== "error") return undefined;
    return (data.result.error as Record<string, string[] | null> | undefined)?.[field] ?? undefined;
  };
  const formErrors = (intent: string) => errorsFor(intent, "");
  const met = new Set(record.eligibility.missing);
  const p = record.profile;
  const today = localDate(new Date());

  return (
    <div className="space-y-6">
      <p>
        <Link to="/coordination/volunteers" className="link">
          ← {t("queue.title")}
        </Link>
      </p>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-3xl font-bold text-slate-900">
          {record.person.firstName} {record.person.lastName}
        </h1>
        <VolunteerStatusBadge status={p.status} />
      </div>
      <p role="status" className={`rounded-xl p-4 font-medium ${record.eligibility.eligible ? "bg-brand-600 text-white" : "bg-sun-100 text-slate-900"}`}>
        {record.eligibility.eligible ? t("record.eligible") : t("queue.missing", { count: record.eligibility.missing.length, steps: record.eligibility.missing.map((m) => t(`requirement.${m}`)).join(", ") })}
      </p>

      {p.changedFields?.length ? (
        <section className="card border-sun-400 bg-sun-100" aria-label={t("record.changedTitle")}>
          <h2 className="font-semibold">{t("record.changedTitle")}</h2>
          <p className="mt-1 text-slate-800">{t("record.changedText", { date: format.date(p.changedAt!), fields: p.changedFields.map((f) => t(`fields.${f}`)).join(", ") })}</p>
          <Form method="post" className="mt-3">
            <SubmitButton className="btn-secondary" name="intent" value="acknowledge">
              {t("record.acknowledge")}
            </SubmitButton>
          </Form>
        </section>
      ) : null}

      <div className="grid gap-6 lg:grid-cols-2">
        <Panel title={t("record.profileTitle")}>
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
            <dt className="text-slate-600">{t("fields.email")}</dt>
            <dd>{record.person.email}</dd>
            <dt className="text-slate-600">{t("fields.program")}</dt>
            <dd>{p.programName}</dd>
            <dt className="text-slate-600">{t("fields.study")}</dt>
            <dd>
              {p.faculty}, {p.studyProgramme}, {t("application.year", { n: p.studyYear })}
            </dd>
            <dt className="text-slate-600">{t("fields.municipality")}</dt>
            <dd>{p.municipalityName}</dd>
            <dt className="text-slate-600">{t("fields.mode")}</dt>
            <dd>{tc(`catalog.mode.${p.mode}`)}</dd>
            <dt className="text-slate-600">{t("fields.languages")}</dt>
            <dd>{p.languages.map((l) => `${tc(`catalog.language.${l.code}`)} (${tc(`catalog.level.${l.level}`)})`).join(", ")}</dd>
            <dt className="text-slate-600">{t("fields.subjects")}</dt>
            <dd>{p.subjects.length ? p.subjects.map((s) => `${tc(`catalog.subject.${s.subject}`)} ${s.gradeFrom}–${s.gradeTo}`).join(", ") : "—"}</dd>
            <dt className="text-slate-600">{t("fields.availability")}</dt>
            <dd>{p.availability.map((i) => `${tc(`days.short.${dayOf(i.start)}`)} ${clockOf(i.start)}–${clockOf(i.end)}`).join(", ")}</dd>
            <dt className="text-slate-600">{t("fields.experience")}</dt>
            <dd>
              {[p.experienceSpecialNeeds && t("fields.experienceSpecialNeeds"), p.experienceAtRisk && t("fields.experienceAtRisk")].filter(Boolean).join(", ") || "—"}
              {p.experienceNotes ? <p className="mt-1 text-slate-700">{p.experienceNotes}</p> : null}
            </dd>
            <dt className="text-slate-600">{t("fields.motivation")}</dt>
            <dd className="whitespace-pre-line">{p.motivation}</dd>
          </dl>
        </Panel>

        <Panel title={t("record.decisionTitle")}>
          {record.decisions.length === 0 ? <p className="text-slate-700">{t("record.noDecisions")}</p> : null}
          {record.decisions.length > 0 ? (
            <Form key={record.history.length} method="post" className="space-y-3">
              <FormAlert errors={formErrors("decision")} />
              <Input name="reason" label={t("record.reason")} errors={errorsFor("decision", "reason")} />
              <input type="hidden" name="intent" value="decision" />
              <div className="flex flex-wrap gap-2">
                {record.decisions.map((d) => (
                  <SubmitButton key={d} name="decision" value={d} className={d === "reject" || d === "deactivate" ? "btn-danger" : "btn-primary"}>
                    {t(`decision.${d}`)}
                  </SubmitButton>
                ))}
              </div>
            </Form>
          ) : null}
          <h3 className="pt-2 font-semibold">{t("record.history")}</h3>
          <ol className="space-y-1 text-sm text-slate-700">
            {record.history.map((h) => (
              <li key={h.id}>
                {format.dateTime(h.createdAt)} · {t(`status.${h.toStatus}`)}
                {h.reason ? ` — ${h.reason}` : ""}
              </li>
            ))}
          </ol>
        </Panel>

        <Panel title={t("requirement.interview")} done={!met.has("interview")}>
          <ul className="space-y-1 text-sm">
            {record.interviews.map((i) => (
              <li key={i.id}>
                {format.date(i.heldOn)} · {i.interviewer} · {t(`outcome.${i.outcome}`)}
                {i.notes ? ` — ${i.notes}` : ""}
              </li>
            ))}
          </ul>
          <Form key={record.interviews.length} method="post" className="grid gap-3 sm:grid-cols-2">
            <input type="hidden" name="intent" value="interview" />
            <FormAlert errors={formErrors("interview")} />
            <Input name="heldOn" type="date" label={t("fields.heldOn")} errors={errorsFor("interview", "heldOn")} />
            <Input name="interviewer" label={t("fields.interviewer")} errors={errorsFor("interview", "interviewer")} />
            <div>
              <label htmlFor="interview-outcome" className="mb-1 block text-sm font-medium">
                {t("fields.outcome")}
              </label>
              <select id="interview-outcome" name="outcome" className="input" defaultValue="passed">
                {(["scheduled", "passed", "failed"] as const).map((o) => (
                  <option key={o} value={o}>
                    {t(`outcome.${o}`)}
                  </option>
                ))}
              </select>
            </div>
            <Input name="notes" label={t("fields.notes")} />
            <SubmitButton className="btn-secondary sm:col-span-2">{t("record.saveInterview")}</SubmitButton>
          </Form>
        </Panel>

        <Panel title={t("requirement.references")} done={!met.has("references")}>
          <ul className="space-y-1 text-sm">
            {record.references.map((r) => (
              <li key={r.id}>
                {r.name} ({r.contact}) · {t(`outcome.${r.outcome}`)}
                {r.notes ? ` — ${r.notes}` : ""}
              </li>
            ))}
          </ul>
          <Form key={record.references.length} method="post" className="grid gap-3 sm:grid-cols-2">
            <input type="hidden" name="intent" value="reference" />
            <FormAlert errors={formErrors("reference")} />
            <Input name="name" label={t("fields.referenceName")} errors={errorsFor("reference", "name")} />
            <Input name="contact" label={t("fields.contact")} errors={errorsFor("reference", "contact")} />
            <div>
              <label htmlFor="reference-outcome" className="mb-1 block text-sm font-medium">
                {t("fields.outcome")}
              </label>
              <select id="reference-outcome" name="outcome" className="input" defaultValue="positive">
                {(["pending", "positive", "negative"] as const).map((o) => (
                  <option key={o} value={o}>
                    {t(`outcome.${o}`)}
                  </option>
                ))}
              </select>
            </div>
            <Input name="notes" label={t("fields.notes")} />
            <SubmitButton className="btn-secondary sm:col-span-2">{t("record.saveReference")}</SubmitButton>
          </Form>
        </Panel>

        <Panel
          title={t("requirement.recordCheck")}
          done={!met.has("recordCheck")}
          todo={record.recordChecks[0] && record.recordChecks[0].validUntil < today ? t("progress.expired") : undefined}
        >
          <ul className="space-y-1 text-sm">
            {record.recordChecks.map((c) => (
              <li key={c.id} className={c.validUntil < today ? "font-medium text-red-800" : ""}>
                {t("record.recordCheckFact", { verifiedOn: format.date(c.verifiedOn), by: `${c.verifierFirstName} ${c.verifierLastName}`, validUntil: format.date(c.validUntil) })}
                {c.validUntil < today ? ` — ${t("progress.expired")}` : ""}
              </li>
            ))}
          </ul>
          <Form key={record.recordChecks.length} method="post" className="grid gap-3 sm:grid-cols-2">
            <input type="hidden" name="intent" value="recordCheck" />
            <FormAlert errors={formErrors("recordCheck")} />
            <Input name="verifiedOn" type="date" label={t("fields.verifiedOn")} errors={errorsFor("recordCheck", "verifiedOn")} />
            <Input name="validUntil" type="date" label={t("fields.validUntil")} errors={errorsFor("recordCheck", "validUntil")} />
            <p className="text-sm text-slate-600 sm:col-span-2">{t("record.noScan")}</p>
            <SubmitButton className="btn-secondary sm:col-span-2">{t("record.saveRecordCheck")}</SubmitButton>
          </Form>
        </Panel>

        <Panel title={t("requirement.agreement")} done={!met.has("agreement")}>
          <ul className="space-y-1 text-sm">
            {record.agreements.map((a) => (
              <li key={a.id}>{t("record.agreementFact", { signedOn: format.date(a.signedOn), months: a.minMonths, hours: format.number(a.hoursPerWeek) })}</li>
            ))}
          </ul>
          <Form key={record.agreements.length} method="post" className="grid gap-3 sm:grid-cols-3">
            <input type="hidden" name="intent" value="agreement" />
            <FormAlert errors={formErrors("agreement")} />
            <Input name="signedOn" type="date" label={t("fields.signedOn")} errors={errorsFor("agreement", "signedOn")} />
            <Input name="minMonths" type="number" min={1} max={36} defaultValue={6} label={t("fields.minMonths")} errors={errorsFor("agreement", "minMonths")} />
            <Input name="hoursPerWeek" type="number" step="0.5" min={0.5} defaultValue={1.5} label={t("fields.hoursPerWeek")} errors={errorsFor("agreement", "hoursPerWeek")} />
            <label className="flex items-center gap-2 sm:col-span-3">
              <input type="checkbox" name="nonConvictionStatement" className="h-5 w-5 accent-brand-700" />
              {t("fields.nonConvictionStatement")}
            </label>
            <ErrorList errors={errorsFor("agreement", "nonConvictionStatement")} />
            <SubmitButton className="btn-secondary sm:col-span-3">{t("record.saveAgreement")}</SubmitButton>
          </Form>
        </Panel>

        <Panel title={t("record.hoursTitle")}>
          <p className="text-2xl font-bold text-brand-900">{format.number(record.hours.total)} h</p>
          <p className="text-sm text-slate-700">
            {(["organisational", "content", "other"] as const).map((type) => `${t(`zprost.${type}`)}: ${format.number(record.hours.byType[type])} h`).join(" · ")}
          </p>
        </Panel>
      </div>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
