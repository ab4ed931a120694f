// Debian's chromium at /usr/bin/chromium drives the web tests (through playwright-core; never
// `npx playwright install`). Fresh CI machines lack it: install it with apt-get once.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

export const CHROMIUM = "/usr/bin/chromium";

export function ensureChromium() {
  if (existsSync(CHROMIUM)) return CHROMIUM;
  console.log("test/web: /usr/bin/chromium is missing; installing Debian's chromium with apt-get");
  const run = (args) => {
    const result = spawnSync("apt-get", args, {
      stdio: "inherit",
      env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
    });
    if (result.status !== 0) throw new Error(`apt-get ${args.join(" ")} failed (${result.status})`);
  };
  run(["update"]);
  run(["install", "-y", "--no-install-recommends", "chromium"]);
  if (!existsSync(CHROMIUM))
    throw new Error("apt-get installed chromium but /usr/bin/chromium is absent");
  return CHROMIUM;
}

if (import.meta.url === `file://${process.argv[1]}`) ensureChromium();
