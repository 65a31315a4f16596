import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { ErrorList, FormAlert, SubmitButton, useErrorText } from "~/components/forms";
import { useFormat } from "~/components/format";
import { FeelingFace } from "~/components/lesson-room/feeling-face";
import { useLessonRoom } from "~/components/lesson-room/use-lesson-room";
import { VideoCall } from "~/components/video/video-call";
import { Whiteboard } from "~/components/lesson-room/whiteboard";
import { pageMeta } from "~/i18n/meta";
import { formErrorResponse, requireUserCtx, rethrowAsResponse } from "~/modules/core/request.server";
import { redirectWithToast } from "~/modules/core/toast.server";
import { roomInfo, submitFeedback, submitReport } from "~/modules/lessons/room.server";
import { feedbackSchema, reportSchema } from "~/modules/lessons/schemas";
import { concernSeverities, feedbackEmojis } from "~/modules/lessons/vocabulary";
// Excalidraw's stylesheet is only offered under "development"/"production" export conditions, which
// the classic compiler cannot resolve: link the file itself (STACK-NOTES 4). Only this page loads it.
import whiteboardStyles from "../../node_modules/@excalidraw/excalidraw/dist/prod/index.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: whiteboardStyles }];
export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "lessons:room.title");

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const ctx = await requireUserCtx(request, context);
  try {
    return json({ room: roomInfo({ ctx, lessonId: params.lessonId ?? "" }), locale: ctx.locale, userId: ctx.user.id });
  } catch (error) {
    rethrowAsResponse(error);
  }
}

/** After the lesson: the volunteer's report and the child's emoji. */
export async function action({ request, context, params }: ActionFunctionArgs) {
  const ctx = await requireUserCtx(request, context);
  const formData = await request.formData();
  formData.set("lessonId", params.lessonId ?? "");
  const intent = formData.get("intent");
  const schema = intent === "feedback" ? feedbackSchema : reportSchema;
  const submission = parseWithZod(formData, { schema });
  if (submission.status !== "success") return json({ intent, result: submission.reply() }, { status: 400 });
  try {
    if (intent === "feedback") await submitFeedback({ ctx, input: submission.value as never });
    else submitReport({ ctx, input: submission.value as never });
  } catch (error) {
    return formErrorResponse(error, (options) => ({ intent, result: submission.reply(options) }));
  }
  return redirectWithToast(intent === "feedback" ? "/child" : "/lessons", intent === "feedback" ? "lessons:toast.thanks" : "lessons:toast.reported");
}

export default function LessonRoom() {
  const { room } = useLoaderData<typeof loader>();
  const { t } = useTranslation("lessons");
  const format = useFormat();
  // The room learns of the end over the socket before the loader does; both lead to the same
  // <AfterLesson /> in the same place, so a later revalidation never remounts the report form
  // (it would clear what the volunteer is typing).
  const [endedLive, setEndedLive] = useState(false);
  if (room.status === "completed" || endedLive) return <AfterLesson />;
  if (!room.open) {
    return (
      <div className="mx-auto max-w-lg space-y-4 text-center">
        <h1 className="text-3xl font-bold text-slate-900">{t("room.title")}</h1>
        <p className="card text-lg">{room.status === "scheduled" ? t("room.opensAt", { when: format.dateTime(room.opensAt) }) : t(`room.closedStatus.${room.status}`)}</p>
        <Link to={room.role === "child" ? "/child" : "/lessons"} className="btn-secondary">
          {t("room.back")}
        </Link>
      </div>
    );
  }
  return <OpenRoom onCompleted={() => setEndedLive(true)} />;
}

