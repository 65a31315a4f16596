import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm, type FieldMetadata } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { SelectField, TextAreaField } from "~/components/child-fields";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { ErrorList, Field, FormAlert, SubmitButton } from "~/components/forms";
import { WeekGrid } from "~/components/week-grid";
import { pageMeta } from "~/i18n/meta";
import { guardianReferralSchema, professionalReferralSchema } from "~/modules/children/schemas";
import { referralFormOptions, referrerKindOf, submitReferral } from "~/modules/children/submit-referral.server";
import { professionalRoles, volunteerGenders } from "~/modules/children/vocabulary";
import { grades, gradeLabel, languages, modes, subjects } from "~/modules/core/catalog";
import { municipalityOptions } from "~/modules/core/municipalities.server";
import { formErrorResponse, requireUserCtx, rethrowAsResponse } from "~/modules/core/request.server";
import { redirectWithToast } from "~/modules/core/toast.server";

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "children:referralForm.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await requireUserCtx(request, context);
  try {
    const options = referralFormOptions({ ctx });
    return json({ ...options, municipalities: municipalityOptions() });
  } catch (error) {
    rethrowAsResponse(error);
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const ctx = await requireUserCtx(request, context);
  const kind = referrerKindOf(ctx.user);
  const schema = kind === "professional" ? professionalReferralSchema(ctx.now.getFullYear()) : guardianReferralSchema(ctx.now.getFullYear());
  const submission = parseWithZod(await request.formData(), { schema });
  if (submission.status !== "success") return json(submission.reply(), { status: 400 });
  try {
    const { referralId } = submitReferral({ ctx, input: submission.value });
    return redirectWithToast(kind === "professional" ? `/referrals/${referralId}` : "/family", "children:referralForm.submitted");
  } catch (error) {
    return formErrorResponse(error, (options) => submission.reply(options));
  }
}

function Section({ id, title, lead, children }: { id: string; title: string; lead?: string; children: ReactNode }) {
  return (
    <section className="card space-y-4" aria-labelledby={id}>
      <div>
        <h2 id={id} className="text-xl font-semibold text-slate-900">
          {title}
        </h2>
        {lead ? <p className="mt-1 text-sm text-slate-700">{lead}</p> : null}
      </div>
      {children}
    </section>
  );
}

