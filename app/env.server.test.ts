import { describe, expect, it } from "vitest";
import { loadConfig as load } from "./env.server";

const loadConfig = (vars: Record<string, string>) => load(vars as NodeJS.ProcessEnv);

describe("video settings", () => {
  it("take all three LiveKit settings or none, and ICE servers as a JSON list", () => {
    expect(loadConfig({}).ICE_SERVERS).toEqual([]);
    const liveKit = { LIVEKIT_URL: "wss://livekit.example.org", LIVEKIT_API_KEY: "key", LIVEKIT_API_SECRET: "s".repeat(32) };
    expect(loadConfig(liveKit)).toMatchObject(liveKit);
    expect(() => loadConfig({ LIVEKIT_URL: "wss://livekit.example.org" })).toThrow(/set all three/);
    expect(() => loadConfig({ ...liveKit, LIVEKIT_API_SECRET: "short" })).toThrow(/LIVEKIT_API_SECRET/);
    expect(loadConfig({ ICE_SERVERS: '[{"urls":["stun:stun.example.org:3478"]}]' }).ICE_SERVERS).toEqual([{ urls: ["stun:stun.example.org:3478"] }]);
    expect(() => loadConfig({ ICE_SERVERS: "[{" })).toThrow(/ICE_SERVERS: not valid JSON/);
    expect(() => loadConfig({ ICE_SERVERS: '[{"urls":"http://x"}]' })).toThrow(/ICE_SERVERS/);
  });
});
