import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { controlProps, ErrorList, FormAlert, Labeled, OrganizationField, SubmitButton } from "~/components/forms";
import { useFormat } from "~/components/format";
import { pageMeta } from "~/i18n/meta";
import { formErrorResponse, requireUserCtx, rethrowAsResponse } from "~/modules/core/request.server";
import { redirectWithToast } from "~/modules/core/toast.server";
import { programSettingsSchema } from "~/modules/volunteers/schemas";
import { listProgramsForAdmin, updateProgramSettings } from "~/modules/volunteers/training.server";
import { criteria, weightsOf } from "~/modules/matching/fit";
import { weightsSchema } from "~/modules/matching/schemas";
import { updateMatchingWeights } from "~/modules/matching/weights.server";
import { administeredOrganizations } from "~/modules/admin/members.server";
import { createProgram } from "~/modules/admin/programs.server";
import { createProgramSchema } from "~/modules/admin/schemas";
import { programKinds } from "~/modules/core/catalog";

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "volunteers:admin.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await requireUserCtx(request, context);
  try {
    return json({ programs: listProgramsForAdmin({ ctx }).map((p) => ({ ...p, weights: weightsOf(p.matchingWeights) })), organizations: administeredOrganizations(ctx, "manage:programs:org") });
  } catch (error) {
    rethrowAsResponse(error);
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const ctx = await requireUserCtx(request, context);
  const formData = await request.formData();
  const programId = String(formData.get("programId") ?? "");
  const intent = formData.get("intent") === "weights" ? "weights" : formData.get("intent") === "create" ? "create" : "settings";
  if (intent === "create") {
    const submission = parseWithZod(formData, { schema: createProgramSchema });
    if (submission.status !== "success") return json({ programId, intent, result: submission.reply() }, { status: 400 });
    try {
      createProgram({ ctx, input: submission.value });
    } catch (error) {
      return formErrorResponse(error, (options) => ({ programId, intent, result: submission.reply(options) }));
    }
    return redirectWithToast("/admin/programs", "common:admin.programs.created");
  }
  if (intent === "weights") {
    const submission = parseWithZod(formData, { schema: weightsSchema });
    if (submission.status !== "success") return json({ programId, intent, result: submission.reply() }, { status: 400 });
    try {
      updateMatchingWeights({ ctx, programId, input: submission.value });
    } catch (error) {
      return formErrorResponse(error, (options) => ({ programId, intent, result: submission.reply(options) }));
    }
    return redirectWithToast("/admin/programs", "matches:weights.saved");
  }
  const submission = parseWithZod(formData, { schema: programSettingsSchema });
  if (submission.status !== "success") return json({ programId, intent, result: submission.reply() }, { status: 400 });
  try {
    updateProgramSettings({ ctx, programId, input: submission.value });
  } catch (error) {
    return formErrorResponse(error, (options) => ({ programId, intent, result: submission.reply(options) }));
  }
  return redirectWithToast("/admin/programs", "volunteers:admin.saved");
}

