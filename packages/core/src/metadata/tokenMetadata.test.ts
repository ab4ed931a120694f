import { describe, expect, it } from "vitest";
import { PromptError } from "../errors/prompt.ts";
import { promptTokenId } from "../prompt/promptTokenId.ts";
import { MetadataError } from "./MetadataError.ts";
import { parseTokenMetadata } from "./parseTokenMetadata.ts";
import { serializeTokenMetadata } from "./serializeTokenMetadata.ts";
import { tokenMetadata, type TokenMetadataParameters } from "./tokenMetadata.ts";

const cid = (letter: string) => `ipfs://bafkrei${letter.repeat(52)}` as const;

const parameters: TokenMetadataParameters = {
  prompt: "the fox's 'quoted' tail, red!",
  model: "glyph",
  modelId: `glyph-v2-dev-${"ab".repeat(32)}`,
  srs: "development",
  chainId: 31337,
  collection: "0x5fbdb2315678afecb367f032d93f642f64180aa3",
  verifier: "0xe7f1725e7734ce288f8367e1bb143e90bb3f0512",
  aigcData: `0x${"01".repeat(32)}`,
  imageUri: cid("a"),
  outputUri: cid("b"),
  proofUri: cid("c"),
};

const ceremony = { srs: "ceremony", modelId: `glyph-v2-${"ab".repeat(32)}` } as const;

function decode(bytes: Uint8Array): Record<string, unknown> {
  return JSON.parse(new TextDecoder().decode(bytes));
}

describe("tokenMetadata", () => {
  it("carries OpenSea's, ERC-7007's and the provenance fields", () => {
    const metadata = tokenMetadata({ ...parameters, externalBaseUrl: "http://localhost:8787" });
    const tokenId = promptTokenId({ prompt: parameters.prompt }).toString();
    expect(metadata).toMatchObject({
      name: parameters.prompt,
      image: cid("a"),
      external_url: `http://localhost:8787/tokens/${tokenId}`,
      prompt: parameters.prompt,
      aigc_type: "image",
      aigc_data: cid("b"),
      proof_type: "validity",
      provenance: {
        version: 1,
        model: "glyph",
        model_id: parameters.modelId,
        srs: "development",
        chain_id: 31337,
        collection: "0x5FbDB2315678afecb367f032d93F642f64180aa3",
        verifier: "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512",
        token_id: tokenId,
        aigc_data: parameters.aigcData,
        proof: cid("c"),
        output: cid("b"),
      },
    });
    expect(metadata.description).toMatch(/not secure/);
    expect(tokenMetadata({ ...parameters, ...ceremony }).description).not.toMatch(/not secure/);
  });

  it("says what sprite drew, with a value for every trait", () => {
    const sprite = (prompt: string) =>
      tokenMetadata({
        ...parameters,
        prompt,
        model: "sprite",
        modelId: `sprite-v3-dev-${"ab".repeat(32)}`,
      }).attributes;
    expect(sprite("a red fox in front of a dark blue night sky")).toStrictEqual([
      { trait_type: "object", value: "fox" },
      { trait_type: "subject colour", value: "red" },
      { trait_type: "background colour", value: "dark blue" },
      { trait_type: "size", value: "large" },
      { trait_type: "model", value: "sprite" },
      { trait_type: "proof system", value: "ezkl halo2 kzg" },
      { trait_type: "trusted setup", value: "development" },
      { trait_type: "prompt length", value: 43 },
    ]);
    expect(sprite("a tiny lighthouse").slice(0, 4)).toStrictEqual([
      { trait_type: "object", value: "circle" },
      { trait_type: "subject colour", value: "natural" },
      { trait_type: "background colour", value: "neutral" },
      { trait_type: "size", value: "small" },
    ]);
  });

  it("gives models whose prompts core cannot read only the common traits", () => {
    expect(tokenMetadata(parameters).attributes.map((a) => a.trait_type)).toStrictEqual([
      "model",
      "proof system",
      "trusted setup",
      "prompt length",
    ]);
  });

  it("rejects a non-canonical prompt and malformed fields, naming the field", () => {
    expect(() => tokenMetadata({ ...parameters, prompt: "A fox" })).toThrow(PromptError);
    const cases: [Partial<TokenMetadataParameters>, string][] = [
      [{ imageUri: "https://example.com/a.png" as never }, "image"],
      [
        { proofUri: "ipfs://QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG" as never },
        "provenance.proof",
      ],
      [{ modelId: "0x1234" }, "provenance.model_id"],
      [{ modelId: `other-v2-dev-${"ab".repeat(32)}` }, "provenance.model_id"],
      [{ modelId: `glyph-v2-${"ab".repeat(32)}` }, "provenance.model_id"],
      // A v1 id does not cover kzg1.srs.
      [{ modelId: `glyph-v1-dev-${"ab".repeat(32)}` }, "provenance.model_id"],
      [{ chainId: 0 }, "provenance.chain_id"],
      [{ collection: "0x1234" as never }, "provenance.collection"],
      [{ aigcData: `0x${"ff".repeat(32)}` }, "provenance.aigc_data"],
      [{ srs: "trusted" as never }, "provenance.srs"],
    ];
    for (const [override, path] of cases) {
      expect(() => tokenMetadata({ ...parameters, ...override }), path).toThrow(
        expect.objectContaining({ name: "MetadataError", path }),
      );
    }
  });
});

