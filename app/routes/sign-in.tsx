import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { Field, FormAlert, SubmitButton } from "~/components/forms";
import { pageMeta } from "~/i18n/meta";
import { safeRedirect, signInSchema } from "~/modules/auth/schemas";
import { authenticate } from "~/modules/auth/sign-in.server";
import { formErrorResponse, getCtx } from "~/modules/core/request.server";

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "auth.signInTitle");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await getCtx(request, context);
  if (ctx.user) throw redirect("/dashboard");
  return json({});
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: signInSchema });
  if (submission.status !== "success") return json(submission.reply({ hideFields: ["password"] }), { status: 400 });
  const ctx = await getCtx(request, context);
  try {
    const userId = await authenticate({ ctx, input: submission.value, ip: context.clientIp });
    const session = await ctx.services.sessions.getSession(request.headers.get("Cookie"));
    const cookie = await ctx.services.sessions.rotate(session, userId);
    return redirect(safeRedirect(submission.value.redirectTo), { headers: { "Set-Cookie": cookie } });
  } catch (error) {
    return formErrorResponse(error, (options) => submission.reply({ ...options, hideFields: ["password"] }));
  }
}

export default function SignIn() {
  const { t } = useTranslation();
  const lastResult = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const [form, fields] = useForm({
    id: "sign-in",
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: signInSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  return (
    <div className="mx-auto max-w-md">
      <div className="card">
        <h1 className="text-2xl font-bold text-slate-900">{t("auth.signInTitle")}</h1>
        <p className="mt-1 text-slate-700">{t("auth.signInLead")}</p>
        <Form method="post" {...getFormProps(form)} className="mt-6 space-y-4">
          <FormAlert id={form.errorId} errors={form.errors} />
          <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
          <Field
            label={t("fields.email")}
            inputProps={{ ...getInputProps(fields.email, { type: "email" }), autoComplete: "email" }}
            errors={fields.email.errors}
            errorId={fields.email.errorId}
          />
          <Field
            label={t("fields.password")}
            inputProps={{ ...getInputProps(fields.password, { type: "password" }), autoComplete: "current-password" }}
            errors={fields.password.errors}
            errorId={fields.password.errorId}
          />
          <SubmitButton>{t("auth.signIn")}</SubmitButton>
        </Form>
        <div className="mt-6 space-y-2 text-sm">
          <p>
            <Link to="/forgot-password" className="link">
              {t("auth.forgotPassword")}
            </Link>
          </p>
          <p>
            {t("auth.noAccount")}{" "}
            <Link to="/sign-up" className="link">
              {t("auth.signUp")}
            </Link>
          </p>
        </div>
      </div>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
