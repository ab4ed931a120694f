import { crc32, inflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { RenderDimensionError, RenderLengthError } from "../errors/render.ts";
import { encodePng } from "./encodePng.ts";

type Chunk = { type: string; data: Buffer; crc: number };

function chunks(png: Uint8Array): Chunk[] {
  const buffer = Buffer.from(png);
  const found: Chunk[] = [];
  for (let offset = 8; offset < buffer.length;) {
    const length = buffer.readUInt32BE(offset);
    const type = buffer.toString("latin1", offset + 4, offset + 8);
    const data = buffer.subarray(offset + 8, offset + 8 + length);
    found.push({ type, data, crc: buffer.readUInt32BE(offset + 8 + length) });
    offset += 12 + length;
  }
  return found;
}

describe("encodePng", () => {
  const rgb = Uint8Array.from({ length: 3 * 2 * 3 }, (_, index) => index * 13);
  const png = encodePng({ rgb, width: 3, height: 2 });

  it("starts with the PNG signature and has IHDR, IDAT and IEND only", () => {
    expect(Array.from(png.subarray(0, 8))).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
    expect(chunks(png).map(({ type }) => type)).toEqual(["IHDR", "IDAT", "IEND"]);
  });

  it("declares 8-bit RGB, no interlace", () => {
    const header = chunks(png)[0]!.data;
    expect(header.readUInt32BE(0)).toBe(3);
    expect(header.readUInt32BE(4)).toBe(2);
    expect(Array.from(header.subarray(8))).toEqual([8, 2, 0, 0, 0]);
  });

  it("computes every chunk's CRC over type and data", () => {
    for (const { type, data, crc } of chunks(png)) {
      expect(crc).toBe(crc32(Buffer.concat([Buffer.from(type, "latin1"), data])));
    }
  });

  it("stores each row with filter type 0", () => {
    const raw = inflateSync(chunks(png)[1]!.data);
    expect(raw.length).toBe(2 * (1 + 9));
    expect(raw[0]).toBe(0);
    expect(raw[10]).toBe(0);
    expect(Array.from(raw.subarray(1, 10))).toEqual(Array.from(rgb.subarray(0, 9)));
    expect(Array.from(raw.subarray(11))).toEqual(Array.from(rgb.subarray(9)));
  });

  it("is deterministic", () => {
    expect(encodePng({ rgb, width: 3, height: 2 })).toEqual(png);
  });

  it("rejects bad sizes and lengths", () => {
    expect(() => encodePng({ rgb, width: 0, height: 2 })).toThrow(RenderDimensionError);
    expect(() => encodePng({ rgb, width: 2, height: 2 })).toThrow(RenderLengthError);
    expect(() => encodePng({ rgb, width: 2, height: 2 })).toThrow(
      "rgb has 18 values; a 2x2 RGB image needs 12",
    );
  });
});
