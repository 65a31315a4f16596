import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { StatusBadge, dateFormatter } from "~/components/child-fields";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { FormAlert, SubmitButton } from "~/components/forms";
import { pageMeta } from "~/i18n/meta";
import { giveConsent, withdrawConsent } from "~/modules/children/consents.server";
import { listFamily } from "~/modules/children/family.server";
import { consentSchema } from "~/modules/children/schemas";
import { formErrorResponse, requireUserCtx, rethrowAsResponse } from "~/modules/core/request.server";
import { redirectWithToast } from "~/modules/core/toast.server";

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "children:family.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await requireUserCtx(request, context);
  try {
    return json({ ...listFamily({ ctx }), locale: ctx.locale });
  } catch (error) {
    rethrowAsResponse(error);
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const ctx = await requireUserCtx(request, context);
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: consentSchema });
  const childId = String(formData.get("childId") ?? "");
  if (submission.status !== "success") return json({ childId, errors: Object.values(submission.reply().error ?? {}).flat().filter((e): e is string => typeof e === "string") }, { status: 400 });
  try {
    const input = submission.value;
    if (input.intent === "give") giveConsent({ ctx, input });
    else withdrawConsent({ ctx, input });
    return redirectWithToast("/family", input.intent === "give" ? "children:family.consentGiven" : "children:family.consentWithdrawn");
  } catch (error) {
    return formErrorResponse(error, ({ formErrors }) => ({ childId, errors: formErrors }));
  }
}

/** A guardian's children: status, consents per purpose (give or withdraw), sign-in link, lessons later. */
export default function Family() {
  const { t } = useTranslation("children");
  const { children, referred, locale } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const day = dateFormatter(locale);
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-3xl font-bold text-slate-900">{t("family.title")}</h1>
          <p className="mt-2 max-w-2xl text-slate-700">{t("family.lead")}</p>
        </div>
        <Link to="/referrals/new" className="btn-secondary">
          {t("family.referChild")}
        </Link>
      </div>
      {children.length === 0 && referred.length === 0 ? <p className="card text-slate-700">{t("family.empty")}</p> : null}
      {children.map((child) => (
        <section key={child.id} className="card space-y-5" aria-labelledby={`child-${child.id}`}>
          <div className="flex flex-wrap items-center justify-between gap-2">
            <h2 id={`child-${child.id}`} className="text-2xl font-semibold">
              {child.firstName} {child.lastName}
            </h2>
            <StatusBadge kind="child" status={child.status} />
          </div>
          <p className="text-slate-700">{t(`family.explain.${child.status}`)}</p>
          {result && result.childId === child.id ? <FormAlert errors={result.errors} /> : null}
          <div className="space-y-3">
            <h3 className="text-lg font-semibold">{t("family.consentsTitle")}</h3>
            <ul className="space-y-3">
              {child.consents.map((consent) => (
                <li key={consent.purpose} className="rounded-xl border border-slate-200 p-4">
                  <div className="flex flex-wrap items-start justify-between gap-3">
                    <div className="max-w-xl">
                      <p className="font-semibold text-slate-900">{t(`consent.${consent.purpose}.title`)}</p>
                      <p className="mt-1 text-sm text-slate-700">{t(`consent.${consent.purpose}.text`)}</p>
                      <p className="mt-2 text-sm font-medium">
                        {consent.givenAt
                          ? t("family.givenOn", { date: day(new Date(consent.givenAt)) })
                          : consent.withdrawnAt
                            ? t("family.withdrawnOn", { date: day(new Date(consent.withdrawnAt)) })
                            : t("family.notGiven")}
                      </p>
                    </div>
                    {child.canConsent ? (
                      <Form method="post">
                        <input type="hidden" name="childId" value={child.id} />
                        <input type="hidden" name="purpose" value={consent.purpose} />
                        {consent.givenAt ? (
                          // Distinct keys: a new element, not a colour transition from one button style to the other.
                          <SubmitButton key="withdraw" className="btn-danger" name="intent" value="withdraw">
                            {t("family.withdraw", { purpose: t(`consent.${consent.purpose}.title`) })}
                          </SubmitButton>
                        ) : (
                          <SubmitButton key="give" className="btn-primary" name="intent" value="give">
                            {t("family.give", { purpose: t(`consent.${consent.purpose}.title`) })}
                          </SubmitButton>
                        )}
                      </Form>
                    ) : null}
                  </div>
                </li>
              ))}
            </ul>
          </div>
          <div className="grid gap-3 sm:grid-cols-2">
            <div className="rounded-xl bg-brand-50 p-4">
              <h3 className="font-semibold">{t("family.lessonsTitle")}</h3>
              <p className="mt-1 text-sm text-slate-700">{t("family.noLessons")}</p>
            </div>
            <div className="rounded-xl bg-brand-50 p-4">
              <h3 className="font-semibold">{t("family.linkTitle")}</h3>
              <p className="mt-1 text-sm text-slate-700">{t("family.linkText")}</p>
              <Link to="/children/links" className="link mt-2 inline-block">
                {t("family.manageLink")}
              </Link>
            </div>
          </div>
        </section>
      ))}
      {referred.length > 0 ? (
        <section className="card space-y-3" aria-labelledby="referred-title">
          <h2 id="referred-title" className="text-xl font-semibold">
            {t("family.referredTitle")}
          </h2>
          <ul className="divide-y divide-slate-200">
            {referred.map((r) => (
              <li key={r.id} className="flex flex-wrap items-center justify-between gap-2 py-3">
                <span>
                  <Link to={`/referrals/${r.id}`} className="link">
                    {r.firstName} {r.lastName}
                  </Link>{" "}
                  <span className="text-sm text-slate-700">· {t("referrals.submittedOn", { date: day(new Date(r.createdAt)) })}</span>
                </span>
                <StatusBadge kind="referral" status={r.status} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
