import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { WaveIcon } from "~/components/icons";
import { FormAlert, SubmitButton } from "~/components/forms";
import { pageMeta } from "~/i18n/meta";
import { findChildLink, redeemChildLink } from "~/modules/auth/child-links.server";
import { childPinSchema } from "~/modules/auth/schemas";
import { formErrorResponse, getCtx } from "~/modules/core/request.server";

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "childSignIn.title");

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const ctx = await getCtx(request, context);
  const link = findChildLink(ctx, params.token ?? "");
  if (!link) throw json({ messageKey: "errors.childLink.invalid" }, { status: 404 });
  return json({ firstName: link.firstName, needsPin: link.needsPin });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const ctx = await getCtx(request, context);
  const formData = await request.formData();
  const link = findChildLink(ctx, params.token ?? "");
  if (!link) throw json({ messageKey: "errors.childLink.invalid" }, { status: 404 });
  let pin: string | null = null;
  if (link.needsPin) {
    const submission = parseWithZod(formData, { schema: childPinSchema });
    if (submission.status !== "success") return json(submission.reply({ hideFields: ["pin"] }), { status: 400 });
    pin = submission.value.pin;
  }
  try {
    const userId = await redeemChildLink({ ctx, token: params.token ?? "", pin });
    const session = await ctx.services.sessions.getSession(request.headers.get("Cookie"));
    return redirect("/child", { headers: { "Set-Cookie": await ctx.services.sessions.rotate(session, userId) } });
  } catch (error) {
    return formErrorResponse(error, (options) => ({ status: "error" as const, error: { "": options.formErrors } }));
  }
}

export default function ChildSignIn() {
  const { t } = useTranslation();
  const { firstName, needsPin } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = result && "error" in result && result.error ? Object.values(result.error).flat().filter((e): e is string => typeof e === "string") : null;
  return (
    <div className="mx-auto max-w-sm text-center">
      <div className="card space-y-6 py-8">
        <WaveIcon className="mx-auto h-20 w-20" />
        <h1 className="text-3xl font-bold text-slate-900">{t("childSignIn.hello", { name: firstName })}</h1>
        <Form method="post" className="space-y-5">
          <FormAlert errors={errors} />
          {needsPin ? (
            <div>
              <label htmlFor="pin" className="mb-2 block text-lg font-semibold">
                {t("childSignIn.pinLabel")}
              </label>
              <input
                id="pin"
                name="pin"
                inputMode="numeric"
                pattern="[0-9]*"
                autoComplete="one-time-code"
                maxLength={4}
                className="input mx-auto max-w-[12rem] text-center text-3xl tracking-[0.5em]"
                aria-invalid={errors?.length ? true : undefined}
              />
            </div>
          ) : null}
          <SubmitButton className="btn-primary min-h-16 w-full text-xl">{t("childSignIn.enter")}</SubmitButton>
        </Form>
      </div>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
