import i18next, { type i18n, type TFunction } from "i18next";
import slCommon from "./locales/sl/common.json";
import enCommon from "./locales/en/common.json";
import slMatching from "./locales/sl/matching.json";
import enMatching from "./locales/en/matching.json";
import slVolunteers from "./locales/sl/volunteers.json";
import enVolunteers from "./locales/en/volunteers.json";
import slChildren from "./locales/sl/children.json";
import enChildren from "./locales/en/children.json";
import slMatches from "./locales/sl/matches.json";
import enMatches from "./locales/en/matches.json";
import slLessons from "./locales/sl/lessons.json";
import enLessons from "./locales/en/lessons.json";
import slVideo from "./locales/sl/video.json";
import enVideo from "./locales/en/video.json";

export const supportedLocales = ["sl", "en"] as const;
export type Locale = (typeof supportedLocales)[number];
export const defaultLocale: Locale = "sl";

export const resources = {
  sl: { common: slCommon, matching: slMatching, volunteers: slVolunteers, children: slChildren, matches: slMatches, lessons: slLessons, video: slVideo },
  en: { common: enCommon, matching: enMatching, volunteers: enVolunteers, children: enChildren, matches: enMatches, lessons: enLessons, video: enVideo },
} as const;

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (supportedLocales as readonly string[]).includes(value);
}

/** Full BCP 47 tags for Intl formatting (dates `23. 11. 2026`, decimals with a comma in Slovenian). */
export const intlLocale: Record<Locale, string> = { sl: "sl-SI", en: "en-GB" };

/**
 * One i18next instance per render (server) or per page load (browser). All translations are
 * bundled: two small languages do not justify a loading round trip on a child's slow phone.
 */
export function createI18n(locale: Locale): i18n {
  const instance = i18next.createInstance();
  void instance.init({
    lng: locale,
    fallbackLng: defaultLocale,
    supportedLngs: [...supportedLocales],
    defaultNS: "common",
    ns: Object.keys(resources.sl),
    resources,
    initImmediate: false,
    interpolation: { escapeValue: false },
    returnNull: false,
    showSupportNotice: false,
  });
  return instance;
}

const fixed = new Map<Locale, TFunction>();
/** A translator for server-side text (e-mails, notifications) in the recipient's language. */
export function translator(locale: Locale): TFunction {
  let t = fixed.get(locale);
  if (!t) {
    t = createI18n(locale).t;
    fixed.set(locale, t);
  }
  return t;
}
