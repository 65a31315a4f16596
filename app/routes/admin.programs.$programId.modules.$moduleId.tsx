import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { ErrorList, FormAlert, SubmitButton } from "~/components/forms";
import { pageMeta } from "~/i18n/meta";
import { formErrorResponse, requireUserCtx, rethrowAsResponse } from "~/modules/core/request.server";
import { redirectWithToast } from "~/modules/core/toast.server";
import { moduleSchema } from "~/modules/volunteers/schemas";
import { getModuleForAdmin, listProgramsForAdmin, saveModule } from "~/modules/volunteers/training.server";

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "volunteers:admin.moduleTitle");

const QUESTION_SLOTS = 5;

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const ctx = await requireUserCtx(request, context);
  try {
    const programId = params.programId ?? "";
    const program = listProgramsForAdmin({ ctx }).find((p) => p.id === programId);
    if (!program) throw new Response(null, { status: 404 });
    const module = params.moduleId === "new" ? null : getModuleForAdmin({ ctx, programId, moduleId: params.moduleId ?? "" });
    return json({ programName: program.name, module });
  } catch (error) {
    rethrowAsResponse(error);
  }
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const ctx = await requireUserCtx(request, context);
  const submission = parseWithZod(await request.formData(), { schema: moduleSchema });
  if (submission.status !== "success") return json(submission.reply(), { status: 400 });
  try {
    saveModule({ ctx, programId: params.programId ?? "", moduleId: params.moduleId === "new" ? null : (params.moduleId ?? null), input: submission.value });
  } catch (error) {
    return formErrorResponse(error, (options) => submission.reply(options));
  }
  return redirectWithToast("/admin/programs", "volunteers:admin.moduleSaved");
}

export default function EditModule() {
  const { t } = useTranslation("volunteers");
  const { programName, module } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = (field: string) => (result?.status === "error" ? ((result.error as Record<string, string[] | null> | undefined)?.[field] ?? undefined) : undefined);
  const questions = Array.from({ length: QUESTION_SLOTS }, (_, i) => module?.questions[i]);
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <p>
        <Link to="/admin/programs" className="link">
          ← {t("admin.title")}
        </Link>
      </p>
      <h1 className="text-3xl font-bold text-slate-900">{t(module ? "admin.editModule" : "admin.newModule", { program: programName })}</h1>
      <Form method="post" className="space-y-6">
        <FormAlert errors={errors("") ?? errors("questions")} />
        <section className="card grid gap-4 sm:grid-cols-3">
          <div className="sm:col-span-3">
            <label htmlFor="title" className="mb-1 block font-medium">
              {t("fields.title")}
            </label>
            <input id="title" name="title" defaultValue={module?.title} className="input" />
            <ErrorList errors={errors("title")} />
          </div>
          <div className="sm:col-span-3">
            <label htmlFor="material" className="mb-1 block font-medium">
              {t("fields.material")}
            </label>
            <p className="mb-1 text-sm text-slate-600">{t("admin.materialHint")}</p>
            <textarea id="material" name="material" rows={8} defaultValue={module?.material} className="input font-mono text-sm" />
            <ErrorList errors={errors("material")} />
          </div>
          <div>
            <label htmlFor="hours" className="mb-1 block font-medium">
              {t("fields.hours")}
            </label>
            <input id="hours" name="hours" type="number" step="0.25" min={0.25} defaultValue={module?.hours ?? 1} className="input" />
            <ErrorList errors={errors("hours")} />
          </div>
          <div>
            <label htmlFor="passMark" className="mb-1 block font-medium">
              {t("fields.passMark")}
            </label>
            <input id="passMark" name="passMark" type="number" min={1} max={100} defaultValue={module?.passMark ?? 80} className="input" />
            <ErrorList errors={errors("passMark")} />
          </div>
          <label className="flex items-center gap-2 self-end pb-2">
            <input type="checkbox" name="required" defaultChecked={module?.required ?? true} className="h-5 w-5 accent-brand-700" />
            {t("fields.required")}
          </label>
        </section>
        {questions.map((question, qi) => (
          <fieldset key={qi} className="card space-y-3">
            <legend className="sr-only">{t("admin.question", { n: qi + 1 })}</legend>
            <label htmlFor={`q-${qi}`} className="block font-semibold">
              {t("admin.question", { n: qi + 1 })}
            </label>
            <input id={`q-${qi}`} name={`questions[${qi}].prompt`} defaultValue={question?.prompt} className="input" />
            <div className="grid gap-2 sm:grid-cols-2">
              {[0, 1, 2, 3].map((oi) => (
                <div key={oi} className="flex items-center gap-2">
                  <input type="radio" name={`questions[${qi}].correct`} value={oi} defaultChecked={question?.correct === oi} aria-label={t("admin.correctOption", { n: oi + 1 })} className="h-5 w-5 accent-brand-700" />
                  <input name={`questions[${qi}].options[${oi}]`} defaultValue={question?.options[oi]} aria-label={t("admin.option", { n: oi + 1 })} className="input" />
                </div>
              ))}
            </div>
            <ErrorList errors={[...(errors(`questions[${qi}].options`) ?? []), ...(errors(`questions[${qi}].correct`) ?? [])]} />
          </fieldset>
        ))}
        <SubmitButton className="btn-primary">{t("admin.saveModule")}</SubmitButton>
      </Form>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
