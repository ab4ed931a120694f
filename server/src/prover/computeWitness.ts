import { feltFromHex, feltToInteger } from "@proofmint/core";
import type { CircuitArtifacts } from "./circuitArtifacts.ts";
import { clamped, engine } from "./engine.ts";
import { WitnessError } from "./errors.ts";

/** What the circuit computes for one prompt, read from its witness. */
export type Witness = {
  /** The witness JSON exactly as ezkl writes it: the native prover's input. */
  json: Uint8Array;
  /** Quantized model output, HWC row-major, signed integers at the output scale. */
  output: bigint[];
  /** The output commitment (Poseidon hash of the output): the token's aigcData. */
  aigcData: bigint;
};

/**
 * Runs the model inside the circuit (witness generation) for a prompt's public instances.
 *
 * @example
 * const witness = computeWitness({ artifacts, promptInstances: promptInstances({ prompt, inputScale: 0 }) });
 */
export function computeWitness({
  artifacts,
  promptInstances,
}: {
  artifacts: CircuitArtifacts;
  promptInstances: readonly bigint[];
}): Witness {
  let json: Uint8Array;
  try {
    json = engine.genWitness(
      clamped(artifacts.compiledCircuit),
      clamped(witnessInput({ promptInstances })),
    );
  } catch (cause) {
    throw new WitnessError("witness generation failed", { dir: artifacts.dir }, cause);
  }
  return parseWitness({ json });
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

/** Reads the quantized output and its commitment out of ezkl's witness JSON. */
export function parseWitness({ json }: { json: Uint8Array }): Witness {
  const witness = JSON.parse(new TextDecoder().decode(json)) as {
    outputs: string[][];
    processed_outputs?: { poseidon_hash?: string[] } | null;
  };
  const hash = witness.processed_outputs?.poseidon_hash?.[0];
  if (hash === undefined || witness.outputs[0] === undefined) {
    throw new WitnessError('witness has no hashed output: is output_visibility "hashed"?');
  }
  return {
    json,
    output: witness.outputs[0].map((hex) => feltToInteger({ felt: feltFromHex({ hex }) })),
    aigcData: feltFromHex({ hex: hash }),
  };
}
