import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumAvailable, expectAccessible, launchBrowser, photograph, startApp, type AppProcess, type BrowserSession } from "./harness";

const enabled = chromiumAvailable();

/** A production instance from nothing: the documented command makes the first admin, who builds the rest in the browser. */
describe.skipIf(!enabled)("an empty instance set up by its administrator in Chromium", () => {
  let app: AppProcess;
  let browser: BrowserSession;

  beforeAll(async () => {
    app = await startApp({ SEED_DEMO: "false" });
    const created = spawnSync(
      "node_modules/.bin/tsx",
      ["scripts/create-admin.ts", "--email", "ana@drustvo.si", "--first-name", "Ana", "--last-name", "Kos", "--organization", "Društvo Sonček Maribor"],
      { env: { ...process.env, DATABASE_PATH: app.services.config.DATABASE_PATH, ADMIN_PASSWORD: "Anino-dolgo-geslo-2026", SEED_DEMO: "false" }, encoding: "utf8" },
    );
    expect(created.status, created.stderr).toBe(0);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it("creates a programme, invites a coordinator who sets a password from the e-mail, and the coordinator signs in", async () => {
    const admin = await browser.newPage();
    await app.signIn(admin, "ana@drustvo.si", { password: "Anino-dolgo-geslo-2026" });

    // A programme: bad input first, then good.
    await admin.getByRole("navigation").getByRole("link", { name: "Programi" }).first().click();
    await expect.poll(() => admin.getByText("Organizacija še nima programa.").count()).toBe(1);
    const form = admin.getByRole("region", { name: "Nov program" });
    await form.getByLabel("Ime programa").fill("U");
    await form.getByLabel("Dolžina učne ure (minute)").fill("10");
    await form.getByRole("button", { name: "Ustvari program" }).click();
    await expect.poll(() => form.getByText("Vpišite ime programa (vsaj 3 znake).").count()).toBe(1);
    expect(await form.getByText("Učna ura traja od 30 do 120 minut.").count()).toBe(1);
    await form.getByLabel("Ime programa").fill("Učna pomoč na daljavo Maribor");
    await form.getByLabel("Dolžina učne ure (minute)").fill("45");
    await form.getByRole("button", { name: "Ustvari program" }).click();
    await expect.poll(() => admin.getByRole("heading", { level: 2, name: "Učna pomoč na daljavo Maribor" }).count()).toBe(1);
    await expectAccessible(admin);
    await photograph(admin, "admin-programs");

    // A coordinator: bad input first, then good.
    await admin.getByRole("navigation").getByRole("link", { name: "Člani" }).first().click();
    const add = admin.getByRole("region", { name: "Dodaj člana" });
    await add.getByLabel("E-poštni naslov").fill("ni-naslov");
    await add.getByRole("button", { name: "Dodaj" }).click();
    await expect.poll(() => add.getByText("Vpišite veljaven e-poštni naslov.").count()).toBe(1);
    expect(await add.getByText("Vpišite ime.").count()).toBe(1);
    await add.getByLabel("Ime", { exact: true }).fill("Petra");
    await add.getByLabel("Priimek").fill("Novak");
    await add.getByLabel("E-poštni naslov").fill("petra@drustvo.si");
    await add.getByLabel("Vloga").selectOption("coordinator");
    await add.getByRole("button", { name: "Dodaj" }).click();
    await expect.poll(() => admin.getByText("Član je dodan; povabilo je poslano po e-pošti.").count()).toBe(1);
    await expect.poll(() => admin.getByRole("region", { name: "Člani", exact: true }).getByText("Petra Novak", { exact: true }).count()).toBe(1);
    expect(await admin.getByText(/še ni nastavil\/-a gesla/).count()).toBe(1);
    await expectAccessible(admin);
    await photograph(admin, "admin-members");

    // Without SMTP the invitation is in the outbox, where the administrator finds the link.
    await admin.getByRole("navigation").getByRole("link", { name: "Poslana e-pošta" }).first().click();
    const invitation = admin.getByRole("article", { name: "Tandem: povabilo v organizacijo Društvo Sonček Maribor" });
    const link = (await invitation.textContent())!.match(/http:\/\/\S+\/reset-password\/[A-Za-z0-9_-]+/)![0];
    await expectAccessible(admin);

    const petra = await browser.newPage({ phone: true });
    await petra.goto(link.replace(app.services.publicUrl, app.url));
    await petra.getByLabel("Novo geslo").fill("Petrino-geslo-2026");
    await petra.getByLabel("Ponovite geslo").fill("Petrino-geslo-2026");
    await petra.getByRole("button", { name: "Shrani novo geslo" }).click();
    await petra.waitForURL(`${app.url}/sign-in`);
    await app.signIn(petra, "petra@drustvo.si", { password: "Petrino-geslo-2026" });
    await petra.getByText("Meni", { exact: true }).click();
    await expect.poll(() => petra.getByRole("navigation").getByRole("link", { name: "Napotitve in otroci" }).count()).toBeGreaterThan(0);
    await expectAccessible(petra);
  });
});
