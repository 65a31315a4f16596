import { fileURLToPath } from "node:url";
import { configDefaults, defineConfig } from "vitest/config";

const browserTests = "tests/e2e/**/*.test.ts";

/**
 * Two groups (docs/decisions/0005): unit, integration and realtime tests run in parallel first;
 * then the browser journeys run one file at a time, so their servers and Chromium processes never
 * compete with each other or with the parallel group for the machine's cores.
 */
export default defineConfig({
  resolve: { alias: { "~": fileURLToPath(new URL("./app", import.meta.url)) } },
  test: {
    globalSetup: ["tests/setup/global-setup.ts"],
    setupFiles: ["tests/setup/each-file.ts"],
    reporters: ["default", "./tests/setup/summary-reporter.ts"],
    pool: "forks",
    testTimeout: 30_000,
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["app/**/*.test.{ts,tsx}", "db/**/*.test.ts", "realtime/**/*.test.ts", "tests/**/*.test.ts"],
          exclude: [...configDefaults.exclude, browserTests],
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: "browser",
          include: [browserTests],
          poolOptions: { forks: { singleFork: true } },
          sequence: { groupOrder: 1 },
          testTimeout: 120_000,
          // A browser waits for a server answer, a worker or a WebRTC connection: give each poll time.
          expect: { poll: { timeout: 10_000 } },
        },
      },
    ],
  },
});
