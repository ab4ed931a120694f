import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { feltToHex, outputCommitment, proofCommitment, promptInstances } from "@proofmint/core";
import { concat, hexToBytes, slice, type Hex } from "viem";
import {
  checkProof,
  EngineThreads,
  loadCircuitArtifacts,
  NativeProverPool,
  proveImage,
  ProvingError,
  pythonEnv,
  verifyProof,
  type CircuitArtifacts,
  type ProvenImage,
} from "@proofmint/server/prover";

const root = resolve(import.meta.dirname, "../..");
const cacheDir = join(root, ".cache/circuits/sprite");

/** Rewrites the proof JSON's public instances, as a forger presenting the proof would. */
function withInstances(proofJson: Uint8Array, instances: bigint[]): Uint8Array {
  const proof = JSON.parse(new TextDecoder().decode(proofJson));
  proof.instances = [instances.map((value) => feltToHex({ value }))];
  return new TextEncoder().encode(JSON.stringify(proof));
}

/** Rewrites the proof bytes in a proof JSON (both of ezkl's encodings of them). */
function withProof(proofJson: Uint8Array, proof: Hex): Uint8Array {
  const json = JSON.parse(new TextDecoder().decode(proofJson));
  json.hex_proof = proof;
  json.proof = [...hexToBytes(proof)];
  return new TextEncoder().encode(JSON.stringify(json));
}

describe("native prover", () => {
  let artifacts: CircuitArtifacts;
  let pool: NativeProverPool;
  let threads: EngineThreads;
  let workDir: string;
  let proven: ProvenImage;

  beforeAll(async () => {
    artifacts = await loadCircuitArtifacts({ dir: join(root, "circuits/sprite") });
    pool = new NativeProverPool({
      python: await pythonEnv({ root }),
      root,
      model: "sprite",
      cacheDir,
      size: 1,
    });
    threads = new EngineThreads();
    workDir = await mkdtemp(join(tmpdir(), "proofmint-prover-"));
    proven = await prove("a red circle on blue");
  });

  const prove = (prompt: string) =>
    proveImage({ prompt, artifacts, engine: threads, pool, workDir });

  afterAll(async () => {
    await pool?.close();
    await threads?.close();
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  it("proves a prompt with the documented instance layout", () => {
    const [height, width, channels] = artifacts.outputShape;
    expect(proven.output).toHaveLength(height * width * channels);
    expect(proven.instances).toEqual(
      promptInstances({ prompt: "a red circle on blue", inputScale: artifacts.inputScale }),
    );
    expect(proven.calldata.startsWith("0x1e8e1e13")).toBe(true);
  });

  it("commits to the output: aigcData is the output's KZG commitment and the proof's first point", () => {
    expect(outputCommitment({ output: proven.output, basis: artifacts.outputBasis })).toBe(
      proven.aigcData,
    );
    expect(proofCommitment({ proof: proven.proof })).toBe(proven.aigcData);
  });

  it("rejects a proof carrying another proof's commitment, and one with trailing bytes", async () => {
    const other = await prove("a small green square on white");
    const swapped = concat([slice(other.proof, 0, 64), slice(proven.proof, 64)]);
    expect(verifyProof({ artifacts, proof: withProof(proven.proofJson, swapped) })).toBe(false);
    const check = (proofJson: Uint8Array) =>
      checkProof({
        proofJson,
        prompt: "a red circle on blue",
        aigcData: proven.aigcData,
        artifacts,
        engine: threads,
      });
    await expect(check(withProof(proven.proofJson, swapped))).rejects.toThrow(/commits to/);
    const padded = concat([proven.proof, "0x00"]);
    await expect(check(withProof(proven.proofJson, padded))).rejects.toThrow(
      `its proof is ${artifacts.proofBytes + 1} bytes; this circuit's are ${artifacts.proofBytes}`,
    );
    await expect(check(proven.proofJson)).resolves.toBe(proven.proof);
  });

  it("verifies the proof it returns, and rejects it with any public instance changed", () => {
    expect(verifyProof({ artifacts, proof: proven.proofJson })).toBe(true);
    for (const position of [0, 1, 19, 20, 63]) {
      const instances = [...proven.instances];
      instances[position] = instances[position]! + 1n;
      expect(
        verifyProof({ artifacts, proof: withInstances(proven.proofJson, instances) }),
        `instance ${position}`,
      ).toBe(false);
    }
  });

  it("rejects the proof presented for another prompt", () => {
    const other = promptInstances({ prompt: "a red circle on green", inputScale: 0 });
    expect(verifyProof({ artifacts, proof: withInstances(proven.proofJson, other) })).toBe(false);
  });

  // Correctness, not speed: proving must not run on the event loop, which would stall it for the
  // whole proof (seconds). The bound is loose so a loaded machine cannot fail it; the lag itself
  // is a benchmark figure (bench/prover.bench.ts).
  it("keeps the event loop running while proving", async () => {
    let worstLagMs = 0;
    let last = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      worstLagMs = Math.max(worstLagMs, now - last - 10);
      last = now;
    }, 10);
    const proven = await prove("a small green square on white");
    clearInterval(timer);
    expect(worstLagMs).toBeLessThan(proven.timings.proveMs / 4);
  });

  it("fails only the request whose prover dies, and serves the next one", async () => {
    const doomed = prove("a yellow ring on black");
    while (pool.busy === 0) await new Promise((done) => setTimeout(done, 50));
    for (const pid of pool.pids()) process.kill(pid, "SIGKILL");
    await expect(doomed).rejects.toBeInstanceOf(ProvingError);
    const next = await prove("a yellow ring on black");
    expect(verifyProof({ artifacts, proof: next.proofJson })).toBe(true);
  });
});
