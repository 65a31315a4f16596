import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { addDays, localDate } from "../../app/modules/volunteers/eligibility";
import { recordHours } from "../../app/modules/volunteers/hours.server";
import { users } from "../../db/schema";
import { createOrganization, createUser, TEST_PASSWORD } from "../factories";
import { programOf } from "../factories/children";
import { addTrainingHours, completeScreening, createTrainingModule, createVolunteerProfile } from "../factories/volunteers";
import { chromiumAvailable, expectAccessible, launchBrowser, screenshot, startApp, type AppProcess, type BrowserSession } from "./harness";

const enabled = chromiumAvailable();

async function pdfText(path: string): Promise<string> {
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const doc = await pdfjs.getDocument({ data: new Uint8Array(readFileSync(path)), useSystemFonts: false, isEvalSupported: false }).promise;
  const parts: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    parts.push(content.items.map((item) => ("str" in item ? item.str : "")).join(" "));
  }
  return parts.join(" ").replace(/\s+/g, " ");
}

describe.skipIf(!enabled)("a volunteer's journey in Chromium", () => {
  let app: AppProcess;
  let browser: BrowserSession;
  let org: ReturnType<typeof createOrganization>;

  beforeAll(async () => {
    app = await startApp();
    browser = await launchBrowser();
    org = createOrganization(app.services, "Mladinsko združenje Pot");
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });


  const heading = (page: Page) => page.getByRole("heading", { level: 1 }).textContent();

  it("goes from sign-up through screening, a workshop and a quiz to eligible, and downloads the certificate", async () => {
    const program = programOf(app.services, org.id);
    createTrainingModule(app.services, program.id);
    const coordinator = await createUser(app.services, { role: "coordinator", organizationId: org.id, firstName: "Petra", lastName: "Novak" });
    const today = localDate(new Date());

    // The volunteer signs up and fills in the application.
    const volunteer = await browser.newPage({ phone: true });
    const email = `eva.${Date.now()}@example.org`;
    await volunteer.goto(`${app.url}/sign-up`);
    await volunteer.getByLabel("Ime", { exact: true }).fill("Eva");
    await volunteer.getByLabel("Priimek").fill("Kralj");
    await volunteer.getByLabel("E-poštni naslov").fill(email);
    await volunteer.getByLabel("Geslo", { exact: true }).fill(TEST_PASSWORD);
    await volunteer.getByLabel("Ponovite geslo").fill(TEST_PASSWORD);
    await volunteer.getByLabel("Strinjam se z obdelavo osebnih podatkov za namen izbora prostovoljcev.").check();
    await volunteer.getByRole("button", { name: "Ustvari račun" }).click();
    await volunteer.waitForURL(/\/dashboard/);
    await expect.poll(() => heading(volunteer)).toBe("Pozdravljeni, Eva!");
    await expectAccessible(volunteer);
    await volunteer.goto(`${app.url}/volunteer`);
    await expectAccessible(volunteer);
    await volunteer.getByRole("link", { name: "Izpolni prijavo" }).click();
    await volunteer.waitForURL(`${app.url}/volunteer/application`);
    await volunteer.getByRole("button", { name: "Oddaj prijavo" }).click();
    await expect.poll(() => volunteer.getByText("Označite vsaj en termin v tednu.").count()).toBe(1);
    await volunteer.getByLabel("Datum rojstva").fill("2003-04-12");
    await volunteer.getByLabel("Spol").selectOption("female");
    await volunteer.getByLabel("Občina bivanja").selectOption({ label: "Ljubljana" });
    await volunteer.getByLabel("Fakulteta").fill("Pedagoška fakulteta");
    await volunteer.getByLabel("Študijski program").fill("Razredni pouk");
    await volunteer.getByLabel("Letnik").selectOption("3");
    await volunteer.getByLabel("slovenščina", { exact: true }).selectOption("native");
    await volunteer.locator("#subject-math-from").selectOption("1");
    await volunteer.locator("#subject-math-to").selectOption("9");
    for (const cell of ["ponedeljek 17.00–17.30", "ponedeljek 17.30–18.00", "sreda 17.00–17.30", "sreda 17.30–18.00"]) {
      await volunteer.locator("label").filter({ hasText: cell }).click();
      expect(await volunteer.getByLabel(cell, { exact: true }).isChecked()).toBe(true);
    }
    await volunteer.getByLabel("na daljavo", { exact: true }).check();
    await volunteer.getByLabel("Zakaj želite postati prostovoljec ali prostovoljka?").fill("Rada pomagam pri matematiki in imam izkušnje z inštrukcijami.");
    await expectAccessible(volunteer);
    await screenshot(volunteer, "volunteer-application-phone");
    await volunteer.getByRole("button", { name: "Oddaj prijavo" }).click();
    await volunteer.waitForURL(`${app.url}/volunteer`);
    await expect.poll(() => volunteer.getByText("Prijava oddana").count()).toBe(1);
    await expectAccessible(volunteer);

    // The coordinator screens the volunteer.
    const desk = await browser.newPage();
    await app.signIn(desk, coordinator.email!);
    await expect.poll(() => heading(desk)).toBe("Pozdravljeni, Petra!");
    await expectAccessible(desk);
    await desk.getByRole("link", { name: "Prostovoljci" }).first().click();
    await desk.getByRole("link", { name: /Eva Kralj/ }).click();
    await expect.poll(() => heading(desk)).toBe("Eva Kralj");
    await desk.getByRole("button", { name: "Začni izbor" }).click();
    await expect.poll(() => desk.getByText("V izboru").count()).toBeGreaterThan(0);
    await desk.getByRole("button", { name: "Sprejmi na usposabljanje" }).click();
    await expect.poll(() => desk.getByRole("alert").first().textContent()).toContain("Pred usposabljanjem morajo biti opravljeni");

    const interview = desk.getByRole("region", { name: "Razgovor" });
    await interview.getByLabel("Datum razgovora").fill(today);
    await interview.getByLabel("Kdo je vodil razgovor").fill("Petra Novak");
    await interview.getByRole("button", { name: "Shrani razgovor" }).click();
    await expect.poll(() => interview.getByText("Petra Novak").count()).toBe(1);
    for (const [name, contact] of [["Učiteljica Ana", "041 111 111"], ["Trener Marko", "041 222 222"]]) {
      const references = desk.getByRole("region", { name: "Dve priporočili" });
      await references.getByLabel("Ime priporočitelja").fill(name!);
      await references.getByLabel("Kontakt (telefon ali e-pošta)").fill(contact!);
      await references.getByRole("button", { name: "Shrani priporočilo" }).click();
      await expect.poll(() => desk.getByRole("region", { name: "Dve priporočili" }).getByText(name!).count()).toBe(1);
    }
    const check = desk.getByRole("region", { name: "Potrdilo o nekaznovanosti" });
    await check.getByLabel("Preverjeno dne").fill(today);
    await check.getByLabel("Velja do").fill("2020-01-01");
    await check.getByRole("button", { name: "Shrani preverjanje" }).click();
    await expect.poll(() => desk.getByText("Veljavnost se mora končati po datumu preverjanja.").count()).toBe(1);
    await check.getByLabel("Velja do").fill(`${Number(today.slice(0, 4)) + 1}${today.slice(4)}`);
    await check.getByRole("button", { name: "Shrani preverjanje" }).click();
    await expect.poll(() => desk.getByRole("region", { name: "Potrdilo o nekaznovanosti" }).getByText(/Preverjeno .* preveril\/-a Petra Novak/).count()).toBe(1);
    const agreement = desk.getByRole("region", { name: "Dogovor o prostovoljskem delu" });
    await agreement.getByLabel("Podpisano dne").fill(today);
    await agreement.getByLabel("Prostovoljec/-ka je podpisal/-a izjavo o nekaznovanosti.").check();
    await agreement.getByRole("button", { name: "Shrani dogovor" }).click();
    await expect.poll(() => desk.getByRole("region", { name: "Dogovor o prostovoljskem delu" }).getByText(/Podpisan/).count()).toBe(1);
    await desk.getByRole("button", { name: "Sprejmi na usposabljanje" }).click();
    await expect.poll(() => desk.getByText("Usposabljanje", { exact: true }).count()).toBeGreaterThan(0);
    await expectAccessible(desk);
    await screenshot(desk, "coordinator-volunteer-record-desktop");

    // A workshop with attendance counts toward training hours.
    await desk.getByRole("link", { name: "Delavnice" }).first().click();
    await desk.waitForURL(`${app.url}/coordination/workshops`);
    await expectAccessible(desk);
    await desk.getByLabel("Naslov").fill("Uvodna delavnica");
    await desk.getByLabel("Začetek").fill(`${today}T17:00`);
    await desk.getByLabel("Trajanje (ure)").fill("1.5");
    await desk.getByLabel("Kraj").fill("Ljubljana, Trubarjeva 5");
    await desk.getByRole("button", { name: "Dodaj srečanje" }).click();
    await expect.poll(() => heading(desk)).toBe("Uvodna delavnica");
    await desk.getByLabel("Eva Kralj").check();
    await desk.getByRole("button", { name: "Shrani prisotnost" }).click();
    await expect.poll(() => desk.getByRole("status").first().textContent()).toContain("Prisotnost je shranjena");
    await expectAccessible(desk);

    // The volunteer fails, then passes the module's quiz and becomes eligible.
    await volunteer.goto(`${app.url}/volunteer`);
    await expect.poll(() => volunteer.getByText("Še niste pripravljeni za povezovanje v par.", { exact: false }).count()).toBe(1);
    await expectAccessible(volunteer);
    await volunteer.getByRole("link", { name: "Začni" }).click();
    await volunteer.getByRole("group", { name: /telefonsko številko/ }).getByLabel("Da").check();
    await volunteer.getByRole("group", { name: /sporočite skrb/ }).getByLabel("Koordinatorju").check();
    await volunteer.getByRole("button", { name: "Oddaj odgovore" }).click();
    await expect.poll(() => volunteer.getByRole("status").first().textContent()).toContain("Tokrat ni šlo: 1 od 2 pravilnih (50 %");
    await volunteer.getByRole("group", { name: /telefonsko številko/ }).getByLabel("Ne").check();
    await volunteer.getByRole("group", { name: /sporočite skrb/ }).getByLabel("Koordinatorju").check();
    await volunteer.getByRole("button", { name: "Oddaj odgovore" }).click();
    await expect.poll(() => volunteer.getByRole("status").first().textContent()).toContain("Izpolnili ste vse pogoje");
    await expectAccessible(volunteer);
    await volunteer.goto(`${app.url}/volunteer`);
    await expect.poll(() => volunteer.getByText("Pripravljeni ste za povezovanje v par.").count()).toBe(1);
    expect(await volunteer.getByText("Potrdilo o nekaznovanosti — opravljeno").count()).toBe(1);
    await expectAccessible(volunteer);
    await screenshot(volunteer, "volunteer-progress-phone");

    // Hours and the certificate. Besides today's training (workshop 1,5 h + module 1 h, ZProst "other"),
    // the ledger gets a lesson from an earlier month (content work), as the lesson module records it.
    const volunteerId = app.services.db.select({ id: users.id }).from(users).where(eq(users.email, email)).get()!.id;
    const earlier = addDays(today, -40);
    recordHours(app.services.db, { userId: volunteerId, organizationId: org.id, workedOn: earlier, hours: 1, kind: "lesson", source: "lesson:e2e-earlier", description: "Učna ura" }, new Date());
    const dayOf = (iso: string) => new Intl.DateTimeFormat("sl-SI", { day: "numeric", month: "numeric", year: "numeric", timeZone: "UTC" }).format(new Date(`${iso}T00:00:00Z`));
    const monthOf = (iso: string) => new Intl.DateTimeFormat("sl-SI", { month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(`${iso.slice(0, 7)}-01T00:00:00Z`));
    expect(monthOf(earlier)).not.toBe(monthOf(today));

    await volunteer.goto(`${app.url}/volunteer/hours`);
    expect(await volunteer.getByTestId("hours-total").textContent()).toBe("3,5 h");
    const byType = async (label: string) => volunteer.locator("dl > div").filter({ has: volunteer.locator("dt", { hasText: label }) }).locator("dd").textContent();
    expect(await byType("Organizacijsko delo")).toBe("0 h");
    expect(await byType("Vsebinsko delo")).toBe("1 h");
    expect(await byType("Drugo delo")).toBe("2,5 h");
    const months = await volunteer.getByRole("region", { name: "Po mesecih" }).getByRole("listitem").allTextContents();
    expect(months).toEqual([`${monthOf(earlier)}1 h`, `${monthOf(today)}2,5 h`]);
    // The period: the ledger runs from the earlier lesson to today's training, oldest first.
    const rows = await volunteer.getByRole("region", { name: "Evidenca" }).getByRole("row").allTextContents();
    expect(rows).toEqual([
      "DatumDejavnostVrstaUre",
      `${dayOf(earlier)}Učna uraučna ura1`,
      `${dayOf(today)}Uvodna delavnicausposabljanje1,5`,
      `${dayOf(today)}Varno delo z otrokiusposabljanje1`,
    ]);
    await expectAccessible(volunteer);
    const [download] = await Promise.all([volunteer.waitForEvent("download"), volunteer.getByRole("link", { name: "Prenesi potrdilo (PDF)" }).click()]);
    const text = await pdfText((await download.path())!);
    expect(text).toContain("Potrdilo o opravljenem prostovoljskem delu");
    expect(text).toContain("Eva Kralj");
    expect(text).toContain(`v obdobju ${dayOf(earlier)} – ${dayOf(today)} pri organizaciji Mladinsko združenje Pot`);
    expect(text).toMatch(/opravil\/-a\s+3,5\s+ur/);
    expect(text).toContain("Mladinsko združenje Pot");
    expect(text).toContain("Ure po vrsti dela (ZProst):");
    expect(text).toContain("Organizacijsko delo: 0 h");
    expect(text).toContain("Vsebinsko delo: 1 h");
    expect(text).toContain("Drugo delo: 2,5 h");
    expect(text).toContain(`Ure po mesecih: ${monthOf(earlier)}: 1 h ${monthOf(today)}: 2,5 h`);
  }, 180_000);

  it("shows an expired record check blocking eligibility, to the volunteer and the coordinator", async () => {
    const otherOrg = createOrganization(app.services, "Društvo Most");
    const coordinator = await createUser(app.services, { role: "coordinator", organizationId: otherOrg.id });
    const volunteer = await createUser(app.services, { role: "volunteer", organizationId: otherOrg.id, firstName: "Jure", lastName: "Bizjak" });
    createVolunteerProfile(app.services, volunteer.id, otherOrg.id, "active");
    completeScreening(app.services, volunteer.id, coordinator.id, -1);
    addTrainingHours(app.services, volunteer.id, otherOrg.id, 2);

    const page = await browser.newPage({ phone: true });
    await app.signIn(page, volunteer.email!);
    await page.goto(`${app.url}/volunteer`);
    await expect.poll(() => page.getByText("Še niste pripravljeni za povezovanje v par.", { exact: false }).count()).toBe(1);
    // The check was done but has run out: shown as expired with its last valid day, not as "not yet done".
    const yesterday = new Intl.DateTimeFormat("sl-SI", { day: "numeric", month: "numeric", year: "numeric", timeZone: "UTC" }).format(new Date(`${addDays(localDate(new Date()), -1)}T00:00:00Z`));
    expect(await page.getByText("Potrdilo o nekaznovanosti — poteklo").count()).toBe(1);
    expect(await page.getByText("Potrdilo o nekaznovanosti — še ni opravljeno").count()).toBe(0);
    expect(await page.getByText(`Poteklo: veljalo je do ${yesterday}. Za povezovanje v par potrebujete novo potrdilo.`).count()).toBe(1);
    expect(await page.getByText(/^Velja do/).count()).toBe(0);
    await expectAccessible(page);
    await screenshot(page, "volunteer-progress-expired-check-phone");

    const desk = await browser.newPage();
    await app.signIn(desk, coordinator.email!);
    await desk.goto(`${app.url}/coordination/volunteers?status=active`);
    await expect.poll(() => desk.getByRole("link", { name: /Jure Bizjak/ }).textContent()).toContain("Manjka: Potrdilo o nekaznovanosti");
    await expectAccessible(desk);
    await desk.getByRole("link", { name: /Jure Bizjak/ }).click();
    await expect.poll(() => heading(desk)).toBe("Jure Bizjak");
    const check = desk.getByRole("region", { name: "Potrdilo o nekaznovanosti" });
    expect(await check.getByText("poteklo", { exact: true }).count()).toBe(1);
    expect(await check.getByText("še ni opravljeno").count()).toBe(0);
    expect(await check.getByRole("listitem").textContent()).toMatch(new RegExp(`velja do ${yesterday.replace(/\./g, "\\.")} — poteklo$`));
    await expectAccessible(desk);
    await screenshot(desk, "coordinator-volunteer-expired-check-desktop");
  });
});
