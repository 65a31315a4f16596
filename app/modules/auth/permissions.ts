import type { Role } from "../../../db/schema/users";
import { forbidden, unauthenticated } from "../errors";

/**
 * Permissions read as `action:entity:scope`. `org` means "in an organisation where the user holds
 * one of the roles"; `own` means the verb must also check the user's relation to the entity
 * (e.g. a guardian and their own child). Domain verbs call these; routes never decide alone.
 */
export const grants = {
  "view:admin:any": ["admin"],
  "view:outbox:org": ["admin"],
  "view:coordination:org": ["coordinator", "admin"],
  "issue:child-link:org": ["coordinator"],
  "issue:child-link:own": ["guardian"],
  "view:volunteering:own": ["volunteer"],
  "manage:volunteers:org": ["coordinator"],
  "manage:workshops:org": ["coordinator"],
  "manage:training:org": ["admin"],
  "view:children:own": ["guardian"],
  "view:referrals:own": ["professional"],
  "view:child-home:own": ["child"],
  "refer:child:org": ["professional", "guardian"],
  "triage:referral:org": ["coordinator"],
  "view:child-record:org": ["coordinator"],
  "consent:child:own": ["guardian", "child"],
  "request:help:own": ["child"],
  "schedule:lesson:own": ["volunteer"],
  "confirm:lesson:own": ["guardian"],
  "view:lessons:own": ["volunteer", "guardian", "child"],
  "join:lesson:own": ["volunteer", "child"],
  "manage:lessons:org": ["coordinator"],
  "report:concern:own": ["volunteer", "guardian", "child"],
  "give:feedback:own": ["child"],
  "propose:match:org": ["coordinator"],
  "respond:match:own": ["volunteer", "guardian"],
  "manage:matching:org": ["admin"],
  "manage:members:org": ["admin"],
  "manage:programs:org": ["admin"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof grants;

export interface Principal {
  id: string;
  memberships: { organizationId: string; role: Role }[];
}

/** True when the user holds a role that grants the permission (in that organisation, when given). */
export function can(user: Principal | null, permission: Permission, organizationId?: string): boolean {
  if (!user) return false;
  const allowed: readonly Role[] = grants[permission];
  return user.memberships.some(
    (m) => allowed.includes(m.role) && (organizationId === undefined || m.organizationId === organizationId),
  );
}

/** Organisations in which the user holds the permission. */
export function organizationsWhere(user: Principal, permission: Permission): string[] {
  const allowed: readonly Role[] = grants[permission];
  return [...new Set(user.memberships.filter((m) => allowed.includes(m.role)).map((m) => m.organizationId))];
}

export function requirePermission<U extends Principal>(
  user: U | null,
  permission: Permission,
  organizationId?: string,
): asserts user is U {
  if (!user) throw unauthenticated();
  if (!can(user, permission, organizationId)) throw forbidden();
}

export function hasRole(user: Principal | null, role: Role): boolean {
  return !!user?.memberships.some((m) => m.role === role);
}
