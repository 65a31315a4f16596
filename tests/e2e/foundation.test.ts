import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createChildWithGuardian, createOrganization, createUser, TEST_PASSWORD } from "../factories";
import { chromiumAvailable, expectAccessible, launchBrowser, screenshot, startApp, type AppProcess, type BrowserSession } from "./harness";

const enabled = chromiumAvailable();

describe.skipIf(!enabled)("foundation journeys in Chromium", () => {
  let app: AppProcess;
  let browser: BrowserSession;
  let org: ReturnType<typeof createOrganization>;
  const secrets: string[] = [];

  beforeAll(async () => {
    app = await startApp();
    browser = await launchBrowser();
    org = createOrganization(app.services, "Mladinsko združenje Test");
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });


  it("shows the Slovenian home page and switches to English, which persists", async () => {
    const page = await browser.newPage({ phone: true });
    await page.goto(app.url);
    expect(await page.getAttribute("html", "lang")).toBe("sl");
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Študenti in otroci, skupaj pri učenju");
    await expectAccessible(page);
    await screenshot(page, "home-phone-sl");

    await page.getByRole("button", { name: "Switch to English" }).click();
    await page.waitForFunction(() => document.documentElement.lang === "en");
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Students and children, learning together");
    await page.reload();
    expect(await page.getAttribute("html", "lang")).toBe("en");
    expect(await page.title()).toBe("Home · Tandem");
    await expectAccessible(page);
    await page.getByRole("button", { name: "Preklopi v slovenščino" }).click();
    await page.waitForFunction(() => document.documentElement.lang === "sl");
  });

  it("signs a volunteer up after showing clear errors for bad input", async () => {
    const page = await browser.newPage();
    await page.goto(`${app.url}/sign-up`);
    await page.getByLabel("E-poštni naslov").fill("ni-naslov");
    await page.getByLabel("Geslo", { exact: true }).fill("kratko");
    await page.getByRole("button", { name: "Ustvari račun" }).click();
    await expect.poll(() => page.getByText("Vpišite ime.").count()).toBe(1);
    expect(await page.getByText("Vpišite veljaven e-poštni naslov, na primer ime@primer.si.").count()).toBe(1);
    expect(await page.getByText("Geslo mora imeti vsaj 10 znakov.").count()).toBe(1);
    expect(await page.getByText("Za prijavo potrebujemo vaše soglasje.").count()).toBe(1);
    expect(await page.getByLabel("E-poštni naslov").getAttribute("aria-invalid")).toBe("true");
    await expectAccessible(page);
    await screenshot(page, "sign-up-errors-desktop");
    expect(page.url()).toBe(`${app.url}/sign-up`);

    const email = `nina.${Date.now()}@example.org`;
    secrets.push(email);
    await page.getByLabel("Ime", { exact: true }).fill("Nina");
    await page.getByLabel("Priimek").fill("Potočnik");
    await page.getByLabel("E-poštni naslov").fill(email);
    await page.getByLabel("Geslo", { exact: true }).fill(TEST_PASSWORD);
    await page.getByLabel("Ponovite geslo").fill(TEST_PASSWORD);
    await page.getByLabel("Organizacija").selectOption({ label: org.name });
    await page.getByLabel("Strinjam se z obdelavo osebnih podatkov za namen izbora prostovoljcev.").check();
    await page.getByRole("button", { name: "Ustvari račun" }).click();
    await page.waitForURL(`${app.url}/dashboard?welcome=1`);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Pozdravljeni, Nina!");
    expect(await page.getByText("Prostovoljec/-ka").count()).toBe(1);
    await expectAccessible(page);
  });

  it("signs in and out, and says when the password is wrong", async () => {
    const volunteer = await createUser(app.services, { role: "volunteer", organizationId: org.id, firstName: "Luka" });
    secrets.push(volunteer.email!);
    const page = await browser.newPage({ phone: true });
    await app.signIn(page, volunteer.email!, { password: "napačno geslo", expectFailure: true });
    await expect.poll(() => page.getByRole("alert").textContent()).toBe("E-poštni naslov ali geslo ni pravilno.");
    await expectAccessible(page);
    await screenshot(page, "sign-in-wrong-phone");

    await app.signIn(page, volunteer.email!);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Pozdravljeni, Luka!");
    await expectAccessible(page);
    await page.getByText("Meni").click();
    await page.getByRole("navigation").getByRole("button", { name: "Odjava" }).click();
    await page.waitForURL(`${app.url}/`);
    await expect.poll(() => page.getByRole("status").textContent()).toContain("Odjavljeni ste.");
    await page.goto(`${app.url}/dashboard`);
    expect(page.url()).toBe(`${app.url}/sign-in?redirectTo=%2Fdashboard`);
  });

  it("blocks sign-in after repeated failures", async () => {
    const volunteer = await createUser(app.services, { role: "volunteer", organizationId: org.id });
    const page = await browser.newPage();
    for (let attempt = 0; attempt < 5; attempt++) {
      await app.signIn(page, volunteer.email!, { password: `napačno ${attempt}`, expectFailure: true });
      await page.getByRole("alert").waitFor();
    }
    await expect.poll(() => page.getByRole("alert").textContent()).toMatch(/^Preveč neuspešnih poskusov\. Poskusite znova čez 1[0-5] minut\.$/);
    await app.signIn(page, volunteer.email!, { expectFailure: true });
    await expect.poll(() => page.getByRole("alert").textContent()).toMatch(/^Preveč neuspešnih poskusov/);
    expect(page.url()).toContain("/sign-in");
  });

  it("lets a coordinator issue a child's link with a PIN, and the child sign in with it", async () => {
    const coordinator = await createUser(app.services, { role: "coordinator", organizationId: org.id, firstName: "Petra" });
    const { child } = await createChildWithGuardian(app.services, org.id, "Maja");
    const page = await browser.newPage();
    await app.signIn(page, coordinator.email!);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Pozdravljeni, Petra!");
    await expectAccessible(page);
    await page.getByRole("link", { name: "Vstopne povezave" }).first().click();
    await page.waitForURL(`${app.url}/children/links`);
    const card = page.getByRole("listitem").filter({ hasText: "Maja Zupan" });
    await card.getByLabel("PIN (neobvezno, 4 številke)").fill("13");
    await card.getByRole("button", { name: "Ustvari povezavo" }).click();
    await expect.poll(() => card.getByRole("alert").textContent()).toBe("PIN ima natanko 4 številke.");
    await card.getByLabel("PIN (neobvezno, 4 številke)").fill("1357");
    await card.getByRole("button", { name: "Ustvari povezavo" }).click();
    const link = (await card.getByTestId("issued-link").textContent())!.trim();
    expect(link).toMatch(new RegExp(`^${app.url}/c/[\\w-]{43}$`));
    secrets.push(link.split("/c/")[1]!);
    await expectAccessible(page);
    await screenshot(page, "child-links-desktop");

    const childContext = await browser.browser.newContext({ viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true });
    const phone = await browser.newPage({ context: childContext });
    await phone.goto(link);
    await expect.poll(() => phone.getByRole("heading", { level: 1 }).textContent()).toBe("Živjo, Maja!");
    await phone.getByLabel("Vpiši svoj PIN").fill("0000");
    await phone.getByRole("button", { name: "Vstopi" }).click();
    await expect.poll(() => phone.getByRole("alert").textContent()).toBe("PIN ni pravilen. Poskusi še enkrat.");
    await expectAccessible(phone);
    await phone.getByLabel("Vpiši svoj PIN").fill("1357");
    await phone.getByRole("button", { name: "Vstopi" }).click();
    await phone.waitForURL(`${app.url}/child`);
    await expect.poll(() => phone.getByRole("heading", { level: 1 }).textContent()).toBe("Živjo, Maja!");
    await expect.poll(() => phone.getByText("Tvoja naslednja ura").count()).toBe(1);
    await expectAccessible(phone);
    await screenshot(phone, "child-home-phone");
    expect(child.email).toBeNull();
  });

  it("refuses a volunteer the coordinator's page and shows a 404 page for unknown addresses", async () => {
    const volunteer = await createUser(app.services, { role: "volunteer", organizationId: org.id });
    const page = await browser.newPage();
    await app.signIn(page, volunteer.email!);
    expect(await page.getByRole("link", { name: "Koordinacija" }).count()).toBe(0);
    const response = await page.goto(`${app.url}/coordination`);
    expect(response?.status()).toBe(403);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Nimate dostopa");
    await expectAccessible(page);
    const missing = await page.goto(`${app.url}/ni-take-strani`);
    expect(missing?.status()).toBe(404);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Strani ni mogoče najti");
    await expectAccessible(page);
    await screenshot(page, "not-found-desktop");
  });

  it("keeps personal data and secrets out of the server's logs and shuts down cleanly", async () => {
    expect(secrets.length).toBeGreaterThanOrEqual(3);
    const log = app.output.join("\n");
    expect(log).toContain('"path":"/c/[token]"');
    for (const secret of [...secrets, "Maja", "Zupan", "Potočnik"]) expect(log).not.toContain(secret);
    const code = await app.stop("SIGTERM");
    expect(code).toBe(0);
    expect(app.output.join("\n")).toContain("shutting down");
  });
});
