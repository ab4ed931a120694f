// `npm run check`: every formatter and linter of the project, in check mode. Exits non-zero on the
// first family that is not clean, after printing what each one said.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";

function pythonEnv() {
  const result = spawnSync("scripts/python-env.sh", { stdio: ["ignore", "pipe", "inherit"] });
  if (result.status !== 0) throw new Error("scripts/python-env.sh failed");
  return result.stdout
    .toString()
    .trim()
    .replace(/python$/, "");
}

const pythonFolders = ["models", "circuits", "contracts/test/fixtures"].filter((dir) =>
  existsSync(dir),
);
const typescriptProjects = ["packages", "server", "web", "test"]
  .flatMap((dir) =>
    dir === "packages" && existsSync(dir)
      ? readdirSync(dir).map((name) => `${dir}/${name}`)
      : [dir],
  )
  .filter((dir) => existsSync(`${dir}/tsconfig.json`));

const checks = [
  ["prettier", "npx", ["prettier", "--check", "--log-level", "warn", "."]],
  ["eslint", "npx", ["eslint", "--max-warnings", "0", "."]],
  ...typescriptProjects.map((dir) => [`tsc ${dir}`, "npx", ["tsc", "-p", dir, "--noEmit"]]),
  ["forge fmt", "npx", ["forge", "fmt", "--check"]],
  [
    "gas snapshot",
    "npx",
    [
      "forge",
      "snapshot",
      "--snap",
      "contracts/.gas-snapshot",
      "--no-match-test",
      "^(testFuzz|invariant)",
      "--check",
    ],
  ],
];
if (pythonFolders.length > 0) {
  const bin = pythonEnv();
  checks.push(["ruff check", `${bin}ruff`, ["check", ...pythonFolders]]);
  checks.push(["ruff format", `${bin}ruff`, ["format", "--check", ...pythonFolders]]);
}
checks.push(["golden vectors", "node", ["test/vectors/generate.mjs", "--check"]]);
if (existsSync("scripts/generate-abis.mjs")) {
  checks.push(["generated ABIs", "node", ["scripts/generate-abis.mjs", "--check"]]);
}

checks.push(["generated vocabulary", "node", ["scripts/generate-vocabulary.mjs", "--check"]]);
// The PostgreSQL tables: written from the SQLite ones, so the two never drift apart.
checks.push(["generated PostgreSQL schema", "node", ["scripts/generate-pg-schema.mjs", "--check"]]);
// The API's types: regenerated from the server's OpenAPI document, and no hand-written copy.
checks.push(["generated API types", "node", ["scripts/generate-api-types.mjs", "--check"]]);

let failed = 0;
for (const [name, command, args] of checks) {
  const { status } = spawnSync(command, args, { stdio: "inherit" });
  console.log(`${status === 0 ? "ok  " : "FAIL"}  ${name}`);
  if (status !== 0) failed++;
}
process.exit(failed === 0 ? 0 : 1);
