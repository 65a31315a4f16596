import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { parseWithZod } from "@conform-to/zod";
import { z } from "zod";
import { ExplanationList } from "~/components/explanation";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { FormAlert, SubmitButton } from "~/components/forms";
import { useFormat } from "~/components/format";
import { pageMeta } from "~/i18n/meta";
import { formErrorResponse, requireUserCtx, rethrowAsResponse } from "~/modules/core/request.server";
import { redirectWithToast } from "~/modules/core/toast.server";
import { candidatesForChild, pickManually } from "~/modules/matching/proposals.server";

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "matches:candidates.title");

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const ctx = await requireUserCtx(request, context);
  try {
    return json(candidatesForChild({ ctx, childId: params.childId ?? "" }));
  } catch (error) {
    rethrowAsResponse(error);
  }
}

const pickSchema = z.object({ volunteerUserId: z.string().min(1, "matches:errors.notACandidate") });

export async function action({ request, context, params }: ActionFunctionArgs) {
  const ctx = await requireUserCtx(request, context);
  const submission = parseWithZod(await request.formData(), { schema: pickSchema });
  if (submission.status !== "success") return json(submission.reply(), { status: 400 });
  try {
    await pickManually({ ctx, childId: params.childId ?? "", volunteerUserId: submission.value.volunteerUserId });
  } catch (error) {
    return formErrorResponse(error, (options) => submission.reply(options));
  }
  return redirectWithToast("/coordination/matches", "matches:coordinator.approvedToast");
}

export default function ChildCandidates() {
  const { t } = useTranslation("matches");
  const { t: tc } = useTranslation();
  const format = useFormat();
  const { child, candidates, reasons, waiting } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <p>
        <Link to="/coordination/matches" className="link">
          ← {t("coordinator.title")}
        </Link>
      </p>
      <div>
        <h1 className="text-3xl font-bold text-slate-900">
          {child.firstName} {child.lastName}
        </h1>
        <p className="text-slate-700">{tc(child.gradeLabel.key, child.gradeLabel.params)}</p>
      </div>
      <FormAlert errors={result?.status === "error" ? (result.error?.[""] ?? null) : null} />
      {!waiting ? <p className="card text-slate-700">{t("candidates.notWaiting")}</p> : null}
      {waiting && candidates.length === 0 ? (
        <section className="card space-y-2" aria-labelledby="why-none">
          <h2 id="why-none" className="text-lg font-semibold">
            {t("candidates.none")}
          </h2>
          <ExplanationList lines={reasons} compact />
        </section>
      ) : null}
      <ol className="space-y-4">
        {candidates.map((c, rank) => (
          <li key={c.volunteerUserId} className="card space-y-3">
            <div className="flex flex-wrap items-center justify-between gap-3">
              <h2 className="text-lg font-semibold">
                {rank + 1}. {c.firstName} {c.lastName}
              </h2>
              <span className="rounded-full bg-brand-600 px-3 py-1 font-bold text-white">{t("coordinator.score", { score: format.number(Math.round(c.score * 100)) })}</span>
            </div>
            <ExplanationList lines={c.explanation} />
            <Form method="post">
              <input type="hidden" name="volunteerUserId" value={c.volunteerUserId} />
              <SubmitButton className="btn-primary">{t("candidates.pick")}</SubmitButton>
            </Form>
          </li>
        ))}
      </ol>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
