import { describe, expect, it } from "vitest";
import { can, grants, organizationsWhere, requirePermission, type Permission } from "./permissions";
import { navigationFor } from "../../components/navigation";
import { safeRedirect } from "./schemas";

const user = (memberships: { organizationId: string; role: "admin" | "coordinator" | "volunteer" | "guardian" | "child" | "professional" }[]) => ({ id: "u", memberships });

describe("permissions", () => {
  it("grants by role and, when asked, only within the organisation", () => {
    const coordinator = user([{ organizationId: "a", role: "coordinator" }, { organizationId: "b", role: "volunteer" }]);
    expect(can(coordinator, "view:coordination:org")).toBe(true);
    expect(can(coordinator, "view:coordination:org", "a")).toBe(true);
    expect(can(coordinator, "view:coordination:org", "b")).toBe(false);
    expect(organizationsWhere(coordinator, "view:coordination:org")).toEqual(["a"]);
    expect(can(null, "view:coordination:org")).toBe(false);
  });

  it("gives every role exactly the permissions listed for it", () => {
    for (const role of ["admin", "coordinator", "volunteer", "guardian", "child", "professional"] as const) {
      const u = user([{ organizationId: "o", role }]);
      for (const [permission, roles] of Object.entries(grants)) {
        expect(can(u, permission as Permission), `${role} ${permission}`).toBe((roles as readonly string[]).includes(role));
      }
    }
  });

  it("throws codes the transports map: unauthenticated and forbidden", () => {
    expect(() => requirePermission(null, "view:outbox:org")).toThrow(/UNAUTHENTICATED/);
    expect(() => requirePermission(user([{ organizationId: "o", role: "volunteer" }]), "view:outbox:org")).toThrow(/FORBIDDEN/);
  });

  it("shows each role only the navigation it may use", () => {
    const paths = (role: Parameters<typeof user>[0][number]["role"]) => navigationFor(user([{ organizationId: "o", role }])).map((i) => i.to);
    expect(paths("volunteer")).toEqual(["/dashboard", "/volunteer", "/matches", "/lessons"]);
    expect(paths("coordinator")).toEqual(["/dashboard", "/coordination", "/coordination/volunteers", "/coordination/matches", "/coordination/lessons", "/coordination/workshops", "/coordination/referrals", "/children/links"]);
    expect(paths("guardian")).toEqual(["/dashboard", "/matches", "/lessons", "/family"]);
    expect(paths("professional")).toEqual(["/dashboard", "/referrals"]);
    expect(paths("admin")).toEqual(["/dashboard", "/coordination", "/admin/programs", "/admin/members", "/admin/outbox"]);
    expect(paths("child")).toEqual(["/child"]);
  });
});

describe("safeRedirect", () => {
  it("allows only same-site paths", () => {
    expect(safeRedirect("/coordination?x=1")).toBe("/coordination?x=1");
    for (const bad of ["//evil.example", "https://evil.example", "/\\evil.example", "javascript:alert(1)", null, undefined]) {
      expect(safeRedirect(bad)).toBe("/dashboard");
    }
  });
});
