import { can, hasRole, type Principal } from "../modules/auth/permissions";

export interface NavItem {
  to: string;
  labelKey: string;
}

/** Role-specific navigation: each item appears only when its page would let the user in. */
export function navigationFor(user: Principal | null): NavItem[] {
  if (!user) return [];
  if (user.memberships.every((m) => m.role === "child")) return [{ to: "/child", labelKey: "nav.childHome" }];
  const items: NavItem[] = [{ to: "/dashboard", labelKey: "nav.dashboard" }];
  if (can(user, "view:coordination:org")) items.push({ to: "/coordination", labelKey: "nav.coordination" });
  if (can(user, "issue:child-link:org") || can(user, "issue:child-link:own")) {
    items.push({ to: "/children/links", labelKey: hasRole(user, "coordinator") ? "nav.childLinks" : "nav.myChildren" });
  }
  if (can(user, "view:outbox:any")) items.push({ to: "/admin/outbox", labelKey: "nav.outbox" });
  return items;
}
