import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { CircuitArtifactsError } from "./errors.ts";

/** The committed circuit artifacts one model needs to compute witnesses and verify proofs. */
export type CircuitArtifacts = {
  /** Folder the artifacts were read from, e.g. `circuits/glyph`. */
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
 * const artifacts = await loadCircuitArtifacts({ dir: "circuits/glyph" });
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
  const [manifestBytes, settings, compiledCircuit, vk, verifySrs] = await Promise.all([
    read("manifest.json"),
    read("settings.json"),
    read("model.compiled"),
    read("vk.key"),
    read("kzg1.srs"),
  ]);
  const manifest = JSON.parse(new TextDecoder().decode(manifestBytes)) as CircuitManifest;
  const parsed = JSON.parse(new TextDecoder().decode(settings)) as Settings;
  const outputShape = manifest.output?.shape?.slice(-3);
  const inputScale = parsed.model_input_scales[0];
  const outputScale = parsed.model_output_scales[0];
  if (outputShape?.length !== 3 || inputScale === undefined || outputScale === undefined) {
    throw new CircuitArtifactsError(
      `settings.json in ${dir} lacks the input/output scales or shape`,
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
    inputScale,
    outputScale,
    outputShape: outputShape as [number, number, number],
    logrows: parsed.run_args.logrows,
  };
}
