import { RenderDimensionError } from "../errors/render.ts";
import { encodePng } from "./encodePng.ts";
import { renderImage, type RenderImageParameters } from "./renderImage.ts";
import { upscaleNearest } from "./upscaleNearest.ts";

export type RenderPngParameters = RenderImageParameters & {
  /** Target size of the larger side in pixels; the image is upscaled by floor(displaySize / max(H, W)). */
  displaySize?: number;
};

/**
 * The image of a model output, as stored on IPFS and shown everywhere: `renderImage`, upscaled by
 * nearest neighbour with the integer factor floor(displaySize / max(height, width)) (16 x 16 at 512
 * gives 32), encoded by `encodePng`. Deterministic: the same output always gives the same bytes.
 *
 * @throws {RenderDimensionError} when `displaySize` is not an integer at least max(height, width),
 * and whatever `renderImage` throws.
 * @example
 * renderPng({ output, height: 16, width: 16, outputScale: 7 }) // a 512 x 512 PNG
 */
export function renderPng({ displaySize = 512, ...image }: RenderPngParameters): Uint8Array {
  const rgb = renderImage(image);
  const { height, width } = image;
  const side = Math.max(height, width);
  if (!Number.isSafeInteger(displaySize) || displaySize < side) {
    throw new RenderDimensionError({ name: "displaySize", value: displaySize, minimum: side });
  }
  const factor = Math.floor(displaySize / side);
  return encodePng({
    rgb: factor === 1 ? rgb : upscaleNearest({ rgb, width, height, factor }),
    width: width * factor,
    height: height * factor,
  });
}
