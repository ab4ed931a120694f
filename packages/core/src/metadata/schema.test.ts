import { describe, expect, it } from "vitest";
import { PromptError } from "../errors/prompt.ts";
import { MetadataError } from "./MetadataError.ts";
import { parseMetadataDocument, TokenMetadataSchema } from "./schema.ts";
import { tokenMetadata } from "./tokenMetadata.ts";

const cid = (letter: string) => `ipfs://bafkrei${letter.repeat(52)}` as const;
const metadata = tokenMetadata({
  prompt: "a red fox",
  model: "sprite",
  modelId: `sprite-v3-dev-${"ab".repeat(32)}`,
  srs: "development",
  chainId: 31337,
  collection: "0x5fbdb2315678afecb367f032d93f642f64180aa3",
  verifier: "0xe7f1725e7734ce288f8367e1bb143e90bb3f0512",
  aigcData: `0x${"01".repeat(32)}`,
  imageUri: cid("a"),
  outputUri: cid("b"),
  proofUri: cid("c"),
});
const document = () => structuredClone(metadata) as Record<string, unknown> & typeof metadata;

function failure(value: unknown): MetadataError {
  try {
    parseMetadataDocument(value);
  } catch (error) {
    if (error instanceof MetadataError) return error;
    throw error;
  }
  throw new Error("expected a MetadataError");
}

describe("TokenMetadataSchema", () => {
  it("accepts a built document and checksums its addresses", () => {
    const lower = document();
    lower.provenance.collection = lower.provenance.collection.toLowerCase() as never;
    expect(TokenMetadataSchema.parse(lower)).toEqual(metadata);
    expect(metadata.provenance.collection).toBe("0x5FbDB2315678afecb367f032d93F642f64180aa3");
  });

  it("names the malformed field by its JSON path, with what it must be", () => {
    const attributes = document();
    attributes.attributes[1] = { trait_type: "size", value: true as never };
    expect(failure(attributes)).toMatchObject({
      path: "attributes[1].value",
      shortMessage: "metadata field attributes[1].value must be a string or a number",
    });
    const chain = document();
    chain.provenance.chain_id = 1.5;
    expect(failure(chain).shortMessage).toBe(
      "metadata field provenance.chain_id must be a positive integer",
    );
    const missing = document() as Record<string, unknown>;
    delete missing.provenance;
    expect(failure(missing).shortMessage).toBe("metadata field provenance must be an object");
    expect(failure([]).path).toBe("$");
  });

  it("rejects unknown fields at every level", () => {
    expect(failure({ ...document(), animation_url: "x" }).path).toBe("animation_url");
    const nested = document();
    (nested.provenance as Record<string, unknown>).signature = "0x";
    expect(failure(nested)).toMatchObject({
      path: "provenance.signature",
      shortMessage: expect.stringContaining("absent"),
    });
  });

  it("checks the rules across fields: prompt, token id, model id and aigcData", () => {
    expect(() => parseMetadataDocument({ ...document(), prompt: "A Red Fox" })).toThrow(
      PromptError,
    );
    const token = document();
    token.provenance.token_id = "1";
    expect(failure(token).path).toBe("provenance.token_id");
    const ceremony = document();
    ceremony.provenance.srs = "ceremony";
    expect(failure(ceremony).shortMessage).toBe(
      "metadata field provenance.model_id must be marked dev- exactly when the SRS is development",
    );
    const point = document();
    point.provenance.aigc_data = `0x7f${"ff".repeat(31)}`;
    expect(failure(point).shortMessage).toBe(
      "metadata field provenance.aigc_data must be a compressed BN254 G1 point",
    );
  });
});
