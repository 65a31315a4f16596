import { useRouteLoaderData } from "@remix-run/react";
import { useMemo } from "react";
import { defaultLocale, intlLocale, type Locale } from "~/i18n/i18n";

/** Dates as `23. 11. 2026`, times as `17.30`, decimals with a comma in Slovenian; always Ljubljana time. */
export function useFormat() {
  const root = useRouteLoaderData("root") as { locale?: Locale } | undefined;
  const locale = root?.locale ?? defaultLocale;
  return useMemo(() => {
    const tag = intlLocale[locale];
    const timeZone = "Europe/Ljubljana";
    const dateFormat = new Intl.DateTimeFormat(tag, { day: "numeric", month: "numeric", year: "numeric", timeZone });
    const dateTimeFormat = new Intl.DateTimeFormat(tag, { day: "numeric", month: "numeric", year: "numeric", hour: "numeric", minute: "2-digit", timeZone });
    const numberFormat = new Intl.NumberFormat(tag, { maximumFractionDigits: 2 });
    const monthFormat = new Intl.DateTimeFormat(tag, { month: "long", year: "numeric", timeZone: "UTC" });
    return {
      locale,
      /** Accepts a Date, an ISO instant or a calendar date (YYYY-MM-DD, shown as that day). */
      date: (value: Date | string) => (typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Intl.DateTimeFormat(tag, { day: "numeric", month: "numeric", year: "numeric", timeZone: "UTC" }).format(new Date(`${value}T00:00:00Z`)) : dateFormat.format(new Date(value))),
      dateTime: (value: Date | string) => dateTimeFormat.format(new Date(value)),
      number: (value: number) => numberFormat.format(value),
      month: (yyyyMm: string) => monthFormat.format(new Date(`${yyyyMm}-01T00:00:00Z`)),
    };
  }, [locale]);
}
