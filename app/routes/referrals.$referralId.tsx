import { getFormProps, getTextareaProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { StatusBadge, TextAreaField, dateFormatter } from "~/components/child-fields";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { FormAlert, SubmitButton } from "~/components/forms";
import { pageMeta } from "~/i18n/meta";
import { getMyReferral, replyToInfoRequest } from "~/modules/children/my-referrals.server";
import { infoReplySchema } from "~/modules/children/schemas";
import { formErrorResponse, requireUserCtx, rethrowAsResponse } from "~/modules/core/request.server";
import { redirectWithToast } from "~/modules/core/toast.server";

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "children:referral.title");

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const ctx = await requireUserCtx(request, context);
  try {
    return json({ referral: getMyReferral({ ctx, referralId: params.referralId ?? "" }), locale: ctx.locale });
  } catch (error) {
    rethrowAsResponse(error);
  }
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const ctx = await requireUserCtx(request, context);
  const submission = parseWithZod(await request.formData(), { schema: infoReplySchema });
  if (submission.status !== "success") return json(submission.reply(), { status: 400 });
  try {
    replyToInfoRequest({ ctx, referralId: params.referralId ?? "", input: submission.value });
  } catch (error) {
    return formErrorResponse(error, (options) => submission.reply(options));
  }
  return redirectWithToast(`/referrals/${params.referralId}`, "children:referral.replySent");
}

export default function ReferralStatus() {
  const { t } = useTranslation("children");
  const { referral, locale } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "info-reply",
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: infoReplySchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const date = dateFormatter(locale);
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <Link to="/referrals" className="link">
        ← {t("referral.back")}
      </Link>
      <div className="card space-y-3">
        <p className="text-sm text-slate-700">{t("referral.title")}</p>
        <h1 className="text-3xl font-bold text-slate-900">
          {referral.firstName} {referral.lastName}
        </h1>
        <p className="text-slate-700">
          {referral.programName} · {t("referrals.submittedOn", { date: date(new Date(referral.createdAt)) })}
        </p>
        <div className="flex flex-wrap items-center gap-2">
          <span className="font-medium">{t("referral.status")}:</span>
          <StatusBadge kind="referral" status={referral.status} />
        </div>
        <p className="text-slate-700">{t(`referral.explain.${referral.status}`)}</p>
      </div>
      {referral.status === "declined" && referral.declineReason ? (
        <section className="card" aria-labelledby="decline-title">
          <h2 id="decline-title" className="text-lg font-semibold">
            {t("referral.declineReason")}
          </h2>
          <p className="mt-2 whitespace-pre-line text-slate-800">{referral.declineReason}</p>
        </section>
      ) : null}
      {referral.infoRequest && referral.status === "info_requested" ? (
        <section className="card space-y-4" aria-labelledby="question-title">
          <h2 id="question-title" className="text-lg font-semibold">
            {t("referral.question")}
          </h2>
          <p className="whitespace-pre-line rounded-lg bg-amber-50 p-3 text-slate-900">{referral.infoRequest}</p>
          <Form method="post" {...getFormProps(form)} className="space-y-4">
            <FormAlert id={form.errorId} errors={form.errors} />
            <TextAreaField label={t("referral.replyLabel")} textareaProps={{ ...getTextareaProps(fields.reply), rows: 5 }} errors={fields.reply.errors} errorId={fields.reply.errorId} />
            <SubmitButton className="btn-primary">{t("referral.sendReply")}</SubmitButton>
          </Form>
        </section>
      ) : null}
      {referral.infoReply && referral.status === "submitted" ? (
        <section className="card" aria-labelledby="reply-title">
          <h2 id="reply-title" className="text-lg font-semibold">
            {t("referral.yourReply")}
          </h2>
          <p className="mt-2 whitespace-pre-line text-slate-800">{referral.infoReply}</p>
        </section>
      ) : null}
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
