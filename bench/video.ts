/**
 * Video benchmark: `npm run bench:video`. In a loopback-only network namespace (like the video
 * browser tests), ten times per mode: the volunteer is already in the call, the child taps
 * "Začni klic", and the time until the volunteer's video plays on the child's screen is measured
 * in the page. Prints one JSON line per mode. Target: p95 under 3 000 ms.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { pairInRoom, remoteVideoWidth, startVideoStack, videoTestsAvailable, type VideoStack } from "../tests/e2e/video-env";

const JOINS = 10;
let stack: VideoStack;

beforeAll(async () => {
  if (!videoTestsAvailable()) throw new Error("the video benchmark needs root, iproute2, Chromium and LiveKit (bash scripts/livekit.sh install)");
  stack = await startVideoStack();
}, 120_000);
afterAll(async () => {
  await stack?.stop();
});

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

it("measures join → remote video for LiveKit and peer-to-peer", async () => {
  for (const [mode, app] of [["livekit", stack.liveKitApp], ["p2p", stack.p2pApp]] as const) {
    const times: number[] = [];
    for (let i = 0; i < JOINS; i++) {
      const { volunteerPage, childPage } = await pairInRoom(stack.browser, app);
      await volunteerPage.getByRole("button", { name: "Vstopi v klic" }).click();
      await expect.poll(() => volunteerPage.getByTestId("video-state").textContent(), { timeout: 15_000 }).toBe("Klic je povezan");
      await expect.poll(() => childPage.getByRole("button", { name: "Začni klic" }).isEnabled(), { timeout: 15_000 }).toBe(true);
      const ms = await childPage.evaluate(async () => {
        const join = [...document.querySelectorAll("button")].find((b) => b.textContent === "Začni klic")!;
        const start = performance.now();
        join.click();
        for (;;) {
          const video = document.querySelector<HTMLVideoElement>("[data-testid=remote-video]");
          if (video && video.videoWidth > 0) return performance.now() - start;
          if (performance.now() - start > 15_000) return Number.POSITIVE_INFINITY;
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
      });
      expect(await remoteVideoWidth(childPage)).toBeGreaterThan(0);
      times.push(Math.round(ms));
      await Promise.all([volunteerPage.close(), childPage.close()]);
    }
    const sorted = [...times].sort((a, b) => a - b);
    console.log(JSON.stringify({ mode, joins: JOINS, join_to_remote_video_ms: { p50: percentile(sorted, 50), p95: percentile(sorted, 95) }, samples: times }));
  }
}, 300_000);
