import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Services } from "../../app/modules/core/services.server";
import { myCalendar } from "../../app/modules/lessons/calendar.server";
import { myLedger } from "../../app/modules/volunteers/hours.server";
import { lessons, scheduledJobs, users } from "../../db/schema";
import { seedDemo } from "../../db/seed";
import { createTestServices, ctxFor } from "../setup/test-db";

let services: Services;
beforeAll(async () => {
  services = createTestServices();
  expect(await seedDemo(services.db)).toBe(true);
});
afterAll(() => services.db.$client.close());

const userId = (email: string) => services.db.select({ id: users.id }).from(users).where(eq(users.email, email)).get()!.id;

describe("the demo data", () => {
  it("is seeded once", async () => {
    expect(await seedDemo(services.db)).toBe(false);
  });

  it("has a pair at work: Eva's month of held lessons with reports and hours, the next weeks planned with reminders", () => {
    const eva = ctxFor(services, userId("eva.rozman@tandem.test"));
    const calendar = myCalendar({ ctx: eva, days: 60 });
    const statuses = calendar.lessons.map((l) => l.status);
    expect(statuses).toContain("completed");
    expect(statuses.filter((s) => s === "scheduled").length).toBeGreaterThanOrEqual(7);
    for (const lesson of calendar.lessons) {
      expect(lesson.childFirstName).toBe("Tim");
      expect(new Date(lesson.scheduledStart).toLocaleTimeString("sl-SI", { timeZone: "Europe/Ljubljana", hour: "2-digit", minute: "2-digit" })).toBe("17:00");
    }
    const ledger = myLedger({ ctx: eva })!;
    // Held lessons (four, or three on a Monday before the lesson ends) of 45 minutes each; the cancelled one counts nothing.
    const all = services.db.select({ status: lessons.status }).from(lessons).all().map((l) => l.status);
    const held = all.filter((s) => s === "completed").length;
    expect(held).toBeGreaterThanOrEqual(3);
    expect(all.filter((s) => s === "cancelled")).toHaveLength(1);
    expect(ledger.byKind.lesson).toBe(held * 0.75);
    expect(ledger.byKind.training).toBe(2.5);
    // Training came before the first lesson.
    const firstLesson = ledger.entries.filter((e) => e.kind === "lesson").map((e) => e.workedOn).sort()[0]!;
    expect(ledger.entries.filter((e) => e.kind === "training").every((e) => e.workedOn < firstLesson)).toBe(true);
    // Two reminders (24 h and 1 h before) for every planned lesson, less those already due for the very next one.
    const planned = all.filter((s) => s === "scheduled").length;
    const reminders = services.db.select().from(scheduledJobs).all().length;
    expect(reminders).toBeLessThanOrEqual(2 * planned);
    expect(reminders).toBeGreaterThanOrEqual(2 * planned - 2);
  });
});
