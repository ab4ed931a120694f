// `npm run bench`: runs every benchmark (bench/*.bench.ts, one process each, one at a time so they
// do not compete for the two cores), prints their figures, and records them in bench/results/:
// latest.json and latest.md (a Markdown table), plus a dated copy of the JSON.
// `npm run bench -- prover` re-runs the benchmarks whose file name contains "prover" and keeps the
// other entries of latest.json. Each entry records when it ran and the load average before it.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { join } from "node:path";

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
const previous =
  only.length > 0 && existsSync("bench/results/latest.json")
    ? JSON.parse(readFileSync("bench/results/latest.json", "utf8")).benchmarks
    : {};
const report = { ranAt: new Date().toISOString(), machine, benchmarks: { ...previous } };

let failed = 0;
for (const file of files) {
  const out = join("bench/results", `${file}.tmp`);
  console.log(`\n=== ${file} ===`);
  const context = { ranAt: new Date().toISOString(), loadAverage: Number(loadavg()[0].toFixed(2)) };
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
  `Ran ${report.ranAt} on ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}. "load" is the 1-minute load average before each benchmark; above ${machine.cores} the cores were shared with other work.`,
  "",
  "| benchmark | metric | value | target |",
  "| --- | --- | --- | --- |",
];
for (const [file, result] of Object.entries(report.benchmarks).sort()) {
  const name = `${file.replace(".bench.ts", "")} (load ${result.loadAverage ?? "?"})`;
  if (result.error) lines.push(`| ${name} | failed | ${result.error} | |`);
  for (const metric of result.metrics ?? []) {
    lines.push(
      `| ${name} | ${metric.name} | ${metric.value} ${metric.unit ?? ""} | ${metric.target ?? ""} |`,
    );
  }
}
const stamp = report.ranAt.replace(/[:.]/g, "-");
writeFileSync("bench/results/latest.json", `${JSON.stringify(report, null, 2)}\n`);
writeFileSync(`bench/results/${stamp}.json`, `${JSON.stringify(report, null, 2)}\n`);
writeFileSync("bench/results/latest.md", `${lines.join("\n")}\n`);
console.log(`\n${lines.join("\n")}`);
process.exit(failed === 0 ? 0 : 1);
