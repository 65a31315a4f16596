import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** Every route re-exports this: a calm, localised page instead of a stack trace. */
export function RouteErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const kind = status === 404 ? "notFound" : status === 403 ? "forbidden" : "unexpected";
  // A refusal from a domain verb says what was refused ("this lesson does not exist or you have no access").
  const messageKey = isRouteErrorResponse(error) && typeof error.data?.messageKey === "string" ? (error.data.messageKey as string) : null;
  const text = t(`errorPage.${kind}.text`);
  return (
    <section className="mx-auto max-w-xl py-10 text-center" aria-labelledby="error-title">
      <p className="text-5xl font-bold text-brand-600" aria-hidden="true">
        {status}
      </p>
      <h1 id="error-title" className="mt-4 text-2xl font-bold text-slate-900">
        {t(`errorPage.${kind}.title`)}
      </h1>
      <p className="mt-2 text-slate-700">{messageKey ? t(messageKey, { defaultValue: text }) : text}</p>
      <Link to="/" className="btn-primary mt-6">
        {t("errorPage.home")}
      </Link>
    </section>
  );
}
