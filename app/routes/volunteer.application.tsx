import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { ErrorList, FormAlert, SubmitButton } from "~/components/forms";
import { WeekGrid } from "~/components/week-grid";
import { pageMeta } from "~/i18n/meta";
import { grades, languageLevels, languages, modes, subjects } from "~/modules/core/catalog";
import { municipalityOptions } from "~/modules/core/municipalities.server";
import { formErrorResponse, requireUserCtx, rethrowAsResponse } from "~/modules/core/request.server";
import { redirectWithToast } from "~/modules/core/toast.server";
import { getOwnApplication, saveApplication } from "~/modules/volunteers/application.server";
import { applicationSchema, interests } from "~/modules/volunteers/schemas";
import { genders } from "~/modules/volunteers/vocabulary";

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "volunteers:application.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await requireUserCtx(request, context);
  try {
    return json({ ...getOwnApplication({ ctx }), municipalities: municipalityOptions() });
  } catch (error) {
    rethrowAsResponse(error);
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const ctx = await requireUserCtx(request, context);
  const submission = parseWithZod(await request.formData(), { schema: applicationSchema });
  if (submission.status !== "success") return json(submission.reply(), { status: 400 });
  try {
    const { created } = await saveApplication({ ctx, input: submission.value });
    return redirectWithToast("/volunteer", created ? "volunteers:application.sent" : "volunteers:application.saved");
  } catch (error) {
    return formErrorResponse(error, (options) => submission.reply(options));
  }
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="card space-y-4" aria-label={title}>
      <h2 className="text-lg font-semibold text-slate-900">{title}</h2>
      {children}
    </section>
  );
}

const label = "mb-1 block font-medium text-slate-800";

