import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { intlLocale } from "~/i18n/i18n";
import { pageMeta } from "~/i18n/meta";
import { listOutbox } from "~/modules/admin/list-outbox.server";
import { requireUserCtx, rethrowAsResponse } from "~/modules/core/request.server";

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "outbox.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await requireUserCtx(request, context);
  try {
    return json({ emails: listOutbox({ ctx }), locale: ctx.locale, smtp: ctx.services.mailTransport !== null });
  } catch (error) {
    rethrowAsResponse(error);
  }
}

export default function Outbox() {
  const { t } = useTranslation();
  const { emails, locale, smtp } = useLoaderData<typeof loader>();
  const format = new Intl.DateTimeFormat(intlLocale[locale], { dateStyle: "short", timeStyle: "short" });
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-3xl font-bold text-slate-900">{t("outbox.title")}</h1>
        <p className="mt-2 text-slate-700">{t(smtp ? "outbox.leadSmtp" : "outbox.leadStored")}</p>
      </div>
      {emails.length === 0 ? <p className="card">{t("outbox.empty")}</p> : null}
      <ul className="space-y-4">
        {emails.map((email) => (
          <li key={email.id} className="card">
            <article aria-labelledby={`mail-${email.id}`}>
              <h2 id={`mail-${email.id}`} className="text-lg font-semibold">
                {email.subject}
              </h2>
              <p className="text-sm text-slate-700">
                {t("outbox.to")}: {email.toAddress} · {format.format(new Date(email.createdAt))} · {t(`outbox.status.${email.status}`)}
              </p>
              <pre className="mt-3 whitespace-pre-wrap break-words rounded-lg bg-slate-50 p-3 font-sans text-sm text-slate-800">{email.textBody}</pre>
            </article>
          </li>
        ))}
      </ul>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
