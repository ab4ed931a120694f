// `npm test`: runs every test suite of the project, prints one result line per suite, and exits
// non-zero when any suite fails. Suites run one after another: the machine has two cores, and the
// Python and TypeScript suites both prove.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { requirePinnedNode } from "./pinnedNode.mjs";

requirePinnedNode("npm test");

const onlyArg = process.argv.slice(2);

// The full profile, the default and what CI runs: forge's deep profile (50,000 fuzz and invariant
// runs, fixed seed) and the slow drills (faults, load). PROOFMINT_TESTS=quick runs forge's ci
// profile (10,000 fuzz runs) and skips the slow drills, for a faster loop while working.
const quick = process.env.PROOFMINT_TESTS === "quick";

/** Python suites need the project virtual environment; it is created on first use. */
function pythonEnv() {
  const result = spawnSync("scripts/python-env.sh", { stdio: ["ignore", "pipe", "inherit"] });
  if (result.status !== 0) throw new Error("scripts/python-env.sh failed");
  return result.stdout.toString().trim();
}

const suites = [
  {
    name: quick ? "contracts (forge)" : "contracts (forge, deep profile)",
    present: () => existsSync("contracts/test"),
    run: () => ["npx", ["forge", "test"], { FOUNDRY_PROFILE: quick ? "ci" : "deep" }],
  },
  {
    name: "python (pytest)",
    present: () => existsSync("models") || existsSync("circuits"),
    run: () => [pythonEnv(), ["-m", "pytest", "-q", "models", "circuits"], { PYTHONPATH: "." }],
  },
  {
    name: "unit (vitest)",
    present: () => existsSync("packages/core/src"),
    run: () => ["npx", ["vitest", "run", "--project", "unit"], {}],
  },
  // The end-to-end suite runs once per database: the embedded SQLite default, then PostgreSQL
  // (a throwaway cluster the platform starts; server/src/platform/postgres.ts).
  ...["sqlite", "postgres"].map((database) => ({
    name: `end-to-end (vitest, ${database})`,
    present: () => existsSync("test/e2e"),
    run: () => ["npx", ["vitest", "run", "--project", "e2e"], { PROOFMINT_DB: database }],
  })),
  {
    name: "web (playwright)",
    present: () => existsSync("test/web/run.mjs"),
    run: () => ["node", ["test/web/run.mjs"], {}],
  },
  {
    // Hostile input, forged proofs and secrets always; faults and load unless PROOFMINT_TESTS=quick
    // (test/drills/drillPlatform.ts reads it).
    name: "drills (vitest)",
    present: () => existsSync("test/drills"),
    run: () => ["npx", ["vitest", "run", "--project", "drills"], {}],
  },
];

const results = [];
for (const suite of suites) {
  if (onlyArg.length > 0 && !onlyArg.some((word) => suite.name.includes(word))) continue;
  if (!suite.present()) continue;
  const started = Date.now();
  console.log(`\n=== ${suite.name} ===`);
  let status;
  try {
    const [command, args, env] = suite.run();
    status = spawnSync(command, args, { stdio: "inherit", env: { ...process.env, ...env } }).status;
  } catch (error) {
    console.error(error);
    status = 1;
  }
  results.push({ name: suite.name, ok: status === 0, seconds: (Date.now() - started) / 1000 });
}

console.log("\n=== summary ===");
for (const { name, ok, seconds } of results) {
  console.log(`${ok ? "PASS" : "FAIL"}  ${name}  (${seconds.toFixed(1)} s)`);
}
const failed = results.filter((r) => !r.ok).length;
console.log(`suites: ${results.length - failed} passed, ${failed} failed`);
process.exit(failed === 0 && results.length > 0 ? 0 : 1);
