import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOrganization, createUser, TEST_PASSWORD } from "../factories";
import { chromiumAvailable, expectAccessible, launchBrowser, screenshot, startApp, type AppProcess, type BrowserSession } from "./harness";

const enabled = chromiumAvailable();

/**
 * The children's intake end to end: a professional refers a child, a coordinator triages, the
 * guardian accepts the invitation and gives consent, the child signs in with link and PIN and
 * calls for help. Every page is scanned with axe and photographed at phone and desktop size.
 */
describe.skipIf(!enabled)("children's intake in Chromium", () => {
  let app: AppProcess;
  let browser: BrowserSession;
  let org: ReturnType<typeof createOrganization>;
  const secrets: string[] = [];
  let recordUrl = "";

  beforeAll(async () => {
    app = await startApp();
    browser = await launchBrowser();
    org = createOrganization(app.services, "Mladinsko združenje Test");
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });


  /** Both sizes of the same page: phone (375×740) and desktop (1280×860). */
  async function photograph(page: Page, name: string) {
    const original = page.viewportSize();
    await page.setViewportSize({ width: 375, height: 740 });
    await screenshot(page, `${name}-phone`);
    await page.setViewportSize({ width: 1280, height: 860 });
    await screenshot(page, `${name}-desktop`);
    if (original) await page.setViewportSize(original);
  }

  it("walks a referral from the professional through triage, the guardian's consent and the child's sign-in", async () => {
    const professional = await createUser(app.services, { role: "professional", organizationId: org.id, firstName: "Irena" });
    const coordinator = await createUser(app.services, { role: "coordinator", organizationId: org.id, firstName: "Petra" });
    const guardianEmail = `mojca.${Date.now()}@example.org`;
    secrets.push(guardianEmail);

    // 1. The professional refers Maja; bad input is refused with clear messages first.
    const pro = await browser.newPage();
    await app.signIn(pro, professional.email!);
    await expect.poll(() => pro.getByRole("heading", { level: 1 }).textContent()).toBe("Pozdravljeni, Irena!");
    await expectAccessible(pro);
    await pro.getByRole("navigation").getByRole("link", { name: "Napotitve" }).first().click();
    await pro.waitForURL(`${app.url}/referrals`);
    await expect.poll(() => pro.getByText("Napotitev še niste oddali.").count()).toBe(1);
    await expectAccessible(pro);
    await pro.getByRole("link", { name: "Nova napotitev" }).click();
    await pro.waitForURL(`${app.url}/referrals/new`);
    await pro.getByLabel("Ustanova").fill("CSD Ljubljana");
    await pro.getByLabel("Vaša vloga").selectOption({ label: "socialni delavec / socialna delavka" });
    await pro.getByLabel("Ime otroka").fill("Maja");
    await pro.getByLabel("Priimek otroka").fill("Zupan");
    await pro.getByLabel("Leto rojstva").fill(String(new Date().getFullYear() + 1));
    await pro.getByLabel("Razred", { exact: true }).selectOption({ label: "6. razred OŠ" });
    await pro.getByLabel("Šola").fill("OŠ Prule");
    await pro.getByLabel("Občina bivanja").selectOption({ label: "Ljubljana" });
    await pro.getByLabel("Prednost: matematika").selectOption({ label: "Velika prednost" });
    await pro.locator('label[for="slots-960"]').click();
    await pro.locator('label[for="slots-990"]').click();
    await pro.getByLabel("Razlog za napotitev").fill("Otrok zaostaja pri matematiki, doma ni podpore.");
    await pro.getByLabel("Ime skrbnika").fill("Mojca");
    await pro.getByLabel("Priimek skrbnika").fill("Zupan");
    await pro.getByRole("button", { name: "Oddaj napotitev" }).click();
    await expect.poll(() => pro.getByText("Leto rojstva ne more biti v prihodnosti.").count()).toBe(1);
    expect(await pro.getByText("Vpišite e-poštni naslov ali telefon skrbnika, da ga lahko povabimo.").count()).toBe(1);
    expect(await pro.getByLabel("Leto rojstva").getAttribute("aria-invalid")).toBe("true");
    await expectAccessible(pro);
    await photograph(pro, "referral-form-errors");

    await pro.getByLabel("Leto rojstva").fill(String(new Date().getFullYear() - 11));
    await pro.getByLabel("E-poštni naslov skrbnika").fill(guardianEmail);
    await pro.getByRole("button", { name: "Oddaj napotitev" }).click();
    await pro.waitForURL(/\/referrals\/[0-9a-f-]{36}$/);
    const referralUrl = pro.url();
    await expect.poll(() => pro.getByRole("heading", { level: 1 }).textContent()).toBe("Maja Zupan");
    expect(await pro.getByText("Oddana", { exact: true }).count()).toBe(1);
    await expectAccessible(pro);
    await photograph(pro, "referral-status");

    // 2. The coordinator sees the new referral, opens the record (audited) and accepts.
    const desk = await browser.newPage();
    await app.signIn(desk, coordinator.email!);
    await expect.poll(() => desk.getByRole("heading", { level: 1 }).textContent()).toBe("Pozdravljeni, Petra!");
    await expectAccessible(desk);
    await desk.getByRole("navigation").getByRole("link", { name: "Napotitve in otroci" }).first().click();
    await desk.waitForURL(`${app.url}/coordination/referrals`);
    await expect.poll(() => desk.getByText("Nova napotitev: Maja Zupan").count()).toBe(1);
    await expectAccessible(desk);
    await photograph(desk, "coordination-referrals");
    await desk.getByRole("region", { name: "Napotitve za pregled" }).getByRole("link", { name: "Maja Zupan" }).click();
    await desk.waitForURL(/\/coordination\/children\/[\w-]+$/);
    recordUrl = desk.url();
    await expect.poll(() => desk.getByText("Otrok zaostaja pri matematiki, doma ni podpore.").count()).toBe(1);
    await expectAccessible(desk);
    await photograph(desk, "child-record-triage");
    await desk.getByRole("button", { name: "Zavrni napotitev" }).click();
    await expect.poll(() => desk.getByText("Napišite razlog za zavrnitev.").count()).toBe(1);
    await desk.getByRole("button", { name: "Sprejmi napotitev" }).click();
    const invitationLink = (await desk.getByTestId("invitation-link").textContent())!.trim();
    expect(invitationLink).toMatch(new RegExp(`^${app.url}/invitation/[\\w-]{43}$`));
    secrets.push(invitationLink.split("/invitation/")[1]!);
    await expect.poll(() => desk.getByText("Čaka na soglasje").count()).toBeGreaterThan(0);
    await expectAccessible(desk);
    await photograph(desk, "child-record-accepted");
    const outbox = app.services.db.$client.prepare("select text_body from email_outbox where to_address = ?").all(guardianEmail) as { text_body: string }[];
    expect(outbox.map((m) => m.text_body).join()).toContain(invitationLink);

    // 3. The guardian opens the invitation, creates an account and gives consent.
    const familyContext = await browser.browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
    const home = await browser.newPage({ context: familyContext });
    await home.goto(invitationLink);
    await expect.poll(() => home.getByRole("heading", { level: 1 }).textContent()).toBe("Vabilo za skrbnika");
    expect(await home.getByLabel("E-poštni naslov").inputValue()).toBe(guardianEmail);
    await expectAccessible(home);
    await photograph(home, "guardian-invitation");
    await home.getByLabel("Geslo", { exact: true }).fill(TEST_PASSWORD);
    await home.getByLabel("Ponovite geslo").fill(TEST_PASSWORD);
    await home.getByRole("button", { name: "Ustvari račun in sprejmi vabilo" }).click();
    await home.waitForURL(`${app.url}/family`);
    await expect.poll(() => home.getByText("Čaka na soglasje").count()).toBe(1);
    await home.getByRole("button", { name: "Dajem soglasje: Sodelovanje v programu" }).click();
    await expect.poll(() => home.getByRole("button", { name: "Prekliči soglasje: Sodelovanje v programu" }).count()).toBe(1);
    await home.getByRole("button", { name: "Dajem soglasje: Obdelava občutljivih podatkov" }).click();
    await expect.poll(() => home.getByText("Na čakalnem seznamu", { exact: true }).count()).toBe(1);
    await expectAccessible(home);
    await photograph(home, "family");

    // The guardian issues Maja's sign-in link with a PIN.
    await home.getByRole("link", { name: "Ustvari ali prekliči povezavo" }).click();
    await home.waitForURL(`${app.url}/children/links`);
    await expectAccessible(home);
    await home.getByLabel("PIN (neobvezno, 4 številke)").fill("2468");
    await home.getByRole("button", { name: "Ustvari povezavo" }).click();
    const childLink = (await home.getByTestId("issued-link").textContent())!.trim();
    await expectAccessible(home);
    secrets.push(childLink.split("/c/")[1]!);

    // 4. Maja signs in on a small phone with link and PIN, and calls for help.
    const childContext = await browser.browser.newContext({ viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true });
    const phone = await browser.newPage({ context: childContext });
    await phone.goto(childLink);
    await phone.getByLabel("Vpiši svoj PIN").fill("2468");
    await phone.getByRole("button", { name: "Vstopi" }).click();
    await phone.waitForURL(`${app.url}/child`);
    await expect.poll(() => phone.getByRole("heading", { level: 1 }).textContent()).toBe("Živjo, Maja!");
    await expect.poll(() => phone.getByText("Tvoja naslednja ura").count()).toBe(1);
    const helpButton = phone.getByRole("button", { name: "Pokliči pomoč" });
    expect((await helpButton.boundingBox())!.height).toBeGreaterThanOrEqual(60);
    await expectAccessible(phone);
    await photograph(phone, "child-home");
    await helpButton.click();
    await expect.poll(() => phone.getByRole("status").filter({ hasText: "Sporočilo je poslano" }).count()).toBe(1);
    await expectAccessible(phone);
    await screenshot(phone, "child-help-sent-phone");

    // 5. The coordinator sees the call for help, and the record's log shows each read.
    await desk.goto(`${app.url}/coordination/referrals`);
    await expect.poll(() => desk.getByText("Maja Zupan prosi za pomoč").count()).toBe(1);
    await photograph(desk, "coordination-help");
    await desk.goto(recordUrl);
    await expect.poll(() => desk.getByRole("cell", { name: "Vpogled v zapis" }).count()).toBeGreaterThanOrEqual(3);
    expect(await desk.getByRole("cell", { name: "Dano soglasje: sodelovanje" }).count()).toBe(1);
    expect(await desk.getByRole("cell", { name: "Otrok je poklical pomoč" }).count()).toBe(1);
    await photograph(desk, "child-record-history");

    // The professional sees the status only.
    await pro.goto(referralUrl);
    await expect.poll(() => pro.getByText("Sprejeta", { exact: true }).count()).toBe(1);
    expect(await pro.getByText("Na čakalnem seznamu").count()).toBe(0);
    await pro.goto(`${app.url}/referrals`);
    await expect.poll(() => pro.getByRole("link", { name: /Maja Zupan/ }).count()).toBe(1);
    await expectAccessible(pro);
  });

  it("refuses a volunteer the child's record and another professional the referral", async () => {
    const volunteer = await createUser(app.services, { role: "volunteer", organizationId: org.id });
    const otherProfessional = await createUser(app.services, { role: "professional", organizationId: org.id });
    const page = await browser.newPage();
    await app.signIn(page, volunteer.email!);
    const response = await page.goto(recordUrl);
    expect(response?.status()).toBe(403);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Nimate dostopa");
    expect(await page.getByText("zaostaja").count()).toBe(0);
    await expectAccessible(page);

    const other = await browser.newPage();
    await app.signIn(other, otherProfessional.email!);
    await other.goto(`${app.url}/referrals`);
    await expect.poll(() => other.getByText("Napotitev še niste oddali.").count()).toBe(1);
    expect(await other.getByText("Maja").count()).toBe(0);
    await expectAccessible(other);
  });

  it("keeps the children's personal data and tokens out of the server's logs", () => {
    expect(secrets.length).toBeGreaterThanOrEqual(3);
    const log = app.output.join("\n");
    for (const secret of [...secrets, "Maja", "Zupan", "zaostaja"]) expect(log).not.toContain(secret);
  });
});
