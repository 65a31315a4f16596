import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { StatusBadge, dateFormatter } from "~/components/child-fields";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { pageMeta } from "~/i18n/meta";
import { listMyReferrals } from "~/modules/children/my-referrals.server";
import { requireUserCtx, rethrowAsResponse } from "~/modules/core/request.server";

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "children:referrals.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await requireUserCtx(request, context);
  try {
    return json({ referrals: listMyReferrals({ ctx }), locale: ctx.locale });
  } catch (error) {
    rethrowAsResponse(error);
  }
}

/** A referrer's own referrals and their status: nothing about lessons, nothing about other children. */
export default function MyReferrals() {
  const { t } = useTranslation("children");
  const { referrals, locale } = useLoaderData<typeof loader>();
  const date = dateFormatter(locale);
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-3xl font-bold text-slate-900">{t("referrals.title")}</h1>
          <p className="mt-2 max-w-2xl text-slate-700">{t("referrals.lead")}</p>
        </div>
        <Link to="/referrals/new" className="btn-primary">
          {t("referrals.new")}
        </Link>
      </div>
      {referrals.length === 0 ? <p className="card text-slate-700">{t("referrals.empty")}</p> : null}
      <ul className="space-y-3">
        {referrals.map((referral) => (
          <li key={referral.id} className="card flex flex-wrap items-center justify-between gap-3">
            <div>
              <h2 className="text-lg font-semibold">
                <Link to={`/referrals/${referral.id}`} className="link">
                  {referral.firstName} {referral.lastName}
                </Link>
              </h2>
              <p className="text-sm text-slate-700">
                {referral.programName} · {t("referrals.submittedOn", { date: date(new Date(referral.createdAt)) })}
              </p>
            </div>
            <StatusBadge kind="referral" status={referral.status} />
          </li>
        ))}
      </ul>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
