import type { Hex } from "viem";

/**
 * What off-chain verification needs of a model's circuit. None of it has to be trusted: the SDK
 * recomputes the model id from them (`modelIdDigest` of `@proofmint/core`; circuits/README.md,
 * "Model id") and uses them only if that id is the one the collection stores; a ceremony
 * `verificationSrs` must moreover be the published Perpetual Powers of Tau k=1 file.
 */
export type CircuitArtifacts = {
  /** SHA-256 of the model's ONNX file: part of the model id's preimage (the file is not needed). */
  onnxSha256: Hex;
  /** ezkl's settings.json. */
  settings: Uint8Array;
  /** ezkl's verifying key (vk.key). */
  vk: Uint8Array;
  /**
   * The k=1 verification SRS (kzg1.srs): g[0], g2 and s_g2 are all KZG verification reads, and
   * the vk does not hold g2 or s_g2, so the model id covers this file too.
   */
  verificationSrs: Uint8Array;
  /**
   * The output commitment's basis (output_basis.bin): recomputes aigcData from a raw output. v3
   * model ids bind it; models of earlier builds (v2) have none.
   */
  outputBasis?: Uint8Array | undefined;
};

/** Where verifyAigc gets a model's artifacts: the artifacts, or a function of the model id. */
export type CircuitArtifactsSource =
  CircuitArtifacts | ((parameters: { modelId: string }) => Promise<CircuitArtifacts | undefined>);
