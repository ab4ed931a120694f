import { describe, expect, it } from "vitest";
import { PromptError } from "../errors/prompt.ts";
import { InvalidScaleError } from "../errors/scale.ts";
import { promptInstances } from "./promptInstances.ts";

describe("promptInstances", () => {
  it("is the 64 bytes of the prompt, 0 past its end", () => {
    const instances = promptInstances({ prompt: "hi!", inputScale: 0 });
    expect(instances).toHaveLength(64);
    expect(instances.slice(0, 4)).toEqual([104n, 105n, 33n, 0n]);
    expect(instances.slice(3).every((value) => value === 0n)).toBe(true);
  });

  it("shifts each byte left by the input scale", () => {
    expect(promptInstances({ prompt: "z", inputScale: 7 })[0]).toBe(122n * 128n);
    expect(promptInstances({ prompt: "z", inputScale: 64 })[0]).toBe(122n << 64n);
  });

  it("fills all 64 instances for a 64-byte prompt", () => {
    expect(promptInstances({ prompt: "?".repeat(64), inputScale: 0 })).toEqual(
      Array<bigint>(64).fill(63n),
    );
  });

  it("rejects a scale that is not an integer from 0 to 64", () => {
    for (const inputScale of [-1, 0.5, 65, Number.NaN]) {
      expect(() => promptInstances({ prompt: "a", inputScale })).toThrow(InvalidScaleError);
    }
    expect(() => promptInstances({ prompt: "a", inputScale: -1 })).toThrow(
      "inputScale must be an integer from 0 to 64, got -1",
    );
  });

  it("rejects a prompt that is not canonical", () => {
    expect(() => promptInstances({ prompt: "a  b", inputScale: 0 })).toThrow(PromptError);
  });
});
