import { describe, expect, it } from "vitest";
import { MetadataError } from "./MetadataError.ts";
import { parseQuantizedOutput, serializeQuantizedOutput } from "./quantizedOutput.ts";

describe("quantized output documents", () => {
  const output = [0n, -3n, 128n, 5n, 6n, 7n];

  it("round-trips the values, shape and scale", () => {
    const bytes = serializeQuantizedOutput({ output, height: 1, width: 2, outputScale: 7 });
    expect(JSON.parse(new TextDecoder().decode(bytes))).toEqual({
      format: "proofmint/quantized-output@1",
      layout: "HWC",
      shape: [1, 2, 3],
      scale: 7,
      values: [0, -3, 128, 5, 6, 7],
    });
    expect(parseQuantizedOutput({ bytes })).toEqual({
      output,
      height: 1,
      width: 2,
      outputScale: 7,
    });
  });

  it("rejects values that do not fill the shape or are not safe integers", () => {
    expect(() => serializeQuantizedOutput({ output, height: 2, width: 2, outputScale: 7 })).toThrow(
      MetadataError,
    );
    expect(() =>
      serializeQuantizedOutput({
        output: [...output.slice(1), 1n << 60n],
        height: 1,
        width: 2,
        outputScale: 7,
      }),
    ).toThrow(expect.objectContaining({ path: "values[5]" }));
    const bad = new TextEncoder().encode(
      JSON.stringify({
        format: "proofmint/quantized-output@1",
        layout: "HWC",
        shape: [1, 1, 3],
        scale: 7,
        values: [1, 2.5, 3],
      }),
    );
    expect(() => parseQuantizedOutput({ bytes: bad })).toThrow(
      expect.objectContaining({ path: "values[1]" }),
    );
  });
});
