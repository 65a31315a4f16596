import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { ExplanationList } from "~/components/explanation";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { ErrorList, FormAlert, SubmitButton } from "~/components/forms";
import { pageMeta } from "~/i18n/meta";
import { gradeLabel } from "~/modules/core/catalog";
import { formErrorResponse, requireUserCtx, rethrowAsResponse } from "~/modules/core/request.server";
import { redirectWithToast } from "~/modules/core/toast.server";
import { listOffers, respondToMatch } from "~/modules/matching/workflow.server";

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "matches:offers.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await requireUserCtx(request, context);
  try {
    return json({ offers: listOffers({ ctx }) });
  } catch (error) {
    rethrowAsResponse(error);
  }
}

const answerSchema = z.discriminatedUnion("answer", [
  z.object({ answer: z.literal("accept"), matchId: z.string().min(1) }),
  z.object({
    answer: z.literal("decline"),
    matchId: z.string().min(1),
    reason: z.string({ required_error: "matches:errors.reasonRequired" }).trim().min(3, "matches:errors.reasonRequired").max(1000, "matches:errors.reasonTooLong"),
  }),
]);

export async function action({ request, context }: ActionFunctionArgs) {
  const ctx = await requireUserCtx(request, context);
  const formData = await request.formData();
  const matchId = String(formData.get("matchId") ?? "");
  const submission = parseWithZod(formData, { schema: answerSchema });
  if (submission.status !== "success") return json({ matchId, result: submission.reply() }, { status: 400 });
  try {
    const input = submission.value;
    const status = await respondToMatch({ ctx, matchId: input.matchId, accept: input.answer === "accept", reason: input.answer === "decline" ? input.reason : null });
    return redirectWithToast("/matches", status === "active" ? "matches:offers.activeToast" : input.answer === "accept" ? "matches:offers.acceptedToast" : "matches:offers.declinedToast");
  } catch (error) {
    return formErrorResponse(error, (options) => ({ matchId, result: submission.reply(options) }));
  }
}

export default function Offers() {
  const { t } = useTranslation("matches");
  const { t: tc } = useTranslation();
  const { offers } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const errorsFor = (matchId: string, field: string) =>
    data?.matchId === matchId && data.result.status === "error" ? ((data.result.error as Record<string, string[] | null> | undefined)?.[field] ?? undefined) : undefined;
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <h1 className="text-3xl font-bold text-slate-900">{t("offers.title")}</h1>
      {offers.length === 0 ? <p className="card text-slate-700">{t("offers.none")}</p> : null}
      {offers.map((offer) => {
        const grade = gradeLabel(offer.child.grade);
        const heading = offer.side === "volunteer" ? t("offers.volunteerHeading", { child: offer.child.firstName, grade: tc(grade.key, grade.params) }) : t("offers.guardianHeading", { child: offer.child.firstName, volunteer: `${offer.volunteer.firstName} ${offer.volunteer.lastName}` });
        return (
          <article key={offer.id} className="card space-y-4" aria-label={heading}>
            <div className="flex flex-wrap items-start justify-between gap-3">
              <h2 className="text-xl font-semibold">{heading}</h2>
              <span className="rounded-full bg-brand-100 px-3 py-1 text-sm font-semibold text-brand-900">{t(offer.status === "active" ? "status.active" : `response.${offer.myResponse}`)}</span>
            </div>
            <p className="text-slate-700">{t(offer.side === "volunteer" ? "offers.volunteerLead" : "offers.guardianLead")}</p>
            <ExplanationList lines={offer.explanation} />
            {offer.status === "approved" && offer.myResponse === "pending" ? (
              <div className="flex flex-wrap items-end gap-3 border-t border-slate-200 pt-4">
                <Form method="post">
                  <input type="hidden" name="matchId" value={offer.id} />
                  <SubmitButton className="btn-primary" name="answer" value="accept">
                    {t("offers.accept")}
                  </SubmitButton>
                </Form>
                <Form method="post" className="flex flex-1 flex-wrap items-end gap-2">
                  <input type="hidden" name="matchId" value={offer.id} />
                  <div className="min-w-[12rem] flex-1">
                    <label htmlFor={`decline-${offer.id}`} className="mb-1 block text-sm font-medium">
                      {t("offers.declineReason")}
                    </label>
                    <input id={`decline-${offer.id}`} name="reason" className="input" aria-invalid={errorsFor(offer.id, "reason") ? true : undefined} aria-describedby={errorsFor(offer.id, "reason") ? `decline-${offer.id}-error` : undefined} />
                    <ErrorList id={`decline-${offer.id}-error`} errors={errorsFor(offer.id, "reason")} />
                  </div>
                  <SubmitButton className="btn-danger" name="answer" value="decline">
                    {t("offers.decline")}
                  </SubmitButton>
                </Form>
                <FormAlert errors={errorsFor(offer.id, "")} />
              </div>
            ) : null}
          </article>
        );
      })}
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
