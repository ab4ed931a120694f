// The zk core's figures: witness, native proof (warm pool worker), WebAssembly proof (the engine,
// single-threaded), verification, peak memory of the native prover, logrows, proof and key sizes.
// Usage: npx tsx bench/prover.bench.ts <out.json>
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import {
  computeWitness,
  engine,
  EngineThreads,
  loadCircuitArtifacts,
  NativeProverPool,
  proveImage,
  pythonEnv,
  verifyProof,
} from "@proofmint/server/prover";
import { median, round } from "./statistics.ts";

const root = resolve(import.meta.dirname, "..");
const cacheDir = join(root, ".cache/circuits/sprite");
const prompts = [
  "a red circle on blue",
  "a small green square on white",
  "a big purple triangle on yellow",
  "an orange ring on black",
  "a tiny white diamond on green",
  "blue stripes on orange",
  "a huge black cross on purple",
  "yellow dots on red",
];

/** CPU seconds (user + system) a process has used so far, from /proc (clock ticks of 1/100 s). */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Peak resident memory (VmHWM) of a process, in MiB, from /proc. */
function peakRssMiB(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, "utf8")
    .split("\n")
    .find((entry) => entry.startsWith("VmHWM:"));
  return Number(line?.match(/(\d+)/)?.[1] ?? 0) / 1024;
}

const artifacts = await loadCircuitArtifacts({ dir: join(root, "circuits/sprite") });
const pool = new NativeProverPool({
  python: await pythonEnv({ root }),
  root,
  model: "sprite",
  cacheDir,
  size: 1,
});
const threads = new EngineThreads();
const workDir = await mkdtemp(join(tmpdir(), "proofmint-bench-"));
const prove = (prompt: string) => proveImage({ prompt, artifacts, engine: threads, pool, workDir });

try {
  // Warm-up: starts the worker and derives the proving key on first use (not timed).
  await prove("warm up");

  const witnessMs: number[] = [];
  const nativeMs: number[] = [];
  const nativeCpu: number[] = [];
  // The server's event loop while a proof runs beside it: the worst delay of a 10 ms timer.
  let worstLagMs = 0;
  const verifyMs: number[] = [];
  let proofBytes = 0;
  for (const prompt of prompts) {
    const started = performance.now();
    await computeWitness({ prompt, artifacts, engine: threads });
    witnessMs.push(performance.now() - started);
    const [pid] = pool.pids();
    const cpuBefore = cpuSeconds(pid!);
    let last = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      worstLagMs = Math.max(worstLagMs, now - last - 10);
      last = now;
    }, 10);
    const proven = await prove(prompt);
    clearInterval(timer);
    nativeMs.push(proven.timings.proveMs);
    nativeCpu.push(cpuSeconds(pid!) - cpuBefore);
    const verifyStarted = performance.now();
    if (!verifyProof({ artifacts, proof: proven.proofJson }))
      throw new Error(`proof for "${prompt}" did not verify`);
    verifyMs.push(performance.now() - verifyStarted);
    proofBytes = (proven.proof.length - 2) / 2;
  }
  const nativePeakMiB = Math.max(...pool.pids().map(peakRssMiB));

  // WebAssembly proving: the engine proves from the same witness with the cached proving key and
  // the full SRS (the engine does not downsize an SRS, so it gets kzg<logrows>.srs exactly).
  const pk = new Uint8Array(await readFile(join(cacheDir, "pk.key")));
  const srs = new Uint8Array(await readFile(join(artifacts.dir, `kzg${artifacts.logrows}.srs`)));
  const witness = await computeWitness({ prompt: prompts[0]!, artifacts, engine: threads });
  const wasmStarted = performance.now();
  const wasmProof = engine.prove(
    new Uint8ClampedArray(witness.json),
    new Uint8ClampedArray(pk),
    new Uint8ClampedArray(artifacts.compiledCircuit),
    new Uint8ClampedArray(srs),
  );
  const wasmMs = performance.now() - wasmStarted;
  if (!verifyProof({ artifacts, proof: wasmProof }))
    throw new Error("the WebAssembly proof did not verify");
  const wasmPeakMiB = process.resourceUsage().maxRSS / 1024;

  const native = median(nativeMs);
  const metrics = [
    { name: "logrows", value: artifacts.logrows },
    { name: "witness (engine), median", value: round(median(witnessMs)), unit: "ms" },
    {
      name: "native proof, median",
      value: round(native),
      unit: "ms",
      target: "<= 6000 (goal 4000)",
    },
    { name: "native proof CPU, median", value: round(median(nativeCpu), 2), unit: "s" },
    {
      name: "event-loop lag while proving, worst",
      value: round(worstLagMs),
      unit: "ms",
      target: "< 100",
    },
    { name: "native proof, max", value: round(Math.max(...nativeMs)), unit: "ms" },
    { name: "WebAssembly proof (1 thread)", value: round(wasmMs), unit: "ms" },
    { name: "WebAssembly / native", value: round(wasmMs / native, 1), unit: "x" },
    {
      name: "verify (engine, k=1 SRS), median",
      value: round(median(verifyMs)),
      unit: "ms",
      target: "<= 1000",
    },
    { name: "native prover peak RSS", value: round(nativePeakMiB), unit: "MiB", target: "<= 4096" },
    { name: "Node process peak RSS (WebAssembly proving)", value: round(wasmPeakMiB), unit: "MiB" },
    { name: "proof size", value: proofBytes, unit: "bytes" },
    {
      name: "proving key size",
      value: round((await stat(join(cacheDir, "pk.key"))).size / 2 ** 20, 1),
      unit: "MiB",
    },
    { name: "verifying key size", value: artifacts.vk.length, unit: "bytes" },
  ];
  for (const metric of metrics) console.log(`${metric.name}: ${metric.value} ${metric.unit ?? ""}`);
  await writeFile(
    process.argv[2] ?? "/dev/stdout",
    JSON.stringify({ prompts: prompts.length, metrics }, null, 2),
  );
} finally {
  await pool.close();
  await threads.close();
  await rm(workDir, { recursive: true, force: true });
}
