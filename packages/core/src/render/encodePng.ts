import { deflate } from "pako";
import { RenderDimensionError, RenderLengthError } from "../errors/render.ts";
import { crc32 } from "./crc32.ts";

const SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);
const encoder = new TextEncoder();

function chunk(type: string, data: Uint8Array): Uint8Array {
  const typeBytes = encoder.encode(type);
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(typeBytes, 4);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32({ parts: [typeBytes, data] }));
  return out;
}

export type EncodePngParameters = {
  /** RGB8 pixels, row-major, `width * height * 3` bytes. */
  rgb: Uint8Array;
  width: number;
  height: number;
};

/**
 * Encodes RGB8 pixels as a deterministic PNG: chunks IHDR (8-bit RGB, no interlace), one IDAT and
 * IEND only (no time or text chunks), filter type 0 on every row, zlib via pako at level 9. The
 * same pixels always give the same bytes, so an image's hash is a function of the model output.
 *
 * @throws {RenderDimensionError | RenderLengthError} on malformed input.
 */
export function encodePng({ rgb, width, height }: EncodePngParameters): Uint8Array {
  if (!Number.isSafeInteger(width) || width < 1) {
    throw new RenderDimensionError({ name: "width", value: width, minimum: 1 });
  }
  if (!Number.isSafeInteger(height) || height < 1) {
    throw new RenderDimensionError({ name: "height", value: height, minimum: 1 });
  }
  if (rgb.length !== width * height * 3) {
    throw new RenderLengthError({ name: "rgb", actual: rgb.length, height, width });
  }
  const stride = width * 3;
  const raw = new Uint8Array(height * (stride + 1));
  for (let y = 0; y < height; y++) {
    // raw[y * (stride + 1)] stays 0: filter type None.
    raw.set(rgb.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);
  }
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  header.set([8, 2, 0, 0, 0], 8); // bit depth 8, colour type 2 (RGB), deflate, filter 0, no interlace
  const parts = [
    SIGNATURE,
    chunk("IHDR", header),
    chunk("IDAT", deflate(raw, { level: 9 })),
    chunk("IEND", new Uint8Array(0)),
  ];
  const png = new Uint8Array(parts.reduce((size, part) => size + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    png.set(part, offset);
    offset += part.length;
  }
  return png;
}
