import { getAddress, isAddress, type Address, type Hex } from "viem";
// zod/mini: the same validation as zod with a fraction of its size in the site's first load.
import * as z from "zod/mini";
import { BN254_BASE_FIELD_MODULUS, BN254_SCALAR_FIELD_MODULUS } from "../constants/field.ts";
import { parseModelId, type ModelIdParts } from "../model/parseModelId.ts";
import { promptTokenId } from "../prompt/promptTokenId.ts";
import { MetadataError } from "./MetadataError.ts";

// Token metadata, schema v1, as one zod schema: the types below are inferred from it. Each rule's
// error message is what the field must be; `parseMetadataDocument` turns the first issue into a
// MetadataError naming the field (`metadata field provenance.chain_id must be a positive integer`).

/** `ipfs://` followed by a CIDv1 in base32, the form every proofmint store produces. */
export type IpfsUri = `ipfs://${string}`;

const IPFS_URI = /^ipfs:\/\/b[a-z2-7]{50,}$/;
const HEX32 = /^0x[0-9a-f]{64}$/;
const NON_EMPTY = "a string of at least 1 characters";

const ipfsUri = z.custom<IpfsUri>((value) => typeof value === "string" && IPFS_URI.test(value), {
  error: "ipfs:// followed by a base32 CIDv1",
});
const hex32 = z.custom<Hex>((value) => typeof value === "string" && HEX32.test(value), {
  error: "32 bytes as 0x-prefixed lower-case hex",
});
const address = z.pipe(
  z.custom<string>((value) => typeof value === "string" && isAddress(value, { strict: false }), {
    error: "a 20-byte 0x-prefixed address",
  }),
  z.transform((value: string): Address => getAddress(value)),
);
const nonEmptyString = z.string({ error: NON_EMPTY }).check(z.minLength(1, { error: NON_EMPTY }));

/** Which trusted setup the proving and verifying keys come from (DESIGN.md, provenance link 6). */
export const SrsKindSchema = z.enum(["development", "ceremony"], {
  error: '"development" or "ceremony"',
});
export type SrsKind = z.infer<typeof SrsKindSchema>;

/** An OpenSea attribute. */
export const TokenAttributeSchema = z.object(
  {
    trait_type: nonEmptyString,
    value: z.union([z.string(), z.number()], { error: "a string or a number" }),
  },
  { error: "an object" },
);
export type TokenAttribute = z.infer<typeof TokenAttributeSchema>;

/**
 * proofmint's provenance block: everything a third party needs to re-check the token without
 * trusting the server (re-hash the raw output, re-render the image, re-verify the proof on-chain).
 */
export const TokenProvenanceSchema = z.strictObject(
  {
    /** Schema version of this block. */
    version: z.literal(1, { error: "1" }),
    /** The model's name, e.g. `glyph`. */
    model: nonEmptyString,
    /**
     * The model id (`<model>-v3-[dev-]<hex>`, or v2 for tokens of an earlier build): a hash over
     * the ONNX file, settings, verifying key, k=1 verification SRS and output basis
     * (`modelIdDigest`), recorded in the collection. Checked against `model` and `srs`.
     */
    model_id: z.string({ error: "a model id" }),
    /** `development` keys come from a locally generated, insecure SRS. */
    srs: SrsKindSchema,
    chain_id: z
      .int({ error: "a positive integer" })
      .check(z.minimum(1, { error: "a positive integer" })),
    /** The ERC-7007 collection (checksummed). */
    collection: address,
    /** The collection's verifier (checksummed). */
    verifier: address,
    /** `uint256(keccak256(prompt))`, in decimal: the prompt's. */
    token_id: z.string({ error: "the prompt's token id" }),
    /**
     * The output commitment, 32 bytes: the proof's first point compressed (`proofCommitment`),
     * which `outputCommitment` recomputes from the raw output. (v2 models: a Poseidon hash.)
     */
    aigc_data: hex32,
    /** ezkl's proof JSON. */
    proof: ipfsUri,
    /** The raw quantized model output (`serializeQuantizedOutput`). */
    output: ipfsUri,
  },
  { error: "an object" },
);
export type TokenProvenance = z.infer<typeof TokenProvenanceSchema>;

