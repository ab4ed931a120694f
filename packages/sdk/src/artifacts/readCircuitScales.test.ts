import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readCircuitScales } from "./readCircuitScales.ts";

const encode = (text: string) => new TextEncoder().encode(text);

describe("readCircuitScales", () => {
  it("reads the committed circuit's scales from its settings.json", () => {
    const settings = new Uint8Array(
      readFileSync(new URL("../../../../circuits/sprite/settings.json", import.meta.url)),
    );
    const parsed = JSON.parse(new TextDecoder().decode(settings)) as {
      model_input_scales: number[];
      model_output_scales: number[];
    };
    expect(readCircuitScales({ settings })).toStrictEqual({
      inputScale: parsed.model_input_scales[0],
      outputScale: parsed.model_output_scales[0],
    });
  });

  it("leaves out a scale the file does not state as an integer", () => {
    expect(readCircuitScales({ settings: encode('{"model_output_scales":[7]}') })).toStrictEqual({
      inputScale: undefined,
      outputScale: 7,
    });
    expect(
      readCircuitScales({
        settings: encode('{"model_input_scales":["0"],"model_output_scales":[]}'),
      }),
    ).toStrictEqual({ inputScale: undefined, outputScale: undefined });
  });

  it("reads nothing from bytes that are not a JSON object", () => {
    for (const text of ["{", "null", "[1]", "7"]) {
      expect(readCircuitScales({ settings: encode(text) })).toStrictEqual({
        inputScale: undefined,
        outputScale: undefined,
      });
    }
  });
});
