import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { pageMeta } from "~/i18n/meta";
import { coordinationOverview } from "~/modules/coordination/overview.server";
import { requireUserCtx, rethrowAsResponse } from "~/modules/core/request.server";

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "coordination.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await requireUserCtx(request, context);
  try {
    return json({ organizations: coordinationOverview({ ctx }) });
  } catch (error) {
    rethrowAsResponse(error);
  }
}

const countedRoles = ["volunteer", "child", "guardian", "professional", "coordinator"] as const;

export default function Coordination() {
  const { t } = useTranslation();
  const { organizations } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <h1 className="text-3xl font-bold text-slate-900">{t("coordination.title")}</h1>
      {organizations.map((org) => (
        <section key={org.id} className="card space-y-4" aria-labelledby={`org-${org.id}`}>
          <h2 id={`org-${org.id}`} className="text-xl font-semibold">
            {org.name}
          </h2>
          <dl className="grid grid-cols-2 gap-3 sm:grid-cols-5">
            {countedRoles.map((role) => (
              <div key={role} className="rounded-xl bg-brand-50 p-3">
                <dt className="text-sm text-slate-700">{t(`rolesPlural.${role}`)}</dt>
                <dd className="text-2xl font-bold text-brand-900">{org.counts[role] ?? 0}</dd>
              </div>
            ))}
          </dl>
          <div>
            <h3 className="font-semibold">{t("coordination.programs")}</h3>
            <ul className="mt-2 space-y-1">
              {org.programs.map((program) => (
                <li key={program.id} className="text-slate-800">
                  {program.name} <span className="text-sm text-slate-600">· {t(`programKinds.${program.kind}`)}</span>
                </li>
              ))}
            </ul>
          </div>
        </section>
      ))}
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
