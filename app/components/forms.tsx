import type { ReactNode } from "react";
import { useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/**
 * Validation messages are translation keys, optionally followed by `|{json params}` when the
 * server adds figures (e.g. minutes to wait). One function turns them into text.
 */
export function useErrorText() {
  const { t } = useTranslation();
  return (message: string) => {
    const [key, params] = message.split("|");
    return t(key!, params ? (JSON.parse(params) as Record<string, unknown>) : {});
  };
}

export function ErrorList({ id, errors }: { id?: string; errors?: string[] | null }) {
  const errorText = useErrorText();
  if (!errors?.length) return null;
  return (
    <ul id={id} className="mt-1 space-y-1 text-sm font-medium text-red-800">
      {errors.map((error) => (
        <li key={error}>{errorText(error)}</li>
      ))}
    </ul>
  );
}

/** A form-wide error (wrong password, rate limit) announced to screen readers at once. */
export function FormAlert({ id, errors }: { id?: string; errors?: string[] | null }) {
  if (!errors?.length) return null;
  return (
    <div role="alert" className="rounded-lg border border-red-300 bg-red-50 p-3">
      <ErrorList id={id} errors={errors} />
    </div>
  );
}

interface FieldProps {
  label: string;
  hint?: string;
  inputProps: React.InputHTMLAttributes<HTMLInputElement> & { id: string; key?: string };
  errors?: string[] | null;
  errorId: string;
  className?: string;
}

export function Field({ label, hint, inputProps, errors, errorId, className }: FieldProps) {
  const { key, ...props } = inputProps;
  const hintId = hint ? `${inputProps.id}-hint` : undefined;
  return (
    <div className={className}>
      <label htmlFor={inputProps.id} className="mb-1 block font-medium text-slate-800">
        {label}
      </label>
      {hint ? (
        <p id={hintId} className="mb-1 text-sm text-slate-600">
          {hint}
        </p>
      ) : null}
      <input
        key={key}
        {...props}
        className="input"
        aria-describedby={[hintId, errors?.length ? errorId : undefined].filter(Boolean).join(" ") || undefined}
      />
      <ErrorList id={errorId} errors={errors} />
    </div>
  );
}

export function SubmitButton({ children, className = "btn-primary w-full", name, value }: { children: ReactNode; className?: string; name?: string; value?: string }) {
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  return (
    <button type="submit" className={className} disabled={busy} aria-disabled={busy} name={name} value={value}>
      {children}
    </button>
  );
}

type FieldErrors = Record<string, string[] | null> | undefined;

/** id and aria attributes of a plain form control named `name` inside the form `form` (its errors from parseWithZod's reply). */
export function controlProps(form: string, name: string, errors: FieldErrors) {
  const invalid = Boolean(errors?.[name]?.length);
  return { id: `${form}-${name}`, name, "aria-invalid": invalid ? true : undefined, "aria-describedby": invalid ? `${form}-${name}-error` : undefined };
}

/** A label, any control (input, select, textarea) and its errors, for forms that are not conform's. */
export function Labeled({ form, name, label, errors, className, children }: { form: string; name: string; label: string; errors: FieldErrors; className?: string; children: ReactNode }) {
  return (
    <div className={className}>
      <label htmlFor={`${form}-${name}`} className="mb-1 block font-medium text-slate-800">
        {label}
      </label>
      {children}
      <ErrorList id={`${form}-${name}-error`} errors={errors?.[name] ?? null} />
    </div>
  );
}

/** The organisation a form is for: a choice for people of several organisations, otherwise implied. */
export function OrganizationField({ form, organizations, label, errors }: { form: string; organizations: { id: string; name: string }[]; label: string; errors: FieldErrors }) {
  if (organizations.length <= 1) return <input type="hidden" name="organizationId" value={organizations[0]?.id ?? ""} />;
  return (
    <Labeled form={form} name="organizationId" label={label} errors={errors} className="sm:col-span-2">
      <select {...controlProps(form, "organizationId", errors)} className="input">
        {organizations.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </select>
    </Labeled>
  );
}
