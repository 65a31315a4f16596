import { eq, isNull, and } from "drizzle-orm";
import { memberships, organizations, users } from "../../../db/schema";
import type { CurrentUser, Services } from "../core/services.server";

/** The signed-in user with memberships, or null when the account is gone or disabled. */
export function loadCurrentUser(services: Services, userId: string): CurrentUser | null {
  const user = services.db
    .select()
    .from(users)
    .where(and(eq(users.id, userId), isNull(users.disabledAt)))
    .get();
  if (!user) return null;
  const rows = services.db
    .select({ organizationId: memberships.organizationId, role: memberships.role, organizationName: organizations.name })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
    .where(eq(memberships.userId, userId))
    .all();
  return {
    id: user.id,
    email: user.email,
    firstName: user.firstName,
    lastName: user.lastName,
    locale: user.locale,
    memberships: rows,
  };
}
