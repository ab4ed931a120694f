import { aigcDataFromField, feltFromHex, feltToHex } from "@proofmint/core";
import type { Hex } from "viem";
import type { AigcEngine } from "../engine/AigcEngine.ts";

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
  const hash = engine.poseidonHash({ felts: output.map((value) => feltToHex({ value })) });
  return aigcDataFromField({ value: feltFromHex({ hex: hash }) });
}
