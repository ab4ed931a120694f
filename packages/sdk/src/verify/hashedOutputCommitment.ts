import { aigcDataFromField, feltFromHex, feltToHex } from "@proofmint/core";
import type { Hex } from "viem";
import type { EnginePool } from "../engine/EnginePool.ts";

/**
 * aigcData of a v2 model (output hashed in-circuit): ezkl's Poseidon hash of the output's felts,
 * public instance 64, 32 bytes big-endian. Kept so that tokens of earlier builds stay verifiable;
 * v3 models commit the output by polycommit (`outputCommitment` of `@proofmint/core`).
 */
export async function hashedOutputCommitment({
  engine,
  output,
}: {
  engine: EnginePool;
  /** The quantized output, HWC row-major, signed integers at the output scale. */
  output: readonly bigint[];
}): Promise<Hex> {
  const hash = await engine.poseidonHash({ felts: output.map((value) => feltToHex({ value })) });
  return aigcDataFromField({ value: feltFromHex({ hex: hash }) });
}
