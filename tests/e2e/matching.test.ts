import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoAccounts } from "../../db/seed";
import { chromiumAvailable, expectAccessible, launchBrowser, screenshot, startApp, type AppProcess, type BrowserSession } from "./harness";

const enabled = chromiumAvailable();

describe.skipIf(!enabled)("matching on the demo data in Chromium", () => {
  let app: AppProcess;
  let browser: BrowserSession;

  beforeAll(async () => {
    app = await startApp({ SEED_DEMO: "true" });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });


  it("runs matching, explains, rejects one proposal, approves another, and both sides accept", async () => {
    const desk = await browser.newPage();
    await app.signIn(desk, "koordinatorka@tandem.test", { password: demoAccounts.password });
    await desk.getByRole("link", { name: "Pari" }).first().click();
    await desk.waitForURL(`${app.url}/coordination/matches`);
    await desk.getByRole("button", { name: "Predlagaj pare" }).click();
    await expect.poll(() => desk.getByRole("heading", { level: 2, name: /^\d+ predlog/ }).textContent()).toBe("2 predloga");

    const maja = desk.getByRole("article", { name: "Predlog: Maja in Luka Horvat" });
    expect(await maja.getByText("Oba govorita otrokov prvi jezik: slovenščina").count()).toBe(1);
    expect(await maja.getByText(/4 h skupnega časa na teden: pon, sre/).count()).toBe(1);
    const ema = desk.getByRole("article", { name: "Predlog: Ema in Sara Kovačič" });
    expect(await ema.getByText("1,5 h skupnega časa na teden: pon").count()).toBe(1);
    const unmatched = desk.getByRole("region", { name: "Otroci brez predloga" });
    expect(await unmatched.getByText(/ne poučuje: fizika \(8\. razred OŠ\)/).count()).toBe(1);
    await expectAccessible(desk);
    await screenshot(desk, "matching-proposals-desktop");

    await ema.getByRole("button", { name: "Zavrni" }).click();
    await expect.poll(() => ema.getByText("Vpišite razlog (vsaj nekaj besed).").count()).toBe(1);
    await ema.getByLabel("Razlog za zavrnitev").fill("Sara ima izpitno obdobje do februarja");
    await ema.getByRole("button", { name: "Zavrni" }).click();
    await expect.poll(() => desk.getByRole("heading", { level: 2, name: /^\d+ predlog/ }).textContent()).toBe("1 predlog");
    await desk.getByRole("article", { name: "Predlog: Maja in Luka Horvat" }).getByRole("button", { name: "Potrdi par" }).click();
    await expect.poll(() => desk.getByText(/Maja Zupan ↔ Luka Horvat · potrjen, čaka odgovore/).count()).toBe(1);

    // The volunteer sees only what a volunteer may see, and accepts.
    const volunteer = await browser.newPage({ phone: true });
    await app.signIn(volunteer, "prostovoljec@tandem.test", { password: demoAccounts.password });
    await volunteer.goto(`${app.url}/matches`);
    const offer = volunteer.getByRole("article", { name: "Maja, 6. razred OŠ" });
    expect(await offer.getByText(/Pokriva: matematika \(6\. razred OŠ\)/).count()).toBe(1);
    expect(await volunteer.content()).not.toMatch(/preselila|Zupan/);
    await expectAccessible(volunteer);
    await screenshot(volunteer, "matching-offer-phone");
    await offer.getByRole("button", { name: "Sprejmem" }).click();
    await expect.poll(() => volunteer.getByRole("status").first().textContent()).toContain("Počakati moramo še na drugo stran");

    const guardian = await browser.newPage({ phone: true });
    await app.signIn(guardian, "skrbnica@tandem.test", { password: demoAccounts.password });
    await guardian.goto(`${app.url}/matches`);
    await guardian.getByRole("article", { name: "Maja in Luka Horvat" }).getByRole("button", { name: "Sprejmem" }).click();
    await expect.poll(() => guardian.getByRole("status").first().textContent()).toContain("Par je aktiven");
    await expectAccessible(guardian);

    await desk.reload();
    expect(await desk.getByText(/Maja Zupan ↔ Luka Horvat · aktiven par/).count()).toBe(1);
    await desk.getByRole("link", { name: "Zgodovina" }).first().click();
    await expect.poll(() => desk.getByText("Par je aktiven").count()).toBe(1);
    expect(await desk.getByText("Prostovoljec/-ka je sprejel/-a").count()).toBe(1);
    await expectAccessible(desk);
  }, 120_000);
});
