import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { SubmitButton } from "~/components/forms";
import { useFormat } from "~/components/format";
import { BookIcon } from "~/components/icons";
import { pageMeta } from "~/i18n/meta";
import { requestHelp } from "~/modules/children/help.server";
import { childNextLesson } from "~/modules/lessons/calendar.server";
import { requireUserCtx, rethrowAsResponse } from "~/modules/core/request.server";

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "childHome.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await requireUserCtx(request, context);
  try {
    return json({ firstName: ctx.user.firstName, ...childNextLesson({ ctx }) });
  } catch (error) {
    rethrowAsResponse(error);
  }
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
  const { t: tl } = useTranslation("lessons");
  const format = useFormat();
  const { firstName, next, toRate } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="mx-auto max-w-md space-y-5 text-center">
      <h1 className="text-4xl font-bold text-brand-900">{t("childHome.hello", { name: firstName })}</h1>
      <section className="card space-y-2 py-8" aria-labelledby="next-lesson">
        <BookIcon className="mx-auto h-20 w-20" />
        <h2 id="next-lesson" className="text-2xl font-semibold">
          {t("childHome.nextLesson")}
        </h2>
        {next ? (
          <>
            <p className="text-lg text-slate-700">{tl("child.nextWith", { name: next.volunteerFirstName, when: format.dateTime(next.scheduledStart) })}</p>
            {next.roomOpen ? (
              <Link to={`/lessons/${next.id}`} className="btn mx-auto mt-2 flex min-h-20 w-full items-center justify-center rounded-2xl bg-brand-700 text-2xl font-bold text-white hover:bg-brand-800">
                {tl("child.join")}
              </Link>
            ) : (
              <p className="text-base text-slate-600">{tl("child.opensSoon")}</p>
            )}
          </>
        ) : (
          <p className="text-lg text-slate-700">{t("childHome.noLessonYet")}</p>
        )}
      </section>
      {toRate ? (
        <section className="card space-y-3 py-6" aria-labelledby="rate-title">
          <h2 id="rate-title" className="text-2xl font-semibold">
            {tl("child.rateTitle", { name: toRate.volunteerFirstName })}
          </h2>
          <Link to={`/lessons/${toRate.id}`} className="btn-secondary min-h-14 w-full text-xl">
            {tl("child.rate")}
          </Link>
        </section>
      ) : null}
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
