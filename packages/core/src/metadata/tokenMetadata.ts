import type { Address, Hex } from "viem";
import { promptTokenId } from "../prompt/promptTokenId.ts";
import { spriteSpotter } from "../generated/vocabulary.ts";
import { describePrompt } from "../vocabulary/describePrompt.ts";
import { MetadataError } from "./MetadataError.ts";
import {
  parseMetadataDocument,
  type IpfsUri,
  type SrsKind,
  type TokenAttribute,
  type TokenMetadata,
} from "./schema.ts";

// A trait with no value would vanish from marketplace filters, so "nothing named" is a value too,
// and says what is drawn: the subject in its own colours, the background in neutral light grey.
const NATURAL_SUBJECT_COLOUR = "natural";

/**
 * What the model drew, as traits, for models whose reading of prompts core knows (sprite): object,
 * subject colour, background colour, size. Empty for other models.
 */
function drawnAttributes({ model, prompt }: { model: string; prompt: string }): TokenAttribute[] {
  if (model !== spriteSpotter.model) return [];
  const drawn = describePrompt({ prompt });
  return [
    { trait_type: "object", value: drawn.object },
    { trait_type: "subject colour", value: drawn.subjectColour ?? NATURAL_SUBJECT_COLOUR },
    { trait_type: "background colour", value: drawn.backgroundColour ?? spriteSpotter.neutral },
    { trait_type: "size", value: drawn.size },
  ];
}

export type TokenMetadataParameters = {
  /** The canonical prompt. */
  prompt: string;
  model: string;
  modelId: string;
  srs: SrsKind;
  chainId: number;
  collection: Address;
  verifier: Address;
  /** The output commitment, 32 bytes big-endian. */
  aigcData: Hex;
  imageUri: IpfsUri;
  outputUri: IpfsUri;
  proofUri: IpfsUri;
  /** Where the token's page lives, without a trailing slash; `/tokens/<id>` is appended. */
  externalBaseUrl?: string | undefined;
};

/**
 * Builds a token's metadata document. Every value is checked; the token id is derived from the
 * prompt, so the document cannot name another token. For sprite, the attributes start with what
 * the model drew (`describePrompt`): `object`, `subject colour` (`natural` when none is named),
 * `background colour` (`neutral` when none is named or implied) and `size`; then `model`,
 * `proof system`, `trusted setup` and `prompt length`, which every token has.
 *
 * @throws {PromptError} when `prompt` is not canonical.
 * @throws {MetadataError} naming the first field that is malformed.
 * @example
 * const metadata = tokenMetadata({ prompt: "a red fox", model: "glyph", modelId, srs: "development",
 *   chainId: 31337, collection, verifier, aigcData, imageUri, outputUri, proofUri });
 */
export function tokenMetadata(parameters: TokenMetadataParameters): TokenMetadata {
  const { prompt, model, srs, externalBaseUrl } = parameters;
  const tokenId = promptTokenId({ prompt }).toString();
  if (externalBaseUrl?.length === 0) {
    throw new MetadataError({
      path: "external_url",
      expected: "a string of at least 1 characters",
    });
  }
  const setup =
    srs === "development"
      ? " Development build: its trusted setup was generated locally and is not secure."
      : "";
  return parseMetadataDocument({
    name: prompt,
    description:
      `An image the ${model} model drew from the prompt "${prompt}", minted with a ` +
      `zero-knowledge proof (ezkl, Halo2 with KZG on BN254) that the model produced it. ` +
      `Anyone can check it with the collection's verify(prompt, aigcData, proof).${setup}`,
    image: parameters.imageUri,
    ...(externalBaseUrl === undefined
      ? {}
      : { external_url: `${externalBaseUrl}/tokens/${tokenId}` }),
    attributes: [
      ...drawnAttributes({ model, prompt }),
      { trait_type: "model", value: model },
      { trait_type: "proof system", value: "ezkl halo2 kzg" },
      { trait_type: "trusted setup", value: srs },
      { trait_type: "prompt length", value: prompt.length },
    ],
    prompt,
    aigc_type: "image",
    aigc_data: parameters.outputUri,
    proof_type: "validity",
    provenance: {
      version: 1,
      model,
      model_id: parameters.modelId,
      srs,
      chain_id: parameters.chainId,
      collection: parameters.collection,
      verifier: parameters.verifier,
      token_id: tokenId,
      aigc_data: parameters.aigcData,
      proof: parameters.proofUri,
      output: parameters.outputUri,
    },
  });
}
