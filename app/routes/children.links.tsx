import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { FormAlert, SubmitButton } from "~/components/forms";
import { intlLocale } from "~/i18n/i18n";
import { pageMeta } from "~/i18n/meta";
import { issueChildLink, listChildLinks, revokeChildLink } from "~/modules/auth/child-links.server";
import { issueChildLinkSchema, revokeChildLinkSchema } from "~/modules/auth/schemas";
import { formErrorResponse, requireUserCtx, rethrowAsResponse } from "~/modules/core/request.server";
import { redirectWithToast } from "~/modules/core/toast.server";

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "childLinks.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await requireUserCtx(request, context);
  try {
    return json({ children: listChildLinks({ ctx }), locale: ctx.locale });
  } catch (error) {
    rethrowAsResponse(error);
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const ctx = await requireUserCtx(request, context);
  const formData = await request.formData();
  if (formData.get("intent") === "revoke") {
    const submission = parseWithZod(formData, { schema: revokeChildLinkSchema });
    if (submission.status !== "success") return json({ result: submission.reply(), issued: null, childUserId: null }, { status: 400 });
    try {
      revokeChildLink({ ctx, linkId: submission.value.linkId });
      return redirectWithToast("/children/links", "childLinks.revoked");
    } catch (error) {
      return formErrorResponse(error, (o) => ({ result: submission.reply(o), issued: null, childUserId: null }));
    }
  }
  const submission = parseWithZod(formData, { schema: issueChildLinkSchema });
  const childUserId = String(formData.get("childUserId") ?? "");
  if (submission.status !== "success") return json({ result: submission.reply(), issued: null, childUserId }, { status: 400 });
  try {
    const issued = await issueChildLink({ ctx, input: submission.value });
    return json({ result: submission.reply({ resetForm: true }), issued: { url: issued.url, withPin: Boolean(submission.value.pin) }, childUserId });
  } catch (error) {
    return formErrorResponse(error, (o) => ({ result: submission.reply(o), issued: null, childUserId }));
  }
}

export default function ChildLinks() {
  const { t } = useTranslation();
  const { children, locale } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const date = new Intl.DateTimeFormat(intlLocale[locale], { dateStyle: "medium" });
  const errorsFor = (childId: string) => {
    if (!data || data.childUserId !== childId || data.result.status !== "error") return null;
    return [...(data.result.error?.[""] ?? []), ...(data.result.error?.pin ?? []), ...(data.result.error?.days ?? [])];
  };
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-3xl font-bold text-slate-900">{t("childLinks.title")}</h1>
        <p className="mt-2 max-w-2xl text-slate-700">{t("childLinks.lead")}</p>
      </div>
      {children.length === 0 ? <p className="card text-slate-700">{t("childLinks.none")}</p> : null}
      <ul className="space-y-4">
        {children.map((child) => (
          <li key={child.id} className="card space-y-4">
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <h2 className="text-xl font-semibold">
                {child.firstName} {child.lastName}
              </h2>
              <p className="text-sm text-slate-700">
                {child.activeLink
                  ? t(child.activeLink.hasPin ? "childLinks.activeWithPin" : "childLinks.active", { date: date.format(new Date(child.activeLink.expiresAt)) })
                  : t("childLinks.noLink")}
              </p>
            </div>
            {data?.issued && data.childUserId === child.id ? (
              <div role="status" className="rounded-xl border border-brand-100 bg-brand-50 p-4">
                <p className="font-semibold text-brand-900">{t("childLinks.issued")}</p>
                <p className="mt-2 break-all font-mono text-sm" data-testid="issued-link">
                  {data.issued.url}
                </p>
                <p className="mt-2 text-sm text-slate-700">{t(data.issued.withPin ? "childLinks.shareWithPin" : "childLinks.share")}</p>
              </div>
            ) : null}
            {/* Keyed by the issued link so the PIN field is emptied once a link is created. */}
            <Form key={data?.issued?.url ?? "issue"} method="post" className="grid gap-3 sm:grid-cols-[1fr_1fr_auto] sm:items-end">
              <FormAlert errors={errorsFor(child.id)} />
              <input type="hidden" name="childUserId" value={child.id} />
              <div>
                <label htmlFor={`pin-${child.id}`} className="mb-1 block font-medium">
                  {t("childLinks.pinLabel")}
                </label>
                <input id={`pin-${child.id}`} name="pin" inputMode="numeric" autoComplete="off" maxLength={4} className="input" placeholder="1234" />
              </div>
              <div>
                <label htmlFor={`days-${child.id}`} className="mb-1 block font-medium">
                  {t("childLinks.validFor")}
                </label>
                <select id={`days-${child.id}`} name="days" defaultValue="90" className="input">
                  {[30, 90, 180, 365].map((days) => (
                    <option key={days} value={days}>
                      {t("childLinks.days", { count: days })}
                    </option>
                  ))}
                </select>
              </div>
              <SubmitButton className="btn-primary" name="intent" value="issue">
                {child.activeLink ? t("childLinks.reissue") : t("childLinks.issue")}
              </SubmitButton>
            </Form>
            {child.activeLink ? (
              <Form method="post">
                <input type="hidden" name="linkId" value={child.activeLink.id} />
                <SubmitButton className="btn-danger" name="intent" value="revoke">
                  {t("childLinks.revoke")}
                </SubmitButton>
              </Form>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
