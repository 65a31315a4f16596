import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { SubmitButton } from "~/components/forms";
import { BookIcon } from "~/components/icons";
import { pageMeta } from "~/i18n/meta";
import { requirePermission } from "~/modules/auth/permissions";
import { requestHelp } from "~/modules/children/help.server";
import { requireUserCtx, rethrowAsResponse } from "~/modules/core/request.server";

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "childHome.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user } = await requireUserCtx(request, context);
  try {
    requirePermission(user, "view:child-home:own");
  } catch (error) {
    rethrowAsResponse(error);
  }
  return json({ firstName: user.firstName });
}

/** The "call for help" button: every coordinator of the child's organisation is notified. */
export async function action({ request, context }: ActionFunctionArgs) {
  const ctx = await requireUserCtx(request, context);
  try {
    const { repeated } = requestHelp({ ctx });
    return json({ helpSent: true, repeated });
  } catch (error) {
    rethrowAsResponse(error);
  }
}

/** The child's own page: big, friendly, little to read. Lessons arrive with the lessons feature. */
export default function ChildHome() {
  const { t } = useTranslation();
  const { t: tc } = useTranslation("children");
  const { firstName } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="mx-auto max-w-md space-y-5 text-center">
      <h1 className="text-4xl font-bold text-brand-900">{t("childHome.hello", { name: firstName })}</h1>
      <section className="card space-y-2 py-8" aria-labelledby="next-lesson">
        <BookIcon className="mx-auto h-20 w-20" />
        <h2 id="next-lesson" className="text-2xl font-semibold">
          {t("childHome.nextLesson")}
        </h2>
        <p className="text-lg text-slate-700">{t("childHome.noLessonYet")}</p>
      </section>
      <section className="card space-y-4 py-6" aria-labelledby="help-title">
        <h2 id="help-title" className="text-2xl font-semibold">
          {tc("childHelp.title")}
        </h2>
        <p className="text-lg text-slate-700">{tc("childHelp.text")}</p>
        {result?.helpSent ? (
          <p role="status" className="rounded-xl bg-brand-50 p-4 text-lg font-semibold text-brand-900">
            {tc("childHelp.sent")}
          </p>
        ) : (
          <Form method="post">
            <SubmitButton className="btn min-h-16 w-full bg-amber-400 text-xl text-slate-900 hover:bg-amber-300">{tc("childHelp.button")}</SubmitButton>
          </Form>
        )}
      </section>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
