import { getFormProps, getInputProps, getSelectProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { ErrorList, Field, FormAlert, SubmitButton } from "~/components/forms";
import { pageMeta } from "~/i18n/meta";
import { listOrganizations } from "~/modules/accounts/list-organizations.server";
import { signUpSchema } from "~/modules/auth/schemas";
import { signUpVolunteer } from "~/modules/auth/sign-up.server";
import { formErrorResponse, getCtx } from "~/modules/core/request.server";

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "auth.signUpTitle");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await getCtx(request, context);
  if (ctx.user) throw redirect("/dashboard");
  return json({ organizations: listOrganizations({ ctx }) });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: signUpSchema });
  const hideFields = ["password", "passwordConfirm"];
  if (submission.status !== "success") return json(submission.reply({ hideFields }), { status: 400 });
  const ctx = await getCtx(request, context);
  try {
    const userId = await signUpVolunteer({ ctx, input: submission.value });
    const session = await ctx.services.sessions.getSession(request.headers.get("Cookie"));
    return redirect("/dashboard?welcome=1", { headers: { "Set-Cookie": await ctx.services.sessions.rotate(session, userId) } });
  } catch (error) {
    return formErrorResponse(error, (options) => submission.reply({ ...options, hideFields }));
  }
}

export default function SignUp() {
  const { t } = useTranslation();
  const { organizations } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "sign-up",
    lastResult,
    defaultValue: { organizationId: organizations.length === 1 ? organizations[0]!.id : "" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: signUpSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const field = (name: "firstName" | "lastName" | "email" | "password" | "passwordConfirm", type: "text" | "email" | "password", autoComplete: string, hint?: string) => (
    <Field
      label={t(`fields.${name}`)}
      hint={hint}
      inputProps={{ ...getInputProps(fields[name], { type }), autoComplete }}
      errors={fields[name].errors}
      errorId={fields[name].errorId}
    />
  );
  return (
    <div className="mx-auto max-w-lg">
      <div className="card">
        <h1 className="text-2xl font-bold text-slate-900">{t("auth.signUpTitle")}</h1>
        <p className="mt-1 text-slate-700">{t("auth.signUpLead")}</p>
        <Form method="post" {...getFormProps(form)} className="mt-6 space-y-4">
          <FormAlert id={form.errorId} errors={form.errors} />
          <div className="grid gap-4 sm:grid-cols-2">
            {field("firstName", "text", "given-name")}
            {field("lastName", "text", "family-name")}
          </div>
          {field("email", "email", "email")}
          {field("password", "password", "new-password", t("auth.passwordHint"))}
          {field("passwordConfirm", "password", "new-password")}
          <div>
            <label htmlFor={fields.organizationId.id} className="mb-1 block font-medium text-slate-800">
              {t("fields.organization")}
            </label>
            <select {...getSelectProps(fields.organizationId)} className="input" aria-describedby={fields.organizationId.errors ? fields.organizationId.errorId : undefined}>
              <option value="">{t("auth.chooseOrganization")}</option>
              {organizations.map((org) => (
                <option key={org.id} value={org.id}>
                  {org.name}
                </option>
              ))}
            </select>
            <ErrorList id={fields.organizationId.errorId} errors={fields.organizationId.errors} />
          </div>
          <div>
            <div className="flex items-start gap-3">
              <input {...getInputProps(fields.acceptPrivacy, { type: "checkbox" })} className="mt-1 h-5 w-5 accent-brand-700" aria-describedby={fields.acceptPrivacy.errors ? fields.acceptPrivacy.errorId : undefined} />
              <label htmlFor={fields.acceptPrivacy.id} className="text-slate-800">
                {t("auth.acceptPrivacy")}
              </label>
            </div>
            <ErrorList id={fields.acceptPrivacy.errorId} errors={fields.acceptPrivacy.errors} />
          </div>
          <SubmitButton>{t("auth.createAccount")}</SubmitButton>
        </Form>
        <p className="mt-6 text-sm">
          {t("auth.haveAccount")}{" "}
          <Link to="/sign-in" className="link">
            {t("auth.signIn")}
          </Link>
        </p>
      </div>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
