import { resolve } from "node:path";
import { defineConfig } from "vitest/config";

// The web suite: Playwright specs (playwright-core driving Debian's chromium) against the whole
// platform (anvil, the deployed collection, the server serving the built site). Run by
// test/web/run.mjs.
export default defineConfig({
  test: {
    root: resolve(import.meta.dirname, "../.."),
    include: ["test/web/**/*.spec.ts"],
    globalSetup: ["test/web/platform.setup.ts"],
    testTimeout: 600_000,
    hookTimeout: 900_000,
    fileParallelism: false,
    sequence: { concurrent: false },
  },
});