/** The checks across fields, once every field has its type. */
function checkAcrossFields(
  document: { prompt: string; aigc_data: string; provenance: TokenProvenance },
  context: z.core.$RefinementCtx,
): void {
  const { provenance } = document;
  const issue = (path: (string | number)[], message: string) =>
    context.addIssue({ code: "custom", path, message });
  // Throws PromptError for a prompt that is not canonical: the prompt rules' own error.
  const tokenId = promptTokenId({ prompt: document.prompt }).toString();
  if (provenance.token_id !== tokenId) {
    return issue(["provenance", "token_id"], `${tokenId}, the prompt's`);
  }
  if (document.aigc_data !== provenance.output) {
    return issue(["aigc_data"], "equal to provenance.output");
  }
  const { model, srs } = provenance;
  let parts: ModelIdParts;
  try {
    parts = parseModelId({ modelId: provenance.model_id });
  } catch {
    return issue(["provenance", "model_id"], `a model id of ${model}: ${model}-v3-[dev-]<64 hex>`);
  }
  if (parts.model !== model) {
    return issue(["provenance", "model_id"], `a model id of ${model}, not of ${parts.model}`);
  }
  if (parts.development !== (srs === "development")) {
    return issue(["provenance", "model_id"], "marked dev- exactly when the SRS is development");
  }
  // v3: a compressed G1 point, whose x (the low 255 bits) is below the base field modulus;
  // v2: a Poseidon hash, below the scalar field modulus.
  const v3 = parts.version === 3;
  const element = v3
    ? BigInt(provenance.aigc_data) & ((1n << 255n) - 1n)
    : BigInt(provenance.aigc_data);
  if (element >= (v3 ? BN254_BASE_FIELD_MODULUS : BN254_SCALAR_FIELD_MODULUS)) {
    issue(
      ["provenance", "aigc_data"],
      v3 ? "a compressed BN254 G1 point" : "a BN254 scalar field element",
    );
  }
}

/**
 * A token's metadata document (schema v1): OpenSea's fields, ERC-7007's fields and the provenance
 * block, in the order the serializer writes them. Unknown fields are rejected: a verifier should
 * not show data the schema does not define.
 */
export const TokenMetadataSchema = z
  .strictObject(
    {
      name: nonEmptyString,
      description: nonEmptyString,
      /** The rendered PNG. */
      image: ipfsUri,
      external_url: z.optional(nonEmptyString),
      attributes: z.array(TokenAttributeSchema, { error: "an array" }),
      /** ERC-7007: the prompt the content was generated from; canonical. */
      prompt: nonEmptyString,
      /** ERC-7007: the kind of content. */
      aigc_type: z.literal("image", { error: '"image"' }),
      /** ERC-7007: a URI of the content, here the raw output the on-chain aigcData commits to. */
      aigc_data: ipfsUri,
      /** ERC-7007: `validity` for a zero-knowledge proof. */
      proof_type: z.literal("validity", { error: '"validity"' }),
      provenance: TokenProvenanceSchema,
    },
    { error: "an object" },
  )
  .check(z.superRefine(checkAcrossFields));
export type TokenMetadata = z.infer<typeof TokenMetadataSchema>;

/** `provenance.chain_id`, `attributes[0].value`: a zod issue's path as the error names it. */
function jsonPath(path: readonly PropertyKey[]): string {
  return path
    .map((key, index) =>
      typeof key === "number" ? `[${key}]` : index === 0 ? String(key) : `.${String(key)}`,
    )
    .join("");
}

/**
 * Checks a metadata document against `TokenMetadataSchema` and returns it with its addresses
 * checksummed.
 *
 * @throws {MetadataError} naming the first field that is malformed.
 * @throws {PromptError} when the prompt is not canonical.
 */
export function parseMetadataDocument(document: unknown): TokenMetadata {
  const result = TokenMetadataSchema.safeParse(document);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  if (issue.code === "unrecognized_keys") {
    throw new MetadataError({
      path: jsonPath([...issue.path, issue.keys[0]!]),
      expected: "absent",
    });
  }
  throw new MetadataError({ path: jsonPath(issue.path) || "$", expected: issue.message });
}
