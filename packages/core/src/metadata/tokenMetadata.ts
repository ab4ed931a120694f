import { getAddress, type Address, type Hex } from "viem";
import { promptTokenId } from "../prompt/promptTokenId.ts";
import { parseModelId } from "../model/parseModelId.ts";
import { spriteSpotter } from "../generated/vocabulary.ts";
import { describePrompt } from "../vocabulary/describePrompt.ts";
import { MetadataError } from "./MetadataError.ts";
import {
  checkAddress,
  checkAigcData,
  checkModelId,
  checkIpfsUri,
  checkPositiveInteger,
  checkString,
  type IpfsUri,
} from "./schema.ts";

/** Which trusted setup the proving and verifying keys come from (DESIGN.md, provenance link 6). */
export type SrsKind = "development" | "ceremony";

/** An OpenSea attribute. */
export type TokenAttribute = { trait_type: string; value: string | number };

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

/**
 * proofmint's provenance block: everything a third party needs to re-check the token without
 * trusting the server (re-hash the raw output, re-render the image, re-verify the proof on-chain).
 */
export type TokenProvenance = {
  /** Schema version of this block. */
  version: 1;
  /** The model's name, e.g. `glyph`. */
  model: string;
  /**
   * The model id (`<model>-v3-[dev-]<hex>`): a hash over the ONNX file, settings, verifying key,
   * k=1 verification SRS and output basis (`modelIdDigest`), recorded in the collection.
   */
  model_id: string;
  /** `development` keys come from a locally generated, insecure SRS. */
  srs: SrsKind;
  chain_id: number;
  /** The ERC-7007 collection (checksummed). */
  collection: Address;
  /** The collection's verifier (checksummed). */
  verifier: Address;
  /** `uint256(keccak256(prompt))`, in decimal. */
  token_id: string;
  /**
   * The output commitment, 32 bytes: the proof's first point compressed (`proofCommitment`), which
   * `outputCommitment` recomputes from the raw output. (v2 models: a Poseidon hash, instance 64.)
   */
  aigc_data: Hex;
  /** ezkl's proof JSON. */
  proof: IpfsUri;
  /** The raw quantized model output (`serializeQuantizedOutput`). */
  output: IpfsUri;
};

/**
 * A token's metadata document (schema v1): OpenSea's fields, ERC-7007's fields and the provenance
 * block. Keys appear in this order in the serialized JSON.
 */
export type TokenMetadata = {
  name: string;
  description: string;
  /** The rendered PNG. */
  image: IpfsUri;
  external_url?: string;
  attributes: TokenAttribute[];
  /** ERC-7007: the prompt the content was generated from. */
  prompt: string;
  /** ERC-7007: the kind of content. */
  aigc_type: "image";
  /** ERC-7007: a URI of the content, here the raw output the on-chain aigcData commits to. */
  aigc_data: IpfsUri;
  /** ERC-7007: `validity` for a zero-knowledge proof. */
  proof_type: "validity";
  provenance: TokenProvenance;
};

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
  checkString("provenance.model", model);
  if (srs !== "development" && srs !== "ceremony") {
    throw new MetadataError({ path: "provenance.srs", expected: '"development" or "ceremony"' });
  }
  const outputUri = checkIpfsUri("aigc_data", parameters.outputUri);
  const modelId = checkModelId("provenance.model_id", parameters.modelId, { model, srs });
  const provenance: TokenProvenance = {
    version: 1,
    model,
    model_id: modelId,
    srs,
    chain_id: checkPositiveInteger("provenance.chain_id", parameters.chainId),
    collection: getAddress(checkAddress("provenance.collection", parameters.collection)),
    verifier: getAddress(checkAddress("provenance.verifier", parameters.verifier)),
    token_id: tokenId,
    aigc_data: checkAigcData("provenance.aigc_data", parameters.aigcData, {
      version: parseModelId({ modelId }).version,
    }),
    proof: checkIpfsUri("provenance.proof", parameters.proofUri),
    output: outputUri,
  };
  const setup =
    srs === "development"
      ? " Development build: its trusted setup was generated locally and is not secure."
      : "";
  return {
    name: prompt,
    description:
      `An image the ${model} model drew from the prompt "${prompt}", minted with a ` +
      `zero-knowledge proof (ezkl, Halo2 with KZG on BN254) that the model produced it. ` +
      `Anyone can check it with the collection's verify(prompt, aigcData, proof).${setup}`,
    image: checkIpfsUri("image", parameters.imageUri),
    ...(externalBaseUrl === undefined
      ? {}
      : { external_url: `${checkString("external_url", externalBaseUrl)}/tokens/${tokenId}` }),
    attributes: [
      ...drawnAttributes({ model, prompt }),
      { trait_type: "model", value: model },
      { trait_type: "proof system", value: "ezkl halo2 kzg" },
      { trait_type: "trusted setup", value: srs },
      { trait_type: "prompt length", value: prompt.length },
    ],
    prompt,
    aigc_type: "image",
    aigc_data: outputUri,
    proof_type: "validity",
    provenance,
  };
}
