import { spawnSync } from "node:child_process";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createLogger } from "../../app/modules/core/logger.server";
import { chooseLiveKit } from "../../app/modules/video/livekit-process.server";
import { testConfig } from "../setup/test-db";

const keys = { LIVEKIT_API_KEY: "devkey", LIVEKIT_API_SECRET: "a-test-secret-of-thirty-two-characters-or-more" };
const log = createLogger("silent");
const installed = spawnSync("bash", ["scripts/livekit.sh", "path"]).status === 0;
if (!installed && process.env.CI === "true") throw new Error("CI: the LiveKit server must be installed (bash scripts/livekit.sh install)");

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

describe("npm start and LiveKit", () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  it("uses peer-to-peer video when LiveKit is not configured", async () => {
    const choice = await chooseLiveKit(testConfig(), log);
    expect(choice.mode).toBe("p2p");
  });

  it("uses a LiveKit server that answers at LIVEKIT_URL", async () => {
    const running: Server = createServer((_req, res) => res.end("OK"));
    await new Promise<void>((resolve) => running.listen(0, "127.0.0.1", resolve));
    cleanups.push(() => new Promise((resolve) => running.close(resolve)));
    const url = `ws://127.0.0.1:${(running.address() as AddressInfo).port}`;
    const choice = await chooseLiveKit(testConfig({ LIVEKIT_URL: url, ...keys }), log);
    expect(choice.mode).toBe("livekit-running");
    expect(choice.config.LIVEKIT_URL).toBe(url);
  });

  it("falls back to peer-to-peer when LiveKit should run on this machine but is neither running nor installed", async () => {
    const previous = process.env.TANDEM_LIVEKIT_DIR;
    process.env.TANDEM_LIVEKIT_DIR = "/nonexistent/tandem-livekit";
    cleanups.push(async () => (previous === undefined ? delete process.env.TANDEM_LIVEKIT_DIR : (process.env.TANDEM_LIVEKIT_DIR = previous)));
    const choice = await chooseLiveKit(testConfig({ LIVEKIT_URL: `ws://127.0.0.1:${await freePort()}`, PORT: "3999", ...keys }), log);
    expect(choice.mode).toBe("p2p-fallback");
    expect([choice.config.LIVEKIT_URL, choice.config.LIVEKIT_API_KEY, choice.config.LIVEKIT_API_SECRET]).toEqual([undefined, undefined, undefined]);
  });

  it("uses a LiveKit elsewhere as configured, without probing it at start", async () => {
    const choice = await chooseLiveKit(testConfig({ LIVEKIT_URL: "wss://livekit.example.org", ...keys }), log);
    expect(choice.mode).toBe("livekit-remote");
    expect(choice.config.LIVEKIT_URL).toBe("wss://livekit.example.org");
  });

  it.skipIf(!installed)("starts the installed LiveKit on loopback with the configured keys, and stops it", async () => {
    const port = await freePort();
    const url = `ws://127.0.0.1:${port}`;
    const choice = await chooseLiveKit(testConfig({ LIVEKIT_URL: url, PORT: "3999", ...keys }), log);
    cleanups.push(() => choice.stop());
    expect(choice.mode).toBe("livekit-started");
    expect(await (await fetch(`http://127.0.0.1:${port}`)).text()).toBe("OK");
    // It accepts tokens signed with the configured key: the room service lists rooms.
    const { RoomServiceClient } = await import("livekit-server-sdk");
    expect(await new RoomServiceClient(`http://127.0.0.1:${port}`, keys.LIVEKIT_API_KEY, keys.LIVEKIT_API_SECRET).listRooms()).toEqual([]);
    await choice.stop();
    await expect(fetch(`http://127.0.0.1:${port}`)).rejects.toThrow();
  }, 60_000);
});
