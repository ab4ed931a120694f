import { describe, expect, it } from "vitest";
import { HASHED_OUTPUT_INSTANCE_INDEX, PUBLIC_INSTANCE_COUNT } from "../constants/instances.ts";
import { promptInstances } from "./promptInstances.ts";
import { publicInstances } from "./publicInstances.ts";

const aigcData = `0x${"ab".repeat(32)}` as const;

describe("publicInstances", () => {
  it("is the 64 prompt instances alone for a v3 model", () => {
    const instances = publicInstances({ prompt: "a red fox", inputScale: 0, version: 3, aigcData });
    expect(instances).toHaveLength(PUBLIC_INSTANCE_COUNT);
    expect(instances).toEqual(promptInstances({ prompt: "a red fox", inputScale: 0 }));
  });

  it("appends the output hash for a v2 model", () => {
    const hash = `0x${"01".repeat(32)}` as const;
    const instances = publicInstances({ prompt: "a", inputScale: 0, version: 2, aigcData: hash });
    expect(instances).toHaveLength(HASHED_OUTPUT_INSTANCE_INDEX + 1);
    expect(instances[HASHED_OUTPUT_INSTANCE_INDEX]).toBe(BigInt(hash));
  });

  it("refuses a v2 output hash outside the field", () => {
    expect(() =>
      publicInstances({ prompt: "a", inputScale: 0, version: 2, aigcData: `0x${"ff".repeat(32)}` }),
    ).toThrow(/field element/);
  });
});
