// `npm run bench`: runs every benchmark (bench/*.bench.ts, one process each, one at a time so they
// do not compete for the two cores), prints their figures, and records one run per commit in
// bench/results/: `<commit>.json`, with latest.json (a copy of it) and latest.md (its Markdown
// table). `npm run bench -- prover` runs the benchmarks whose file name contains "prover" and
// keeps the other entries of this commit's record; a record never holds figures of another commit.
// Each entry says which commit it measured (`+uncommitted` when tracked files had changes; such
// runs are never merged), when it ran and the 1-minute load average before it; so does each row
// of the table.
import { spawnSync } from "node:child_process";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { join } from "node:path";

/** The commit the benchmarks measure: HEAD's short hash, `+uncommitted` if tracked files changed. */
function measuredCommit() {
  const git = (...args) => {
    const result = spawnSync("git", args, { encoding: "utf8" });
    if (result.status !== 0) throw new Error(`git ${args.join(" ")} failed: ${result.stderr}`);
    return result.stdout.trim();
  };
  const hash = git("rev-parse", "--short=12", "HEAD");
  // Recorded results are outputs, not code under measurement.
  const changed = git(
    "status",
    "--porcelain",
    "--untracked-files=no",
    "--",
    ".",
    ":(exclude)bench/results",
  );
  return changed === "" ? hash : `${hash}+uncommitted`;
}

const only = process.argv.slice(2);
const files = readdirSync("bench")
  .filter((name) => name.endsWith(".bench.ts"))
  .filter((name) => only.length === 0 || only.some((word) => name.includes(word)))
  .sort();

mkdirSync("bench/results", { recursive: true });
const machine = {
  cpu: cpus()[0]?.model ?? "unknown",
  cores: cpus().length,
  memoryGiB: Math.round(totalmem() / 2 ** 30),
  node: process.version,
};
const commit = measuredCommit();
const record = join("bench/results", `${commit.replace("+", "-")}.json`);
// A partial run adds to this commit's record; figures of another commit, or of uncommitted
// changes (which a later run cannot be known to share), are never carried over.
const previous =
  only.length > 0 && !commit.endsWith("+uncommitted") && existsSync(record)
    ? JSON.parse(readFileSync(record, "utf8")).benchmarks
    : {};
const report = { commit, ranAt: new Date().toISOString(), machine, benchmarks: { ...previous } };

let failed = 0;
for (const file of files) {
  const out = join("bench/results", `${file}.tmp`);
  console.log(`\n=== ${file} ===`);
  const context = {
    commit,
    ranAt: new Date().toISOString(),
    loadAverage: Number(loadavg()[0].toFixed(2)),
  };
  const { status } = spawnSync("npx", ["tsx", join("bench", file), out], { stdio: "inherit" });
  if (status !== 0) {
    failed++;
    report.benchmarks[file] = { ...context, error: `exited with ${status}` };
    continue;
  }
  report.benchmarks[file] = { ...context, ...JSON.parse(readFileSync(out, "utf8")) };
  rmSync(out);
}

const lines = [
  `Commit ${commit}, recorded ${report.ranAt} on ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}. Each row says the commit it measured and "load", the 1-minute load average before its benchmark; above ${machine.cores} the cores were shared with other work.`,
  "",
  "| benchmark | commit | load | metric | value | target |",
  "| --- | --- | --- | --- | --- | --- |",
];
for (const [file, result] of Object.entries(report.benchmarks).sort()) {
  const row = `| ${file.replace(".bench.ts", "")} | ${result.commit} | ${result.loadAverage} |`;
  if (result.error) lines.push(`${row} failed | ${result.error} | |`);
  for (const metric of result.metrics ?? []) {
    lines.push(
      `${row} ${metric.name} | ${metric.value} ${metric.unit ?? ""} | ${metric.target ?? ""} |`,
    );
  }
}
writeFileSync(record, `${JSON.stringify(report, null, 2)}\n`);
copyFileSync(record, "bench/results/latest.json");
writeFileSync("bench/results/latest.md", `${lines.join("\n")}\n`);
console.log(`\n${lines.join("\n")}`);
process.exit(failed === 0 ? 0 : 1);
