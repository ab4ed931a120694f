import { modelIdDigest, parseModelId } from "@proofmint/core";
import type { CircuitArtifacts } from "../artifacts/CircuitArtifacts.ts";
import { firstLine } from "../errors/firstLine.ts";

/**
 * Whether artifacts from an untrusted host are the model id's: recomputes the digest by the id's
 * version (v3 covers the output basis, v2 does not). Returns the mismatch for people, or undefined.
 */
export function checkArtifactsModelId({
  artifacts,
  modelId,
}: {
  artifacts: CircuitArtifacts;
  modelId: string;
}): string | undefined {
  // JavaScript callers are not held to the type, and without the files no model id can match.
  if (!(artifacts.verificationSrs instanceof Uint8Array)) {
    return "the artifacts lack the k=1 verification SRS (kzg1.srs)";
  }
  let digest: string;
  try {
    const { version } = parseModelId({ modelId });
    if (version === 3 && !(artifacts.outputBasis instanceof Uint8Array)) {
      return "the artifacts lack the output basis (output_basis.bin) that a v3 model id binds";
    }
    digest = modelIdDigest({
      ...artifacts,
      version,
      verifySrs: artifacts.verificationSrs,
      outputBasis: version === 3 ? artifacts.outputBasis : undefined,
    });
  } catch (error) {
    return firstLine(error);
  }
  if (!modelId.endsWith(`-${digest}`)) {
    return `the artifacts given hash to model id digest ${digest}, not the collection's ${modelId}`;
  }
  return undefined;
}
