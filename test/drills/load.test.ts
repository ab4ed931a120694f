// Load (skipped with PROOFMINT_TESTS=quick): 1,000 read requests and 100 generation submissions
// from 20 concurrent clients on loopback, against a server with a small queue (QUEUE_LIMIT=3) so
// the excess is refused at once. No 5xx, every 429 carries Retry-After, the server's memory stays
// bounded (sampled from /proc while the load runs and while the accepted jobs prove), and every
// accepted job finishes.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { call, slowDrills, startDrillPlatform, type DrillPlatform } from "./drillPlatform.ts";
import { residentMiB, runLoad } from "./loadRun.ts";

const QUEUE_LIMIT = 3;
// Generous bounds for a Node server holding the engine's WebAssembly and the circuit: what they
// catch is growth with the number of requests, not the baseline.
const MAX_RSS_MIB = 1_024;
const MAX_RSS_GROWTH_MIB = 256;

let platform: DrillPlatform;

beforeAll(async () => {
  if (!slowDrills) return;
  platform = await startDrillPlatform({ env: { QUEUE_LIMIT: String(QUEUE_LIMIT) } });
});

afterEach((context) => {
  if (context.task.result?.state === "fail") {
    console.error(`server log (last 30 lines):\n${platform.server.logs.slice(-30).join("\n")}`);
  }
});

afterAll(async () => {
  await platform?.stop();
});

describe.skipIf(!slowDrills)("load (full profile)", () => {
  it("serves 1,000 reads and 100 submissions from 20 clients: no 5xx, 429 with Retry-After, bounded memory, every accepted job finishes", async () => {
    const { url, pid } = platform.server;
    // Warm up first: one generation loads the engine's WebAssembly and the render thread, so the
    // memory bound below measures growth under load, not the first job's one-time loading.
    const warm = await call<{ id: string }>(`${url}/api/generations`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ prompt: "load drill warm up" }),
    });
    expect(warm.status).toBe(202);
    for (;;) {
      const job = await call<{ status: string }>(`${url}/api/generations/${warm.body.id}`);
      expect(job.body.status).not.toBe("failed");
      if (job.body.status === "ready") break;
      await new Promise((done) => setTimeout(done, 250));
    }
    const result = await runLoad({
      url,
      pid,
      run: "drill",
      reads: 1000,
      submissions: 100,
      clients: 20,
    });
    console.log(`load: ${JSON.stringify({ ...result, accepted: result.accepted.length })}`);
    expect(result.failures).toEqual([]);
    expect(Object.keys(result.statuses).filter((status) => Number(status) >= 500)).toEqual([]);
    expect(result.accepted.length).toBeGreaterThanOrEqual(1);
    expect(result.accepted.length + result.rejected429).toBe(100);
    expect(result.rejected429).toBeGreaterThan(0);
    expect(result.missingRetryAfter).toBe(0);

    let peak = result.rssPeakMiB;
    const deadline = Date.now() + 300_000;
    for (const id of result.accepted) {
      for (;;) {
        peak = Math.max(peak, residentMiB(pid));
        const job = await call<{ status: string; error: unknown }>(`${url}/api/generations/${id}`);
        if (job.body.status === "ready" || job.body.status === "failed" || Date.now() > deadline) {
          expect(job.body.status, JSON.stringify(job.body.error)).toBe("ready");
          break;
        }
        await new Promise((done) => setTimeout(done, 250));
      }
    }
    console.log(`load: RSS start ${result.rssStartMiB} MiB, peak ${peak} MiB`);
    expect(peak).toBeLessThan(MAX_RSS_MIB);
    expect(peak - result.rssStartMiB).toBeLessThan(MAX_RSS_GROWTH_MIB);
    expect((await call(`${url}/api/health`)).status).toBe(200);
  });
});
