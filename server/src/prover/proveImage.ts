import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { bytesToHex, type Hex } from "viem";
import { promptInstances } from "@proofmint/core";
import type { CircuitArtifacts } from "./circuitArtifacts.ts";
import { parseWitness, witnessInput } from "./computeWitness.ts";
import type { EngineThreads } from "./engineThreads.ts";
import { ProvingError } from "./errors.ts";
import type { NativeProverPool } from "./nativeProverPool.ts";

/** Everything a mint and its provenance need for one prompt. */
export type ProvenImage = {
  /** The canonical prompt that was proven. */
  prompt: string;
  /** The public instances: 64 prompt instances, then aigcData. */
  instances: bigint[];
  /** Quantized model output, HWC row-major, at the circuit's output scale. */
  output: bigint[];
  /** The output commitment, a BN254 field element. */
  aigcData: bigint;
  /** ezkl's proof JSON, as stored on IPFS and accepted by the engine's verifier. */
  proofJson: Uint8Array;
  /** The raw proof bytes the Solidity verifier takes. */
  proof: Hex;
  /** Calldata for the generated verifier's `verifyProof(bytes, uint256[])`. */
  calldata: Hex;
  timings: { witnessMs: number; proveMs: number; verifyMs: number };
};

/**
 * Proves `image = model(prompt)` for a canonical prompt: the witness with the WebAssembly engine on
 * a worker thread, the proof in a native prover of the pool, then a local verification with the
 * engine before anything is returned, so a caller never holds a proof that does not verify. None
 * of it runs on the event loop.
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
  const prompts = promptInstances({ prompt, inputScale: artifacts.inputScale });
  const witness = parseWitness({
    json: await engine.witness({
      compiledCircuit: artifacts.compiledCircuit,
      input: witnessInput({ promptInstances: prompts }),
    }),
  });
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
    const verified = await engine.verify({
      proof: proofJson,
      vk: artifacts.vk,
      settings: artifacts.settings,
      srs: artifacts.verifySrs,
    });
    if (!verified) {
      throw new ProvingError("the native prover returned a proof that does not verify", { prompt });
    }
    const verifyMs = performance.now() - verifyStarted;

    const parsed = JSON.parse(new TextDecoder().decode(proofJson)) as { hex_proof?: string };
    if (!parsed.hex_proof?.startsWith("0x")) {
      throw new ProvingError("proof JSON has no hex_proof", { prompt });
    }
    return {
      prompt,
      instances: [...prompts, witness.aigcData],
      output: witness.output,
      aigcData: witness.aigcData,
      proofJson,
      proof: parsed.hex_proof as Hex,
      calldata: bytesToHex(await engine.calldata({ proof: proofJson })),
      timings: { witnessMs, proveMs, verifyMs },
    };
  } finally {
    await Promise.all([rm(witnessPath, { force: true }), rm(proofPath, { force: true })]);
  }
}