export default function Application() {
  const { t } = useTranslation("volunteers");
  const { t: tc } = useTranslation();
  const { profile, programOptions, municipalities } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form] = useForm({
    id: "application",
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: applicationSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const errors = (name: string) => form.allErrors[name];
  const errorIdOf = (name: string) => `application-${name.replace(/\W/g, "-")}-error`;
  const described = (name: string) => (errors(name)?.length ? { "aria-describedby": errorIdOf(name), "aria-invalid": true } : {});
  const languageLevel = (code: string) => profile?.languages.find((l) => l.code === code)?.level ?? "";
  const subjectRange = (subject: string) => profile?.subjects.find((s) => s.subject === subject);
  const gradeOptions = grades.map((g) => (
    <option key={g} value={g}>
      {g <= 9 ? tc("catalog.grade.primary", { n: g }) : tc("catalog.grade.secondary", { n: g - 9 })}
    </option>
  ));

  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <div>
        <h1 className="text-3xl font-bold text-slate-900">{t("application.title")}</h1>
        <p className="mt-2 text-slate-700">{t(profile ? "application.leadEdit" : "application.lead")}</p>
      </div>
      <Form method="post" {...getFormProps(form)} className="space-y-6">
        <FormAlert id={form.errorId} errors={form.errors} />
        <Section title={t("application.sections.about")}>
          <div className="grid gap-4 sm:grid-cols-2">
            <div>
              <label htmlFor="programId" className={label}>
                {t("fields.program")}
              </label>
              <select id="programId" name="programId" defaultValue={profile?.programId ?? (programOptions.length === 1 ? programOptions[0]!.id : "")} className="input" {...described("programId")}>
                <option value="">{t("application.choose")}</option>
                {programOptions.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </select>
              <ErrorList id={errorIdOf("programId")} errors={errors("programId")} />
            </div>
            <div>
              <label htmlFor="birthDate" className={label}>
                {t("fields.birthDate")}
              </label>
              <input id="birthDate" name="birthDate" type="date" defaultValue={profile?.birthDate} className="input" {...described("birthDate")} />
              <ErrorList id={errorIdOf("birthDate")} errors={errors("birthDate")} />
            </div>
            <div>
              <label htmlFor="gender" className={label}>
                {t("fields.gender")}
              </label>
              <select id="gender" name="gender" defaultValue={profile?.gender ?? ""} className="input" {...described("gender")}>
                <option value="">{t("application.choose")}</option>
                {genders.map((g) => (
                  <option key={g} value={g}>
                    {t(`gender.${g}`)}
                  </option>
                ))}
              </select>
              <ErrorList id={errorIdOf("gender")} errors={errors("gender")} />
            </div>
            <div>
              <label htmlFor="municipalityId" className={label}>
                {t("fields.municipality")}
              </label>
              <select id="municipalityId" name="municipalityId" defaultValue={profile?.municipalityId ?? ""} className="input" {...described("municipalityId")}>
                <option value="">{t("application.choose")}</option>
                {municipalities.map((group) => (
                  <optgroup key={group.region} label={group.region}>
                    {group.items.map((m) => (
                      <option key={m.id} value={m.id}>
                        {m.name}
                      </option>
                    ))}
                  </optgroup>
                ))}
              </select>
              <ErrorList id={errorIdOf("municipalityId")} errors={errors("municipalityId")} />
            </div>
          </div>
        </Section>

        <Section title={t("application.sections.study")}>
          <div className="grid gap-4 sm:grid-cols-3">
            {(["faculty", "studyProgramme"] as const).map((name) => (
              <div key={name} className="sm:col-span-1">
                <label htmlFor={name} className={label}>
                  {t(`fields.${name}`)}
                </label>
                <input id={name} name={name} defaultValue={profile?.[name]} className="input" {...described(name)} />
                <ErrorList id={errorIdOf(name)} errors={errors(name)} />
              </div>
            ))}
            <div>
              <label htmlFor="studyYear" className={label}>
                {t("fields.studyYear")}
              </label>
              <select id="studyYear" name="studyYear" defaultValue={profile?.studyYear ?? ""} className="input" {...described("studyYear")}>
                <option value="">{t("application.choose")}</option>
                {[1, 2, 3, 4, 5, 6].map((year) => (
                  <option key={year} value={year}>
                    {t("application.year", { n: year })}
                  </option>
                ))}
              </select>
              <ErrorList id={errorIdOf("studyYear")} errors={errors("studyYear")} />
            </div>
          </div>
        </Section>

        <Section title={t("application.sections.languages")}>
          <p className="text-sm text-slate-600">{t("application.languagesHint")}</p>
          <div className="grid gap-3 sm:grid-cols-2">
            {languages.map((code) => (
              <div key={code} className="flex items-center justify-between gap-3">
                <label htmlFor={`lang-${code}`} className="font-medium">
                  {tc(`catalog.language.${code}`)}
                </label>
                <select id={`lang-${code}`} name={`languages.${code}`} defaultValue={languageLevel(code)} className="input max-w-[12rem]">
                  <option value="">—</option>
                  {languageLevels.map((level) => (
                    <option key={level} value={level}>
                      {tc(`catalog.level.${level}`)}
                    </option>
                  ))}
                </select>
              </div>
            ))}
          </div>
          <ErrorList id={errorIdOf("languages")} errors={errors("languages")} />
        </Section>

        <Section title={t("application.sections.subjects")}>
          <p className="text-sm text-slate-600">{t("application.subjectsHint")}</p>
          <div className="space-y-3">
            {subjects.map((subject) => {
              const range = subjectRange(subject);
              return (
                <fieldset key={subject} className="grid items-end gap-2 sm:grid-cols-[10rem_1fr_1fr]">
                  <legend className="font-medium sm:float-left sm:pt-2">{tc(`catalog.subject.${subject}`)}</legend>
                  <div>
                    <label htmlFor={`subject-${subject}-from`} className="text-sm text-slate-700">
                      {t("application.gradeFrom")}
                    </label>
                    <select id={`subject-${subject}-from`} name={`subjects.${subject}.from`} defaultValue={range?.gradeFrom ?? ""} className="input">
                      <option value="">—</option>
                      {gradeOptions}
                    </select>
                  </div>
                  <div>
                    <label htmlFor={`subject-${subject}-to`} className="text-sm text-slate-700">
                      {t("application.gradeTo")}
                    </label>
                    <select id={`subject-${subject}-to`} name={`subjects.${subject}.to`} defaultValue={range?.gradeTo ?? ""} className="input">
                      <option value="">—</option>
                      {gradeOptions}
                    </select>
                  </div>
                  <ErrorList errors={errors(`subjects.${subject}`)} />
                </fieldset>
              );
            })}
          </div>
        </Section>

        <Section title={t("application.sections.availability")}>
          <WeekGrid name="slots" legend={t("fields.availability")} hint={t("application.availabilityHint")} defaultSlots={profile?.slots} errors={errors("slots")} errorId={errorIdOf("slots")} />
          <fieldset {...described("mode")}>
            <legend className={label}>{t("fields.mode")}</legend>
            <div className="flex flex-wrap gap-4">
              {modes.map((mode) => (
                <label key={mode} className="flex items-center gap-2">
                  <input type="radio" name="mode" value={mode} defaultChecked={profile?.mode === mode} className="h-5 w-5 accent-brand-700" />
                  {tc(`catalog.mode.${mode}`)}
                </label>
              ))}
            </div>
            <ErrorList id={errorIdOf("mode")} errors={errors("mode")} />
          </fieldset>
          <div>
            <label htmlFor="capacity" className={label}>
              {t("fields.capacity")}
            </label>
            <select id="capacity" name="capacity" defaultValue={profile?.capacity ?? 1} className="input max-w-[8rem]">
              {[1, 2, 3].map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          </div>
        </Section>

        <Section title={t("application.sections.you")}>
          <fieldset>
            <legend className={label}>{t("fields.interests")}</legend>
            <div className="grid grid-cols-2 gap-2 sm:grid-cols-3">
              {interests.map((interest) => (
                <label key={interest} className="flex items-center gap-2">
                  <input type="checkbox" name="interests" value={interest} defaultChecked={profile?.interests.includes(interest)} className="h-5 w-5 accent-brand-700" />
                  {t(`interest.${interest}`)}
                </label>
              ))}
            </div>
          </fieldset>
          <div>
            <label htmlFor="motivation" className={label}>
              {t("fields.motivation")}
            </label>
            <textarea id="motivation" name="motivation" rows={4} defaultValue={profile?.motivation} className="input" {...described("motivation")} />
            <ErrorList id={errorIdOf("motivation")} errors={errors("motivation")} />
          </div>
          <fieldset className="space-y-2">
            <legend className={label}>{t("fields.experience")}</legend>
            <label className="flex items-center gap-2">
              <input type="checkbox" name="experienceSpecialNeeds" defaultChecked={profile?.experienceSpecialNeeds} className="h-5 w-5 accent-brand-700" />
              {t("fields.experienceSpecialNeeds")}
            </label>
            <label className="flex items-center gap-2">
              <input type="checkbox" name="experienceAtRisk" defaultChecked={profile?.experienceAtRisk} className="h-5 w-5 accent-brand-700" />
              {t("fields.experienceAtRisk")}
            </label>
            <label htmlFor="experienceNotes" className="block pt-2 text-sm text-slate-700">
              {t("fields.experienceNotes")}
            </label>
            <textarea id="experienceNotes" name="experienceNotes" rows={3} defaultValue={profile?.experienceNotes} className="input" />
          </fieldset>
        </Section>
        <SubmitButton className="btn-primary w-full sm:w-auto">{t(profile ? "application.save" : "application.submit")}</SubmitButton>
      </Form>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
