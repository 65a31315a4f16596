import { getFormProps, getInputProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { Field, FormAlert, SubmitButton } from "~/components/forms";
import { pageMeta } from "~/i18n/meta";
import { acceptGuardianInvitation, findGuardianInvitation } from "~/modules/children/invitations.server";
import { acceptInvitationSchema } from "~/modules/children/schemas";
import { formErrorResponse, getCtx } from "~/modules/core/request.server";
import { redirectWithToast } from "~/modules/core/toast.server";

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "children:invitation.title");

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const ctx = await getCtx(request, context);
  const invitation = findGuardianInvitation(ctx, params.token ?? "");
  if (!invitation) throw json({ messageKey: "children:errors.invitation.invalid" }, { status: 404 });
  return json({ invitation, signedIn: ctx.user ? { firstName: ctx.user.firstName, lastName: ctx.user.lastName } : null });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const ctx = await getCtx(request, context);
  const token = params.token ?? "";
  const hideFields = ["password", "passwordConfirm"];
  if (ctx.user) {
    try {
      await acceptGuardianInvitation({ ctx, token, input: null });
    } catch (error) {
      return formErrorResponse(error, (options) => ({ status: "error" as const, error: { "": options.formErrors } }));
    }
    return redirectWithToast("/family", "children:invitation.accepted");
  }
  const submission = parseWithZod(await request.formData(), { schema: acceptInvitationSchema });
  if (submission.status !== "success") return json(submission.reply({ hideFields }), { status: 400 });
  try {
    const { userId } = await acceptGuardianInvitation({ ctx, token, input: submission.value });
    const session = await ctx.services.sessions.getSession(request.headers.get("Cookie"));
    return redirectWithToast("/family", "children:invitation.accepted", { "Set-Cookie": await ctx.services.sessions.rotate(session, userId) });
  } catch (error) {
    return formErrorResponse(error, (options) => submission.reply({ ...options, hideFields }));
  }
}

/** The guardian's invitation: create an account (or use the one you are signed in with), then give consent. */
export default function GuardianInvitation() {
  const { t } = useTranslation("children");
  const { t: tc } = useTranslation();
  const { invitation, signedIn } = useLoaderData<typeof loader>();
  const { token = "" } = useParams();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm<z.input<typeof acceptInvitationSchema>>({
    id: "invitation",
    lastResult: signedIn ? undefined : (lastResult as SubmissionResult<string[]> | undefined),
    defaultValue: invitation.guardian,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: acceptInvitationSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const signedInErrors = signedIn && lastResult && "error" in lastResult ? (Object.values(lastResult.error ?? {}).flat() as string[]) : null;
  const field = (name: "firstName" | "lastName" | "email" | "password" | "passwordConfirm", type: "text" | "email" | "password", autoComplete: string, hint?: string) => (
    <Field label={tc(`fields.${name}`)} hint={hint} inputProps={{ ...getInputProps(fields[name], { type }), autoComplete }} errors={fields[name].errors} errorId={fields[name].errorId} />
  );
  return (
    <div className="mx-auto max-w-lg space-y-6">
      <div className="card space-y-3">
        <h1 className="text-2xl font-bold text-slate-900">{t("invitation.title")}</h1>
        <p className="text-slate-800">{t("invitation.lead", { organization: invitation.organizationName, child: invitation.childFirstName })}</p>
        <ol className="list-decimal space-y-1 pl-5 text-slate-700">
          <li>{t("invitation.step1")}</li>
          <li>{t("invitation.step2")}</li>
          <li>{t("invitation.step3")}</li>
        </ol>
      </div>
      {signedIn ? (
        <div className="card space-y-4">
          <p>{t("invitation.signedInAs", { name: `${signedIn.firstName} ${signedIn.lastName}` })}</p>
          <Form method="post" className="space-y-4">
            <FormAlert errors={signedInErrors} />
            <SubmitButton>{t("invitation.accept")}</SubmitButton>
          </Form>
        </div>
      ) : (
        <div className="card">
          <h2 className="text-xl font-semibold">{t("invitation.createAccount")}</h2>
          <Form method="post" {...getFormProps(form)} className="mt-4 space-y-4">
            <FormAlert id={form.errorId} errors={form.errors} />
            <div className="grid gap-4 sm:grid-cols-2">
              {field("firstName", "text", "given-name")}
              {field("lastName", "text", "family-name")}
            </div>
            {field("email", "email", "email")}
            {field("password", "password", "new-password", tc("auth.passwordHint"))}
            {field("passwordConfirm", "password", "new-password")}
            <SubmitButton>{t("invitation.createAndAccept")}</SubmitButton>
          </Form>
          <p className="mt-6 text-sm">
            {t("invitation.haveAccount")}{" "}
            <Link to={`/sign-in?redirectTo=${encodeURIComponent(`/invitation/${encodeURIComponent(token)}`)}`} className="link">
              {tc("auth.signIn")}
            </Link>
          </p>
        </div>
      )}
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
