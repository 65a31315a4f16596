import { and, asc, desc, eq, inArray } from "drizzle-orm";
import { DateTime } from "luxon";
import type { z } from "zod";
import { programs, users, volunteerProfiles, workshopAttendance, workshops } from "../../../db/schema";
import { audit } from "../audit/record.server";
import { organizationsWhere, requirePermission } from "../auth/permissions";
import type { Ctx } from "../core/services.server";
import { invalid, notFound } from "../errors";
import { localDate } from "./eligibility";
import { recordHours, removeHours } from "./hours.server";
import { activateIfReady } from "./status.server";
import type { workshopSchema } from "./schemas";

/** Wall-clock input ("2026-12-05T17:00") is Ljubljana time; stored as an instant. */
export function ljubljanaInstant(local: string): Date {
  return DateTime.fromISO(local, { zone: "Europe/Ljubljana" }).toJSDate();
}

export function listWorkshops({ ctx }: { ctx: Ctx }) {
  requirePermission(ctx.user, "manage:workshops:org");
  const orgIds = organizationsWhere(ctx.user, "manage:workshops:org");
  const { db } = ctx.services;
  const rows = db.select().from(workshops).where(inArray(workshops.organizationId, orgIds)).orderBy(desc(workshops.startsAt)).all();
  const counts = db.select({ workshopId: workshopAttendance.workshopId }).from(workshopAttendance).where(inArray(workshopAttendance.workshopId, rows.map((r) => r.id))).all();
  return rows.map((w) => ({ ...w, attended: counts.filter((c) => c.workshopId === w.id).length }));
}

/** The programmes a coordinator may hold workshops for (a workshop may also be for the whole organisation). */
export function listWorkshopPrograms({ ctx }: { ctx: Ctx }) {
  requirePermission(ctx.user, "manage:workshops:org");
  const orgIds = organizationsWhere(ctx.user, "manage:workshops:org");
  const rows = ctx.services.db.select({ id: programs.id, name: programs.name }).from(programs).where(inArray(programs.organizationId, orgIds)).orderBy(asc(programs.name)).all();
  return { programs: rows, organizationChoiceNeeded: orgIds.length > 1 };
}

/**
 * A workshop belongs to the organisation of its programme, or (without one) to the coordinator's
 * organisation; a coordinator of several organisations names the programme.
 */
export function createWorkshop({ ctx, input }: { ctx: Ctx; input: z.infer<typeof workshopSchema> }) {
  requirePermission(ctx.user, "manage:workshops:org");
  const orgIds = organizationsWhere(ctx.user, "manage:workshops:org");
  const { db } = ctx.services;
  const program = input.programId ? db.select({ organizationId: programs.organizationId }).from(programs).where(eq(programs.id, input.programId)).get() : null;
  if (input.programId && (!program || !orgIds.includes(program.organizationId))) throw invalid("volunteers:errors.program.unknown");
  if (!program && orgIds.length > 1) throw invalid("volunteers:errors.program.required");
  const organizationId = program?.organizationId ?? orgIds[0]!;
  return db.transaction(() => {
    const row = db
      .insert(workshops)
      .values({ ...input, programId: input.programId || null, startsAt: ljubljanaInstant(input.startsAt), organizationId, createdBy: ctx.user!.id, createdAt: ctx.now })
      .returning({ id: workshops.id })
      .get();
    audit(ctx, { action: "create_workshop", entity: "workshop", entityId: row.id, organizationId });
    return row.id;
  });
}

function requireWorkshop(ctx: Ctx, workshopId: string) {
  requirePermission(ctx.user, "manage:workshops:org");
  const workshop = ctx.services.db.select().from(workshops).where(eq(workshops.id, workshopId)).get();
  if (!workshop || !organizationsWhere(ctx.user, "manage:workshops:org").includes(workshop.organizationId)) throw notFound();
  return workshop;
}

/** Volunteers who can attend (in training or serving) with whether they were marked present. */
export function getWorkshopAttendance({ ctx, workshopId }: { ctx: Ctx; workshopId: string }) {
  const workshop = requireWorkshop(ctx, workshopId);
  const { db } = ctx.services;
  const volunteers = db
    .select({ userId: volunteerProfiles.userId, firstName: users.firstName, lastName: users.lastName, status: volunteerProfiles.status })
    .from(volunteerProfiles)
    .innerJoin(users, eq(users.id, volunteerProfiles.userId))
    .where(and(eq(volunteerProfiles.organizationId, workshop.organizationId), inArray(volunteerProfiles.status, ["training", "active", "paused"])))
    .orderBy(asc(users.lastName), asc(users.firstName))
    .all();
  const present = new Set(db.select({ userId: workshopAttendance.userId }).from(workshopAttendance).where(eq(workshopAttendance.workshopId, workshopId)).all().map((r) => r.userId));
  return { workshop, volunteers: volunteers.map((v) => ({ ...v, present: present.has(v.userId) })) };
}

/** Sets who attended; each attendance puts the workshop's hours in that volunteer's ledger, and unmarking takes them out. */
export async function markAttendance({ ctx, workshopId, presentIds }: { ctx: Ctx; workshopId: string; presentIds: string[] }) {
  const { workshop, volunteers } = getWorkshopAttendance({ ctx, workshopId });
  const eligible = new Set(volunteers.map((v) => v.userId));
  if (presentIds.some((id) => !eligible.has(id))) throw invalid("volunteers:errors.attendance.unknownVolunteer");
  const wanted = new Set(presentIds);
  const before = new Set(volunteers.filter((v) => v.present).map((v) => v.userId));
  const { db } = ctx.services;
  const source = `workshop:${workshop.id}`;
  const kind = workshop.kind;
  db.transaction(() => {
    for (const userId of wanted) {
      if (before.has(userId)) continue;
      db.insert(workshopAttendance).values({ workshopId, userId, markedBy: ctx.user!.id, markedAt: ctx.now }).run();
      recordHours(db, { userId, organizationId: workshop.organizationId, workedOn: localDate(workshop.startsAt), hours: workshop.hours, kind, source, description: workshop.title }, ctx.now);
    }
    for (const userId of before) {
      if (wanted.has(userId)) continue;
      db.delete(workshopAttendance).where(and(eq(workshopAttendance.workshopId, workshopId), eq(workshopAttendance.userId, userId))).run();
      removeHours(db, userId, source);
    }
    audit(ctx, { action: "mark_attendance", entity: "workshop", entityId: workshopId, organizationId: workshop.organizationId });
  });
  for (const userId of wanted) if (!before.has(userId)) await activateIfReady(ctx, userId);
}
