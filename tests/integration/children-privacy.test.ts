import { and, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readChildRecord } from "../../app/modules/children/child-record.server";
import { listChildAlerts, requestHelp } from "../../app/modules/children/help.server";
import { listWaitingChildren } from "../../app/modules/children/matching-input.server";
import { listTriageQueue } from "../../app/modules/children/triage.server";
import type { Services } from "../../app/modules/core/services.server";
import * as childHome from "../../app/routes/child";
import * as recordPage from "../../app/routes/coordination_.children.$childId";
import * as queuePage from "../../app/routes/coordination_.referrals";
import { auditLog, notifications } from "../../db/schema";
import { createChildWithGuardian, createOrganization, createUser } from "../factories";
import { createChildRecord } from "../factories/children";
import { callRoute } from "../setup/remix";
import { createTestServices, ctxFor, sessionCookie } from "../setup/test-db";
import { outcomeOf } from "../setup/outcome";

const codeOf = (run: () => unknown) => outcomeOf(run);

let services: Services;
beforeEach(() => {
  services = createTestServices();
});
afterEach(() => services.db.$client.close());


async function world() {
  const org = createOrganization(services);
  const coordinator = await createUser(services, { role: "coordinator", organizationId: org.id, firstName: "Petra", lastName: "Novak" });
  const professional = await createUser(services, { role: "professional", organizationId: org.id });
  const guardian = await createUser(services, { role: "guardian", organizationId: org.id });
  const { child, account } = await createChildRecord(services, { organizationId: org.id, referredByUserId: professional.id, status: "waiting", guardianUserId: guardian.id });
  return { org, coordinator, professional, guardian, child, account: account! };
}

const reads = (childId: string) => services.db.select().from(auditLog).where(and(eq(auditLog.entityId, childId), eq(auditLog.action, "read_child_record"))).all();

describe("children's privacy", () => {
  it("audits every read of a child's full record, and shows coordinators the child's log", async () => {
    const { coordinator, child } = await world();
    const cookie = await sessionCookie(services, coordinator.id);
    const first = await callRoute(recordPage.loader, services, { cookie, params: { childId: child.id } });
    expect(first.status).toBe(200);
    const record = await first.json();
    expect(record.sensitive).toMatchObject({ referralReason: "Zaupen razlog", familySituation: "Zaupne razmere" });
    expect(record.history[0]).toMatchObject({ action: "read_child_record", actorFirstName: "Petra", actorLastName: "Novak" });
    await callRoute(recordPage.loader, services, { cookie, params: { childId: child.id } });
    const logged = reads(child.id);
    expect(logged).toHaveLength(2);
    expect(logged[0]).toMatchObject({ actorUserId: coordinator.id, entity: "child", organizationId: child.organizationId, requestId: "test-request" });
  });

  it("does not let a volunteer, a professional, a guardian or another organisation's coordinator open a child's record", async () => {
    const { org, professional, guardian, child } = await world();
    const volunteer = await createUser(services, { role: "volunteer", organizationId: org.id });
    const foreign = await createUser(services, { role: "coordinator", organizationId: createOrganization(services).id });
    for (const user of [volunteer, professional, guardian]) {
      const response = await callRoute(recordPage.loader, services, { cookie: await sessionCookie(services, user.id), params: { childId: child.id } });
      expect(response.status).toBe(403);
      expect(await codeOf(() => readChildRecord({ ctx: ctxFor(services, user.id), childId: child.id }))).toBe("FORBIDDEN");
    }
    const response = await callRoute(recordPage.loader, services, { cookie: await sessionCookie(services, foreign.id), params: { childId: child.id } });
    expect(response.status).toBe(404);
    expect((await callRoute(queuePage.loader, services, { cookie: await sessionCookie(services, volunteer.id) })).status).toBe(403);
    expect(reads(child.id)).toHaveLength(0);
  });

  it("keeps sensitive details out of lists and out of matching's input", async () => {
    const { org, coordinator, child } = await world();
    const ctx = ctxFor(services, coordinator.id);
    const queue = listTriageQueue({ ctx });
    expect(queue.children.map((c) => c.id)).toEqual([child.id]);
    const waiting = listWaitingChildren({ ctx, organizationId: org.id });
    expect(waiting).toEqual([
      expect.objectContaining({
        id: child.id,
        grade: 6,
        languages: [{ code: "sl", first: true }],
        needs: [{ subject: "math", grade: 6, priority: 1 }],
        availability: [{ start: 960, end: 1080 }],
        mode: "online",
        municipalityId: 61,
        specialNeeds: false,
        videoConsent: false,
      }),
    ]);
    for (const data of [queue, waiting]) {
      expect(JSON.stringify(data)).not.toMatch(/Zaupn/);
    }
    expect(Object.keys(waiting[0]!)).not.toContain("firstName");
    expect(listWaitingChildren({ ctx: ctxFor(services, (await createUser(services, { role: "coordinator", organizationId: createOrganization(services).id })).id), organizationId: org.id })).toEqual([]);
  });

  it("lets the child call for help: every coordinator of the organisation gets a notice, once per ten minutes", async () => {
    const { org, coordinator, child, account } = await world();
    const second = await createUser(services, { role: "coordinator", organizationId: org.id });
    const cookie = await sessionCookie(services, account.id);
    const response = await callRoute(childHome.action, services, { method: "POST", cookie });
    expect(await response.json()).toEqual({ helpSent: true, repeated: false });
    for (const user of [coordinator, second]) {
      expect(services.db.select().from(notifications).where(eq(notifications.userId, user.id)).get()).toMatchObject({ kind: "child_help", params: { childUserId: account.id, childId: child.id } });
    }
    expect(requestHelp({ ctx: ctxFor(services, account.id) })).toEqual({ notified: 0, repeated: true });
    expect(services.db.select().from(notifications).where(eq(notifications.kind, "child_help")).all()).toHaveLength(2);
    expect(listChildAlerts({ ctx: ctxFor(services, coordinator.id) })[0]).toMatchObject({ kind: "child_help", childId: child.id, firstName: "Maja" });

    const queue = await callRoute(queuePage.loader, services, { cookie: await sessionCookie(services, coordinator.id) });
    const alertId = (await queue.json()).alerts[0].id;
    await callRoute(queuePage.action, services, { method: "POST", cookie: await sessionCookie(services, coordinator.id), body: { notificationId: alertId } });
    expect(listChildAlerts({ ctx: ctxFor(services, coordinator.id) })).toHaveLength(0);
    expect(listChildAlerts({ ctx: ctxFor(services, second.id) })).toHaveLength(1);
  });

  it("reaches the coordinators for a child who has an account but no referral record", async () => {
    const org = createOrganization(services);
    const coordinator = await createUser(services, { role: "coordinator", organizationId: org.id });
    const { child } = await createChildWithGuardian(services, org.id, "Lana");
    expect(requestHelp({ ctx: ctxFor(services, child.id) })).toEqual({ notified: 1, repeated: false });
    expect(listChildAlerts({ ctx: ctxFor(services, coordinator.id) })[0]).toMatchObject({ childId: null, firstName: "Lana" });
    const volunteer = await createUser(services, { role: "volunteer", organizationId: org.id });
    expect(await codeOf(() => requestHelp({ ctx: ctxFor(services, volunteer.id) }))).toBe("FORBIDDEN");
  });
});
