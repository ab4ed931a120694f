import { aigcDataFromField, feltFromHex, feltToHex } from "@proofmint/core";
import type { Hex } from "viem";
import type { AigcEngine } from "../engine/AigcEngine.ts";
import type { EnginePool } from "../engine/EnginePool.ts";

export type OutputCommitmentParameters = {
  engine: AigcEngine;
  /** The quantized output, HWC row-major, signed integers at the output scale. */
  output: readonly bigint[];
};

/**
 * The output commitment of a quantized output as aigcData: ezkl's Poseidon hash of the output's
 * felts (what `output_visibility = "hashed"` puts in public instance 64), 32 bytes big-endian.
 *
 * @example
 * outputCommitment({ engine: await loadEngine(), output }) // "0x2d8a…"
 */
export function outputCommitment({ engine, output }: OutputCommitmentParameters): Hex {
  return aigcDataOfHash(engine.poseidonHash({ felts: outputFelts(output) }));
}

/** `outputCommitment` computed by an `EnginePool` (in a worker, in the browser). */
export async function outputCommitmentInPool({
  engine,
  output,
}: {
  engine: EnginePool;
  output: readonly bigint[];
}): Promise<Hex> {
  return aigcDataOfHash(await engine.poseidonHash({ felts: outputFelts(output) }));
}

const outputFelts = (output: readonly bigint[]) => output.map((value) => feltToHex({ value }));

const aigcDataOfHash = (hash: string) => aigcDataFromField({ value: feltFromHex({ hex: hash }) });