function OpenRoom({ onCompleted }: { onCompleted: () => void }) {
  const { room, locale, userId } = useLoaderData<typeof loader>();
  const { t } = useTranslation("lessons");
  const errorText = useErrorText();
  const { state, send, endLesson, reportConcern, shareBoard } = useLessonRoom(room.lessonId, room.status);
  const child = room.role === "child";
  const other = child ? room.volunteerFirstName : room.childFirstName;
  const otherHere = state.presence.some((p) => p.userId !== userId);

  const completed = state.status === "completed";
  useEffect(() => {
    if (completed) onCompleted();
  }, [completed, onCompleted]);
  if (completed) return null;

  return (
    <div className={`space-y-4 ${child ? "text-lg" : ""}`}>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className={`font-bold text-slate-900 ${child ? "text-4xl" : "text-3xl"}`}>{child ? t("room.childTitle", { name: other }) : t("room.titleWith", { name: other })}</h1>
        <p role="status" aria-live="polite" data-testid="connection" className={`rounded-full px-3 py-1 text-sm font-semibold ${state.connection === "connected" ? "bg-brand-100 text-brand-900" : "bg-sun-100 text-slate-900"}`}>
          {t(`room.connection.${state.connection}`)}
        </p>
      </div>
      {room.role === "observer" ? <p className="rounded-xl bg-sun-100 p-3 font-medium">{t("room.observing")}</p> : null}
      {state.error ? (
        <p role="alert" className="rounded-lg border border-red-300 bg-red-50 p-3 font-medium text-red-800">
          {errorText(state.error)}
        </p>
      ) : null}
      <div className="grid gap-4 lg:grid-cols-[2fr_1fr] [&>*]:min-w-0">
        <div className="space-y-4">
          <VideoCall lessonId={room.lessonId} role={room.role} otherName={other} large={child} />
          <p data-testid="presence" className="text-slate-700">
            {otherHere ? t("room.here", { name: state.presence.filter((p) => p.userId !== userId).map((p) => p.firstName).join(", ") }) : t(child ? "room.waitingChild" : "room.waiting", { name: other })}
          </p>
          {room.role === "volunteer" ? (
            <button type="button" className="btn-danger" onClick={() => void endLesson()}>
              {t("room.end")}
            </button>
          ) : null}
        </div>
        <Chat messages={state.messages} pending={state.pending} userId={userId} canWrite={room.role !== "observer"} onSend={send} child={child} names={{ volunteer: room.volunteerFirstName, child: room.childFirstName }} />
      </div>
      <Whiteboard langCode={locale} board={state.board} readOnly={room.role === "observer"} onChange={shareBoard} />
      {room.role !== "observer" ? <ConcernForm child={child} onReport={reportConcern} /> : null}
    </div>
  );
}

function Chat({
  messages,
  pending,
  userId,
  canWrite,
  onSend,
  child,
  names,
}: {
  messages: { id: string; senderUserId: string; body: string; flags: string[] }[];
  pending: { clientId: string; body: string }[];
  userId: string;
  canWrite: boolean;
  onSend: (body: string) => void;
  child: boolean;
  names: { volunteer: string; child: string };
}) {
  const { t } = useTranslation("lessons");
  const [draft, setDraft] = useState("");
  const listRef = useRef<HTMLOListElement>(null);
  useEffect(() => {
    listRef.current?.scrollTo({ top: listRef.current.scrollHeight });
  }, [messages.length, pending.length]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body = draft.trim();
    if (!body) return;
    onSend(body);
    setDraft("");
  };
  return (
    <section className="card flex min-h-80 flex-col gap-3" aria-labelledby="chat-title">
      <h2 id="chat-title" className="text-lg font-semibold">
        {t("room.chat")}
      </h2>
      <ol ref={listRef} className="max-h-96 flex-1 space-y-2 overflow-y-auto" aria-live="polite" data-testid="chat-log" tabIndex={0} aria-label={t("room.chatLog")}>
        {messages.map((m) => (
          <li key={m.id} className={`rounded-xl px-3 py-2 ${m.senderUserId === userId ? "ml-8 bg-brand-100" : "mr-8 bg-slate-100"}`}>
            <span className="sr-only">{m.senderUserId === userId ? t("room.you") : t("room.them")}: </span>
            {m.body}
            {m.flags.length ? <span className="ml-2 rounded bg-red-100 px-2 text-xs font-semibold text-red-900">{m.flags.map((f) => t(`flag.${f}`)).join(", ")}</span> : null}
          </li>
        ))}
        {pending.map((p) => (
          <li key={p.clientId} className="ml-8 rounded-xl bg-brand-50 px-3 py-2 text-slate-600">
            {p.body} <span className="text-xs">({t("room.sending")})</span>
          </li>
        ))}
      </ol>
      {canWrite ? (
        <form onSubmit={submit} className="flex gap-2">
          <label htmlFor="chat-input" className="sr-only">
            {t("room.message")}
          </label>
          <input id="chat-input" className="input min-w-0 flex-1" value={draft} maxLength={1000} onChange={(e) => setDraft(e.target.value)} placeholder={t(child ? "room.messagePlaceholderChild" : "room.messagePlaceholder")} autoComplete="off" />
          <button type="submit" className={`btn-primary ${child ? "min-h-14 px-6" : ""}`}>
            {t("room.send")}
          </button>
        </form>
      ) : (
        <p className="text-sm text-slate-600">{t("room.observerChat", names)}</p>
      )}
    </section>
  );
}

