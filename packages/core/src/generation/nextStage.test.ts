import { describe, expect, it } from "vitest";
import { GENERATION_STAGES } from "./generationStages.ts";
import { nextStage } from "./nextStage.ts";

describe("nextStage", () => {
  const base = { recipient: null, errorCode: null };

  it("walks the proving pipeline in order up to ready", () => {
    const pipeline = GENERATION_STAGES.slice(0, GENERATION_STAGES.indexOf("ready") + 1);
    for (let index = 0; index < pipeline.length - 1; index++) {
      expect(nextStage({ ...base, stage: pipeline[index]! })).toBe(pipeline[index + 1]);
    }
  });

  it("mints only a relayed generation, and only once", () => {
    expect(nextStage({ ...base, stage: "ready" })).toBeUndefined();
    expect(nextStage({ ...base, stage: "ready", recipient: "0x1" })).toBe("mint");
    expect(nextStage({ ...base, stage: "mint", recipient: "0x1" })).toBeUndefined();
    expect(nextStage({ ...base, stage: "minted", recipient: "0x1" })).toBeUndefined();
  });

  it("stops a failed generation wherever it is", () => {
    expect(nextStage({ ...base, stage: "prove", errorCode: "PROVE_FAILED" })).toBeUndefined();
  });
});
