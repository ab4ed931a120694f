import { readFileSync } from "node:fs";
import { bytesToHex, hexToBytes, sha256 } from "viem";
import { describe, expect, it } from "vitest";
import { promptVectors, type PromptVectors } from "../../../test/vectors/promptVectors.ts";
import { renderVectors, type RenderVectors } from "../../../test/vectors/renderVectors.ts";
import { PROMPT_INSTANCE_COUNT, PUBLIC_INSTANCE_COUNT } from "./constants/instances.ts";
import { PROMPT_ALLOWED_CHARACTERS, PROMPT_MAX_BYTES } from "./constants/prompt.ts";
import { PromptError } from "./errors/prompt.ts";
import { feltFromHex } from "./field/feltFromHex.ts";
import { feltToInteger } from "./field/feltToInteger.ts";
import { promptInstances } from "./instances/promptInstances.ts";
import { normalizePrompt } from "./prompt/normalizePrompt.ts";
import { promptBytes } from "./prompt/promptBytes.ts";
import { promptFromBytes } from "./prompt/promptFromBytes.ts";
import { promptTokenId } from "./prompt/promptTokenId.ts";
import { validatePrompt } from "./prompt/validatePrompt.ts";
import { renderImage } from "./render/renderImage.ts";
import { renderPng } from "./render/renderPng.ts";

// Core against the golden vectors in test/vectors (models/test_codec.py and models/test_render.py
// hold Python to the same files), and the files against a fresh derivation from core.
const read = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../../test/vectors/${name}`, import.meta.url), "utf8"));
const prompts = read("prompts.json") as PromptVectors;
const render = read("render.json") as RenderVectors;

function thrown(run: () => unknown): PromptError {
  try {
    run();
  } catch (error) {
    if (error instanceof PromptError) return error;
    throw error;
  }
  throw new Error("expected a PromptError, nothing was thrown");
}

describe("prompts.json", () => {
  it("holds at least 200 cases", () => {
    const { valid, invalid, invalidBytes } = prompts;
    expect(valid.length + invalid.length + invalidBytes.length).toBeGreaterThanOrEqual(200);
  });

  it("states the rules core implements", () => {
    expect(prompts.rules).toStrictEqual({
      maxBytes: PROMPT_MAX_BYTES,
      allowedCharacters: PROMPT_ALLOWED_CHARACTERS,
      promptInstanceCount: PROMPT_INSTANCE_COUNT,
      publicInstanceCount: PUBLIC_INSTANCE_COUNT,
      inputScale: 0,
    });
  });

  describe.each(prompts.valid)("valid: $name", ({ input, prompt, bytes, tokenId, instances }) => {
    it("normalises to the canonical prompt, which is a fixed point", () => {
      expect(normalizePrompt({ input })).toBe(prompt);
      expect(normalizePrompt({ input: prompt })).toBe(prompt);
      expect(() => validatePrompt({ prompt })).not.toThrow();
    });

    it("encodes to its bytes, token id and instances", () => {
      expect(bytesToHex(promptBytes({ prompt }))).toBe(bytes);
      expect(promptFromBytes({ bytes })).toBe(prompt);
      expect(promptTokenId({ prompt })).toBe(BigInt(tokenId));
      expect(promptInstances({ prompt, inputScale: 0 })).toStrictEqual(instances.map(BigInt));
      expect(promptInstances({ prompt, inputScale: 7 })).toStrictEqual(
        instances.map((value) => BigInt(value) << 7n),
      );
    });
  });

  it.each(prompts.invalid)(
    "invalid: $name",
    ({ input, normalized, code, position, char, codePoint }) => {
      const error = thrown(() => normalizePrompt({ input }));
      expect({
        code: error.code,
        position: error.position,
        char: error.char ?? null,
        codePoint: error.codePoint ?? null,
        prompt: error.prompt,
      }).toStrictEqual({ code, position, char, codePoint, prompt: normalized });
    },
  );

  it.each(prompts.invalidBytes)("invalid bytes: $name", ({ bytes, code, position }) => {
    const fromHex = thrown(() => promptFromBytes({ bytes }));
    expect({ code: fromHex.code, position: fromHex.position }).toStrictEqual({ code, position });
    const fromArray = thrown(() => promptFromBytes({ bytes: hexToBytes(bytes) }));
    expect({ code: fromArray.code, position: fromArray.position }).toStrictEqual({
      code,
      position,
    });
    // The same bytes read as Latin-1 text fail the string check at the same place.
    const text = String.fromCharCode(...hexToBytes(bytes));
    const fromText = thrown(() => validatePrompt({ prompt: text }));
    expect({ code: fromText.code, position: fromText.position }).toStrictEqual({ code, position });
  });
});

describe("render.json", () => {
  it("holds a dozen cases or more", () => {
    expect(render.cases.length).toBeGreaterThanOrEqual(12);
  });

  describe.each(render.cases)("$name", (vector) => {
    const { height, width, outputScale, displaySize, output } = vector;

    it("decodes the witness felts to the output", () => {
      const decoded = vector.outputFelts.map((hex) =>
        feltToInteger({ felt: feltFromHex({ hex }) }),
      );
      expect(decoded).toStrictEqual(output.map(BigInt));
    });

    it("renders the pixels", () => {
      expect(bytesToHex(renderImage({ output, height, width, outputScale }))).toBe(vector.pixels);
    });

    it("renders the PNG byte for byte", () => {
      const png = renderPng({ output, height, width, outputScale, displaySize });
      const view = new DataView(png.buffer, png.byteOffset);
      expect({
        width: view.getUint32(16),
        height: view.getUint32(20),
        length: png.length,
        sha256: sha256(png),
      }).toStrictEqual(vector.png);
    });
  });
});

// Derive, never copy: the committed files must be exactly what core derives today.
describe("committed golden vectors", () => {
  it("prompts.json equals a fresh derivation (node test/vectors/generate.mjs rewrites it)", () => {
    expect(prompts).toStrictEqual(JSON.parse(JSON.stringify(promptVectors())));
  });

  it("render.json equals a fresh derivation (node test/vectors/generate.mjs rewrites it)", () => {
    expect(render).toStrictEqual(JSON.parse(JSON.stringify(renderVectors())));
  });
});
