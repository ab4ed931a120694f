import { renderPng, type QuantizedOutput, type TokenMetadata } from "@proofmint/core";
import type { CircuitArtifacts } from "../artifacts/CircuitArtifacts.ts";
import { readCircuitScales } from "../artifacts/readCircuitScales.ts";
import type { LinkBook } from "./linkBook.ts";

/**
 * Sets the image-render link: the image at `metadata.image` is byte for byte the render rule's
 * PNG of the raw output, and the output's scale is the circuit's (the hash covers the values only,
 * so a wrong scale would render another picture from the same commitment).
 */
export async function checkImage({
  output,
  metadata,
  circuit,
  image: imageRead,
  book,
}: {
  output: QuantizedOutput;
  metadata: TokenMetadata;
  circuit: CircuitArtifacts | undefined;
  /** The bytes at `metadata.image`, being fetched with `fetchIpfs` (CID-checked). */
  image: Promise<Uint8Array>;
  book: LinkBook;
}): Promise<void> {
  const link = "image-render";
  let circuitScale: number | undefined;
  if (circuit !== undefined) {
    circuitScale = readCircuitScales({ settings: circuit.settings }).outputScale;
    if (circuitScale !== output.outputScale) {
      book.failed(
        link,
        `the raw output declares scale ${output.outputScale}, the circuit's is ${circuitScale}`,
      );
      return;
    }
  }
  let image: Uint8Array;
  try {
    image = await imageRead;
  } catch (error) {
    book.failed(link, `${metadata.image}: ${(error as Error).message.split("\n")[0]}`);
    return;
  }
  const rendered = renderPng(output);
  const difference = firstDifference(image, rendered);
  if (difference !== undefined) {
    book.failed(
      link,
      `the image ${metadata.image} (${image.length} bytes) is not the rendering of the raw ` +
        `output (${rendered.length} bytes); they differ from byte ${difference}`,
    );
    return;
  }
  book.passed(
    link,
    `${metadata.image} is exactly the ${output.width}x${output.height} output rendered ` +
      `(${rendered.length} bytes)` +
      (circuitScale === undefined ? "; its scale was not checked (no circuit settings)" : ""),
  );
}

function firstDifference(a: Uint8Array, b: Uint8Array): number | undefined {
  const length = Math.min(a.length, b.length);
  for (let index = 0; index < length; index++) if (a[index] !== b[index]) return index;
  return a.length === b.length ? undefined : length;
}
