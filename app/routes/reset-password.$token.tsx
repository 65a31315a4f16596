import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { Field, FormAlert, SubmitButton } from "~/components/forms";
import { pageMeta } from "~/i18n/meta";
import { isResetTokenUsable, resetPassword } from "~/modules/auth/password-reset.server";
import { resetPasswordSchema } from "~/modules/auth/schemas";
import { formErrorResponse, getCtx } from "~/modules/core/request.server";
import { redirectWithToast } from "~/modules/core/toast.server";

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "auth.resetTitle");

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const ctx = await getCtx(request, context);
  return json({ usable: isResetTokenUsable(ctx, params.token ?? "") });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: resetPasswordSchema });
  const hideFields = ["password", "passwordConfirm"];
  if (submission.status !== "success") return json(submission.reply({ hideFields }), { status: 400 });
  const ctx = await getCtx(request, context);
  try {
    await resetPassword({ ctx, token: params.token ?? "", input: submission.value });
  } catch (error) {
    return formErrorResponse(error, (options) => submission.reply({ ...options, hideFields }));
  }
  return redirectWithToast("/sign-in", "auth.passwordChanged");
}

export default function ResetPassword() {
  const { t } = useTranslation();
  const { usable } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "reset-password",
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: resetPasswordSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  return (
    <div className="mx-auto max-w-md">
      <div className="card">
        <h1 className="text-2xl font-bold text-slate-900">{t("auth.resetTitle")}</h1>
        {usable ? (
          <Form method="post" {...getFormProps(form)} className="mt-6 space-y-4">
            <FormAlert id={form.errorId} errors={form.errors} />
            <Field
              label={t("fields.newPassword")}
              hint={t("auth.passwordHint")}
              inputProps={{ ...getInputProps(fields.password, { type: "password" }), autoComplete: "new-password" }}
              errors={fields.password.errors}
              errorId={fields.password.errorId}
            />
            <Field
              label={t("fields.passwordConfirm")}
              inputProps={{ ...getInputProps(fields.passwordConfirm, { type: "password" }), autoComplete: "new-password" }}
              errors={fields.passwordConfirm.errors}
              errorId={fields.passwordConfirm.errorId}
            />
            <SubmitButton>{t("auth.setPassword")}</SubmitButton>
          </Form>
        ) : (
          <div className="mt-4 space-y-4">
            <p role="alert" className="rounded-lg border border-red-300 bg-red-50 p-3 text-red-900">
              {t("errors.reset.expired")}
            </p>
            <Link to="/forgot-password" className="btn-primary w-full">
              {t("auth.sendResetLink")}
            </Link>
          </div>
        )}
      </div>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
