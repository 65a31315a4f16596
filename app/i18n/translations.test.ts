import { describe, expect, it } from "vitest";
import { resources } from "./i18n";

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
