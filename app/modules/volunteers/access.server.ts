import { eq } from "drizzle-orm";
import { programs, volunteerProfiles, type VolunteerProfile } from "../../../db/schema";
import { can, requirePermission } from "../auth/permissions";
import type { Ctx, CurrentUser } from "../core/services.server";
import { notFound, unauthenticated } from "../errors";

/** The signed-in volunteer and their profile (null before the application is sent). */
export function requireVolunteer(ctx: Ctx): { user: CurrentUser; profile: VolunteerProfile | null; organizationId: string } {
  requirePermission(ctx.user, "view:volunteering:own");
  const user = ctx.user;
  const profile = ctx.services.db.select().from(volunteerProfiles).where(eq(volunteerProfiles.userId, user.id)).get() ?? null;
  const organizationId = profile?.organizationId ?? user.memberships.find((m) => m.role === "volunteer")!.organizationId;
  return { user, profile, organizationId };
}

/**
 * A volunteer's profile for a coordinator of the same organisation. Volunteers of other
 * organisations are reported as missing, not forbidden, so their existence is not revealed.
 */
export function requireCoordinatedVolunteer(ctx: Ctx, volunteerUserId: string): { coordinator: CurrentUser; profile: VolunteerProfile } {
  if (!ctx.user) throw unauthenticated();
  requirePermission(ctx.user, "manage:volunteers:org");
  const profile = ctx.services.db.select().from(volunteerProfiles).where(eq(volunteerProfiles.userId, volunteerUserId)).get();
  if (!profile || !can(ctx.user, "manage:volunteers:org", profile.organizationId)) throw notFound("volunteers:errors.volunteer.notFound");
  return { coordinator: ctx.user, profile };
}

export function programOf(ctx: Ctx, programId: string) {
  return ctx.services.db.select().from(programs).where(eq(programs.id, programId)).get();
}
