import { parseQuantizedOutput } from "@proofmint/core";
import type { StageContext, StageResult } from "./stageContext.ts";

/**
 * Renders the PNG from the quantized output by the render rule of `@proofmint/core`, and puts it
 * in the content store at once, its CID in the stage's event (`previewCid`): the preview route
 * serves it from there, whichever machine rendered it. Content addressing gives the store stage's
 * later add of the same bytes the same CID.
 */
export async function render({ files, renderer, store }: StageContext): Promise<StageResult> {
  const quantized = parseQuantizedOutput({ bytes: await files.read(files.output) });
  const png = await renderer.render(quantized);
  await files.write(files.image, png);
  const previewCid = (await store.add(png)).toString();
  return { data: { previewCid } };
}
