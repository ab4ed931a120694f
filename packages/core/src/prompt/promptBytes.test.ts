import { describe, expect, it } from "vitest";
import { PromptError } from "../errors/prompt.ts";
import { promptBytes } from "./promptBytes.ts";

describe("promptBytes", () => {
  it("is one ASCII byte per character", () => {
    expect(promptBytes({ prompt: "a b?" })).toEqual(Uint8Array.of(0x61, 0x20, 0x62, 0x3f));
  });

  it("refuses a prompt that is not canonical", () => {
    expect(() => promptBytes({ prompt: "A" })).toThrow(PromptError);
    expect(() => promptBytes({ prompt: "" })).toThrow(PromptError);
  });
});
