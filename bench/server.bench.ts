// Server latency, end to end on anvil: prompt -> ready to mint and prompt -> minted (relayed
// mint, seen by the indexer), p50 and p95 over 20 prompts one at a time, then 20 prompts from 4
// concurrent creators, with one prover (the default on two cores; BENCH_PROVERS sets another).
// Also what a creator pays: the gas of every transaction a mint needs (commit and reveal, base
// and calldata included) beside the generated verifier's own verifyProof gas, and the first
// proof after start against the median (the provers warm up while the server starts).
// Run by bench/run.mjs: `npx tsx bench/server.bench.ts <out.json>`.
// Options: BENCH_PROMPTS (default 20), BENCH_CREATORS (default 4), BENCH_PROVERS (default 1).
import { writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import { promptInstances, proofmintCollectionAbi, ezklVerifierAdapterAbi } from "@proofmint/core";
import {
  createPublicClient,
  decodeFunctionData,
  encodeFunctionData,
  hexToBytes,
  hexToString,
  http,
  parseAbi,
  type Hex,
} from "viem";
import {
  readGenerationEvents,
  startLocalPlatform,
  type ServerProcess,
} from "@proofmint/server/platform";
import { median, percentile, round } from "./statistics.ts";

const root = resolve(import.meta.dirname, "..");
const out = process.argv[2];
const PROMPTS = Number(process.env.BENCH_PROMPTS ?? 20);
const CREATORS = Number(process.env.BENCH_CREATORS ?? 4);
const PROVERS = process.env.BENCH_PROVERS ?? "1";
// Anvil's default account 1 receives the tokens; the server relays with account 0.
const RECIPIENT = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
const WORDS = ["red", "blue", "green", "small", "large", "circle", "square", "ring", "dot", "line"];

type Sample = { readyMs: number; mintedMs: number; proverMs: number; id: string };

/** A distinct canonical prompt for sample `n` of this run. */
function prompt(run: string, n: number): string {
  const words = [0, 1, 2].map((k) => WORDS[Math.floor(n / 10 ** k) % 10]!);
  return `bench ${run} ${words.join(" ")} ${n}`;
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
  const proved = events.find((event) => event.type === "stage" && event.data?.stage === "prove");
  const proverMs = Number(proved?.data?.proverMs ?? Number.NaN);
  return { readyMs: ready - started, mintedMs: minted - started, proverMs, id };
}

/** Waits until /api/health says every prover has loaded its key and warmed up. */
async function waitForReadyProvers(server: ServerProcess): Promise<void> {
  for (;;) {
    const health = (await (await fetch(`${server.url}/api/health`)).json()) as {
      prover: { size: number; ready: number };
    };
    if (health.prover.ready >= health.prover.size) return;
    await new Promise((done) => setTimeout(done, 250));
  }
}

function metrics(label: string, samples: Sample[]) {
  const metric = (to: "ready" | "minted", p: 50 | 95, target = "") => {
    const ms = samples.map((sample) => (to === "ready" ? sample.readyMs : sample.mintedMs));
    const value = round(percentile(ms, p) / 1000, 2);
    return { name: `${label} prompt->${to} p${p}`, value, unit: "s", target };
  };
  return [
    metric("ready", 50),
    metric("ready", 95),
    metric("minted", 50, "<= 15 (goal 8)"),
    metric("minted", 95),
  ];
}

/** Gas of every transaction a relayed mint needed, and verifyProof's own execution gas. */
async function mintGas(server: ServerProcess, rpcUrl: string, id: string) {
  const client = createPublicClient({ transport: http(rpcUrl) });
  const view = (await (await fetch(`${server.url}/api/generations/${id}`)).json()) as {
    mint: { commitTx: Hex | null; mintTx: Hex | null };
  };
  const hashes = [view.mint.commitTx, view.mint.mintTx].filter((hash): hash is Hex => !!hash);
  const receipts = await Promise.all(hashes.map((hash) => client.getTransactionReceipt({ hash })));
  const mintTx = await client.getTransaction({ hash: view.mint.mintTx! });
  const { args } = decodeFunctionData({ abi: proofmintCollectionAbi, data: mintTx.input });
  const [, prompt, , proof] = args as unknown as readonly [Hex, Hex, Hex, Hex];
  const adapter = await client.readContract({
    address: mintTx.to!,
    abi: proofmintCollectionAbi,
    functionName: "verifier",
  });
  const halo2 = await client.readContract({
    address: adapter,
    abi: ezklVerifierAdapterAbi,
    functionName: "halo2Verifier",
  });
  const instances = promptInstances({ prompt: hexToString(prompt), inputScale: 0 });
  const data = encodeFunctionData({
    abi: halo2VerifierAbi,
    functionName: "verifyProof",
    args: [proof, instances],
  });
  const estimated = await client.estimateGas({ to: halo2, data });
  const calldataGas = hexToBytes(data).reduce((sum, byte) => sum + (byte === 0 ? 4 : 16), 0);
  return {
    total: receipts.reduce((sum, receipt) => sum + Number(receipt.gasUsed), 0),
    transactions: receipts.length,
    verifyProofExecution: Number(estimated) - 21_000 - calldataGas,
    proofBytes: hexToBytes(proof).length,
  };
}

const halo2VerifierAbi = parseAbi([
  "function verifyProof(bytes proof, uint256[] instances) view returns (bool)",
]);

const platform = await startLocalPlatform({
  root,
  name: "bench",
  env: { QUEUE_LIMIT: "64", LOG_LEVEL: "warn", PROVER_POOL_SIZE: PROVERS },
});
try {
  const { server } = platform;
  const run = Date.now().toString(36);
  // The first creator after start: the provers warmed up while the server started.
  await waitForReadyProvers(server);
  const first = await measure(server, prompt(run, 999));
  const gas = await mintGas(server, platform.anvil.rpcUrl, first.id);

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
        name: "gas per minted token",
        value: gas.total,
        unit: "gas",
        target: "<= 900000 (goal 550000)",
      },
      { name: "  of which verifyProof execution", value: gas.verifyProofExecution, unit: "gas" },
      { name: "  transactions per mint", value: gas.transactions },
      { name: "proof size", value: gas.proofBytes, unit: "bytes" },
      {
        name: "first proof after start / median",
        value: round(first.proverMs / median(sequential.map((s) => s.proverMs)), 2),
        unit: "x",
        target: "<= 1.2",
      },
      { name: "first proof after start", value: round(first.proverMs), unit: "ms" },
      {
        name: "native proof in the server, median",
        value: round(median(sequential.map((s) => s.proverMs))),
        unit: "ms",
      },
      {
        name: `${CREATORS} creators throughput`,
        value: round((concurrent.length / wallSeconds) * 60, 1),
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
