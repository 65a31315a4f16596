import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";
import base from "../vitest.config";

/** `npm run bench:video`: the video benchmark alone, with the tests' database set-up. */
const { projects: _projects, ...shared } = base.test!;
export default defineConfig({
  ...base,
  root: fileURLToPath(new URL("..", import.meta.url)),
  test: { ...shared, include: ["bench/video.ts"], testTimeout: 300_000 },
});
