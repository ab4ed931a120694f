import { concat, hexToBytes, sha256, stringToBytes, type Hex } from "viem";
import { InvalidHexError } from "../errors/encoding.ts";
import { MetadataError } from "../metadata/MetadataError.ts";
import type { ModelIdVersion } from "./parseModelId.ts";

const SHA256_HEX = /^0x[0-9a-f]{64}$/;

export type ModelIdDigestParameters = {
  /** The rule to follow: the version of the model id being checked (`parseModelId`). */
  version: ModelIdVersion;
  /** SHA-256 of the model's ONNX file (manifest.json `artifacts.onnx.sha256`, 0x-prefixed). */
  onnxSha256: Hex;
  /** ezkl's settings.json. */
  settings: Uint8Array;
  /** ezkl's verifying key (vk.key). */
  vk: Uint8Array;
  /** The k=1 verification SRS (kzg1.srs). */
  verifySrs: Uint8Array;
  /** The output commitment's basis (output_basis.bin); required by v3, absent from v2. */
  outputBasis?: Uint8Array | undefined;
};

/**
 * The digest part of a model id (circuits/README.md, "Model id"), d = raw SHA-256:
 * - v3: `SHA-256("proofmint/model-id/v3\n" || d(model.onnx) || d(settings.json) || d(vk.key) ||
 *   d(kzg1.srs) || d(output_basis.bin))`;
 * - v2: the same without the basis, under `"proofmint/model-id/v2\n"`.
 *
 * Equal digests mean the same settings, verifying key, verification SRS and output basis: the
 * SRS's g2 and s_g2 are not in the vk and off-chain verification trusts them, and the basis is
 * what recomputes aigcData from a raw output.
 *
 * @throws {InvalidHexError} when `onnxSha256` is not 32 bytes of 0x-prefixed lower-case hex.
 * @throws {MetadataError} when a v3 digest is asked for without the output basis.
 * @example
 * modelIdDigest({ version: 3, onnxSha256, settings, vk, verifySrs, outputBasis }) // "3b1f…"
 */
export function modelIdDigest({
  version,
  onnxSha256,
  settings,
  vk,
  verifySrs,
  outputBasis,
}: ModelIdDigestParameters): string {
  if (!SHA256_HEX.test(onnxSha256)) {
    throw new InvalidHexError({
      name: "onnxSha256",
      expected: "a SHA-256 digest as 0x-prefixed lower-case hex",
      value: onnxSha256,
    });
  }
  const parts = [
    stringToBytes(`proofmint/model-id/v${version}\n`),
    hexToBytes(onnxSha256),
    sha256(settings, "bytes"),
    sha256(vk, "bytes"),
    sha256(verifySrs, "bytes"),
  ];
  if (version === 3) {
    if (outputBasis === undefined) {
      throw new MetadataError({ path: "outputBasis", expected: "given for a v3 model id" });
    }
    parts.push(sha256(outputBasis, "bytes"));
  }
  return sha256(concat(parts)).slice(2);
}
