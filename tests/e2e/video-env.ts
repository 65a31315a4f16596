import { execFileSync, spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import type { Page } from "playwright-core";
import { issueChildLink } from "../../app/modules/auth/child-links.server";
import { createActiveMatch, createLesson } from "../factories/lessons";
import { giveVideoConsent } from "../factories/video";
import { ctxFor } from "../setup/test-db";
import { CHROMIUM_PATH, launchBrowser, startApp, type AppProcess, type BrowserSession } from "./harness";

/**
 * Video tests run the app, LiveKit and Chromium inside a network namespace that has only a
 * loopback interface, made and removed by the test itself: every packet stays on 127.0.0.1 of
 * that namespace, and nothing can reach the machine's real interfaces or the outside world.
 */

/** Chromium flags for WebRTC on loopback with a fake camera (a test pattern) and microphone (a beep). */
export const mediaArgs = ["--allow-loopback-in-peer-connection", "--disable-features=WebRtcHideLocalIpsWithMdns"];

function liveKitBinary(): string | null {
  const result = spawnSync("bash", ["scripts/livekit.sh", "path"], { encoding: "utf8" });
  return result.status === 0 ? result.stdout.trim() : null;
}

/** What is missing for video tests on this machine, or null when everything is there. */
function missingPrerequisite(): string | null {
  if (process.platform !== "linux" || process.getuid?.() !== 0) return "network namespaces need root on Linux";
  if (spawnSync("ip", ["netns", "list"]).status !== 0) return "the `ip` command (iproute2) with netns support is missing";
  if (!existsSync(CHROMIUM_PATH)) return `Chromium not found at ${CHROMIUM_PATH} (apt-get install chromium)`;
  if (!liveKitBinary()) return "the LiveKit server is not installed (bash scripts/livekit.sh install)";
  return null;
}

/** True when video tests can run; otherwise they skip with the reason, except under CI, where that fails. */
export function videoTestsAvailable(): boolean {
  const missing = missingPrerequisite();
  if (!missing) return true;
  if (process.env.CI === "true") throw new Error(`Video tests cannot run: ${missing}. CI must provide it (.ci/run).`);
  console.warn(`Skipping video tests: ${missing}.`);
  return false;
}

export interface LoopbackNamespace {
  name: string;
  /** Prefix for a command run inside the namespace. */
  wrap: string[];
  /** A Chromium executable that starts inside the namespace (for playwright's executablePath). */
  chromium: string;
  /** Starts a process inside the namespace; it is stopped by `remove`. */
  start: (command: string, args: string[], env?: Record<string, string>) => ChildProcess;
  remove: () => Promise<void>;
}

export function createLoopbackNamespace(): LoopbackNamespace {
  const name = `tandem-video-${process.pid}-${randomBytes(3).toString("hex")}`;
  execFileSync("ip", ["netns", "add", name]);
  const folder = mkdtempSync(join(tmpdir(), "tandem-netns-"));
  const chromium = join(folder, "chromium");
  const children: ChildProcess[] = [];
  try {
    execFileSync("ip", ["netns", "exec", name, "ip", "link", "set", "lo", "up"]);
    writeFileSync(chromium, `#!/bin/sh\nexec ip netns exec ${name} ${CHROMIUM_PATH} "$@"\n`, { mode: 0o755 });
  } catch (error) {
    execFileSync("ip", ["netns", "del", name]);
    throw error;
  }
  const wrap = ["ip", "netns", "exec", name];
  return {
    name,
    wrap,
    chromium,
    start(command, args, env = {}) {
      const child = spawn(wrap[0]!, [...wrap.slice(1), command, ...args], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
      children.push(child);
      return child;
    },
    async remove() {
      for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
      // Whatever still runs in the namespace was started by this test (the app, LiveKit, Chromium).
      const pids = spawnSync("ip", ["netns", "pids", name], { encoding: "utf8" }).stdout.split(/\s+/).filter(Boolean);
      for (const pid of pids) {
        try {
          process.kill(Number(pid), "SIGKILL");
        } catch {
          // already gone
        }
      }
      spawnSync("ip", ["netns", "del", name]);
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

export const LIVEKIT_KEY = "tandem-test";
export const LIVEKIT_SECRET = `test-secret-${randomBytes(16).toString("hex")}`;
export const LIVEKIT_URL = "ws://127.0.0.1:7880";

/** LiveKit inside the namespace (scripts/livekit.sh writes its config), posting webhooks to `appUrl`; resolves once it listens. */
export async function startLiveKit(namespace: LoopbackNamespace, appUrl: string): Promise<{ output: string[] }> {
  const child = namespace.start("bash", ["scripts/livekit.sh", "run"], { LIVEKIT_API_KEY: LIVEKIT_KEY, LIVEKIT_API_SECRET: LIVEKIT_SECRET, LIVEKIT_PORT: "7880", TANDEM_URL: appUrl });
  const output: string[] = [];
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`LiveKit did not start:\n${output.join("\n")}`)), 30_000);
    for (const stream of [child.stdout!, child.stderr!]) {
      createInterface({ input: stream }).on("line", (line) => {
        output.push(line);
        if (line.includes("starting LiveKit server")) {
          clearTimeout(timer);
          resolve();
        }
      });
    }
    child.once("exit", (code) => reject(new Error(`LiveKit exited with ${code}:\n${output.join("\n")}`)));
  });
  return { output };
}

