// verifyAigc end to end on anvil: one token minted through the real server (relayed mint), then
// verified link by link against the chain and the server's gateway, with the committed circuit
// artifacts. `cold` includes loading the ezkl engine (first call in a process); `warm` is the
// median of BENCH_RUNS (default 5) later calls. Run by bench/run.mjs:
// `npx tsx bench/sdk.bench.ts <out.json>`.
import { writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { promptTokenId } from "@proofmint/core";
import { readGenerationEvents, startLocalPlatform } from "@proofmint/server/platform";
import { verifyAigc } from "@proofmint/sdk";
import { readCircuitArtifacts } from "@proofmint/sdk/node";
import { median, round } from "./statistics.ts";

const root = resolve(import.meta.dirname, "..");
const out = process.argv[2];
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const RECIPIENT = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
const PROMPT = "bench sdk a blue ring";

const platform = await startLocalPlatform({ root, name: "sdk-bench" });
try {
  const { anvil, deployment, server } = platform;
  const response = await fetch(`${server.url}/api/generations`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ prompt: PROMPT, recipient: RECIPIENT }),
  });
  const { id } = (await response.json()) as { id: string };
  const events = await readGenerationEvents({
    url: server.url,
    id,
    until: (event) => event.type === "minted" || event.type === "failed",
  });
  if (events.at(-1)?.type !== "minted")
    throw new Error(`mint failed: ${JSON.stringify(events.at(-1))}`);

  const artifacts = await readCircuitArtifacts({ dir: join(root, "circuits/sprite") });
  const verify = async () => {
    const started = performance.now();
    const report = await verifyAigc({
      rpcUrl: anvil.rpcUrl,
      collection: deployment.collection,
      tokenId: promptTokenId({ prompt: PROMPT }),
      gateway: server.url,
      artifacts,
      acceptDevelopmentSrs: true,
    });
    if (!report.passed) throw new Error(`verification failed: ${JSON.stringify(report.links)}`);
    return performance.now() - started;
  };
  const cold = await verify();
  const warm: number[] = [];
  for (let run = 0; run < RUNS; run++) warm.push(await verify());
  const metrics = [
    {
      name: "verifyAigc end to end, cold (engine load included)",
      value: round(cold),
      unit: "ms",
      target: "<= 2000",
    },
    {
      name: `verifyAigc end to end, warm (median of ${RUNS})`,
      value: round(median(warm)),
      unit: "ms",
      target: "<= 2000",
    },
  ];
  for (const metric of metrics) console.log(`${metric.name}: ${metric.value} ${metric.unit}`);
  if (out) await writeFile(out, `${JSON.stringify({ metrics }, null, 2)}\n`);
} finally {
  await platform.stop();
}
