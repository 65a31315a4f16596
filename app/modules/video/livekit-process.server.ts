import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { resolve } from "node:path";
import type { Config } from "../../env.server";
import type { Logger } from "../core/logger.server";

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);
const START_TIMEOUT_MS = 20_000;

export interface LiveKitChoice {
  /** The configuration to serve with: LIVEKIT_* cleared when Tandem falls back to peer-to-peer. */
  config: Config;
  /** What was chosen, for the start-up log line. */
  mode: "livekit-remote" | "livekit-running" | "livekit-started" | "p2p" | "p2p-fallback";
  /** Stops a LiveKit server this process started (nothing otherwise). */
  stop: () => Promise<void>;
}

/** LiveKit answers "OK" on its HTTP port; any answer means it is up. */
async function reachable(url: string): Promise<boolean> {
  const http = url.replace(/^ws/, "http");
  try {
    const response = await fetch(http, { signal: AbortSignal.timeout(1500) });
    await response.body?.cancel();
    return true;
  } catch {
    return false;
  }
}

function installedBinary(): string | null {
  const found = spawnSync("bash", [resolve("scripts/livekit.sh"), "path"], { encoding: "utf8" });
  return found.status === 0 ? found.stdout.trim() : null;
}

/**
 * `npm start` with LIVEKIT_* set. A LiveKit elsewhere (a deployment's own cluster) is used as
 * configured. One meant to run on this machine (a loopback URL) is used when it answers; when it
 * does not, the one installed by `scripts/livekit.sh` is started with the same keys and webhooks
 * to this Tandem; when none is installed, video falls back to peer-to-peer.
 */
export async function chooseLiveKit(config: Config, log: Logger): Promise<LiveKitChoice> {
  const none = async () => undefined;
  const { LIVEKIT_URL: url, LIVEKIT_API_KEY: key, LIVEKIT_API_SECRET: secret } = config;
  if (!url || !key || !secret) return { config, mode: "p2p", stop: none };
  const target = new URL(url.replace(/^ws/, "http"));
  if (!LOOPBACK.has(target.hostname)) return { config, mode: "livekit-remote", stop: none };
  if (await reachable(url)) return { config, mode: "livekit-running", stop: none };
  const binary = config.PORT !== 0 ? installedBinary() : null;
  if (!binary) {
    log.warn({ livekitUrl: url }, "LiveKit is not running there and none is installed (bash scripts/livekit.sh install): video falls back to peer-to-peer");
    return { config: { ...config, LIVEKIT_URL: undefined, LIVEKIT_API_KEY: undefined, LIVEKIT_API_SECRET: undefined }, mode: "p2p-fallback", stop: none };
  }
  const child: ChildProcess = spawn("bash", [resolve("scripts/livekit.sh"), "run"], {
    env: { ...process.env, LIVEKIT_API_KEY: key, LIVEKIT_API_SECRET: secret, LIVEKIT_PORT: target.port || "7880", TANDEM_URL: `http://127.0.0.1:${config.PORT}`, LIVEKIT_LOG_LEVEL: "warn" },
    stdio: ["ignore", "ignore", "pipe"],
  });
  const stderr: string[] = [];
  child.stderr!.on("data", (chunk: Buffer) => stderr.push(chunk.toString()));
  const exited = new Promise<void>((done) => child.once("exit", () => done()));
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (!(await reachable(url))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill("SIGTERM");
      throw new Error(`LiveKit (${binary}) did not start on ${url}:\n${stderr.join("").slice(-2000)}`);
    }
    await new Promise((done) => setTimeout(done, 250));
  }
  return {
    config,
    mode: "livekit-started",
    stop: async () => {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}
