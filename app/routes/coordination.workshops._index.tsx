import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { ErrorList, FormAlert, SubmitButton } from "~/components/forms";
import { useFormat } from "~/components/format";
import { pageMeta } from "~/i18n/meta";
import { formErrorResponse, requireUserCtx, rethrowAsResponse } from "~/modules/core/request.server";
import { redirectWithToast } from "~/modules/core/toast.server";
import { workshopSchema } from "~/modules/volunteers/schemas";
import { createWorkshop, listWorkshopPrograms, listWorkshops } from "~/modules/volunteers/workshops.server";
import { workshopKinds } from "~/modules/volunteers/vocabulary";

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "volunteers:workshops.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await requireUserCtx(request, context);
  try {
    return json({ workshops: listWorkshops({ ctx }), ...listWorkshopPrograms({ ctx }) });
  } catch (error) {
    rethrowAsResponse(error);
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const ctx = await requireUserCtx(request, context);
  const submission = parseWithZod(await request.formData(), { schema: workshopSchema });
  if (submission.status !== "success") return json(submission.reply(), { status: 400 });
  try {
    const id = createWorkshop({ ctx, input: submission.value });
    return redirectWithToast(`/coordination/workshops/${id}`, "volunteers:workshops.created");
  } catch (error) {
    return formErrorResponse(error, (options) => submission.reply(options));
  }
}

export default function Workshops() {
  const { t } = useTranslation("volunteers");
  const format = useFormat();
  const { workshops, programs, organizationChoiceNeeded } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = (field: string) => (result?.status === "error" ? ((result.error as Record<string, string[] | null> | undefined)?.[field] ?? undefined) : undefined);
  const field = (name: string, type = "text", extra: React.InputHTMLAttributes<HTMLInputElement> = {}) => (
    <div>
      <label htmlFor={`workshop-${name}`} className="mb-1 block text-sm font-medium">
        {t(`fields.${name}`)}
      </label>
      <input id={`workshop-${name}`} name={name} type={type} className="input" aria-invalid={errors(name) ? true : undefined} aria-describedby={errors(name) ? `workshop-${name}-error` : undefined} {...extra} />
      <ErrorList id={`workshop-${name}-error`} errors={errors(name)} />
    </div>
  );
  return (
    <div className="space-y-6">
      <h1 className="text-3xl font-bold text-slate-900">{t("workshops.title")}</h1>
      <section className="card space-y-4" aria-labelledby="new-workshop">
        <h2 id="new-workshop" className="text-lg font-semibold">
          {t("workshops.new")}
        </h2>
        <Form method="post" className="grid gap-3 sm:grid-cols-2">
          <FormAlert errors={errors("")} />
          <div>
            <label htmlFor="workshop-kind" className="mb-1 block text-sm font-medium">
              {t("fields.workshopKind")}
            </label>
            <select id="workshop-kind" name="kind" className="input" defaultValue="training">
              {workshopKinds.map((kind) => (
                <option key={kind} value={kind}>
                  {t(`workshopKind.${kind}`)}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="workshop-programId" className="mb-1 block text-sm font-medium">
              {t("fields.program")}
            </label>
            <select id="workshop-programId" name="programId" className="input" defaultValue="" aria-invalid={errors("programId") ? true : undefined} aria-describedby={errors("programId") ? "workshop-programId-error" : undefined}>
              {organizationChoiceNeeded ? null : <option value="">{t("workshops.allPrograms")}</option>}
              {programs.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
            <ErrorList id="workshop-programId-error" errors={errors("programId")} />
          </div>
          {field("title")}
          {field("startsAt", "datetime-local")}
          {field("hours", "number", { step: "0.5", min: 0.5, defaultValue: 2 })}
          <div className="sm:col-span-2">{field("location")}</div>
          <SubmitButton className="btn-primary sm:col-span-2 sm:w-auto">{t("workshops.create")}</SubmitButton>
        </Form>
      </section>
      <ul className="space-y-3">
        {workshops.map((w) => (
          <li key={w.id}>
            <Link to={`/coordination/workshops/${w.id}`} className="card flex flex-wrap items-center justify-between gap-3 hover:border-brand-500">
              <div>
                <p className="font-semibold">{w.title}</p>
                <p className="text-sm text-slate-600">
                  {t(`workshopKind.${w.kind}`)} · {format.dateTime(w.startsAt)} · {format.number(w.hours)} h · {w.location}
                </p>
              </div>
              <span className="text-sm text-slate-700">{t("workshops.attended", { count: w.attended })}</span>
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
