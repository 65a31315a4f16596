import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { useFormat } from "~/components/format";
import { pageMeta } from "~/i18n/meta";
import { requireUserCtx, rethrowAsResponse } from "~/modules/core/request.server";
import { myLedger } from "~/modules/volunteers/hours.server";

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "volunteers:hours.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await requireUserCtx(request, context);
  try {
    return json({ ledger: myLedger({ ctx }) });
  } catch (error) {
    rethrowAsResponse(error);
  }
}

export default function Hours() {
  const { t } = useTranslation("volunteers");
  const format = useFormat();
  const { ledger } = useLoaderData<typeof loader>();
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-3xl font-bold text-slate-900">{t("hours.title")}</h1>
        {ledger && ledger.total > 0 ? (
          <a href="/volunteer/hours/certificate.pdf" className="btn-primary" download>
            {t("hours.certificate")}
          </a>
        ) : null}
      </div>
      {!ledger || ledger.entries.length === 0 ? <p className="card text-slate-700">{t("hours.empty")}</p> : null}
      {ledger && ledger.entries.length > 0 ? (
        <>
          <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
            <div className="rounded-xl bg-brand-700 p-4 text-white">
              <dt className="text-sm">{t("hours.total")}</dt>
              <dd className="text-2xl font-bold" data-testid="hours-total">
                {format.number(ledger.total)} h
              </dd>
            </div>
            {(["organisational", "content", "other"] as const).map((type) => (
              <div key={type} className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200">
                <dt className="text-sm text-slate-700">{t(`zprost.${type}`)}</dt>
                <dd className="text-2xl font-bold text-brand-900">{format.number(ledger.byType[type])} h</dd>
              </div>
            ))}
          </dl>
          <section className="card" aria-labelledby="by-month">
            <h2 id="by-month" className="text-lg font-semibold">
              {t("hours.byMonth")}
            </h2>
            <ul className="mt-2 divide-y divide-slate-200">
              {ledger.byMonth.map((m) => (
                <li key={m.month} className="flex justify-between py-2">
                  <span>{format.month(m.month)}</span>
                  <span className="font-semibold">{format.number(m.hours)} h</span>
                </li>
              ))}
            </ul>
          </section>
          <section className="card overflow-x-auto" aria-labelledby="ledger">
            <h2 id="ledger" className="text-lg font-semibold">
              {t("hours.ledger")}
            </h2>
            <table className="mt-3 w-full text-left text-sm">
              <thead>
                <tr className="border-b border-slate-200 text-slate-700">
                  <th scope="col" className="py-2 pr-3">{t("hours.date")}</th>
                  <th scope="col" className="py-2 pr-3">{t("hours.activity")}</th>
                  <th scope="col" className="py-2 pr-3">{t("hours.kind")}</th>
                  <th scope="col" className="py-2 text-right">{t("hours.hours")}</th>
                </tr>
              </thead>
              <tbody>
                {ledger.entries.map((e) => (
                  <tr key={e.id} className="border-b border-slate-100">
                    <td className="py-2 pr-3">{format.date(e.workedOn)}</td>
                    <td className="py-2 pr-3">{e.description}</td>
                    <td className="py-2 pr-3">{t(`hourKind.${e.kind}`)}</td>
                    <td className="py-2 text-right">{format.number(e.hours)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </>
      ) : null}
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
