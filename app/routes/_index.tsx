import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { pageMeta } from "~/i18n/meta";
import { getCtx } from "~/modules/core/request.server";

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "home.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await getCtx(request, context);
  return json({ signedIn: ctx.user !== null });
}

const audiences = ["volunteers", "families", "professionals"] as const;

export default function Home() {
  const { signedIn } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="space-y-10">
      <section className="rounded-3xl bg-brand-700 px-6 py-10 text-white sm:px-10 sm:py-14">
        <h1 className="max-w-2xl text-3xl font-bold leading-tight sm:text-4xl">{t("home.heading")}</h1>
        <p className="mt-4 max-w-2xl text-lg text-brand-50">{t("home.lead")}</p>
        <div className="mt-8 flex flex-col gap-3 sm:flex-row">
          {signedIn ? (
            <Link to="/dashboard" className="btn bg-white text-brand-900 hover:bg-brand-50">
              {t("home.toDashboard")}
            </Link>
          ) : (
            <>
              <Link to="/sign-up" className="btn bg-sun-400 text-slate-900 hover:bg-sun-100">
                {t("home.becomeVolunteer")}
              </Link>
              <Link to="/sign-in" className="btn border border-white/70 text-white hover:bg-brand-900">
                {t("auth.signIn")}
              </Link>
            </>
          )}
        </div>
      </section>
      <section aria-labelledby="audiences-title">
        <h2 id="audiences-title" className="text-2xl font-bold text-slate-900">
          {t("home.howTitle")}
        </h2>
        <ul className="mt-4 grid gap-4 sm:grid-cols-3">
          {audiences.map((audience) => (
            <li key={audience} className="card">
              <h3 className="text-lg font-semibold text-brand-900">{t(`home.${audience}.title`)}</h3>
              <p className="mt-2 text-slate-700">{t(`home.${audience}.text`)}</p>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
