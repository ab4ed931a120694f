import { MAX_SCALE } from "../constants/scale.ts";
import {
  OUTPUT_CHANNELS as CHANNELS,
  quantizedShapeProblem,
} from "../render/quantizedShapeProblem.ts";
import { MetadataError } from "./MetadataError.ts";
import { checkPositiveInteger, parseJsonObject } from "./jsonDocument.ts";

/** The model's quantized output as stored on IPFS, from which anyone can re-hash and re-render. */
export type QuantizedOutput = {
  /** Integers q at `outputScale`, HWC row-major (index `(y * width + x) * 3 + c`). */
  output: bigint[];
  height: number;
  width: number;
  /** ezkl's output scale: the real value is q / 2^outputScale. */
  outputScale: number;
};

const FORMAT = "proofmint/quantized-output@1";

export type SerializeQuantizedOutputParameters = {
  output: readonly (bigint | number)[];
  height: number;
  width: number;
  outputScale: number;
};

/**
 * The bytes of a quantized output document: UTF-8 JSON
 * `{"format", "layout": "HWC", "shape": [H, W, 3], "scale", "values": [q...]}`. Deterministic.
 *
 * @throws {MetadataError} when the values do not fill the shape or are not safe integers.
 * @example
 * serializeQuantizedOutput({ output: witness.output, height: 16, width: 16, outputScale: 7 })
 */
export function serializeQuantizedOutput({
  output,
  height,
  width,
  outputScale,
}: SerializeQuantizedOutputParameters): Uint8Array {
  checkShape({ height, width, outputScale, length: output.length });
  const values = output.map((value, index) => {
    const number = Number(value);
    if (!Number.isSafeInteger(number) || BigInt(number) !== BigInt(value)) {
      throw new MetadataError({ path: `values[${index}]`, expected: "a safe integer" });
    }
    return number;
  });
  const document = {
    format: FORMAT,
    layout: "HWC",
    shape: [height, width, CHANNELS],
    scale: outputScale,
    values,
  };
  return new TextEncoder().encode(`${JSON.stringify(document)}\n`);
}

export type ParseQuantizedOutputParameters = { bytes: Uint8Array };

/**
 * Reads a quantized output document written by `serializeQuantizedOutput`.
 *
 * @throws {MetadataError} naming the first field that is malformed.
 */
export function parseQuantizedOutput({ bytes }: ParseQuantizedOutputParameters): QuantizedOutput {
  const document = parseJsonObject(bytes);
  if (document.format !== FORMAT)
    throw new MetadataError({ path: "format", expected: `"${FORMAT}"` });
  if (document.layout !== "HWC") throw new MetadataError({ path: "layout", expected: '"HWC"' });
  const shape = document.shape;
  if (!Array.isArray(shape) || shape.length !== 3 || shape[2] !== CHANNELS) {
    throw new MetadataError({ path: "shape", expected: "[height, width, 3]" });
  }
  const height = checkPositiveInteger("shape[0]", shape[0]);
  const width = checkPositiveInteger("shape[1]", shape[1]);
  const outputScale = document.scale;
  if (!Array.isArray(document.values))
    throw new MetadataError({ path: "values", expected: "an array" });
  checkShape({ height, width, outputScale, length: document.values.length });
  const output = document.values.map((value: unknown, index: number) => {
    if (typeof value !== "number" || !Number.isSafeInteger(value)) {
      throw new MetadataError({ path: `values[${index}]`, expected: "a safe integer" });
    }
    return BigInt(value);
  });
  return { output, height, width, outputScale: outputScale as number };
}

// The document's field for each part of the shape rule, and what it must be.
const SHAPE_FIELDS = {
  height: { path: "shape[0]", expected: "a positive integer" },
  width: { path: "shape[1]", expected: "a positive integer" },
  outputScale: { path: "scale", expected: `an integer from 0 to ${MAX_SCALE}` },
} as const;

function checkShape(shape: {
  height: number;
  width: number;
  outputScale: unknown;
  length: number;
}) {
  const problem = quantizedShapeProblem(shape);
  if (problem === undefined) return;
  throw new MetadataError(
    problem.field === "length"
      ? { path: "values", expected: `${problem.expected} values` }
      : SHAPE_FIELDS[problem.field],
  );
}
