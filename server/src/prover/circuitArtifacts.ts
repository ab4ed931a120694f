import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { parseOutputBasis, type OutputBasis } from "@proofmint/core";
import { CircuitArtifactsError } from "./errors.ts";

/** The committed circuit artifacts one model needs to compute witnesses and verify proofs. */
export type CircuitArtifacts = {
  /** Folder the artifacts were read from, e.g. `circuits/sprite`. */
  dir: string;
  /** The manifest written by `circuits/build.py`: model id, hashes, SRS kind. */
  manifest: CircuitManifest;
  /** ezkl settings.json, as bytes for the engine. */
  settings: Uint8Array;
  /** Compiled circuit (bincode), as bytes for the engine. */
  compiledCircuit: Uint8Array;
  /** Verifying key. */
  vk: Uint8Array;
  /** The k=1 verification SRS derived from the circuit's SRS: enough for KZG verification. */
  verifySrs: Uint8Array;
  /** output_basis.bin, parsed: recomputes the output commitment (aigcData) from an output. */
  outputBasis: OutputBasis;
  /** Size of every proof of this circuit, in bytes (the manifest's `proof.bytes`). */
  proofBytes: number;
  /** Scale of the prompt instances (`byte << inputScale`). */
  inputScale: number;
  /** Scale of the quantized output (`value = q / 2^outputScale`). */
  outputScale: number;
  /** Output tensor shape without the batch axis: [height, width, channels]. */
  outputShape: readonly [number, number, number];
  logrows: number;
};

/** The fields of `manifest.json` (written by circuits/build.py) the server relies on. */
export type CircuitManifest = {
  model: string;
  model_id: string;
  ezkl_version: string;
  logrows: number;
  srs: { kind: "development" | "ceremony"; insecure: boolean; k: number };
  output: { shape: number[]; scale: number };
  proof: { bytes: number };
  [field: string]: unknown;
};

type Settings = {
  run_args: { logrows: number };
  model_input_scales: number[];
  model_output_scales: number[];
};

/**
 * Reads a circuit's committed artifacts.
 *
 * @example
 * const artifacts = await loadCircuitArtifacts({ dir: "circuits/sprite" });
 */
export async function loadCircuitArtifacts({ dir }: { dir: string }): Promise<CircuitArtifacts> {
  const read = async (name: string) => {
    try {
      return new Uint8Array(await readFile(join(dir, name)));
    } catch (cause) {
      throw new CircuitArtifactsError(
        `circuit artifact ${name} is missing in ${dir}; run \`.venv/bin/python -m circuits.build\``,
        { dir, name },
        cause,
      );
    }
  };
  const [manifestBytes, settings, compiledCircuit, vk, verifySrs, basisBytes] = await Promise.all([
    read("manifest.json"),
    read("settings.json"),
    read("model.compiled"),
    read("vk.key"),
    read("kzg1.srs"),
    read("output_basis.bin"),
  ]);
  const manifest = JSON.parse(new TextDecoder().decode(manifestBytes)) as CircuitManifest;
  const parsed = JSON.parse(new TextDecoder().decode(settings)) as Settings;
  const outputShape = manifest.output?.shape?.slice(-3);
  const inputScale = parsed.model_input_scales[0];
  const outputScale = parsed.model_output_scales[0];
  const proofBytes = manifest.proof?.bytes;
  if (
    outputShape?.length !== 3 ||
    inputScale === undefined ||
    outputScale === undefined ||
    !Number.isSafeInteger(proofBytes)
  ) {
    throw new CircuitArtifactsError(
      `settings.json or manifest.json in ${dir} lacks the input/output scales, shape or proof size`,
      {
        dir,
      },
    );
  }
  return {
    dir,
    manifest,
    settings,
    compiledCircuit,
    vk,
    verifySrs,
    outputBasis: parseBasis(basisBytes, outputShape as number[], dir),
    proofBytes,
    inputScale,
    outputScale,
    outputShape: outputShape as [number, number, number],
    logrows: parsed.run_args.logrows,
  };
}

function parseBasis(bytes: Uint8Array, shape: number[], dir: string): OutputBasis {
  try {
    return parseOutputBasis({ bytes, count: shape.reduce((a, b) => a * b, 1) });
  } catch (cause) {
    throw new CircuitArtifactsError(
      `output_basis.bin in ${dir} does not fit the model's output`,
      { dir },
      cause,
    );
  }
}
