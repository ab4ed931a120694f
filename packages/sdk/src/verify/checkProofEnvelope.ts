import { feltToHex, publicInstances, type ModelIdVersion } from "@proofmint/core";
import { bytesToHex, type Hex } from "viem";

export type CheckProofEnvelopeParameters = {
  /** ezkl's proof JSON, as stored on IPFS. */
  proofJson: Uint8Array;
  /** The proof bytes recorded on chain (the AigcData event's data). */
  proof: Hex;
  prompt: string;
  aigcData: Hex;
  /** The circuit's input scale (settings.json `model_input_scales[0]`). */
  inputScale: number;
  /** The model id's version: v2 proofs carry aigcData as instance 64, v3 proofs as their first point. */
  version: ModelIdVersion;
};

/**
 * Checks that a proof JSON is about the token: its proof bytes are the chain's and its public
 * instances are the prompt's (and, for v2 models, aigcData as instance 64; v3 proofs commit to
 * the output in their first point, which the output-commitment link compares).
 * The engine verifies a proof against the instances inside the JSON, so without this check a
 * valid proof of another prompt would pass. Returns the mismatch, or undefined.
 */
export function checkProofEnvelope({
  proofJson,
  proof,
  prompt,
  aigcData,
  inputScale,
  version,
}: CheckProofEnvelopeParameters): string | undefined {
  let json: { proof?: unknown; hex_proof?: unknown; instances?: unknown };
  try {
    json = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(proofJson));
  } catch {
    return "the proof document is not JSON";
  }
  const bytes = Array.isArray(json.proof) ? bytesToHex(Uint8Array.from(json.proof)) : undefined;
  if (bytes !== proof.toLowerCase() || json.hex_proof !== proof.toLowerCase()) {
    return "the proof on IPFS is not the proof recorded in the AigcData event";
  }
  const expected = publicInstances({ prompt, inputScale, aigcData, version }).map((value) =>
    feltToHex({ value }),
  );
  const instances = json.instances;
  if (
    !Array.isArray(instances) ||
    instances.length !== 1 ||
    JSON.stringify(instances[0]) !== JSON.stringify(expected)
  ) {
    return "the proof's public instances are not the token's prompt and aigcData";
  }
  return undefined;
}
