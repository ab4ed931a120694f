// Writes the golden vectors test/vectors/prompts.json, render.json and mint-commitments.json,
// derived from packages/core by promptVectors.ts, renderVectors.ts and mintCommitmentVectors.ts
// (their headers and README.md define the schema).
// Usage: node test/vectors/generate.mjs [--check]   (--check: exit 1 if a committed file differs)
// Node 20 cannot import TypeScript, so the derivation is loaded through Vite's module runner.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { format, resolveConfig } from "prettier";
import { runnerImport } from "vite";

const load = async (name) =>
  (await runnerImport(fileURLToPath(new URL(name, import.meta.url)))).module;
const { promptVectors } = await load("./promptVectors.ts");
const { renderVectors } = await load("./renderVectors.ts");
const { mintCommitmentVectors } = await load("./mintCommitmentVectors.ts");

const check = process.argv.includes("--check");
let stale = 0;
for (const [name, vectors] of [
  ["prompts.json", promptVectors()],
  ["render.json", renderVectors()],
  ["mint-commitments.json", mintCommitmentVectors()],
]) {
  const path = fileURLToPath(new URL(name, import.meta.url));
  const options = { ...(await resolveConfig(path)), filepath: path };
  // Escape everything outside printable ASCII so that invisible characters stay visible in review.
  const json = JSON.stringify(vectors).replace(
    /[^\x20-\x7e]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
  const text = await format(json, options);
  if (!check) {
    writeFileSync(path, text);
    console.log(`wrote ${name}`);
    continue;
  }
  if (!existsSync(path) || readFileSync(path, "utf8") !== text) {
    stale++;
    console.error(`${name} is stale: run node test/vectors/generate.mjs`);
  }
}
process.exit(stale === 0 ? 0 : 1);
