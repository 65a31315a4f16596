import { can, type Principal } from "../modules/auth/permissions";

export interface NavItem {
  to: string;
  labelKey: string;
}

/** Role-specific navigation: each item appears only when its page would let the user in. */
export function navigationFor(user: Principal | null): NavItem[] {
  if (!user) return [];
  if (user.memberships.every((m) => m.role === "child")) return [{ to: "/child", labelKey: "nav.childHome" }];
  const items: NavItem[] = [{ to: "/dashboard", labelKey: "nav.dashboard" }];
  if (can(user, "view:volunteering:own")) items.push({ to: "/volunteer", labelKey: "nav.volunteerPath" });
  if (can(user, "view:coordination:org")) items.push({ to: "/coordination", labelKey: "nav.coordination" });
  if (can(user, "manage:volunteers:org")) items.push({ to: "/coordination/volunteers", labelKey: "nav.volunteers" });
  if (can(user, "propose:match:org")) items.push({ to: "/coordination/matches", labelKey: "nav.matching" });
  if (can(user, "manage:lessons:org")) items.push({ to: "/coordination/lessons", labelKey: "lessons:nav.coordination" });
  if (can(user, "respond:match:own")) items.push({ to: "/matches", labelKey: "nav.offers" });
  if (can(user, "view:lessons:own")) items.push({ to: "/lessons", labelKey: "lessons:nav.lessons" });
  if (can(user, "manage:workshops:org")) items.push({ to: "/coordination/workshops", labelKey: "nav.workshops" });
  if (can(user, "triage:referral:org")) items.push({ to: "/coordination/referrals", labelKey: "children:nav.queue" });
  // Guardians manage their children's sign-in links from the family page.
  if (can(user, "issue:child-link:org")) items.push({ to: "/children/links", labelKey: "nav.childLinks" });
  if (can(user, "view:children:own")) items.push({ to: "/family", labelKey: "children:nav.family" });
  if (can(user, "view:referrals:own")) items.push({ to: "/referrals", labelKey: "children:nav.referrals" });
  if (can(user, "manage:training:org")) items.push({ to: "/admin/programs", labelKey: "nav.programs" });
  if (can(user, "manage:members:org")) items.push({ to: "/admin/members", labelKey: "nav.members" });
  if (can(user, "view:outbox:org")) items.push({ to: "/admin/outbox", labelKey: "nav.outbox" });
  return items;
}
