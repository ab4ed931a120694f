import { feltFromHex, feltToInteger, outputCommitment, promptInstances } from "@proofmint/core";
import type { Hex } from "viem";
import type { CircuitArtifacts } from "./circuitArtifacts.ts";
import { WitnessError } from "./errors.ts";

/** What the circuit computes for one prompt, read from its witness. */
export type Witness = {
  /** The witness JSON exactly as ezkl writes it: the native prover's input. */
  json: Uint8Array;
  /** Quantized model output, HWC row-major, signed integers at the output scale. */
  output: bigint[];
  /**
   * The output commitment the proof will carry (aigcData): the KZG commitment of `output` over
   * the model's basis, known before proving.
   */
  aigcData: Hex;
};

/** Computes a witness JSON from the engine's input JSON (on a worker thread, or in process). */
export type WitnessEngine = {
  witness(args: { compiledCircuit: Uint8Array; input: Uint8Array }): Promise<Uint8Array>;
};

/**
 * The witness step of the one proving path (job stage `witness`, `proveImage`, the bench): runs
 * the model inside the circuit for a canonical prompt and commits to its output.
 *
 * @throws {WitnessError} when the engine fails or its witness has no output.
 * @example
 * const witness = await computeWitness({ prompt: "a red fox", artifacts, engine });
 */
export async function computeWitness({
  prompt,
  artifacts,
  engine,
}: {
  prompt: string;
  artifacts: CircuitArtifacts;
  engine: WitnessEngine;
}): Promise<Witness> {
  const instances = promptInstances({ prompt, inputScale: artifacts.inputScale });
  let json: Uint8Array;
  try {
    json = await engine.witness({
      compiledCircuit: artifacts.compiledCircuit,
      input: witnessInput({ promptInstances: instances }),
    });
  } catch (cause) {
    throw new WitnessError("witness generation failed", { dir: artifacts.dir }, cause);
  }
  const output = parseWitnessOutput({ json });
  return { json, output, aigcData: outputCommitment({ output, basis: artifacts.outputBasis }) };
}

/** The engine's input JSON for a prompt's instances. */
export function witnessInput({
  promptInstances,
}: {
  promptInstances: readonly bigint[];
}): Uint8Array {
  const input = { input_data: [promptInstances.map((value) => Number(value))] };
  return new TextEncoder().encode(JSON.stringify(input));
}

/** Reads the quantized output out of ezkl's witness JSON. */
export function parseWitnessOutput({ json }: { json: Uint8Array }): bigint[] {
  const witness = JSON.parse(new TextDecoder().decode(json)) as { outputs?: string[][] };
  const output = witness.outputs?.[0];
  if (output === undefined) throw new WitnessError("the witness has no model output");
  return output.map((hex) => feltToInteger({ felt: feltFromHex({ hex }) }));
}
