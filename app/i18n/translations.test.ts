import { describe, expect, it } from "vitest";
import { notificationKinds } from "../modules/notifications/kinds";
import { resources, translator } from "./i18n";

/** Every key, with plural forms folded (Slovenian has _two and _few that English lacks). */
function keysOf(tree: unknown, prefix = ""): string[] {
  if (typeof tree !== "object" || tree === null) return [prefix];
  return Object.entries(tree).flatMap(([key, value]) => keysOf(value, prefix ? `${prefix}.${key}` : key));
}
const folded = (tree: unknown) => [...new Set(keysOf(tree).map((k) => k.replace(/_(zero|one|two|few|many|other)$/, "")))].sort();

describe("translations", () => {
  const namespaces = Object.keys(resources.sl) as (keyof typeof resources.sl)[];

  it.each(namespaces)("Slovenian and English have the same keys in %s", (namespace) => {
    expect(folded(resources.en[namespace])).toEqual(folded(resources.sl[namespace]));
  });

  it.each(namespaces)("no text in %s is empty", (namespace) => {
    for (const locale of ["sl", "en"] as const) {
      const flat = keysOf(resources[locale][namespace]);
      for (const key of flat) {
        const value = key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], resources[locale][namespace]);
        expect(typeof value === "string" && value.trim().length > 0, `${locale}:${namespace}:${key}`).toBe(true);
      }
    }
  });

  it("has Slovenian plural forms wherever English has plurals", () => {
    for (const namespace of namespaces) {
      const sl = keysOf(resources.sl[namespace]);
      for (const key of keysOf(resources.en[namespace]).filter((k) => k.endsWith("_other"))) {
        const base = key.slice(0, -"_other".length);
        for (const form of ["one", "two", "few", "other"]) expect(sl, `${namespace}:${base}_${form}`).toContain(`${base}_${form}`);
      }
    }
  });
});

describe("notification texts", () => {
  it.each(notificationKinds)("%s has a title and a body in both languages, rendered with its parameters", (kind) => {
    for (const locale of ["sl", "en"] as const) {
      const t = translator(locale);
      for (const part of ["title", "body"]) {
        const key = `notifications.${kind}.${part}`;
        const text = t(key, { name: "Ana", reason: "razlog", when: 0, from: 0, count: 1, side: "volunteer", matches: 1, severity: "high", validUntil: "2027-01-31" });
        expect(text, `${locale}:${key}`).not.toBe(key);
        expect(text, `${locale}:${key}`).not.toMatch(/\{\{/);
      }
    }
  });
});
