// The load drill's traffic, shared by test/drills/load.test.ts and bench/load.bench.ts: read
// requests and generation submissions spread over concurrent clients on loopback, with the
// server's resident memory sampled from /proc while they run.
import { readFileSync } from "node:fs";
import { percentile, round } from "../../bench/statistics.ts";

export type LoadResult = {
  requests: number;
  seconds: number;
  /** Requests per second over the whole run. */
  throughput: number;
  readP50Ms: number;
  readP95Ms: number;
  statuses: Record<string, number>;
  /** Responses with a 5xx status, or requests that got no response. */
  failures: string[];
  accepted: string[];
  rejected429: number;
  /** 429s without a positive Retry-After. */
  missingRetryAfter: number;
  rssStartMiB: number;
  rssPeakMiB: number;
};

/** Resident memory of a process in MiB (Linux /proc). */
export function residentMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kib = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kib / 102.4) / 10;
}

const WORDS = ["red", "blue", "green", "small", "large", "circle", "square", "ring", "dot", "line"];

/**
 * Sends `reads` read requests and `submissions` generation submissions from `clients`
 * concurrent clients (each takes the next request of one shuffled list), and samples the
 * server's RSS every 100 ms. With several servers (`url` and `pid` lists, as a cluster's API
 * servers) the requests alternate between them and the RSS is the largest of theirs.
 *
 * @example
 * const result = await runLoad({ url, pid, run: "a", reads: 1000, submissions: 100, clients: 20 });
 */
export async function runLoad({
  url,
  pid,
  run,
  reads,
  submissions,
  clients,
}: {
  url: string | string[];
  pid: number | number[];
  /** A word that makes this run's prompts distinct from other runs'. */
  run: string;
  reads: number;
  submissions: number;
  clients: number;
}): Promise<LoadResult> {
  const accepted: string[] = [];
  type Work = { kind: "read" | "submit"; n: number };
  const work: Work[] = [
    ...Array.from({ length: reads }, (_, n) => ({ kind: "read" as const, n })),
    ...Array.from({ length: submissions }, (_, n) => ({ kind: "submit" as const, n })),
  ];
  // Interleave deterministically: a submission after every reads/submissions reads.
  work.sort(
    (a, b) =>
      a.n / (a.kind === "read" ? reads : submissions) -
      b.n / (b.kind === "read" ? reads : submissions),
  );
  const readPaths = (n: number) => {
    const paths = ["/api/health", "/api/models", "/api/tokens?limit=10", "/api/openapi.json"];
    if (accepted.length > 0) paths.push(`/api/generations/${accepted[n % accepted.length]}`);
    return paths[n % paths.length]!;
  };
  const urls = [url].flat();
  const pids = [pid].flat();
  let sent = 0;
  const nextUrl = () => urls[sent++ % urls.length]!;
  const rss = () => Math.max(...pids.map(residentMiB));
  const statuses: Record<string, number> = {};
  const failures: string[] = [];
  const readMs: number[] = [];
  let rejected429 = 0;
  let missingRetryAfter = 0;
  const rssStartMiB = rss();
  let rssPeakMiB = rssStartMiB;
  const sampler = setInterval(() => {
    try {
      rssPeakMiB = Math.max(rssPeakMiB, rss());
    } catch {
      failures.push("the server process is gone");
    }
  }, 100);

  let next = 0;
  const started = performance.now();
  const client = async () => {
    for (let item = work[next++]; item !== undefined; item = work[next++]) {
      const before = performance.now();
      try {
        if (item.kind === "read") {
          const path = readPaths(item.n);
          const response = await fetch(`${nextUrl()}${path}`);
          await response.arrayBuffer();
          readMs.push(performance.now() - before);
          statuses[response.status] = (statuses[response.status] ?? 0) + 1;
          if (response.status >= 500) failures.push(`GET ${path}: ${response.status}`);
        } else {
          const words = [0, 1, 2].map((k) => WORDS[Math.floor(item.n / 10 ** k) % 10]!);
          const prompt = `load ${run} ${words.join(" ")} ${item.n}`;
          const response = await fetch(`${nextUrl()}/api/generations`, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ prompt }),
          });
          const body = (await response.json()) as { id?: string };
          statuses[response.status] = (statuses[response.status] ?? 0) + 1;
          if (response.status === 202) accepted.push(body.id!);
          else if (response.status === 429) {
            rejected429++;
            if (!(Number(response.headers.get("retry-after")) > 0)) missingRetryAfter++;
          } else failures.push(`POST ${prompt}: ${response.status}`);
        }
      } catch (error) {
        failures.push(`${item.kind} ${item.n}: ${(error as Error).message}`);
      }
    }
  };
  await Promise.all(Array.from({ length: clients }, client));
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  return {
    requests: reads + submissions,
    seconds: round(seconds, 2),
    throughput: round((reads + submissions) / seconds),
    // No reads (reads: 0) gives no read latency.
    readP50Ms: readMs.length > 0 ? round(percentile(readMs, 50), 1) : 0,
    readP95Ms: readMs.length > 0 ? round(percentile(readMs, 95), 1) : 0,
    statuses,
    failures,
    accepted,
    rejected429,
    missingRetryAfter,
    rssStartMiB,
    rssPeakMiB,
  };
}