export interface VideoStack {
  browser: BrowserSession;
  /** The app with LiveKit settings (port 3000 inside the namespace) and one without (3001, peer-to-peer). */
  liveKitApp: AppProcess;
  p2pApp: AppProcess;
  stop: () => Promise<void>;
}

/** A namespace with LiveKit, both apps and Chromium in it; `stop` removes everything, also after a failure. */
export async function startVideoStack(): Promise<VideoStack> {
  const namespace = createLoopbackNamespace();
  const started: { browser?: BrowserSession; apps: AppProcess[] } = { apps: [] };
  const stop = async () => {
    try {
      await started.browser?.close();
    } finally {
      await Promise.allSettled(started.apps.map((app) => app.stop()));
      await namespace.remove();
    }
  };
  try {
    await startLiveKit(namespace, "http://127.0.0.1:3000");
    started.apps = await Promise.all([
      startApp({ PORT: "3000", LIVEKIT_URL, LIVEKIT_API_KEY: LIVEKIT_KEY, LIVEKIT_API_SECRET: LIVEKIT_SECRET }, { wrap: namespace.wrap }),
      startApp({ PORT: "3001" }, { wrap: namespace.wrap }),
    ]);
    started.browser = await launchBrowser({ executablePath: namespace.chromium, args: mediaArgs });
    return { browser: started.browser, liveKitApp: started.apps[0]!, p2pApp: started.apps[1]!, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** A lesson that started five minutes ago (its child with video consent unless told), the volunteer's and the child's pages in its room. */
export async function pairInRoom(browser: BrowserSession, app: AppProcess, { consent = true } = {}) {
  const setup = await createActiveMatch(app.services);
  if (consent) giveVideoConsent(app.services, setup.child.id, setup.guardian.id);
  const lesson = createLesson(app.services, setup.match, new Date(Date.now() - 5 * 60_000));
  const volunteerPage = await browser.newPage();
  await app.signIn(volunteerPage, setup.volunteer.email!);
  await volunteerPage.goto(`${app.url}/lessons/${lesson.id}`);
  const { url: childLink } = await issueChildLink({ ctx: ctxFor(app.services, setup.guardian.id), input: { childUserId: setup.childUser.id, days: 30 } });
  const childPage = await browser.newPage({ phone: true });
  await childPage.goto(childLink.replace(app.services.publicUrl, app.url));
  await childPage.getByRole("button", { name: "Vstopi" }).click();
  await childPage.waitForURL(`${app.url}/child`);
  await childPage.goto(`${app.url}/lessons/${lesson.id}`);
  return { ...setup, lesson, volunteerPage, childPage };
}

/** Width of the first remote video that plays (0 while none does). */
export const remoteVideoWidth = (page: Page) => page.evaluate(() => Math.max(0, ...[...document.querySelectorAll<HTMLVideoElement>("[data-testid=remote-video]")].map((v) => v.videoWidth)));
