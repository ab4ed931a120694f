// The web suite (`node test/web/run.mjs`): Playwright specs in test/web/*.spec.ts, run by vitest
// with test/web/vitest.config.ts. It installs Debian's chromium when missing, builds the site and
// starts the platform itself; screenshots go to test-results/web/.
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { ensureChromium } from "./ensureChromium.mjs";

const root = resolve(import.meta.dirname, "../..");
ensureChromium();
const { status } = spawnSync(
  "npx",
  ["vitest", "run", "--config", "test/web/vitest.config.ts", ...process.argv.slice(2)],
  { cwd: root, stdio: "inherit" },
);
process.exit(status ?? 1);
