import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import Markdown from "react-markdown";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { FormAlert, SubmitButton } from "~/components/forms";
import { pageMeta } from "~/i18n/meta";
import { formErrorResponse, requireUserCtx, rethrowAsResponse } from "~/modules/core/request.server";
import { quizSchema } from "~/modules/volunteers/schemas";
import { getModuleForVolunteer, submitQuiz } from "~/modules/volunteers/training.server";

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "volunteers:quiz.title");

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const ctx = await requireUserCtx(request, context);
  try {
    return json(getModuleForVolunteer({ ctx, moduleId: params.moduleId ?? "" }));
  } catch (error) {
    rethrowAsResponse(error);
  }
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const ctx = await requireUserCtx(request, context);
  const submission = parseWithZod(await request.formData(), { schema: quizSchema });
  if (submission.status !== "success") return json({ result: submission.reply(), outcome: null }, { status: 400 });
  try {
    const outcome = await submitQuiz({ ctx, moduleId: params.moduleId ?? "", answers: submission.value.answers });
    return json({ result: submission.reply({ resetForm: true }), outcome });
  } catch (error) {
    return formErrorResponse(error, (options) => ({ result: submission.reply(options), outcome: null }));
  }
}

export default function TrainingModule() {
  const { t } = useTranslation("volunteers");
  const module = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const errors = data?.result.status === "error" ? Object.values(data.result.error ?? {}).flat().filter((e): e is string => typeof e === "string") : null;
  const outcome = data?.outcome;
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <p>
        <Link to="/volunteer" className="link">
          ← {t("quiz.back")}
        </Link>
      </p>
      <h1 className="text-3xl font-bold text-slate-900">{module.title}</h1>
      <article className="card prose-tandem space-y-3 leading-relaxed text-slate-800">
        <Markdown>{module.material}</Markdown>
      </article>
      {outcome ? (
        <p role="status" className={`rounded-xl p-4 font-medium ${outcome.passed ? "bg-brand-600 text-white" : "bg-sun-100 text-slate-900"}`}>
          {t(outcome.passed ? "quiz.passed" : "quiz.failed", { score: outcome.scorePercent, pass: outcome.passMark, correct: outcome.correct, total: outcome.total })}
          {outcome.activated ? ` ${t("quiz.activated")}` : ""}
        </p>
      ) : null}
      <section className="card" aria-labelledby="quiz-title">
        <h2 id="quiz-title" className="text-xl font-semibold">
          {t("quiz.heading")}
        </h2>
        <p className="mt-1 text-sm text-slate-600">{t("quiz.lead", { pass: module.passMark })}</p>
        <Form method="post" className="mt-4 space-y-6" key={outcome ? `attempt-${outcome.scorePercent}-${Date.now()}` : "attempt"}>
          <FormAlert errors={errors} />
          {module.questions.map((question, index) => (
            <fieldset key={question.id} className="space-y-2">
              <legend className="font-medium">
                {index + 1}. {question.prompt}
              </legend>
              {question.options.map((option) => (
                <label key={option.index} className="flex min-h-11 items-center gap-3 rounded-lg border border-slate-200 px-3 py-2 hover:bg-slate-50">
                  <input type="radio" name={`answers.${question.id}`} value={option.index} className="h-5 w-5 accent-brand-700" />
                  {option.text}
                </label>
              ))}
            </fieldset>
          ))}
          <SubmitButton className="btn-primary w-full sm:w-auto">{t("quiz.submit")}</SubmitButton>
        </Form>
      </section>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
