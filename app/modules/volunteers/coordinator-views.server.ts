import { and, asc, desc, eq, inArray } from "drizzle-orm";
import { agreements, interviews, organizations, programs, recordChecks, references, users, volunteerProfiles, volunteerStatusChanges, type VolunteerStatus } from "../../../db/schema";
import { audit } from "../audit/record.server";
import { organizationsWhere, requirePermission } from "../auth/permissions";
import { municipalityById } from "../core/municipalities.server";
import type { Ctx } from "../core/services.server";
import { requireCoordinatedVolunteer } from "./access.server";
import { eligibilityOf } from "./facts.server";
import { ledgerOf } from "./hours.server";
import { availableDecisions } from "./lifecycle";

/** The coordinator's queue: their organisations' volunteers, newest first, with what each still lacks. */
export function listVolunteers({ ctx, status }: { ctx: Ctx; status?: VolunteerStatus }) {
  requirePermission(ctx.user, "manage:volunteers:org");
  const orgIds = organizationsWhere(ctx.user, "manage:volunteers:org");
  const { db } = ctx.services;
  const rows = db
    .select({
      userId: volunteerProfiles.userId,
      firstName: users.firstName,
      lastName: users.lastName,
      status: volunteerProfiles.status,
      programName: programs.name,
      submittedAt: volunteerProfiles.submittedAt,
      changedAt: volunteerProfiles.changedAt,
    })
    .from(volunteerProfiles)
    .innerJoin(users, eq(users.id, volunteerProfiles.userId))
    .innerJoin(programs, eq(programs.id, volunteerProfiles.programId))
    .where(and(inArray(volunteerProfiles.organizationId, orgIds), status ? eq(volunteerProfiles.status, status) : undefined))
    .orderBy(desc(volunteerProfiles.submittedAt))
    .all();
  return rows.map((row) => {
    const eligibility = eligibilityOf(db, row.userId, ctx.now)!;
    return { ...row, eligible: eligibility.eligible, missing: eligibility.missing };
  });
}

/** Everything a coordinator needs about one volunteer; reading it is audited. */
export function getVolunteerRecord({ ctx, volunteerUserId }: { ctx: Ctx; volunteerUserId: string }) {
  const { profile } = requireCoordinatedVolunteer(ctx, volunteerUserId);
  const { db } = ctx.services;
  const person = db.select({ firstName: users.firstName, lastName: users.lastName, email: users.email }).from(users).where(eq(users.id, volunteerUserId)).get()!;
  const program = db.select({ name: programs.name }).from(programs).where(eq(programs.id, profile.programId)).get()!;
  const record = {
    person,
    profile: { ...profile, programName: program.name, municipalityName: municipalityById(profile.municipalityId)?.name ?? "" },
    interviews: db.select().from(interviews).where(eq(interviews.volunteerUserId, volunteerUserId)).orderBy(desc(interviews.createdAt)).all(),
    references: db.select().from(references).where(eq(references.volunteerUserId, volunteerUserId)).orderBy(asc(references.createdAt)).all(),
    recordChecks: db
      .select({ id: recordChecks.id, verifiedOn: recordChecks.verifiedOn, validUntil: recordChecks.validUntil, verifierFirstName: users.firstName, verifierLastName: users.lastName })
      .from(recordChecks)
      .innerJoin(users, eq(users.id, recordChecks.verifiedBy))
      .where(eq(recordChecks.volunteerUserId, volunteerUserId))
      .orderBy(desc(recordChecks.validUntil))
      .all(),
    agreements: db.select().from(agreements).where(eq(agreements.volunteerUserId, volunteerUserId)).orderBy(desc(agreements.createdAt)).all(),
    history: db.select().from(volunteerStatusChanges).where(eq(volunteerStatusChanges.volunteerUserId, volunteerUserId)).orderBy(asc(volunteerStatusChanges.createdAt)).all(),
    eligibility: eligibilityOf(db, volunteerUserId, ctx.now)!,
    decisions: availableDecisions(profile.status),
    hours: ledgerOf(db, volunteerUserId, profile.organizationId),
  };
  audit(ctx, { action: "read", entity: "volunteer", entityId: volunteerUserId, organizationId: profile.organizationId });
  return record;
}

/** A coordinator marks an active volunteer's profile changes as seen. */
export function acknowledgeProfileChanges({ ctx, volunteerUserId }: { ctx: Ctx; volunteerUserId: string }) {
  const { profile } = requireCoordinatedVolunteer(ctx, volunteerUserId);
  ctx.services.db.transaction(() => {
    ctx.services.db.update(volunteerProfiles).set({ changedFields: null, changedAt: null }).where(eq(volunteerProfiles.userId, volunteerUserId)).run();
    audit(ctx, { action: "acknowledge_profile_changes", entity: "volunteer", entityId: volunteerUserId, organizationId: profile.organizationId });
  });
}

export function organizationName(ctx: Ctx, organizationId: string): string {
  return ctx.services.db.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, organizationId)).get()?.name ?? "";
}