function ConcernForm({ child, onReport }: { child: boolean; onReport: (severity: string, description: string) => Promise<{ ok: true } | { ok: false; messageKey: string }> }) {
  const { t } = useTranslation("lessons");
  const errorText = useErrorText();
  const [result, setResult] = useState<{ ok: true } | { ok: false; messageKey: string } | null>(null);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setResult(await onReport(String(form.get("severity") ?? (child ? "high" : "")), String(form.get("description") ?? "")));
  };
  return (
    <details className="card" open={result !== null && !result.ok}>
      <summary className={`cursor-pointer font-semibold text-red-900 ${child ? "min-h-12 text-xl" : ""}`}>{t(child ? "concern.childTitle" : "concern.title")}</summary>
      {result?.ok ? (
        <p role="status" className="mt-3 rounded-lg bg-brand-50 p-3 font-medium text-brand-900">
          {t(child ? "concern.sentChild" : "concern.sent")}
        </p>
      ) : (
        <form onSubmit={(e) => void submit(e)} className="mt-3 space-y-3">
          <p className="text-slate-700">{t(child ? "concern.childText" : "concern.text")}</p>
          {child ? null : (
            <div>
              <label htmlFor="concern-severity" className="mb-1 block text-sm font-medium">
                {t("concern.severity")}
              </label>
              <select id="concern-severity" name="severity" className="input" defaultValue="medium">
                {concernSeverities.map((s) => (
                  <option key={s} value={s}>
                    {t(`severity.${s}`)}
                  </option>
                ))}
              </select>
            </div>
          )}
          <label htmlFor="concern-description" className="block text-sm font-medium">
            {t(child ? "concern.childDescription" : "concern.description")}
          </label>
          <textarea id="concern-description" name="description" rows={3} className="input" aria-describedby="concern-error" />
          {result && !result.ok ? (
            <p id="concern-error" role="alert" className="font-medium text-red-800">
              {errorText(result.messageKey)}
            </p>
          ) : null}
          <button type="submit" className={`btn-danger ${child ? "min-h-14 w-full text-xl" : ""}`}>
            {t("concern.send")}
          </button>
        </form>
      )}
    </details>
  );
}

function AfterLesson() {
  const { room } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t } = useTranslation("lessons");
  const errors = data?.result.status === "error" ? (data.result.error as Record<string, string[] | null> | undefined) : undefined;
  if (room.role === "child") {
    return (
      <div className="mx-auto max-w-md space-y-5 text-center">
        <h1 className="text-4xl font-bold text-slate-900">{t("after.childTitle")}</h1>
        <Form method="post" className="card space-y-4">
          <input type="hidden" name="intent" value="feedback" />
          <fieldset>
            <legend className="text-2xl font-semibold">{t("after.howWasIt")}</legend>
            <div className="mt-4 grid grid-cols-2 gap-3">
              {feedbackEmojis.map((e) => (
                <SubmitButton key={e} name="emoji" value={e} className="btn min-h-24 flex-col gap-1 rounded-2xl border-2 border-slate-200 bg-white text-base hover:border-brand-500">
                  <FeelingFace feeling={e} />
                  <span>{t(`emoji.${e}`)}</span>
                </SubmitButton>
              ))}
            </div>
          </fieldset>
          <FormAlert errors={errors?.[""] ?? errors?.emoji} />
        </Form>
      </div>
    );
  }
  return (
    <div className="mx-auto max-w-lg space-y-4">
      <h1 className="text-3xl font-bold text-slate-900">{t("after.title")}</h1>
      {room.role === "volunteer" ? (
        <Form method="post" className="card space-y-3">
          <input type="hidden" name="intent" value="report" />
          <FormAlert errors={errors?.[""]} />
          <label htmlFor="summary" className="block font-medium">
            {t("page.report")}
          </label>
          <textarea id="summary" name="summary" rows={4} className="input" aria-describedby="summary-error" />
          <ErrorList id="summary-error" errors={errors?.summary} />
          <SubmitButton>{t("page.saveReport")}</SubmitButton>
        </Form>
      ) : (
        <Link to="/coordination/lessons" className="btn-secondary">
          {t("room.back")}
        </Link>
      )}
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
