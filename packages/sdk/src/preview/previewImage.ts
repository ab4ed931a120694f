import { readFile } from "node:fs/promises";
import { join } from "node:path";
import {
  feltFromHex,
  feltToInteger,
  promptInstances,
  renderPng,
  type QuantizedOutput,
} from "@proofmint/core";
import { readCircuitScales } from "../artifacts/readCircuitScales.ts";
import { CircuitArtifactsError } from "../errors/errors.ts";

/** What a preview needs of a model's circuit: the compiled circuit and its scales and shape. */
export type PreviewCircuit = {
  compiledCircuit: Uint8Array;
  inputScale: number;
  outputScale: number;
  /** [height, width, channels] of the image. */
  outputShape: readonly [number, number, number];
};

/**
 * Node only: reads a circuit folder's `model.compiled`, `settings.json` and `manifest.json`.
 *
 * @throws {CircuitArtifactsError} when a file is missing or lacks the scales or shape.
 */
export async function readPreviewCircuit({ dir }: { dir: string }): Promise<PreviewCircuit> {
  const read = async (name: string) => {
    try {
      return new Uint8Array(await readFile(join(dir, name)));
    } catch (cause) {
      throw new CircuitArtifactsError(`cannot read ${join(dir, name)}`, { cause });
    }
  };
  const [compiledCircuit, settingsBytes, manifestBytes] = await Promise.all(
    ["model.compiled", "settings.json", "manifest.json"].map(read),
  );
  const text = new TextDecoder();
  const manifest = JSON.parse(text.decode(manifestBytes)) as { output?: { shape?: number[] } };
  const shape = manifest.output?.shape?.slice(-3);
  const { inputScale, outputScale } = readCircuitScales({ settings: settingsBytes! });
  if (shape?.length !== 3 || inputScale === undefined || outputScale === undefined) {
    throw new CircuitArtifactsError(`${dir} lacks the model's scales or output shape`);
  }
  return {
    compiledCircuit: compiledCircuit!,
    inputScale,
    outputScale,
    outputShape: shape as [number, number, number],
  };
}

/** The engine call a preview makes: ezkl's witness generation (`genWitness` of either build). */
export type WitnessBinding = (
  compiledCircuit: Uint8ClampedArray,
  input: Uint8ClampedArray,
) => Uint8Array | Uint8ClampedArray;

/**
 * The raw quantized output the circuit computes for a canonical prompt: the witness the prover
 * would prove, without proving it.
 *
 * @throws {PromptError} when `prompt` is not canonical.
 */
export function previewOutput({
  prompt,
  circuit,
  genWitness,
}: {
  prompt: string;
  circuit: PreviewCircuit;
  genWitness: WitnessBinding;
}): QuantizedOutput {
  const instances = promptInstances({ prompt, inputScale: circuit.inputScale });
  const input = new TextEncoder().encode(
    JSON.stringify({ input_data: [instances.map((value) => Number(value))] }),
  );
  const clamped = (bytes: Uint8Array) =>
    new Uint8ClampedArray(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const json = genWitness(clamped(circuit.compiledCircuit), clamped(input));
  const witness = JSON.parse(new TextDecoder().decode(json)) as { outputs: string[][] };
  const [height, width] = circuit.outputShape;
  return {
    height,
    width,
    outputScale: circuit.outputScale,
    output: witness.outputs[0]!.map((hex) => feltToInteger({ felt: feltFromHex({ hex }) })),
  };
}

/**
 * Exactly the PNG the platform mints for a canonical prompt (the render rule of the circuit's
 * witness output), without proving: what `proofmint preview` writes.
 *
 * @example
 * const png = previewPng({ prompt: "a red fox", circuit, genWitness: ezkl.genWitness });
 */
export function previewPng(parameters: Parameters<typeof previewOutput>[0]): Uint8Array {
  return renderPng(previewOutput(parameters));
}
