import type { Hex } from "viem";
import { CircuitArtifactsError } from "../errors/errors.ts";
import type { CircuitArtifacts } from "./CircuitArtifacts.ts";

export type CircuitArtifactsFromFilesParameters = {
  /** circuits/<model>/manifest.json, as written by circuits/build.py. */
  manifest: Uint8Array;
  settings: Uint8Array;
  vk: Uint8Array;
  verificationSrs: Uint8Array;
  /** output_basis.bin; absent from circuit folders of v2 models. */
  outputBasis?: Uint8Array | undefined;
};

/**
 * Assembles `CircuitArtifacts` from the files of a circuit folder (`manifest.json`,
 * `settings.json`, `vk.key`, `kzg1.srs`, `output_basis.bin`); the manifest supplies only the ONNX
 * digest.
 *
 * @throws {CircuitArtifactsError} when the manifest has no ONNX SHA-256.
 */
export function circuitArtifactsFromFiles({
  manifest,
  settings,
  vk,
  verificationSrs,
  outputBasis,
}: CircuitArtifactsFromFilesParameters): CircuitArtifacts {
  let onnxSha256: unknown;
  try {
    const parsed = JSON.parse(new TextDecoder().decode(manifest)) as {
      artifacts?: { onnx?: { sha256?: unknown } };
    };
    onnxSha256 = parsed.artifacts?.onnx?.sha256;
  } catch (cause) {
    throw new CircuitArtifactsError("manifest.json is not JSON", { cause });
  }
  if (typeof onnxSha256 !== "string" || !/^[0-9a-f]{64}$/.test(onnxSha256)) {
    throw new CircuitArtifactsError("manifest.json lacks artifacts.onnx.sha256 (64 hex digits)");
  }
  return { onnxSha256: `0x${onnxSha256}` as Hex, settings, vk, verificationSrs, outputBasis };
}
