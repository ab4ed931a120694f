import { rm } from "node:fs/promises";
import { feltFromHex, publicInstances } from "@proofmint/core";
import type { Hex } from "viem";
import { ServerError } from "../../errors.ts";
import type { StageContext, StageResult } from "./stageContext.ts";

/** The local check rejected a proof; the job goes back to proving. */
export class ProofRejectedError extends ServerError {
  override name = "ProofRejectedError";
  constructor(reason: string, details: Record<string, unknown>) {
    super(`the proof was rejected: ${reason}`, { code: "PROOF_REJECTED", details });
  }
}

/** The public instances a proof JSON carries: ezkl writes field elements as little-endian hex. */
function proofInstances(proofJson: Uint8Array): bigint[] {
  const parsed = JSON.parse(new TextDecoder().decode(proofJson)) as { instances?: string[][] };
  return (parsed.instances?.[0] ?? []).map((hex) => feltFromHex({ hex }));
}

/**
 * Checks the proof before anything is published: its public instances must be exactly this
 * prompt's and this output commitment's, and the verifying key must accept it.
 */
export async function verify({
  job,
  files,
  artifacts,
  engine,
}: StageContext): Promise<StageResult> {
  const proof = await files.read(files.proof);
  const expected = publicInstances({
    prompt: job.prompt,
    inputScale: artifacts.inputScale,
    aigcData: job.aigcData as Hex,
  });
  const actual = proofInstances(proof);
  const details = { jobId: job.id };
  try {
    if (actual.length !== expected.length || actual.some((value, i) => value !== expected[i])) {
      throw new ProofRejectedError(
        "its public instances are not this prompt's and output's",
        details,
      );
    }
    const { vk, settings, verifySrs: srs } = artifacts;
    if (!(await engine.verify({ proof, vk, settings, srs }))) {
      throw new ProofRejectedError("the verifying key does not accept it", details);
    }
  } catch (error) {
    await rm(files.proof, { force: true });
    throw error;
  }
  return {};
}
