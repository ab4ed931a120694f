// The project runs on the Node that package.json pins (the npm package `node`, whose binary npm
// scripts find first on PATH). Running a script with another Node (for example `node
// scripts/test.mjs` straight from a shell) would test and serve on a runtime nobody pinned, and
// native modules built for Node 24 would fail to load: stop early and say how to run it instead.
import { readFileSync } from "node:fs";

const pinned = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"))
  .devDependencies.node;

export function requirePinnedNode(command) {
  if (process.version === `v${pinned}`) return;
  console.error(
    `proofmint: this runs on Node ${pinned} (the npm package \`node\`), not ${process.version}; ` +
      `run it as \`${command}\`, which installs and uses it`,
  );
  process.exit(1);
}
