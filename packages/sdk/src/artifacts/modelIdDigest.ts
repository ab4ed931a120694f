import { concat, hexToBytes, sha256, stringToBytes, type Hex } from "viem";

const DOMAIN = "proofmint/model-id/v1\n";

export type ModelIdDigestParameters = {
  onnxSha256: Hex;
  settings: Uint8Array;
  vk: Uint8Array;
};

/**
 * The digest part of a model id (circuits/README.md, "Model id"):
 * `SHA-256("proofmint/model-id/v1\n" || d(model.onnx) || d(settings.json) || d(vk.key))`, d = raw
 * SHA-256. A model id is `<model>-v1-[dev-]<digest hex>`, so equal digests mean the same verifying
 * key and settings.
 *
 * @example
 * modelIdDigest({ onnxSha256, settings, vk }) // "4a2346…c896" (64 hex digits, no 0x)
 */
export function modelIdDigest({ onnxSha256, settings, vk }: ModelIdDigestParameters): string {
  const preimage = concat([
    stringToBytes(DOMAIN),
    hexToBytes(onnxSha256),
    sha256(settings, "bytes"),
    sha256(vk, "bytes"),
  ]);
  return sha256(preimage).slice(2);
}
