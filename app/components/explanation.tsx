import { useTranslation } from "react-i18next";

type Param = string | number | { key: string; params: Record<string, string | number> }[];

export interface ExplanationLineView {
  criterion: string;
  score: number;
  key: string;
  params: Record<string, Param>;
}

/**
 * The plain-language reasons behind a proposal (or behind "no candidate"), one sentence per
 * criterion, rendered from the matching translations in the reader's language.
 */
export function ExplanationList({ lines, compact = false }: { lines: ExplanationLineView[]; compact?: boolean }) {
  const { t } = useTranslation("matches");
  return (
    <ul className={compact ? "mt-1 list-disc space-y-0.5 pl-5 text-sm text-slate-700" : "grid gap-2 sm:grid-cols-2"}>
      {lines.map((line) => (
        <li key={`${line.criterion}-${line.key}`} className={compact ? "" : "flex items-start gap-2 text-slate-800"}>
          {compact ? null : (
            <span aria-hidden="true" className={`mt-1 h-2.5 w-2.5 shrink-0 rounded-full ${line.score >= 0.67 ? "bg-brand-600" : line.score >= 0.34 ? "bg-sun-400" : "bg-slate-300"}`} />
          )}
          <span>{t(line.key, translateParams(t as T, line.params))}</span>
        </li>
      ))}
    </ul>
  );
}

type T = (key: string, params?: Record<string, unknown>) => string;

/**
 * Parameters named `*Key` are translation keys (a subject, a day, a language); list parameters are
 * lines of their own, translated and joined; `count` of a list is its length for plurals.
 */
function translateParams(t: T, params: Record<string, Param>): Record<string, unknown> {
  const plain = Object.fromEntries(Object.entries(params).filter(([name, value]) => !Array.isArray(value) && !name.endsWith("Key")));
  return Object.fromEntries(
    Object.entries(params).map(([name, value]) => {
      if (Array.isArray(value)) return [name, value.map((item) => t(item.key, translateParams(t, item.params))).join(", ")];
      if (name.endsWith("Key") && typeof value === "string") return [name.slice(0, -3), t(value, plain)];
      return [name, value];
    }),
  );
}
