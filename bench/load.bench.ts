// Load on loopback: 1,000 read requests and 100 generation submissions from 20 concurrent
// clients against a server with QUEUE_LIMIT=3 (the load drill's traffic, test/drills/loadRun.ts):
// throughput, read latency p50/p95, 429s and the server's peak RSS. Run by bench/run.mjs:
// `npx tsx bench/load.bench.ts <out.json>`. Options: BENCH_READS, BENCH_SUBMISSIONS, BENCH_CLIENTS.
import { writeFile } from "node:fs/promises";
import { startDrillPlatform } from "../test/drills/drillPlatform.ts";
import { residentMiB, runLoad } from "../test/drills/loadRun.ts";

const out = process.argv[2];
const READS = Number(process.env.BENCH_READS ?? 1000);
const SUBMISSIONS = Number(process.env.BENCH_SUBMISSIONS ?? 100);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 20);

const platform = await startDrillPlatform({ env: { QUEUE_LIMIT: "3" } });
try {
  const { url, pid } = platform.server;
  const result = await runLoad({
    url,
    pid,
    run: `bench${Date.now().toString(36)}`,
    reads: READS,
    submissions: SUBMISSIONS,
    clients: CLIENTS,
  });
  if (result.failures.length > 0) throw new Error(`failures: ${result.failures.join("; ")}`);
  let peak = result.rssPeakMiB;
  for (const id of result.accepted) {
    for (;;) {
      peak = Math.max(peak, residentMiB(pid));
      const response = await fetch(`${url}/api/generations/${id}`);
      const job = (await response.json()) as { status: string };
      if (job.status === "failed") throw new Error(`accepted job ${id} failed`);
      if (job.status === "ready") break;
      await new Promise((done) => setTimeout(done, 250));
    }
  }
  const five = Object.entries(result.statuses).filter(([status]) => Number(status) >= 500);
  const metrics = [
    { name: "load throughput", value: result.throughput, unit: "req/s", target: "" },
    { name: "load read p50", value: result.readP50Ms, unit: "ms", target: "" },
    { name: "load read p95", value: result.readP95Ms, unit: "ms", target: "" },
    {
      name: "load 429s (of submissions)",
      value: `${result.rejected429}/${SUBMISSIONS}`,
      unit: "",
      target: "all with Retry-After",
    },
    { name: "load 5xx", value: five.reduce((sum, [, n]) => sum + n, 0), unit: "", target: "0" },
    { name: "load server RSS peak", value: peak, unit: "MiB", target: "< 1024" },
  ];
  console.log(JSON.stringify({ ...result, accepted: result.accepted.length, peak }, null, 2));
  if (out) await writeFile(out, `${JSON.stringify({ metrics }, null, 2)}\n`);
} finally {
  await platform.stop();
}
