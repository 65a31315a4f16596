import { and, eq } from "drizzle-orm";
import { programs, volunteerProfiles, volunteerStatusChanges, type VolunteerProfile } from "../../../db/schema";
import { audit } from "../audit/record.server";
import { slotsOf } from "../core/availability";
import { municipalityById } from "../core/municipalities.server";
import type { Ctx } from "../core/services.server";
import { conflict, invalid } from "../errors";
import { coordinatorIdsOf, notify } from "../notifications/notify.server";
import { requireVolunteer } from "./access.server";
import type { ApplicationInput } from "./schemas";

/** Fields a coordinator is shown as changed when an active volunteer edits the profile. */
const trackedFields = [
  "programId", "birthDate", "gender", "faculty", "studyProgramme", "studyYear", "languages", "subjects", "availability", "mode",
  "municipalityId", "interests", "motivation", "experienceSpecialNeeds", "experienceAtRisk", "experienceNotes", "capacity",
] as const satisfies readonly (keyof VolunteerProfile)[];

export function getOwnApplication({ ctx }: { ctx: Ctx }) {
  const { profile, organizationId } = requireVolunteer(ctx);
  const programOptions = ctx.services.db
    .select({ id: programs.id, name: programs.name })
    .from(programs)
    .where(eq(programs.organizationId, organizationId))
    .all();
  return { profile: profile ? { ...profile, slots: slotsOf(profile.availability) } : null, programOptions };
}

/** Sends the application, or saves later edits; edits by an active volunteer are flagged to coordinators. */
export async function saveApplication({ ctx, input }: { ctx: Ctx; input: ApplicationInput }) {
  const { user, profile, organizationId } = requireVolunteer(ctx);
  const { db } = ctx.services;
  const program = db
    .select({ id: programs.id })
    .from(programs)
    .where(and(eq(programs.id, input.programId), eq(programs.organizationId, organizationId)))
    .get();
  if (!program) throw invalid("volunteers:errors.program.unknown");
  if (!municipalityById(input.municipalityId)) throw invalid("errors.municipality.unknown");
  if (profile && (profile.status === "rejected" || profile.status === "inactive")) throw conflict("volunteers:errors.applicationClosed");

  const { slots, ...rest } = input;
  const values = { ...rest, availability: slots };
  const changed = profile ? trackedFields.filter((field) => JSON.stringify(profile[field]) !== JSON.stringify(values[field])) : [];
  const flagForCoordinators = profile !== null && ["active", "paused", "training"].includes(profile.status) && changed.length > 0;

  db.transaction(() => {
    if (!profile) {
      db.insert(volunteerProfiles)
        .values({ ...values, userId: user.id, organizationId, status: "applied", submittedAt: ctx.now, updatedAt: ctx.now })
        .run();
      db.insert(volunteerStatusChanges).values({ volunteerUserId: user.id, fromStatus: null, toStatus: "applied", actorUserId: user.id, createdAt: ctx.now }).run();
      audit(ctx, { action: "submit_application", entity: "volunteer", entityId: user.id, organizationId });
      return;
    }
    const previouslyChanged = profile.changedFields ?? [];
    db.update(volunteerProfiles)
      .set({
        ...values,
        updatedAt: ctx.now,
        ...(flagForCoordinators ? { changedFields: [...new Set([...previouslyChanged, ...changed])], changedAt: ctx.now } : {}),
      })
      .where(eq(volunteerProfiles.userId, user.id))
      .run();
    audit(ctx, { action: "update_application", entity: "volunteer", entityId: user.id, organizationId });
  });

  if (!profile) {
    await notify(ctx.services, coordinatorIdsOf(ctx.services, organizationId), { kind: "applicationReceived", params: { name: `${user.firstName} ${user.lastName}` } }, ctx.now);
  } else if (flagForCoordinators) {
    await notify(ctx.services, coordinatorIdsOf(ctx.services, organizationId), { kind: "profileChanged", params: { name: `${user.firstName} ${user.lastName}` } }, ctx.now);
  }
  return { created: !profile, changed };
}
