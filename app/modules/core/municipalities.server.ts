import { parse } from "csv-parse/sync";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";

/**
 * Slovenia's 212 municipalities (Vir: Geodetska uprava RS, Register prostorskih enot, CC BY 4.0),
 * read once from db/data. Centroids are D96/TM metres, so distances are plain Euclidean.
 */
export interface Municipality {
  id: number;
  name: string;
  region: string;
  urban: boolean;
  e: number;
  n: number;
}

let cache: Municipality[] | null = null;

export function municipalities(): Municipality[] {
  if (cache) return cache;
  const rows = parse(readFileSync(resolve("db/data/municipalities.csv"), "utf8"), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  cache = rows
    .map((row) => ({
      id: Number(row.id),
      name: row.name!,
      region: row.statistical_region!,
      urban: row.urban === "1",
      e: Number(row.centroid_e),
      n: Number(row.centroid_n),
    }))
    .sort((a, b) => a.name.localeCompare(b.name, "sl"));
  return cache;
}

export function municipalityById(id: number): Municipality | undefined {
  return municipalities().find((m) => m.id === id);
}

export function distanceKm(a: number, b: number): number {
  const x = municipalityById(a);
  const y = municipalityById(b);
  if (!x || !y) return Number.POSITIVE_INFINITY;
  return Math.hypot(x.e - y.e, x.n - y.n) / 1000;
}

/** Options for a select grouped by statistical region. */
export function municipalityOptions(): { region: string; items: { id: number; name: string }[] }[] {
  const byRegion = new Map<string, { id: number; name: string }[]>();
  for (const m of municipalities()) {
    const list = byRegion.get(m.region) ?? [];
    list.push({ id: m.id, name: m.name });
    byRegion.set(m.region, list);
  }
  return [...byRegion.entries()].sort(([a], [b]) => a.localeCompare(b, "sl")).map(([region, items]) => ({ region, items }));
}
