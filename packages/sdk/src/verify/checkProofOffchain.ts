import { parseModelId, type SrsKind, type TokenMetadata } from "@proofmint/core";
import { sha256, type Hex } from "viem";
import type { CircuitArtifacts } from "../artifacts/CircuitArtifacts.ts";
import { readCircuitScales } from "../artifacts/readCircuitScales.ts";
import { PUBLIC_K1_SRS_SHA256 } from "../constants.ts";
import type { EnginePool } from "../engine/EnginePool.ts";
import { firstLine } from "../errors/firstLine.ts";
import { checkArtifactsModelId } from "./checkArtifactsModelId.ts";
import { checkProofEnvelope } from "./checkProofEnvelope.ts";
import type { LinkBook } from "./linkBook.ts";

/**
 * Sets the offchain-verify link: the artifacts, verification SRS included, are the model id's
 * (recomputed digest), a ceremony model is checked only with the public k=1 SRS, the proof JSON on
 * IPFS carries the chain's proof and the token's public instances, and the engine accepts it.
 */
export async function checkProofOffchain({
  artifacts,
  modelId,
  srs,
  metadata,
  proof,
  engine,
  proofJson: proofRead,
  book,
}: {
  artifacts: CircuitArtifacts;
  modelId: string;
  srs: SrsKind;
  metadata: TokenMetadata;
  proof: Hex;
  engine: EnginePool;
  /** The proof JSON at `metadata.provenance.proof`, being fetched with `fetchIpfs` (CID-checked). */
  proofJson: Promise<Uint8Array>;
  book: LinkBook;
}): Promise<void> {
  const link = "offchain-verify";
  const mismatch = checkArtifactsModelId({ artifacts, modelId });
  if (mismatch !== undefined) {
    book.failed(link, mismatch);
    return;
  }
  const srsDigest = sha256(artifacts.verificationSrs);
  if (srs === "ceremony" && srsDigest !== PUBLIC_K1_SRS_SHA256) {
    book.failed(
      link,
      `the verification SRS has SHA-256 ${srsDigest.slice(2)}, not the public ceremony k=1 file's`,
    );
    return;
  }
  const { inputScale } = readCircuitScales({ settings: artifacts.settings });
  if (inputScale === undefined) {
    book.failed(link, "settings.json has no model_input_scales");
    return;
  }
  let proofJson: Uint8Array;
  try {
    proofJson = await proofRead;
  } catch (error) {
    book.failed(link, `${metadata.provenance.proof}: ${(error as Error).message.split("\n")[0]}`);
    return;
  }
  const envelope = checkProofEnvelope({
    proofJson,
    proof,
    prompt: metadata.prompt,
    aigcData: metadata.provenance.aigc_data,
    inputScale,
    version: parseModelId({ modelId }).version,
  });
  if (envelope !== undefined) {
    book.failed(link, `${metadata.provenance.proof}: ${envelope}`);
    return;
  }
  const started = performance.now();
  let accepted: boolean;
  try {
    accepted = await engine.verify({
      proof: proofJson,
      vk: artifacts.vk,
      settings: artifacts.settings,
      srs: artifacts.verificationSrs,
    });
  } catch (error) {
    book.failed(link, `the proof could not be verified: ${firstLine(error)}`);
    return;
  }
  const ms = Math.round(performance.now() - started);
  if (!accepted) {
    book.failed(link, `the ezkl engine rejects the proof with the verifying key of ${modelId}`);
    return;
  }
  book.passed(
    link,
    `the ezkl engine accepts the on-chain proof for the token's prompt and aigcData with the ` +
      `verifying key of ${modelId} (${ms} ms)` +
      (srs === "development"
        ? "; a development SRS makes this check as forgeable as the setup"
        : ""),
  );
}
