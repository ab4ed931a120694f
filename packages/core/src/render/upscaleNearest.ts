export type UpscaleNearestParameters = {
  /** RGB8 pixels, row-major. */
  rgb: Uint8Array;
  width: number;
  height: number;
  /** Integer scale factor, at least 1. */
  factor: number;
};

/** Nearest-neighbour upscaling by an integer factor: each pixel becomes a factor x factor block. */
export function upscaleNearest({
  rgb,
  width,
  height,
  factor,
}: UpscaleNearestParameters): Uint8Array {
  const outStride = width * factor * 3;
  const out = new Uint8Array(height * factor * outStride);
  for (let y = 0; y < height; y++) {
    const row = out.subarray(y * factor * outStride, (y * factor + 1) * outStride);
    for (let x = 0; x < width; x++) {
      const pixel = rgb.subarray((y * width + x) * 3, (y * width + x) * 3 + 3);
      for (let k = 0; k < factor; k++) row.set(pixel, (x * factor + k) * 3);
    }
    for (let k = 1; k < factor; k++) out.set(row, (y * factor + k) * outStride);
  }
  return out;
}
