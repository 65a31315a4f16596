import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { ErrorList, FormAlert, SubmitButton } from "~/components/forms";
import { useFormat } from "~/components/format";
import { pageMeta } from "~/i18n/meta";
import { formErrorResponse, requireUserCtx, rethrowAsResponse } from "~/modules/core/request.server";
import { redirectWithToast } from "~/modules/core/toast.server";
import { programSettingsSchema } from "~/modules/volunteers/schemas";
import { listProgramsForAdmin, updateProgramSettings } from "~/modules/volunteers/training.server";
import { criteria, weightsOf } from "~/modules/matching/fit";
import { weightsSchema } from "~/modules/matching/schemas";
import { updateMatchingWeights } from "~/modules/matching/weights.server";

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "volunteers:admin.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await requireUserCtx(request, context);
  try {
    return json({ programs: listProgramsForAdmin({ ctx }).map((p) => ({ ...p, weights: weightsOf(p.matchingWeights) })) });
  } catch (error) {
    rethrowAsResponse(error);
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const ctx = await requireUserCtx(request, context);
  const formData = await request.formData();
  const programId = String(formData.get("programId") ?? "");
  const intent = formData.get("intent") === "weights" ? "weights" : "settings";
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
  const format = useFormat();
  const { programs } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  return (
    <div className="space-y-6">
      <h1 className="text-3xl font-bold text-slate-900">{t("admin.title")}</h1>
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
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