export default function AdminPrograms() {
  const { t } = useTranslation("volunteers");
  const { t: tm } = useTranslation("matches");
  const { t: tc } = useTranslation();
  const format = useFormat();
  const { programs, organizations } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const createErrors = data?.intent === "create" && data.result.status === "error" ? (data.result.error as Record<string, string[] | null> | undefined) : undefined;
  return (
    <div className="space-y-6">
      <h1 className="text-3xl font-bold text-slate-900">{t("admin.title")}</h1>
      {programs.length === 0 ? <p className="card">{tc("admin.programs.none")}</p> : null}
      {programs.map((program) => {
        const mine = data?.programId === program.id && data.result.status === "error" ? (data.result.error as Record<string, string[] | null> | undefined) : undefined;
        const errors = data?.intent === "settings" ? (mine?.requiredTrainingHours ?? null) : null;
        const weightErrors = data?.intent === "weights" ? mine : undefined;
        return (
          <section key={program.id} className="card space-y-4" aria-labelledby={`program-${program.id}`}>
            <h2 id={`program-${program.id}`} className="text-xl font-semibold">
              {program.name}
            </h2>
            <Form method="post" className="flex flex-wrap items-end gap-3">
              <input type="hidden" name="programId" value={program.id} />
              <div>
                <label htmlFor={`hours-${program.id}`} className="mb-1 block text-sm font-medium">
                  {t("admin.requiredHours")}
                </label>
                <input id={`hours-${program.id}`} name="requiredTrainingHours" type="number" step="0.5" min={0} defaultValue={program.requiredTrainingHours} className="input max-w-[10rem]" aria-invalid={errors ? true : undefined} aria-describedby={errors ? `hours-${program.id}-error` : undefined} />
                <ErrorList id={`hours-${program.id}-error`} errors={errors} />
              </div>
              <SubmitButton className="btn-secondary">{t("admin.save")}</SubmitButton>
            </Form>
            <div>
              <h3 className="font-semibold">{t("admin.modules")}</h3>
              <ul className="mt-2 divide-y divide-slate-200">
                {program.modules.map((m) => (
                  <li key={m.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                    <span>
                      {m.title} <span className="text-sm text-slate-600">· {t(m.required ? "progress.required" : "progress.optional")} · {format.number(m.hours)} h · {t("admin.passMarkShort", { pass: m.passMark })}</span>
                    </span>
                    <Link to={`/admin/programs/${program.id}/modules/${m.id}`} className="link">
                      {t("admin.edit")}
                    </Link>
                  </li>
                ))}
              </ul>
              <Link to={`/admin/programs/${program.id}/modules/new`} className="btn-primary mt-3">
                {t("admin.addModule")}
              </Link>
            </div>
            <Form method="post" className="space-y-3 border-t border-slate-200 pt-4">
              <input type="hidden" name="programId" value={program.id} />
              <input type="hidden" name="intent" value="weights" />
              <h3 className="font-semibold">{tm("weights.title")}</h3>
              <p className="text-sm text-slate-600">{tm("weights.lead")}</p>
              <FormAlert errors={weightErrors?.[""] ?? null} />
              <div className="grid grid-cols-2 gap-3 sm:grid-cols-3">
                {criteria.map((criterion) => (
                  <div key={criterion}>
                    <label htmlFor={`w-${program.id}-${criterion}`} className="mb-1 block text-sm font-medium">
                      {tm(`criterion.${criterion}`)}
                    </label>
                    <input id={`w-${program.id}-${criterion}`} name={criterion} type="number" min={0} step="0.5" defaultValue={program.weights[criterion]} className="input" aria-invalid={weightErrors?.[criterion] ? true : undefined} />
                    <ErrorList errors={weightErrors?.[criterion] ?? null} />
                  </div>
                ))}
              </div>
              <SubmitButton className="btn-secondary">{tm("weights.save")}</SubmitButton>
            </Form>
          </section>
        );
      })}
      <NewProgram organizations={organizations} errors={createErrors} />
    </div>
  );
}

function NewProgram({ organizations, errors }: { organizations: { id: string; name: string }[]; errors?: Record<string, string[] | null> }) {
  const { t } = useTranslation();
  const field = (name: string) => controlProps("program", name, errors);
  return (
    <section className="card space-y-4" aria-labelledby="new-program">
      <h2 id="new-program" className="text-xl font-semibold">
        {t("admin.programs.new")}
      </h2>
      <Form method="post" className="grid gap-4 sm:grid-cols-2" noValidate>
        <input type="hidden" name="intent" value="create" />
        <div className="sm:col-span-2">
          <FormAlert errors={errors?.[""] ?? null} />
        </div>
        <OrganizationField form="program" organizations={organizations} label={t("admin.members.organization")} errors={errors} />
        <Labeled form="program" name="name" label={t("admin.programs.name")} errors={errors} className="sm:col-span-2">
          <input {...field("name")} className="input" />
        </Labeled>
        <Labeled form="program" name="kind" label={t("admin.programs.kind")} errors={errors}>
          <select {...field("kind")} className="input" defaultValue="learning_help">
            {programKinds.map((kind) => (
              <option key={kind} value={kind}>
                {t(`programKinds.${kind}`)}
              </option>
            ))}
          </select>
        </Labeled>
        <Labeled form="program" name="lessonMinutes" label={t("admin.programs.lessonMinutes")} errors={errors}>
          <input {...field("lessonMinutes")} type="number" min={30} max={120} step={15} defaultValue={45} className="input" />
        </Labeled>
        <Labeled form="program" name="defaultCapacity" label={t("admin.programs.defaultCapacity")} errors={errors}>
          <input {...field("defaultCapacity")} type="number" min={1} max={3} defaultValue={1} className="input" />
        </Labeled>
        <Labeled form="program" name="maxDistanceKm" label={t("admin.programs.maxDistanceKm")} errors={errors}>
          <input {...field("maxDistanceKm")} type="number" min={1} max={300} defaultValue={30} className="input" />
        </Labeled>
        <Labeled form="program" name="description" label={t("admin.programs.description")} errors={errors} className="sm:col-span-2">
          <textarea {...field("description")} rows={3} className="input" />
        </Labeled>
        <div className="sm:col-span-2">
          <SubmitButton className="btn-primary">{t("admin.programs.create")}</SubmitButton>
        </div>
      </Form>
    </section>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