describe("serializeTokenMetadata", () => {
  it("is deterministic JSON that escapes every string", () => {
    const metadata = tokenMetadata(parameters);
    const bytes = serializeTokenMetadata({ metadata });
    expect(serializeTokenMetadata({ metadata: { ...metadata } })).toEqual(bytes);
    const json = decode(bytes);
    expect(json.prompt).toBe("the fox's 'quoted' tail, red!");
    expect(json.description).toContain(`prompt "the fox's 'quoted' tail, red!"`);
    expect(new TextDecoder().decode(bytes)).toContain(`prompt \\"the fox's`);
    expect(Object.keys(json)).toEqual([
      "name",
      "description",
      "image",
      "attributes",
      "prompt",
      "aigc_type",
      "aigc_data",
      "proof_type",
      "provenance",
    ]);
  });

  it("writes keys in schema order whatever order the object has", () => {
    const metadata = tokenMetadata(parameters);
    const shuffled = Object.fromEntries(Object.entries(metadata).reverse()) as typeof metadata;
    expect(serializeTokenMetadata({ metadata: shuffled })).toEqual(
      serializeTokenMetadata({ metadata }),
    );
  });
});

describe("parseTokenMetadata", () => {
  const bytes = serializeTokenMetadata({ metadata: tokenMetadata(parameters) });
  const reencode = (json: unknown) => new TextEncoder().encode(JSON.stringify(json));

  it("reads back what the serializer wrote", () => {
    expect(parseTokenMetadata({ bytes })).toEqual(tokenMetadata(parameters));
  });

  it("reads sprite's drawn traits back, and documents of earlier tokens without them", () => {
    const metadata = tokenMetadata({
      ...parameters,
      prompt: "a pink pig on grass",
      model: "sprite",
      modelId: `sprite-v3-dev-${"ab".repeat(32)}`,
    });
    expect(parseTokenMetadata({ bytes: serializeTokenMetadata({ metadata }) })).toEqual(metadata);
    const earlier = { ...metadata, attributes: metadata.attributes.slice(4) };
    expect(parseTokenMetadata({ bytes: serializeTokenMetadata({ metadata: earlier }) })).toEqual(
      earlier,
    );
  });

  it("rejects a token id that is not the prompt's", () => {
    const json = decode(bytes) as { provenance: Record<string, unknown> };
    json.provenance.token_id = "1";
    expect(() => parseTokenMetadata({ bytes: reencode(json) })).toThrow(
      expect.objectContaining({ path: "provenance.token_id" }),
    );
  });

  it("rejects unknown fields, bad JSON and an aigc_data that is not the output", () => {
    expect(() =>
      parseTokenMetadata({ bytes: reencode({ ...decode(bytes), animation_url: "x" }) }),
    ).toThrow(expect.objectContaining({ path: "animation_url" }));
    expect(() => parseTokenMetadata({ bytes: new TextEncoder().encode("{") })).toThrow(
      MetadataError,
    );
    expect(() =>
      parseTokenMetadata({ bytes: reencode({ ...decode(bytes), aigc_data: cid("d") }) }),
    ).toThrow(expect.objectContaining({ path: "aigc_data" }));
  });
});