export default function NewReferral() {
  const { t } = useTranslation("children");
  const { t: tc } = useTranslation();
  const { kind, programs, municipalities } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const schema = kind === "professional" ? professionalReferralSchema() : guardianReferralSchema();
  const [form, fields] = useForm({
    id: "referral",
    lastResult,
    defaultValue: {
      programId: programs.length === 1 ? programs[0]!.id : "",
      needs: subjects.map((subject) => ({ subject })),
      firstLanguage: "sl",
      languages: ["sl"],
      mode: "online",
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  // Only some fields exist in the professional's form; conform's metadata is typed by the guardian's.
  const all = fields as unknown as Record<string, FieldMetadata<string>>;
  const text = (name: string, label: string, options: { hint?: string; autoComplete?: string; type?: "text" | "email" | "tel" | "number"; className?: string; inputMode?: "numeric" } = {}) => (
    <Field
      label={label}
      hint={options.hint}
      className={options.className}
      inputProps={{ ...getInputProps(all[name]!, { type: options.type ?? "text" }), autoComplete: options.autoComplete ?? "off", inputMode: options.inputMode }}
      errors={all[name]!.errors}
      errorId={all[name]!.errorId}
    />
  );
  const area = (name: string, label: string, hint?: string) => (
    <TextAreaField label={label} hint={hint} textareaProps={getTextareaProps(all[name]!)} errors={all[name]!.errors} errorId={all[name]!.errorId} />
  );
  const chosenLanguages = new Set((fields.languages.initialValue as string[] | string | undefined) ?? []);
  const chosenSlots = ([] as string[]).concat((fields.slots.initialValue as string[] | string | undefined) ?? []).map(Number);
  const needs = fields.needs.getFieldList();

  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <div>
        <h1 className="text-3xl font-bold text-slate-900">{t("referralForm.title")}</h1>
        <p className="mt-2 text-slate-700">{t(kind === "professional" ? "referralForm.leadProfessional" : "referralForm.leadGuardian")}</p>
      </div>
      <Form method="post" {...getFormProps(form)} className="space-y-6">
        <FormAlert id={form.errorId} errors={form.errors} />
        {kind === "professional" ? (
          <Section id="referrer" title={t("referralForm.sections.referrer")}>
            <div className="grid gap-4 sm:grid-cols-2">
              {text("professionalInstitution", t("referralForm.professionalInstitution"), { autoComplete: "organization" })}
              <SelectField label={t("referralForm.professionalRole")} selectProps={getSelectProps(all.professionalRole!)} errors={all.professionalRole!.errors} errorId={all.professionalRole!.errorId}>
                <option value="">{t("referralForm.choose")}</option>
                {professionalRoles.map((role) => (
                  <option key={role} value={role}>
                    {t(`professionalRoles.${role}`)}
                  </option>
                ))}
              </SelectField>
            </div>
          </Section>
        ) : null}

        <Section id="child" title={t("referralForm.sections.child")}>
          <SelectField label={t("referralForm.program")} selectProps={getSelectProps(fields.programId)} errors={fields.programId.errors} errorId={fields.programId.errorId}>
            <option value="">{t("referralForm.choose")}</option>
            {programs.map((program) => (
              <option key={program.id} value={program.id}>
                {program.name} · {program.organizationName}
              </option>
            ))}
          </SelectField>
          <div className="grid gap-4 sm:grid-cols-2">
            {text("firstName", t("referralForm.firstName"))}
            {text("lastName", t("referralForm.lastName"))}
            {text("birthYear", t("referralForm.birthYear"), { inputMode: "numeric", hint: t("referralForm.birthYearHint") })}
            <SelectField label={t("referralForm.grade")} hint={t("referralForm.gradeHint")} selectProps={getSelectProps(fields.grade)} errors={fields.grade.errors} errorId={fields.grade.errorId}>
              <option value="">{t("referralForm.choose")}</option>
              {grades.map((grade) => {
                const label = gradeLabel(grade);
                return (
                  <option key={grade} value={grade}>
                    {tc(label.key, label.params)}
                  </option>
                );
              })}
            </SelectField>
            {text("school", t("referralForm.school"), { className: "sm:col-span-2" })}
            <SelectField className="sm:col-span-2" label={t("referralForm.municipality")} selectProps={getSelectProps(fields.municipalityId)} errors={fields.municipalityId.errors} errorId={fields.municipalityId.errorId}>
              <option value="">{t("referralForm.chooseMunicipality")}</option>
              {municipalities.map((group) => (
                <optgroup key={group.region} label={group.region}>
                  {group.items.map((m) => (
                    <option key={m.id} value={m.id}>
                      {m.name}
                    </option>
                  ))}
                </optgroup>
              ))}
            </SelectField>
          </div>
          <fieldset aria-describedby={fields.languages.errors ? fields.languages.errorId : undefined}>
            <legend className="mb-1 font-medium text-slate-800">{t("referralForm.languages")}</legend>
            <div className="grid grid-cols-2 gap-2 sm:grid-cols-3">
              {languages.map((code) => (
                <label key={code} className="flex min-h-11 items-center gap-2 rounded-lg border border-slate-200 px-2 sm:gap-3 sm:px-3">
                  <input type="checkbox" name={fields.languages.name} value={code} defaultChecked={chosenLanguages.has(code)} className="h-5 w-5 shrink-0 accent-brand-700" />
                  {tc(`catalog.language.${code}`)}
                </label>
              ))}
            </div>
            <ErrorList id={fields.languages.errorId} errors={fields.languages.errors} />
          </fieldset>
          <SelectField label={t("referralForm.firstLanguage")} selectProps={getSelectProps(fields.firstLanguage)} errors={fields.firstLanguage.errors} errorId={fields.firstLanguage.errorId}>
            {languages.map((code) => (
              <option key={code} value={code}>
                {tc(`catalog.language.${code}`)}
              </option>
            ))}
          </SelectField>
        </Section>

        <Section id="needs" title={t("referralForm.sections.needs")} lead={t("referralForm.needsLead")}>
          <div role="group" aria-labelledby="needs" aria-describedby={fields.needs.errors ? fields.needs.errorId : undefined}>
            <ErrorList id={fields.needs.errorId} errors={fields.needs.errors} />
            <ul className="divide-y divide-slate-200">
              {needs.map((need, index) => {
                const row = need.getFieldset();
                const subject = subjects[index]!;
                const subjectName = tc(`catalog.subject.${subject}`);
                return (
                  <li key={need.key} className="grid gap-2 py-3 sm:grid-cols-[10rem_1fr_1fr] sm:items-center">
                    <input {...getInputProps(row.subject, { type: "hidden" })} />
                    <span className="font-medium capitalize text-slate-900">{subjectName}</span>
                    <div>
                      <label htmlFor={row.priority.id} className="sr-only">
                        {t("referralForm.priorityFor", { subject: subjectName })}
                      </label>
                      <select {...getSelectProps(row.priority)} className="input">
                        <option value="">{t("referralForm.priority.none")}</option>
                        {[1, 2, 3].map((p) => (
                          <option key={p} value={p}>
                            {t(`referralForm.priority.${p}`)}
                          </option>
                        ))}
                      </select>
                    </div>
                    <div>
                      <label htmlFor={row.grade.id} className="sr-only">
                        {t("referralForm.levelFor", { subject: subjectName })}
                      </label>
                      <select {...getSelectProps(row.grade)} className="input">
                        <option value="">{t("referralForm.sameGrade")}</option>
                        {grades.map((grade) => {
                          const label = gradeLabel(grade);
                          return (
                            <option key={grade} value={grade}>
                              {t("referralForm.levelOption", { grade: tc(label.key, label.params) })}
                            </option>
                          );
                        })}
                      </select>
                    </div>
                  </li>
                );
              })}
            </ul>
          </div>
          {area("learningDifficulties", t("referralForm.learningDifficulties"), t("referralForm.confidentialHint"))}
          <label className="flex items-start gap-3">
            <input {...getInputProps(fields.specialNeeds, { type: "checkbox" })} className="mt-1 h-5 w-5 accent-brand-700" />
            <span>{t("referralForm.specialNeeds")}</span>
          </label>
          {area("specialNeedsNotes", t("referralForm.specialNeedsNotes"), t("referralForm.confidentialHint"))}
        </Section>

        <Section id="time" title={t("referralForm.sections.time")}>
          <WeekGrid name={fields.slots.name} legend={t("referralForm.availability")} hint={t("referralForm.availabilityHint")} defaultSlots={chosenSlots} errors={fields.slots.errors} errorId={fields.slots.errorId} />
          <fieldset aria-describedby={fields.mode.errors ? fields.mode.errorId : undefined}>
            <legend className="mb-1 font-medium text-slate-800">{t("referralForm.mode")}</legend>
            <div className="grid gap-2 sm:grid-cols-3">
              {modes.map((mode) => (
                <label key={mode} className="flex min-h-11 items-center gap-3 rounded-lg border border-slate-200 px-3">
                  <input type="radio" name={fields.mode.name} value={mode} defaultChecked={(fields.mode.initialValue ?? "online") === mode} className="h-5 w-5 shrink-0 accent-brand-700" />
                  {tc(`catalog.mode.${mode}`)}
                </label>
              ))}
            </div>
            <ErrorList id={fields.mode.errorId} errors={fields.mode.errors} />
          </fieldset>
          <div className="grid gap-4 sm:grid-cols-2">
            <SelectField label={t("referralForm.volunteerGender")} selectProps={getSelectProps(fields.volunteerGender)} errors={fields.volunteerGender.errors} errorId={fields.volunteerGender.errorId}>
              <option value="">{t("referralForm.noPreference")}</option>
              {volunteerGenders.map((g) => (
                <option key={g} value={g}>
                  {t(`volunteerGender.${g}`)}
                </option>
              ))}
            </SelectField>
            {text("interests", t("referralForm.interests"), { hint: t("referralForm.interestsHint") })}
          </div>
        </Section>

        <Section id="confidential" title={t("referralForm.sections.confidential")} lead={t("referralForm.confidentialLead")}>
          {area("referralReason", t(kind === "professional" ? "referralForm.referralReason" : "referralForm.referralReasonOptional"))}
          {area("familySituation", t("referralForm.familySituation"))}
        </Section>

        {kind === "professional" ? (
          <Section id="guardian" title={t("referralForm.sections.guardian")} lead={t("referralForm.guardianLead")}>
            <div className="grid gap-4 sm:grid-cols-2">
              {text("guardianFirstName", t("referralForm.guardianFirstName"))}
              {text("guardianLastName", t("referralForm.guardianLastName"))}
              {text("guardianEmail", t("referralForm.guardianEmail"), { type: "email" })}
              {text("guardianPhone", t("referralForm.guardianPhone"), { type: "tel" })}
            </div>
          </Section>
        ) : null}

        <SubmitButton className="btn-primary w-full sm:w-auto">{t("referralForm.submit")}</SubmitButton>
      </Form>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
