import type { ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";
import { useTranslation } from "react-i18next";
import type { ChildStatus, ReferralStatus } from "~/modules/children/vocabulary";
import { ErrorList } from "./forms";

/** Form pieces the children pages share (Field in forms.tsx covers plain inputs). */
interface Described {
  label: string;
  hint?: string;
  errors?: string[] | null;
  errorId: string;
  className?: string;
}

function describedBy(id: string, hint: string | undefined, errors: string[] | null | undefined, errorId: string) {
  return [hint ? `${id}-hint` : undefined, errors?.length ? errorId : undefined].filter(Boolean).join(" ") || undefined;
}

export function SelectField({ label, hint, errors, errorId, className, selectProps, children }: Described & { selectProps: SelectHTMLAttributes<HTMLSelectElement> & { id: string; key?: string }; children: ReactNode }) {
  const { key, ...props } = selectProps;
  return (
    <div className={className}>
      <label htmlFor={props.id} className="mb-1 block font-medium text-slate-800">
        {label}
      </label>
      {hint ? (
        <p id={`${props.id}-hint`} className="mb-1 text-sm text-slate-600">
          {hint}
        </p>
      ) : null}
      <select key={key} {...props} className="input" aria-describedby={describedBy(props.id, hint, errors, errorId)}>
        {children}
      </select>
      <ErrorList id={errorId} errors={errors} />
    </div>
  );
}

export function TextAreaField({ label, hint, errors, errorId, className, textareaProps }: Described & { textareaProps: TextareaHTMLAttributes<HTMLTextAreaElement> & { id: string; key?: string } }) {
  const { key, ...props } = textareaProps;
  return (
    <div className={className}>
      <label htmlFor={props.id} className="mb-1 block font-medium text-slate-800">
        {label}
      </label>
      {hint ? (
        <p id={`${props.id}-hint`} className="mb-1 text-sm text-slate-600">
          {hint}
        </p>
      ) : null}
      <textarea key={key} rows={3} {...props} className="input" aria-describedby={describedBy(props.id, hint, errors, errorId)} />
      <ErrorList id={errorId} errors={errors} />
    </div>
  );
}

const statusColours: Record<ChildStatus | ReferralStatus, string> = {
  referred: "bg-slate-100 text-slate-800",
  submitted: "bg-slate-100 text-slate-800",
  info_requested: "bg-amber-100 text-amber-900",
  consent_pending: "bg-amber-100 text-amber-900",
  waiting: "bg-brand-100 text-brand-900",
  accepted: "bg-brand-100 text-brand-900",
  matched: "bg-brand-100 text-brand-900",
  active: "bg-green-100 text-green-900",
  paused: "bg-slate-200 text-slate-800",
  exited: "bg-slate-200 text-slate-800",
  declined: "bg-red-100 text-red-900",
};

/** A child's or a referral's status as a calm pill with a word, never colour alone. */
export function StatusBadge({ kind, status }: { kind: "child" | "referral"; status: ChildStatus | ReferralStatus }) {
  const { t } = useTranslation("children");
  return <span className={`inline-block rounded-full px-3 py-1 text-sm font-semibold ${statusColours[status]}`}>{t(`status.${kind}.${status}`)}</span>;
}

/**
 * Dates as people in Slovenia write them (`23. 11. 2026`, `17.30`), always in Europe/Ljubljana so
 * the server's render and the browser's hydration agree.
 */
export function dateFormatter(locale: "sl" | "en", withTime = false) {
  const format = new Intl.DateTimeFormat(locale === "sl" ? "sl-SI" : "en-GB", {
    timeZone: "Europe/Ljubljana",
    day: "numeric",
    month: "numeric",
    year: "numeric",
    ...(withTime ? { hour: "2-digit", minute: "2-digit", hour12: false } : {}),
  });
  return (value: string | Date) => {
    const text = format.format(new Date(value));
    return locale === "sl" ? text.replace(/(\d{2}):(\d{2})$/, "$1.$2") : text;
  };
}
