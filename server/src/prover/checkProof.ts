import { feltFromHex, proofCommitment, publicInstances } from "@proofmint/core";
import { hexToBytes, type Hex } from "viem";
import { ServerError } from "../errors.ts";
import type { CircuitArtifacts } from "./circuitArtifacts.ts";

/** A proof that must not be published; the message says why. */
export class ProofRejectedError extends ServerError {
  override name = "ProofRejectedError";
  constructor(reason: string, details: Record<string, unknown>) {
    super(`the proof was rejected: ${reason}`, { code: "PROOF_REJECTED", details });
  }
}

/** Verifies a proof JSON with the engine (on a worker thread, or in process). */
export type VerifyEngine = {
  verify(args: {
    proof: Uint8Array;
    vk: Uint8Array;
    settings: Uint8Array;
    srs: Uint8Array;
  }): Promise<boolean>;
};

/**
 * The verify step of the one proving path: a proof JSON is published only if it is exactly this
 * prompt's and this output's. Its public instances are the prompt's, its proof bytes are exactly
 * one proof of this circuit's size (no trailing bytes), the commitment it carries is aigcData, and
 * the verifying key accepts it. Returns the raw proof bytes the contract takes.
 *
 * @throws {ProofRejectedError} naming the first check that failed.
 */
export async function checkProof({
  proofJson,
  prompt,
  aigcData,
  artifacts,
  engine,
  details = {},
}: {
  proofJson: Uint8Array;
  prompt: string;
  aigcData: Hex;
  artifacts: CircuitArtifacts;
  engine: VerifyEngine;
  /** Context for the error, e.g. the job id. */
  details?: Record<string, unknown>;
}): Promise<Hex> {
  let parsed: { instances?: string[][]; hex_proof?: string };
  try {
    parsed = JSON.parse(new TextDecoder().decode(proofJson)) as typeof parsed;
  } catch {
    throw new ProofRejectedError("it is not JSON", details);
  }
  const expected = publicInstances({
    prompt,
    inputScale: artifacts.inputScale,
    version: 3,
    aigcData,
  });
  const actual = (parsed.instances?.[0] ?? []).map((hex) => feltFromHex({ hex }));
  if (actual.length !== expected.length || actual.some((value, i) => value !== expected[i])) {
    throw new ProofRejectedError("its public instances are not this prompt's", details);
  }
  const proof = parsed.hex_proof;
  if (typeof proof !== "string" || !/^0x([0-9a-f]{2})+$/.test(proof)) {
    throw new ProofRejectedError("it has no hex_proof", details);
  }
  if (hexToBytes(proof as Hex).length !== artifacts.proofBytes) {
    throw new ProofRejectedError(
      `its proof is ${hexToBytes(proof as Hex).length} bytes; this circuit's are ${artifacts.proofBytes}`,
      details,
    );
  }
  let carried: Hex;
  try {
    carried = proofCommitment({ proof: proof as Hex });
  } catch (error) {
    throw new ProofRejectedError(`its output commitment is unreadable: ${String(error)}`, details);
  }
  if (carried !== aigcData) {
    throw new ProofRejectedError(
      `it commits to ${carried}, not to this output's ${aigcData}`,
      details,
    );
  }
  const { vk, settings, verifySrs: srs } = artifacts;
  if (!(await engine.verify({ proof: proofJson, vk, settings, srs }))) {
    throw new ProofRejectedError("the verifying key does not accept it", details);
  }
  return proof as Hex;
}
