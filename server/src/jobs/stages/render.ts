import { parseQuantizedOutput } from "@proofmint/core";
import type { StageContext, StageResult } from "./stageContext.ts";

/** Renders the PNG from the quantized output by the render rule of `@proofmint/core`. */
export async function render({ files, renderer }: StageContext): Promise<StageResult> {
  const quantized = parseQuantizedOutput({ bytes: await files.read(files.output) });
  await files.write(files.image, await renderer.render(quantized));
  return {};
}
