import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { BookIcon } from "~/components/icons";
import { pageMeta } from "~/i18n/meta";
import { requirePermission } from "~/modules/auth/permissions";
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

/** The child's own page: big, friendly, little to read. Lessons arrive with the lessons feature. */
export default function ChildHome() {
  const { t } = useTranslation();
  const { firstName } = useLoaderData<typeof loader>();
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
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
