import { eq } from "drizzle-orm";
import { DateTime } from "luxon";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueChildLink } from "../../app/modules/auth/child-links.server";
import { chatMessages, lessons, notifications, volunteerHours } from "../../db/schema";
import { createUser } from "../factories";
import { createActiveMatch } from "../factories/lessons";
import { ctxFor } from "../setup/test-db";
import { chromiumAvailable, expectAccessible, launchBrowser, screenshot, startApp, type AppProcess, type BrowserSession } from "./harness";

const enabled = chromiumAvailable();

describe.skipIf(!enabled)("lessons in Chromium", () => {
  let app: AppProcess;
  let browser: BrowserSession;

  beforeAll(async () => {
    app = await startApp();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  const roomLessonId = (page: Page) => new URL(page.url()).pathname.split("/").pop()!;

  /** Both sizes of the same page: phone (375×740) and desktop (1280×860). */
  async function photograph(page: Page, name: string) {
    const original = page.viewportSize();
    await page.setViewportSize({ width: 375, height: 740 });
    await screenshot(page, `${name}-phone`);
    await page.setViewportSize({ width: 1280, height: 860 });
    await screenshot(page, `${name}-desktop`);
    if (original) await page.setViewportSize(original);
  }

  it("plans lessons, brings the pair into the room from the child's big button, chats with screening, reports a concern, ends and rates the lesson", async () => {
    const { match, volunteer, guardian, coordinator, childUser } = await createActiveMatch(app.services);
    const zone = "Europe/Ljubljana";
    const nextMonday = DateTime.now().setZone(zone).plus({ days: 2 }).startOf("week").plus({ weeks: 1 });
    const soon = DateTime.now().setZone(zone).plus({ minutes: 6 });

    // 1. The volunteer proposes a weekly time; a time outside the child's availability is refused first.
    const desk = await browser.newPage();
    await app.signIn(desk, volunteer.email!);
    await desk.getByRole("navigation").getByRole("link", { name: "Učne ure" }).first().click();
    await desk.waitForURL(`${app.url}/lessons`);
    const propose = desk.locator("form", { has: desk.getByRole("button", { name: "Pošlji predlog" }) });
    await propose.getByLabel("Datum (prve) ure").fill(nextMonday.toISODate()!);
    await propose.getByLabel("Začetek").fill("17:30");
    await propose.getByLabel("Število tednov").fill("4");
    await propose.getByRole("button", { name: "Pošlji predlog" }).click();
    await expect.poll(() => desk.getByText("Termin ni znotraj tedenske razpoložljivosti").count()).toBe(1);
    await propose.getByLabel("Začetek").fill("17:00");
    await propose.getByRole("button", { name: "Pošlji predlog" }).click();
    await expect.poll(() => desk.getByText("Predlog je poslan.").count()).toBe(1);
    // A one-off lesson a few minutes from now, so the room opens during this test.
    await propose.getByLabel("Vrsta").selectOption("once");
    await propose.getByLabel("Datum (prve) ure").fill(soon.toISODate()!);
    await propose.getByLabel("Začetek").fill(soon.toFormat("HH:mm"));
    await propose.getByLabel("Trajanje").selectOption("30");
    await propose.getByRole("button", { name: "Pošlji predlog" }).click();
    await expect.poll(() => desk.getByText("Čaka na potrditev skrbnika ali skrbnice.").count()).toBe(2);
    await expectAccessible(desk);

    // 2. The guardian confirms both proposals.
    const family = await browser.newPage();
    await app.signIn(family, guardian.email!);
    await family.goto(`${app.url}/lessons`);
    await expect.poll(() => family.getByRole("button", { name: "Potrdi" }).count()).toBe(2);
    await family.getByRole("button", { name: "Potrdi" }).first().click();
    await expect.poll(() => family.getByRole("button", { name: "Potrdi" }).count()).toBe(1);
    await family.getByRole("button", { name: "Potrdi" }).click();
    await expect.poll(() => family.getByRole("button", { name: "Potrdi" }).count()).toBe(0);
    expect(app.services.db.select().from(lessons).where(eq(lessons.matchId, match.id)).all()).toHaveLength(5);
    await expectAccessible(family);
    await photograph(family, "lessons-guardian");
    await desk.reload();
    await photograph(desk, "lessons-volunteer");

    // 3. Maja signs in on her phone and taps the big "Pridruži se uri" button.
    const { url: childLink } = await issueChildLink({ ctx: ctxFor(app.services, guardian.id), input: { childUserId: childUser.id, days: 30 } });
    const phoneContext = await browser.browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
    const phone = await browser.newPage({ context: phoneContext });
    await phone.goto(childLink.replace(app.services.publicUrl, app.url));
    await phone.getByRole("button", { name: "Vstopi" }).click();
    await phone.waitForURL(`${app.url}/child`);
    const join = phone.getByRole("link", { name: "Pridruži se uri" });
    await expect.poll(() => join.count()).toBe(1);
    expect((await join.boundingBox())!.height).toBeGreaterThanOrEqual(60);
    await expect.poll(() => phone.getByRole("button", { name: "Pokliči pomoč" }).count()).toBe(1);
    await expectAccessible(phone);
    await photograph(phone, "child-home-join");
    await join.click();
    await expect.poll(() => phone.getByTestId("connection").textContent()).toBe("Povezano");

    // 4. The volunteer enters from the calendar; both see each other and chat. Contact details are masked.
    await desk.bringToFront();
    await desk.getByRole("link", { name: "Vstopi v učilnico" }).click();
    await expect.poll(() => desk.getByTestId("connection").textContent()).toBe("Povezano");
    await expect.poll(() => desk.getByTestId("presence").textContent()).toContain("Maja");
    await expect.poll(() => phone.getByTestId("presence").textContent()).toContain("Nina");
    await phone.getByLabel("Sporočilo").fill("moj telefon je 041 123 456");
    await phone.getByRole("button", { name: "Pošlji" }).click();
    await expect.poll(() => desk.getByTestId("chat-log").textContent()).toContain("moj telefon je •••");
    expect(await desk.getByTestId("chat-log").textContent()).not.toContain("041");
    await desk.getByLabel("Sporočilo").fill("Odlično, začniva z ulomki.");
    await desk.getByRole("button", { name: "Pošlji" }).click();
    await expect.poll(() => phone.getByTestId("chat-log").textContent()).toContain("Odlično, začniva z ulomki.");
    expect(await phone.getByTestId("chat-log").textContent()).toContain("moj telefon je 041 123 456");

    // The whiteboard loads only when opened, and what one side draws reaches the other.
    await desk.getByRole("button", { name: "Odpri tablo" }).click();
    await expect.poll(() => desk.locator(".excalidraw").count(), { timeout: 20_000 }).toBe(1);
    const canvas = desk.locator("canvas.excalidraw__canvas.interactive");
    const box = (await canvas.boundingBox())!;
    await desk.locator("label", { has: desk.getByTestId("toolbar-rectangle") }).click();
    await desk.mouse.move(box.x + 200, box.y + 150);
    await desk.mouse.down();
    await desk.mouse.move(box.x + 320, box.y + 240, { steps: 5 });
    await desk.mouse.up();
    await expect.poll(() => phone.getByTestId("whiteboard-section").getAttribute("data-board-elements")).toBe("1");
    // The board is kept: after a reload Maja's page has the rectangle again, and shows it.
    await phone.reload();
    await expect.poll(() => phone.getByTestId("connection").textContent()).toBe("Povezano");
    await expect.poll(() => phone.getByTestId("whiteboard-section").getAttribute("data-board-elements")).toBe("1");
    await phone.getByRole("button", { name: "Odpri tablo" }).click();
    await expect.poll(() => phone.locator(".excalidraw").count(), { timeout: 20_000 }).toBe(1);
    await expectAccessible(phone);
    await photograph(phone, "lesson-room-child");
    await phone.getByRole("button", { name: "Zapri tablo" }).click();

    // Maja's network drops while both write, then comes back: every message arrives once on both sides.
    await phoneContext.setOffline(true);
    await expect.poll(() => phone.getByTestId("connection").textContent()).toBe("Povezava se vzpostavlja …");
    await phone.getByLabel("Sporočilo").fill("Sem izgubila povezavo");
    await phone.getByRole("button", { name: "Pošlji" }).click();
    await desk.getByLabel("Sporočilo").fill("Si še tam?");
    await desk.getByRole("button", { name: "Pošlji" }).click();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await desk.getByTestId("chat-log").textContent()).not.toContain("Sem izgubila povezavo");
    await phoneContext.setOffline(false);
    await expect.poll(() => phone.getByTestId("connection").textContent()).toBe("Povezano");
    await expect.poll(() => desk.getByTestId("chat-log").getByText("Sem izgubila povezavo").count()).toBe(1);
    await expect.poll(() => phone.getByTestId("chat-log").getByText("Si še tam?").count()).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    for (const page of [desk, phone]) {
      expect(await page.getByTestId("chat-log").getByText("Sem izgubila povezavo").count()).toBe(1);
      expect(await page.getByTestId("chat-log").getByText("Si še tam?").count()).toBe(1);
    }
    expect(app.services.db.select().from(chatMessages).where(eq(chatMessages.lessonId, roomLessonId(phone))).all()).toHaveLength(4);

    // Nobody else gets in: neither a stranger nor the volunteer of another match.
    const other = await createActiveMatch(app.services);
    const stranger = await createUser(app.services, { role: "volunteer", organizationId: other.organizationId });
    for (const outsider of [other.volunteer, stranger]) {
      const page = await browser.newPage();
      await app.signIn(page, outsider.email!);
      const response = await page.goto(phone.url());
      expect(response!.status()).toBe(404);
      await expect.poll(() => page.getByText("Te ure ni ali nimate dostopa do nje.").count()).toBe(1);
      expect(await page.getByTestId("chat-log").count()).toBe(0);
      await page.close();
    }
    await screenshot(desk, "lesson-room-volunteer-desktop");
    await desk.getByRole("button", { name: "Zapri tablo" }).click();
    await expectAccessible(desk);
    await photograph(desk, "lesson-room-volunteer");

    // 5. Maja reports a concern; every coordinator is alerted.
    await phone.getByText("Nekaj me skrbi").click();
    await phone.getByRole("button", { name: "Pošlji", exact: true }).last().click();
    await expect.poll(() => phone.getByText("Opišite, kaj vas skrbi.").count()).toBe(1);
    await phone.getByLabel("Kaj se je zgodilo?").fill("Nekdo me je prosil za sliko.");
    await phone.getByRole("button", { name: "Pošlji", exact: true }).last().click();
    await expect.poll(() => phone.getByText("Hvala, da si povedal/-a.").count()).toBe(1);
    const alerts = app.services.db.select({ kind: notifications.kind }).from(notifications).where(eq(notifications.userId, coordinator.id)).all().map((n) => n.kind);
    expect(alerts).toContain("lessonConcern");
    expect(alerts).toContain("chatFlagged");

    // 6. The volunteer ends the lesson and reports; Maja picks a face.
    await desk.getByRole("button", { name: "Končaj uro" }).click();
    await expect.poll(() => phone.getByRole("heading", { level: 1 }).textContent()).toBe("Ura je končana!");
    await expectAccessible(phone);
    await photograph(phone, "lesson-after-child");
    await phone.getByRole("button", { name: "Super je bilo" }).click();
    await phone.waitForURL(`${app.url}/child`);
    await expect.poll(() => desk.getByRole("heading", { level: 1 }).textContent()).toBe("Ura je končana");
    await desk.getByRole("button", { name: "Shrani poročilo" }).click();
    await expect.poll(() => desk.getByText("Poročilo naj ima vsaj 10 znakov.").count()).toBe(0);
    await expect.poll(() => desk.getByText("Vpišite kratko poročilo.").count()).toBe(1);
    await desk.getByLabel("Kratko poročilo o uri").fill("Ponovila sva ulomke in krajšanje.");
    await desk.getByRole("button", { name: "Shrani poročilo" }).click();
    await desk.waitForURL(`${app.url}/lessons`);
    expect(app.services.db.select({ kind: volunteerHours.kind }).from(volunteerHours).where(eq(volunteerHours.userId, volunteer.id)).all()).toEqual([{ kind: "lesson" }]);
    // The held lesson is in the volunteer's hours ledger.
    await desk.goto(`${app.url}/volunteer/hours`);
    await expect.poll(() => desk.getByRole("table").first().textContent()).toContain("učna ura");
    await expectAccessible(desk);
    await photograph(desk, "volunteer-hours-after-lesson");
    await desk.goto(`${app.url}/lessons`);

    // 7. A private calendar feed for the volunteer.
    await desk.getByRole("button", { name: "Ustvari povezavo za koledar" }).click();
    const feed = (await desk.locator("code").textContent())!.trim();
    const ics = await (await fetch(feed.replace(app.services.publicUrl, app.url))).text();
    expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(5);

    // 8. The coordinator's overview.
    const coord = await browser.newPage();
    await app.signIn(coord, coordinator.email!);
    await coord.goto(`${app.url}/coordination/lessons`);
    await expect.poll(() => coord.getByRole("heading", { level: 1 }).textContent()).toBe("Učne ure parov");
    await expectAccessible(coord);
    await photograph(coord, "coordination-lessons");
  }, 120_000);
});
