import { defaultLocale, isLocale, translator } from "./i18n";

interface MatchLike {
  id: string;
  data: unknown;
}

/** A translated <title> for a route, in the language the root loader chose. */
export function pageMeta(matches: MatchLike[], titleKey: string) {
  const rootData = matches.find((m) => m.id === "root")?.data as { locale?: unknown } | undefined;
  const t = translator(isLocale(rootData?.locale) ? rootData.locale : defaultLocale);
  return [{ title: `${t(titleKey)} · ${t("app.name")}` }];
}
