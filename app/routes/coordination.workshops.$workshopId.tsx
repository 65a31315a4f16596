import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { FormAlert, SubmitButton } from "~/components/forms";
import { useFormat } from "~/components/format";
import { VolunteerStatusBadge } from "~/components/volunteer-status";
import { pageMeta } from "~/i18n/meta";
import { formErrorResponse, requireUserCtx, rethrowAsResponse } from "~/modules/core/request.server";
import { redirectWithToast } from "~/modules/core/toast.server";
import { attendanceSchema } from "~/modules/volunteers/schemas";
import { getWorkshopAttendance, markAttendance } from "~/modules/volunteers/workshops.server";

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "volunteers:workshops.attendanceTitle");

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const ctx = await requireUserCtx(request, context);
  try {
    return json(getWorkshopAttendance({ ctx, workshopId: params.workshopId ?? "" }));
  } catch (error) {
    rethrowAsResponse(error);
  }
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const ctx = await requireUserCtx(request, context);
  const submission = parseWithZod(await request.formData(), { schema: attendanceSchema });
  if (submission.status !== "success") return json(submission.reply(), { status: 400 });
  try {
    await markAttendance({ ctx, workshopId: params.workshopId ?? "", presentIds: submission.value.present });
  } catch (error) {
    return formErrorResponse(error, (options) => submission.reply(options));
  }
  return redirectWithToast(`/coordination/workshops/${params.workshopId}`, "volunteers:workshops.attendanceSaved");
}

export default function WorkshopAttendance() {
  const { t } = useTranslation("volunteers");
  const format = useFormat();
  const { workshop, volunteers } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <p>
        <Link to="/coordination/workshops" className="link">
          ← {t("workshops.title")}
        </Link>
      </p>
      <div>
        <h1 className="text-3xl font-bold text-slate-900">{workshop.title}</h1>
        <p className="mt-1 text-slate-700">
          {t(`workshopKind.${workshop.kind}`)} · {format.dateTime(workshop.startsAt)} · {format.number(workshop.hours)} h · {workshop.location}
        </p>
      </div>
      <Form method="post" className="card space-y-4">
        <FormAlert errors={result?.status === "error" ? (result.error?.[""] ?? null) : null} />
        <fieldset>
          <legend className="text-lg font-semibold">{t("workshops.whoAttended")}</legend>
          {volunteers.length === 0 ? <p className="mt-2 text-slate-700">{t("workshops.noVolunteers")}</p> : null}
          <ul className="mt-3 divide-y divide-slate-200">
            {volunteers.map((v) => (
              <li key={v.userId} className="flex items-center justify-between gap-3 py-2">
                <label className="flex min-h-11 items-center gap-3">
                  <input type="checkbox" name="present" value={v.userId} defaultChecked={v.present} className="h-5 w-5 accent-brand-700" />
                  {v.firstName} {v.lastName}
                </label>
                <VolunteerStatusBadge status={v.status} />
              </li>
            ))}
          </ul>
        </fieldset>
        <SubmitButton className="btn-primary">{t("workshops.saveAttendance")}</SubmitButton>
      </Form>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
