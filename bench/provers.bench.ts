// Prover processes (`npm run prover`) beside an API server with no local prover, on PostgreSQL:
// relayed mints per minute with one and with two prover processes, measured in the same run
// (BENCH_PROMPTS prompts submitted at once to each; on two cores, two provers share them), the
// CPU seconds the prover processes spend per mint (their whole process trees, the native ezkl
// provers included), and from that the capacity model: prover cores needed for N mints a minute.
// Also what one mint costs the database and IPFS: job events written, and artifact bytes stored.
// Run by bench/run.mjs: `npx tsx bench/provers.bench.ts <out.json>`.
// Options: BENCH_PROMPTS (default 6).
import { readdirSync, readFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import type { ApiSchema } from "@proofmint/core";
import {
  startLocalPlatform,
  startProverProcess,
  type LocalPlatform,
  type ProverProcess,
} from "@proofmint/server/platform";
import { median, round } from "./statistics.ts";

const root = resolve(import.meta.dirname, "..");
const out = process.argv[2];
const PROMPTS = Number(process.env.BENCH_PROMPTS ?? 6);
// Anvil's default account 1 receives the tokens; the server relays with account 0.
const RECIPIENT = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
const COLOURS = ["red", "blue", "green", "orange", "purple", "yellow", "white", "pink"];
const SUBJECTS = ["fox", "cat", "heart", "star", "tree", "house", "moon", "fish"];
const TICKS_PER_SECOND = 100;

/** CPU seconds (user + system) of a process and every process below it, alive now. */
function treeCpuSeconds(pid: number): number {
  const stats = new Map<number, { ppid: number; ticks: number }>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(join("/proc", entry, "stat"), "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      stats.set(Number(entry), {
        ppid: Number(fields[1]),
        ticks: Number(fields[11]) + Number(fields[12]),
      });
    } catch {
      // The process ended while it was read.
    }
  }
  let ticks = 0;
  const queue = [pid];
  while (queue.length > 0) {
    const current = queue.pop()!;
    ticks += stats.get(current)?.ticks ?? 0;
    for (const [child, { ppid }] of stats) if (ppid === current) queue.push(child);
  }
  return ticks / TICKS_PER_SECOND;
}

async function submit(platform: LocalPlatform, prompt: string): Promise<string> {
  const response = await fetch(`${platform.server.url}/api/generations`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ prompt, recipient: RECIPIENT }),
  });
  if (response.status !== 202) {
    throw new Error(`POST answered ${response.status}: ${await response.text()}`);
  }
  return ((await response.json()) as { id: string }).id;
}

async function generation(platform: LocalPlatform, id: string) {
  const response = await fetch(`${platform.server.url}/api/generations/${id}`);
  return (await response.json()) as ApiSchema<"Generation">;
}

/** Submits `PROMPTS` prompts at once and waits until every one is minted. */
async function phase(platform: LocalPlatform, provers: ProverProcess[], run: number) {
  const cpuBefore = provers.map((prover) => treeCpuSeconds(prover.pid));
  const started = performance.now();
  const prompts = Array.from(
    { length: PROMPTS },
    (_, n) =>
      `a ${COLOURS[n % COLOURS.length]} ${SUBJECTS[(n + run) % SUBJECTS.length]} on ${COLOURS[(n + 3 * run + 1) % COLOURS.length]} number ${run}${n}`,
  );
  const ids = await Promise.all(prompts.map((prompt) => submit(platform, prompt)));
  const done: ApiSchema<"Generation">[] = [];
  for (const id of ids) {
    for (;;) {
      const current = await generation(platform, id);
      if (current.status === "failed") throw new Error(`generation ${id} failed`);
      if (current.status === "minted") {
        done.push(current);
        break;
      }
      await new Promise((wait) => setTimeout(wait, 250));
    }
  }
  const seconds = (performance.now() - started) / 1000;
  const cpu = provers.reduce(
    (sum, prover, i) => sum + treeCpuSeconds(prover.pid) - cpuBefore[i]!,
    0,
  );
  return { seconds, cpuPerMint: cpu / PROMPTS, generations: done };
}

async function addProvers(platform: LocalPlatform, count: number, from: number) {
  const started: ProverProcess[] = [];
  for (let i = 0; i < count; i++) {
    started.push(
      await startProverProcess({
        root,
        env: {
          ...platform.env,
          PROVER_POOL_SIZE: "1",
          PROVER_WORK_DIR: join(platform.dataDir, `prover-${from + i}`),
        },
      }),
    );
  }
  return started;
}

const platform = await startLocalPlatform({
  root,
  name: "bench-provers",
  database: "postgres",
  env: { PROVER_POOL_SIZE: "0" },
});
try {
  const provers = await addProvers(platform, 1, 1);
  const one = await phase(platform, provers, 1);
  provers.push(...(await addProvers(platform, 1, 2)));
  const two = await phase(platform, provers, 2);
  for (const prover of provers) await prover.stop();

  // What one mint leaves behind: rows in the event log, and bytes on IPFS.
  const sample = two.generations.concat(one.generations);
  const eventsPerMint = median(sample.map((g) => g.events.length));
  const artifactBytes = await Promise.all(
    sample.map(async (g) => {
      const cids = [g.image, g.output, g.proof, g.metadata].map((artifact) => artifact?.cid);
      const sizes = await Promise.all(
        cids.map(async (cid) => {
          const response = await fetch(`${platform.server.url}/ipfs/${cid}`);
          return (await response.arrayBuffer()).byteLength;
        }),
      );
      return sizes.reduce((a, b) => a + b, 0);
    }),
  );
  const cpuPerMint = median([one.cpuPerMint, two.cpuPerMint]);
  const coresFor = (mintsPerMinute: number) => round((mintsPerMinute * cpuPerMint) / 60, 1);
  const result = {
    metrics: [
      {
        name: `1 prover process: ${PROMPTS} relayed mints at once`,
        value: round((PROMPTS / one.seconds) * 60, 1),
        unit: "mints/min",
      },
      {
        name: `2 prover processes: ${PROMPTS} relayed mints at once`,
        value: round((PROMPTS / two.seconds) * 60, 1),
        unit: "mints/min",
      },
      { name: "prover CPU per mint (1 process)", value: round(one.cpuPerMint, 1), unit: "s" },
      { name: "prover CPU per mint (2 processes)", value: round(two.cpuPerMint, 1), unit: "s" },
      { name: "prover cores for 10 mints/min", value: coresFor(10), unit: "cores" },
      { name: "prover cores for 60 mints/min", value: coresFor(60), unit: "cores" },
      { name: "prover cores for 600 mints/min", value: coresFor(600), unit: "cores" },
      { name: "job events written per mint", value: eventsPerMint, unit: "rows" },
      { name: "IPFS bytes stored per mint", value: median(artifactBytes), unit: "bytes" },
    ],
    samples: { one: one.seconds, two: two.seconds, artifactBytes },
  };
  if (out) await writeFile(out, `${JSON.stringify(result, null, 2)}\n`);
  console.table(result.metrics);
} finally {
  await platform.stop();
}
