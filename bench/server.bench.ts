// Server latency, end to end on anvil: prompt -> ready to mint and prompt -> minted (relayed
// mint, seen by the indexer), p50 and p95 over 20 prompts one at a time, then 20 prompts from 4
// concurrent creators, with one prover (the default on two cores; BENCH_PROVERS sets another).
// Run by bench/run.mjs: `npx tsx bench/server.bench.ts <out.json>`.
// Options: BENCH_PROMPTS (default 20), BENCH_CREATORS (default 4), BENCH_PROVERS (default 1).
import { writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import {
  readGenerationEvents,
  startLocalPlatform,
  type ServerProcess,
} from "@proofmint/server/platform";

const root = resolve(import.meta.dirname, "..");
const out = process.argv[2];
const PROMPTS = Number(process.env.BENCH_PROMPTS ?? 20);
const CREATORS = Number(process.env.BENCH_CREATORS ?? 4);
const PROVERS = process.env.BENCH_PROVERS ?? "1";
// Anvil's default account 1 receives the tokens; the server relays with account 0.
const RECIPIENT = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
const WORDS = ["red", "blue", "green", "small", "large", "circle", "square", "ring", "dot", "line"];

type Sample = { readyMs: number; mintedMs: number };

/** A distinct canonical prompt for sample `n` of this run. */
function prompt(run: string, n: number): string {
  const words = [0, 1, 2].map((k) => WORDS[Math.floor(n / 10 ** k) % 10]!);
  return `bench ${run} ${words.join(" ")} ${n}`;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

/** Submits one prompt for a relayed mint and times its `ready` and `minted` events. */
async function measure(server: ServerProcess, text: string): Promise<Sample> {
  const started = performance.now();
  const response = await fetch(`${server.url}/api/generations`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ prompt: text, recipient: RECIPIENT }),
  });
  if (response.status !== 202)
    throw new Error(`POST answered ${response.status}: ${await response.text()}`);
  const { id } = (await response.json()) as { id: string };
  const events = await readGenerationEvents({
    url: server.url,
    id,
    until: (event) => event.type === "minted" || event.type === "failed",
  });
  const at = (type: string) => events.find((event) => event.type === type)?.receivedAt;
  const ready = at("ready");
  const minted = at("minted");
  if (ready === undefined || minted === undefined) {
    throw new Error(`generation ${id} did not complete: ${JSON.stringify(events.at(-1))}`);
  }
  return { readyMs: ready - started, mintedMs: minted - started };
}

function metrics(label: string, samples: Sample[]) {
  const metric = (to: "ready" | "minted", p: 50 | 95, target = "") => {
    const ms = samples.map((sample) => (to === "ready" ? sample.readyMs : sample.mintedMs));
    const value = Math.round(percentile(ms, p) / 10) / 100;
    return { name: `${label} prompt->${to} p${p}`, value, unit: "s", target };
  };
  return [
    metric("ready", 50),
    metric("ready", 95),
    metric("minted", 50, "<= 15 (goal 8)"),
    metric("minted", 95),
  ];
}

const platform = await startLocalPlatform({
  root,
  name: "bench",
  env: { QUEUE_LIMIT: "64", LOG_LEVEL: "warn", PROVER_POOL_SIZE: PROVERS },
});
try {
  const { server } = platform;
  const run = Date.now().toString(36);
  console.log("warming up (first proof loads the proving key)");
  await measure(server, prompt(run, 999));

  const sequential: Sample[] = [];
  for (let n = 0; n < PROMPTS; n++) {
    sequential.push(await measure(server, prompt(run, n)));
    console.log(
      `sequential ${n + 1}/${PROMPTS}: minted in ${(sequential.at(-1)!.mintedMs / 1000).toFixed(1)} s`,
    );
  }

  const concurrent: Sample[] = [];
  const perCreator = Math.ceil(PROMPTS / CREATORS);
  const wallStarted = performance.now();
  await Promise.all(
    Array.from({ length: CREATORS }, async (_, creator) => {
      for (let k = 0; k < perCreator; k++) {
        concurrent.push(await measure(server, prompt(run, 100 + creator * perCreator + k)));
      }
    }),
  );
  const wallSeconds = (performance.now() - wallStarted) / 1000;
  console.log(`concurrent: ${concurrent.length} prompts in ${wallSeconds.toFixed(1)} s`);

  const result = {
    metrics: [
      ...metrics("1 creator", sequential),
      ...metrics(`${CREATORS} creators`, concurrent),
      {
        name: `${CREATORS} creators throughput`,
        value: Math.round((concurrent.length / wallSeconds) * 60 * 10) / 10,
        unit: "mints/min",
        target: "",
      },
    ],
    samples: { sequential, concurrent },
  };
  if (out) await writeFile(out, `${JSON.stringify(result, null, 2)}\n`);
  console.table(result.metrics);
} finally {
  await platform.stop();
}
