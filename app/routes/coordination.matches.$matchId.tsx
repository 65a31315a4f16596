import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { useFormat } from "~/components/format";
import { pageMeta } from "~/i18n/meta";
import { requireUserCtx, rethrowAsResponse } from "~/modules/core/request.server";
import { matchHistory } from "~/modules/matching/workflow.server";

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "matches:history.title");

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const ctx = await requireUserCtx(request, context);
  try {
    return json({ events: matchHistory({ ctx, matchId: params.matchId ?? "" }) });
  } catch (error) {
    rethrowAsResponse(error);
  }
}

export default function MatchHistory() {
  const { t } = useTranslation("matches");
  const format = useFormat();
  const { events } = useLoaderData<typeof loader>();
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <p>
        <Link to="/coordination/matches" className="link">
          ← {t("coordinator.title")}
        </Link>
      </p>
      <h1 className="text-3xl font-bold text-slate-900">{t("history.title")}</h1>
      <ol className="card space-y-2">
        {events.map((e) => (
          <li key={e.id}>
            <span className="text-sm text-slate-600">{format.dateTime(e.createdAt)}</span> · {t(`event.${e.action}`)}
            {e.reason ? ` — ${e.reason}` : ""}
          </li>
        ))}
      </ol>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
