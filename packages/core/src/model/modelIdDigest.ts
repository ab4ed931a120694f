import { concat, hexToBytes, sha256, stringToBytes, type Hex } from "viem";
import { InvalidHexError } from "../errors/encoding.ts";

const DOMAIN = "proofmint/model-id/v2\n";
const SHA256_HEX = /^0x[0-9a-f]{64}$/;

export type ModelIdDigestParameters = {
  /** SHA-256 of the model's ONNX file (manifest.json `artifacts.onnx.sha256`, 0x-prefixed). */
  onnxSha256: Hex;
  /** ezkl's settings.json. */
  settings: Uint8Array;
  /** ezkl's verifying key (vk.key). */
  vk: Uint8Array;
  /** The k=1 verification SRS (kzg1.srs). */
  verifySrs: Uint8Array;
};

/**
 * The digest part of a model id (circuits/README.md, "Model id"):
 * `SHA-256("proofmint/model-id/v2\n" || d(model.onnx) || d(settings.json) || d(vk.key) ||
 * d(kzg1.srs))`, d = raw SHA-256. A model id is `<model>-v2-[dev-]<digest hex>`, so equal digests
 * mean the same settings, verifying key and verification SRS: the SRS's g2 and s_g2 are not in
 * the vk, and off-chain verification trusts them.
 *
 * @throws {InvalidHexError} when `onnxSha256` is not 32 bytes of 0x-prefixed lower-case hex.
 * @example
 * modelIdDigest({ onnxSha256, settings, vk, verifySrs }) // "3b1f…" (64 hex digits, no 0x)
 */
export function modelIdDigest({
  onnxSha256,
  settings,
  vk,
  verifySrs,
}: ModelIdDigestParameters): string {
  if (!SHA256_HEX.test(onnxSha256)) {
    throw new InvalidHexError({
      name: "onnxSha256",
      expected: "a SHA-256 digest as 0x-prefixed lower-case hex",
      value: onnxSha256,
    });
  }
  const preimage = concat([
    stringToBytes(DOMAIN),
    hexToBytes(onnxSha256),
    sha256(settings, "bytes"),
    sha256(vk, "bytes"),
    sha256(verifySrs, "bytes"),
  ]);
  return sha256(preimage).slice(2);
}
