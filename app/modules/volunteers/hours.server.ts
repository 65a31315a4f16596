import { and, asc, eq } from "drizzle-orm";
import type { Db } from "../../../db/client";
import type { Ctx } from "../core/services.server";
import { requireVolunteer } from "./access.server";
import { volunteerHours, zprostTypes, type HourKind, type ZprostType } from "../../../db/schema";

/** ZProst kind of work per ledger entry kind: tutoring is content work, training and supervision "other", organising "organisational". */
export const zprostTypeOf: Record<HourKind, ZprostType> = { lesson: "content", training: "other", supervision: "other", organisational: "organisational" };

export interface HoursEntry {
  userId: string;
  organizationId: string;
  workedOn: string;
  hours: number;
  kind: HourKind;
  /** Unique per user: `lesson:<id>`, `module:<id>`, `workshop:<id>`; a second write is ignored. */
  source: string;
  description: string;
}

export function recordHours(db: Db, entry: HoursEntry, now: Date): void {
  db.insert(volunteerHours)
    .values({ ...entry, zprostType: zprostTypeOf[entry.kind], createdAt: now })
    .onConflictDoNothing({ target: [volunteerHours.userId, volunteerHours.source] })
    .run();
}

export function removeHours(db: Db, userId: string, source: string): void {
  db.delete(volunteerHours).where(and(eq(volunteerHours.userId, userId), eq(volunteerHours.source, source))).run();
}

export interface LedgerSummary {
  entries: (typeof volunteerHours.$inferSelect)[];
  byMonth: { month: string; hours: number }[];
  byType: Record<ZprostType, number>;
  byKind: Record<HourKind, number>;
  total: number;
  firstDate: string | null;
  lastDate: string | null;
}

/** Pure aggregation of ledger rows: totals per month (YYYY-MM), per ZProst type and per kind. */
export function summarise(entries: (typeof volunteerHours.$inferSelect)[]): LedgerSummary {
  const months = new Map<string, number>();
  const byType = Object.fromEntries(zprostTypes.map((t) => [t, 0])) as Record<ZprostType, number>;
  const byKind: Record<HourKind, number> = { lesson: 0, training: 0, supervision: 0, organisational: 0 };
  let total = 0;
  for (const e of entries) {
    const month = e.workedOn.slice(0, 7);
    months.set(month, (months.get(month) ?? 0) + e.hours);
    byType[e.zprostType] += e.hours;
    byKind[e.kind] += e.hours;
    total += e.hours;
  }
  return {
    entries,
    byMonth: [...months.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([month, hours]) => ({ month, hours })),
    byType,
    byKind,
    total,
    firstDate: entries[0]?.workedOn ?? null,
    lastDate: entries[entries.length - 1]?.workedOn ?? null,
  };
}

export function ledgerOf(db: Db, userId: string, organizationId: string): LedgerSummary {
  const entries = db
    .select()
    .from(volunteerHours)
    .where(and(eq(volunteerHours.userId, userId), eq(volunteerHours.organizationId, organizationId)))
    .orderBy(asc(volunteerHours.workedOn), asc(volunteerHours.createdAt))
    .all();
  return summarise(entries);
}

/** The signed-in volunteer's own ledger (null before they have applied). */
export function myLedger({ ctx }: { ctx: Ctx }): LedgerSummary | null {
  const { user, profile } = requireVolunteer(ctx);
  return profile ? ledgerOf(ctx.services.db, user.id, profile.organizationId) : null;
}
