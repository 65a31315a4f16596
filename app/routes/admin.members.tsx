import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { controlProps, FormAlert, Labeled, OrganizationField, SubmitButton } from "~/components/forms";
import { pageMeta } from "~/i18n/meta";
import { addMember, listMembers, removeMembership } from "~/modules/admin/members.server";
import { addMemberSchema, invitableRoles, removeMemberSchema } from "~/modules/admin/schemas";
import { formErrorResponse, requireUserCtx, rethrowAsResponse } from "~/modules/core/request.server";
import { redirectWithToast } from "~/modules/core/toast.server";

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "admin.members.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await requireUserCtx(request, context);
  try {
    return json({ ...listMembers({ ctx }), userId: ctx.user.id });
  } catch (error) {
    rethrowAsResponse(error);
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const ctx = await requireUserCtx(request, context);
  const formData = await request.formData();
  const intent = formData.get("intent") === "remove" ? "remove" : "add";
  if (intent === "remove") {
    const submission = parseWithZod(formData, { schema: removeMemberSchema });
    if (submission.status !== "success") return json({ intent, result: submission.reply() }, { status: 400 });
    try {
      removeMembership({ ctx, membershipId: submission.value.membershipId });
    } catch (error) {
      return formErrorResponse(error, (options) => ({ intent, result: submission.reply(options) }));
    }
    return redirectWithToast("/admin/members", "admin.members.removed");
  }
  const submission = parseWithZod(formData, { schema: addMemberSchema });
  if (submission.status !== "success") return json({ intent, result: submission.reply() }, { status: 400 });
  let created = false;
  try {
    created = (await addMember({ ctx, input: submission.value })).created;
  } catch (error) {
    return formErrorResponse(error, (options) => ({ intent, result: submission.reply(options) }));
  }
  return redirectWithToast("/admin/members", created ? "admin.members.invited" : "admin.members.added");
}

export default function AdminMembers() {
  const { t } = useTranslation();
  const { organizations, members, userId } = useLoaderData<typeof loader>();
  // A new key after every navigation empties the form once a member was added.
  const { key: formKey } = useLocation();
  const data = useActionData<typeof action>();
  const errors = data?.intent === "add" && data.result.status === "error" ? (data.result.error as Record<string, string[] | null> | undefined) : undefined;
  const removeErrors = data?.intent === "remove" && data.result.status === "error" ? (data.result.error as Record<string, string[] | null> | undefined) : undefined;
  const field = (name: string) => controlProps("member", name, errors);
  const orgName = new Map(organizations.map((o) => [o.id, o.name]));
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-3xl font-bold text-slate-900">{t("admin.members.title")}</h1>
        <p className="mt-2 text-slate-700">{t("admin.members.lead")}</p>
      </div>

      <section className="card space-y-4" aria-labelledby="add-member">
        <h2 id="add-member" className="text-xl font-semibold">
          {t("admin.members.add")}
        </h2>
        <Form key={formKey} method="post" className="grid gap-4 sm:grid-cols-2" noValidate>
          <input type="hidden" name="intent" value="add" />
          <div className="sm:col-span-2">
            <FormAlert errors={errors?.[""] ?? null} />
          </div>
          <OrganizationField form="member" organizations={organizations} label={t("admin.members.organization")} errors={errors} />
          <Labeled form="member" name="firstName" label={t("admin.members.firstName")} errors={errors}>
            <input {...field("firstName")} autoComplete="off" className="input" />
          </Labeled>
          <Labeled form="member" name="lastName" label={t("admin.members.lastName")} errors={errors}>
            <input {...field("lastName")} autoComplete="off" className="input" />
          </Labeled>
          <Labeled form="member" name="email" label={t("admin.members.email")} errors={errors}>
            <input {...field("email")} type="email" autoComplete="off" className="input" />
          </Labeled>
          <Labeled form="member" name="role" label={t("admin.members.role")} errors={errors}>
            <select {...field("role")} className="input" defaultValue="coordinator">
              {invitableRoles.map((role) => (
                <option key={role} value={role}>
                  {t(`roles.${role}`)}
                </option>
              ))}
            </select>
          </Labeled>
          <p className="text-sm text-slate-600 sm:col-span-2">{t("admin.members.inviteHint")}</p>
          <div className="sm:col-span-2">
            <SubmitButton className="btn-primary">{t("admin.members.submit")}</SubmitButton>
          </div>
        </Form>
      </section>

      <section className="card" aria-labelledby="member-list">
        <h2 id="member-list" className="text-xl font-semibold">
          {t("admin.members.list")}
        </h2>
        <FormAlert errors={removeErrors?.[""] ?? null} />
        <ul className="mt-3 divide-y divide-slate-200">
          {members.map((m) => (
            <li key={m.membershipId} className="flex flex-wrap items-center justify-between gap-3 py-3">
              <div>
                <p className="font-medium">
                  {m.firstName} {m.lastName}
                </p>
                <p className="text-sm text-slate-700">
                  {t(`roles.${m.role}`)}
                  {organizations.length > 1 ? ` · ${orgName.get(m.organizationId)}` : ""} · {m.email ?? "—"}
                  {m.invited ? ` · ${t("admin.members.pending")}` : ""}
                </p>
              </div>
              {m.userId === userId ? null : (
              <Form method="post">
                <input type="hidden" name="intent" value="remove" />
                <input type="hidden" name="membershipId" value={m.membershipId} />
                <SubmitButton className="btn-secondary">
                  {t("admin.members.remove")}
                  <span className="sr-only">
                    {" "}
                    {m.firstName} {m.lastName} ({t(`roles.${m.role}`)})
                  </span>
                </SubmitButton>
              </Form>
              )}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
