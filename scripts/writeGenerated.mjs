// Writes a generated file, formatted by prettier, only when its content changes; with `check`,
// writes nothing and exits 1 when the committed file differs (the generators' --check mode).
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { format, resolveConfig } from "prettier";

/**
 * @param {{ target: string; text: string; command: string; check: boolean }} parameters
 *   `command` is what regenerates the file, named in the stale message.
 */
export async function writeGenerated({ target, text, command, check }) {
  const formatted = await format(text, { ...(await resolveConfig(target)), filepath: target });
  let current = null;
  try {
    current = readFileSync(target, "utf8");
  } catch {
    // Missing counts as different.
  }
  if (check) {
    if (current !== formatted) {
      console.error(`${target} is stale: run ${command}`);
      process.exit(1);
    }
    return;
  }
  if (current !== formatted) {
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, formatted);
    console.log(`wrote ${target}`);
  }
}
