import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { Field, FormAlert, SubmitButton } from "~/components/forms";
import { pageMeta } from "~/i18n/meta";
import { requestPasswordReset } from "~/modules/auth/password-reset.server";
import { forgotPasswordSchema } from "~/modules/auth/schemas";
import { getCtx } from "~/modules/core/request.server";

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "auth.forgotTitle");

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: forgotPasswordSchema });
  if (submission.status !== "success") return json({ result: submission.reply(), sent: false }, { status: 400 });
  const ctx = await getCtx(request, context);
  await requestPasswordReset({ ctx, input: submission.value });
  // The same answer whether or not the account exists: nobody can probe which e-mails are registered.
  return json({ result: submission.reply({ resetForm: true }), sent: true });
}

export default function ForgotPassword() {
  const { t } = useTranslation();
  const data = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "forgot-password",
    lastResult: data?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: forgotPasswordSchema }),
    shouldValidate: "onSubmit",
  });
  return (
    <div className="mx-auto max-w-md">
      <div className="card">
        <h1 className="text-2xl font-bold text-slate-900">{t("auth.forgotTitle")}</h1>
        <p className="mt-1 text-slate-700">{t("auth.forgotLead")}</p>
        {data?.sent ? (
          <p role="status" className="mt-4 rounded-lg bg-brand-50 p-3 text-brand-900">
            {t("auth.forgotSent")}
          </p>
        ) : null}
        <Form method="post" {...getFormProps(form)} className="mt-6 space-y-4">
          <FormAlert id={form.errorId} errors={form.errors} />
          <Field
            label={t("fields.email")}
            inputProps={{ ...getInputProps(fields.email, { type: "email" }), autoComplete: "email" }}
            errors={fields.email.errors}
            errorId={fields.email.errorId}
          />
          <SubmitButton>{t("auth.sendResetLink")}</SubmitButton>
        </Form>
        <p className="mt-6 text-sm">
          <Link to="/sign-in" className="link">
            {t("auth.backToSignIn")}
          </Link>
        </p>
      </div>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
