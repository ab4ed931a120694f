import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promptInstances } from "@proofmint/core";
import { bytesToHex, type Hex } from "viem";
import type { CircuitArtifacts } from "./circuitArtifacts.ts";
import { checkProof } from "./checkProof.ts";
import { computeWitness } from "./computeWitness.ts";
import type { EngineThreads } from "./engineThreads.ts";
import type { NativeProverPool } from "./nativeProverPool.ts";

/** Everything a mint and its provenance need for one prompt. */
export type ProvenImage = {
  /** The canonical prompt that was proven. */
  prompt: string;
  /** The public instances: the 64 prompt instances. */
  instances: bigint[];
  /** Quantized model output, HWC row-major, at the circuit's output scale. */
  output: bigint[];
  /** The output commitment the proof carries (its first point, compressed). */
  aigcData: Hex;
  /** ezkl's proof JSON, as stored on IPFS and accepted by the engine's verifier. */
  proofJson: Uint8Array;
  /** The raw proof bytes the Solidity verifier takes. */
  proof: Hex;
  /** Calldata for the generated verifier's `verifyProof(bytes, uint256[])`. */
  calldata: Hex;
  timings: { witnessMs: number; proveMs: number; verifyMs: number };
};

/**
 * Proves `image = model(prompt)` for a canonical prompt through the same three steps as a job's
 * `witness`, `prove` and `verify` stages (`computeWitness`, the native pool, `checkProof`), in one
 * call, for tests and benchmarks. Nothing runs on the event loop, and a caller never holds a proof
 * that `checkProof` rejects.
 *
 * @example
 * const proven = await proveImage({ prompt: "a red circle on blue", artifacts, engine, pool, workDir });
 */
export async function proveImage({
  prompt,
  artifacts,
  engine,
  pool,
  workDir,
}: {
  prompt: string;
  artifacts: CircuitArtifacts;
  engine: EngineThreads;
  pool: NativeProverPool;
  workDir: string;
}): Promise<ProvenImage> {
  const started = performance.now();
  const witness = await computeWitness({ prompt, artifacts, engine });
  const witnessMs = performance.now() - started;

  await mkdir(workDir, { recursive: true });
  const stem = join(workDir, `${process.pid}-${started.toFixed(3).replace(".", "")}`);
  const witnessPath = `${stem}.witness.json`;
  const proofPath = `${stem}.proof.json`;
  try {
    await writeFile(witnessPath, witness.json);
    const { ms: proveMs } = await pool.prove({ witnessPath, proofPath });
    const proofJson = new Uint8Array(await readFile(proofPath));

    const verifyStarted = performance.now();
    const proof = await checkProof({
      proofJson,
      prompt,
      aigcData: witness.aigcData,
      artifacts,
      engine,
      details: { prompt },
    });
    const verifyMs = performance.now() - verifyStarted;
    return {
      prompt,
      instances: promptInstances({ prompt, inputScale: artifacts.inputScale }),
      output: witness.output,
      aigcData: witness.aigcData,
      proofJson,
      proof,
      calldata: bytesToHex(await engine.calldata({ proof: proofJson })),
      timings: { witnessMs, proveMs, verifyMs },
    };
  } finally {
    await Promise.all([rm(witnessPath, { force: true }), rm(proofPath, { force: true })]);
  }
}
