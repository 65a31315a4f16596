import AxeBuilder from "@axe-core/playwright";
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { createInterface } from "node:readline";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { expect } from "vitest";
import { createServices } from "../../app/modules/core/bootstrap.server";
import type { Services } from "../../app/modules/core/services.server";
import { TEST_PASSWORD } from "../factories";
import { testConfig } from "../setup/test-db";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/**
 * Browser tests need Debian's Chromium. On a developer's machine without it they skip with a
 * message; under CI a missing browser is a failure, never a skip.
 */
export function chromiumAvailable(): boolean {
  if (existsSync(CHROMIUM_PATH)) return true;
  if (process.env.CI === "true") throw new Error(`Chromium not found at ${CHROMIUM_PATH}: CI must install it (apt-get install -y chromium).`);
  console.warn(`Skipping browser tests: Chromium not found at ${CHROMIUM_PATH} (apt-get install chromium).`);
  return false;
}

export interface AppProcess {
  url: string;
  services: Services;
  output: string[];
  /** Sends the sign-in form; unless told the password is wrong, waits for the dashboard. */
  signIn: (page: Page, email: string, options?: { password?: string; expectFailure?: boolean }) => Promise<void>;
  stop: (signal?: NodeJS.Signals) => Promise<number | null>;
}

/**
 * Starts the real server (`tsx server.ts`) on a free port with its own copy of the test database.
 * `wrap` runs it through another command, e.g. `ip netns exec NAME` for a loopback-only namespace.
 */
export async function startApp(env: Record<string, string> = {}, { wrap = [] }: { wrap?: string[] } = {}): Promise<AppProcess> {
  const config = testConfig();
  const { PUBLIC_URL: _ignored, ...inherited } = process.env;
  const [command, ...args] = [...wrap, "node_modules/.bin/tsx", "server.ts"];
  const child: ChildProcess = spawn(command!, args, {
    env: {
      ...inherited,
      NODE_ENV: "production",
      PORT: "0",
      HOST: "127.0.0.1",
      DATABASE_PATH: config.DATABASE_PATH,
      SESSION_SECRET: config.SESSION_SECRET!,
      SEED_DEMO: "false",
      LOG_LEVEL: "info",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output.join("\n")}`)), 60_000);
    for (const stream of [child.stdout!, child.stderr!]) {
      createInterface({ input: stream }).on("line", (line) => {
        output.push(line);
        const match = line.match(/"url":"(http:\/\/localhost:\d+)".*Tandem is listening/);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]!);
        }
      });
    }
    void exited.then((code) => reject(new Error(`server exited with ${code}:\n${output.join("\n")}`)));
  });
  const services = createServices({ ...config, PUBLIC_URL: url });
  return {
    url,
    services,
    output,
    async signIn(page, email, { password = TEST_PASSWORD, expectFailure = false } = {}) {
      await page.goto(`${url}/sign-in`);
      await page.getByLabel("E-poštni naslov").fill(email);
      await page.getByLabel("Geslo", { exact: true }).fill(password);
      await page.getByRole("button", { name: "Prijava" }).click();
      if (!expectFailure) await page.waitForURL(`${url}/dashboard`);
    },
    async stop(signal = "SIGTERM") {
      services.db.$client.close();
      child.kill(signal);
      return exited;
    },
  };
}

export interface BrowserSession {
  browser: Browser;
  newPage: (options?: { phone?: boolean; context?: BrowserContext }) => Promise<Page>;
  close: () => Promise<void>;
}

export const chromiumArgs = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
  "--use-fake-ui-for-media-stream",
  "--use-fake-device-for-media-stream",
];

/** Chromium with every page's console errors and uncaught exceptions turned into test failures. */
export async function launchBrowser({ executablePath = CHROMIUM_PATH, args = [] }: { executablePath?: string; args?: string[] } = {}): Promise<BrowserSession> {
  const browser = await chromium.launch({ executablePath, args: [...chromiumArgs, ...args] });
  const pages: Page[] = [];
  const problems: string[] = [];
  return {
    browser,
    async newPage({ phone = false, context } = {}) {
      const ctx = context ?? (await browser.newContext(phone ? { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true } : { viewport: { width: 1280, height: 860 } }));
      const page = await ctx.newPage();
      page.on("console", (message) => {
        // A refused request (403/404 pages under test) is logged by Chromium as a console error; it is expected there.
        if (message.type() === "error" && !message.text().startsWith("Failed to load resource")) problems.push(message.text());
      });
      page.on("pageerror", (error) => problems.push(error.message));
      pages.push(page);
      return page;
    },
    async close() {
      await browser.close();
      expect(problems, "browser console errors").toEqual([]);
    },
  };
}

/** Every page visited is scanned with axe: no serious or critical accessibility violations. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  const serious = results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(serious, `accessibility violations on ${page.url()}`).toEqual([]);
}

/** Screenshots for people to look at (not compared): test-results/screenshots/NAME.png */
export async function screenshot(page: Page, name: string) {
  mkdirSync("test-results/screenshots", { recursive: true });
  await page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });
}

/** The same page at both sizes people use: phone (375×740) and desktop (1280×860). */
export async function photograph(page: Page, name: string) {
  const original = page.viewportSize();
  await page.setViewportSize({ width: 375, height: 740 });
  await screenshot(page, `${name}-phone`);
  await page.setViewportSize({ width: 1280, height: 860 });
  await screenshot(page, `${name}-desktop`);
  if (original) await page.setViewportSize(original);
}
