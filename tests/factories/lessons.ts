import type { Services } from "../../app/modules/core/services.server";
import { lessonSeries, lessons, matches } from "../../db/schema";
import { createOrganization, createUser } from "../factories";
import { createChildRecord, programOf } from "./children";
import { createVolunteerProfile } from "./volunteers";

/**
 * An active match ready for lessons: an organisation with a coordinator, a volunteer (available
 * Mon 17.00–19.00 by the volunteers factory), a child with an account (available Mon 16.00–18.00)
 * and a guardian. The pair shares Monday 17.00–18.00.
 */
export async function createActiveMatch(services: Services, { organizationId }: { organizationId?: string } = {}) {
  const orgId = organizationId ?? createOrganization(services).id;
  const coordinator = await createUser(services, { role: "coordinator", organizationId: orgId, firstName: "Petra", lastName: "Koordinatorka" });
  const volunteer = await createUser(services, { role: "volunteer", organizationId: orgId, firstName: "Nina", lastName: "Potočnik" });
  createVolunteerProfile(services, volunteer.id, orgId, "active");
  const guardian = await createUser(services, { role: "guardian", organizationId: orgId, firstName: "Mojca", lastName: "Zupan" });
  const professional = await createUser(services, { role: "professional", organizationId: orgId });
  const { child, account } = await createChildRecord(services, { organizationId: orgId, referredByUserId: professional.id, status: "active", guardianUserId: guardian.id });
  const match = services.db
    .insert(matches)
    .values({ organizationId: orgId, programId: programOf(services, orgId).id, childId: child.id, volunteerUserId: volunteer.id, status: "active", score: 0.8, explanation: [], volunteerResponse: "accepted", guardianResponse: "accepted" })
    .returning()
    .get();
  return { organizationId: orgId, coordinator, volunteer, guardian, child, childUser: account!, match };
}

/** A scheduled lesson of the match at a given instant (a one-lesson confirmed series), bypassing the proposal flow. */
export function createLesson(services: Services, match: { id: string; organizationId: string; volunteerUserId: string }, start: Date, minutes = 60, status: "scheduled" | "live" | "completed" | "missed" | "cancelled" = "scheduled") {
  const series = services.db
    .insert(lessonSeries)
    .values({ matchId: match.id, organizationId: match.organizationId, rrule: null, startLocal: start.toISOString().slice(0, 16), timeZone: "Europe/Ljubljana", durationMinutes: minutes, status: "confirmed", proposedBy: match.volunteerUserId })
    .returning()
    .get();
  return services.db
    .insert(lessons)
    .values({ matchId: match.id, seriesId: series.id, organizationId: match.organizationId, scheduledStart: start, scheduledEnd: new Date(start.getTime() + minutes * 60_000), status, actualStart: status === "live" || status === "completed" ? start : null })
    .returning()
    .get();
}
