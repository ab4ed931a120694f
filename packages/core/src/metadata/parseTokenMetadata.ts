import { promptTokenId } from "../prompt/promptTokenId.ts";
import { validatePrompt } from "../prompt/validatePrompt.ts";
import { parseModelId } from "../model/parseModelId.ts";
import { MetadataError } from "./MetadataError.ts";
import {
  checkAddress,
  checkAigcData,
  checkModelId,
  checkIpfsUri,
  checkObject,
  checkPositiveInteger,
  checkString,
  parseJsonObject,
} from "./schema.ts";
import type { TokenAttribute, TokenMetadata } from "./tokenMetadata.ts";

const TOP_LEVEL = new Set([
  "name",
  "description",
  "image",
  "external_url",
  "attributes",
  "prompt",
  "aigc_type",
  "aigc_data",
  "proof_type",
  "provenance",
]);
const PROVENANCE = new Set([
  "version",
  "model",
  "model_id",
  "srs",
  "chain_id",
  "collection",
  "verifier",
  "token_id",
  "aigc_data",
  "proof",
  "output",
]);

function checkKeys(path: string, object: Record<string, unknown>, allowed: Set<string>): void {
  for (const key of Object.keys(object)) {
    if (!allowed.has(key)) {
      throw new MetadataError({ path: path === "" ? key : `${path}.${key}`, expected: "absent" });
    }
  }
}

function checkAttributes(value: unknown): TokenAttribute[] {
  if (!Array.isArray(value)) throw new MetadataError({ path: "attributes", expected: "an array" });
  return value.map((entry, index) => {
    const path = `attributes[${index}]`;
    const attribute = checkObject(path, entry);
    const traitValue = attribute.value;
    if (typeof traitValue !== "string" && typeof traitValue !== "number") {
      throw new MetadataError({ path: `${path}.value`, expected: "a string or a number" });
    }
    return {
      trait_type: checkString(`${path}.trait_type`, attribute.trait_type),
      value: traitValue,
    };
  });
}

export type ParseTokenMetadataParameters = {
  /** The document's bytes, as fetched from IPFS. */
  bytes: Uint8Array;
};

/**
 * Reads a metadata document (schema v1) and checks every field, including that the prompt is
 * canonical and the token id is the prompt's. Unknown fields are rejected: a verifier should not
 * show data the schema does not define.
 *
 * @throws {MetadataError} naming the first field that is malformed.
 * @throws {PromptError} when the prompt is not canonical.
 * @example
 * const metadata = parseTokenMetadata({ bytes: await (await fetch(gatewayUrl)).bytes() });
 */
export function parseTokenMetadata({ bytes }: ParseTokenMetadataParameters): TokenMetadata {
  const document = parseJsonObject(bytes);
  checkKeys("", document, TOP_LEVEL);
  const provenance = checkObject("provenance", document.provenance);
  checkKeys("provenance", provenance, PROVENANCE);

  const prompt = checkString("prompt", document.prompt);
  validatePrompt({ prompt });
  const tokenId = promptTokenId({ prompt }).toString();
  if (provenance.token_id !== tokenId) {
    throw new MetadataError({ path: "provenance.token_id", expected: `${tokenId}, the prompt's` });
  }
  if (provenance.version !== 1)
    throw new MetadataError({ path: "provenance.version", expected: "1" });
  if (provenance.srs !== "development" && provenance.srs !== "ceremony") {
    throw new MetadataError({ path: "provenance.srs", expected: '"development" or "ceremony"' });
  }
  if (document.aigc_type !== "image")
    throw new MetadataError({ path: "aigc_type", expected: '"image"' });
  if (document.proof_type !== "validity") {
    throw new MetadataError({ path: "proof_type", expected: '"validity"' });
  }
  const output = checkIpfsUri("provenance.output", provenance.output);
  if (document.aigc_data !== output) {
    throw new MetadataError({ path: "aigc_data", expected: "equal to provenance.output" });
  }
  const model = checkString("provenance.model", provenance.model);
  const modelId = checkModelId("provenance.model_id", provenance.model_id, {
    model,
    srs: provenance.srs,
  });
  return {
    name: checkString("name", document.name),
    description: checkString("description", document.description),
    image: checkIpfsUri("image", document.image),
    ...(document.external_url === undefined
      ? {}
      : { external_url: checkString("external_url", document.external_url) }),
    attributes: checkAttributes(document.attributes),
    prompt,
    aigc_type: "image",
    aigc_data: output,
    proof_type: "validity",
    provenance: {
      version: 1,
      model,
      model_id: modelId,
      srs: provenance.srs,
      chain_id: checkPositiveInteger("provenance.chain_id", provenance.chain_id),
      collection: checkAddress("provenance.collection", provenance.collection),
      verifier: checkAddress("provenance.verifier", provenance.verifier),
      token_id: tokenId,
      aigc_data: checkAigcData("provenance.aigc_data", provenance.aigc_data, {
        version: parseModelId({ modelId }).version,
      }),
      proof: checkIpfsUri("provenance.proof", provenance.proof),
      output,
    },
  };
}
