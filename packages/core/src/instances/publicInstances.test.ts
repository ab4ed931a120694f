import { describe, expect, it } from "vitest";
import { BN254_SCALAR_FIELD_MODULUS } from "../constants/field.ts";
import { OUTPUT_COMMITMENT_INDEX, PUBLIC_INSTANCE_COUNT } from "../constants/instances.ts";
import { FieldElementRangeError } from "../errors/field.ts";
import { publicInstances } from "./publicInstances.ts";

const aigcData = "0x1e6c5e1b1fd5f56a2b7f6ed4c8fa1d1b0a6fc42f9d3a5f0b1c9e4e3b2a1d0c0f";

describe("publicInstances", () => {
  it("is the 64 prompt instances, then aigcData as a field element", () => {
    const instances = publicInstances({ prompt: "ok", inputScale: 0, aigcData });
    expect(instances).toHaveLength(PUBLIC_INSTANCE_COUNT);
    expect(instances.slice(0, 3)).toEqual([111n, 107n, 0n]);
    expect(instances[OUTPUT_COMMITMENT_INDEX]).toBe(BigInt(aigcData));
  });

  it("rejects aigcData that is not a field element", () => {
    const tooBig = `0x${BN254_SCALAR_FIELD_MODULUS.toString(16).padStart(64, "0")}` as const;
    expect(() => publicInstances({ prompt: "ok", inputScale: 0, aigcData: tooBig })).toThrow(
      FieldElementRangeError,
    );
  });
});
