import type { TokenMetadata } from "./schema.ts";

export type SerializeTokenMetadataParameters = {
  metadata: TokenMetadata;
};

/**
 * The bytes of a metadata document as stored on IPFS: UTF-8 JSON by `JSON.stringify` (so every
 * string is escaped), keys in schema order, two-space indent, final newline. Deterministic: the
 * same document always gives the same bytes, hence the same CID.
 *
 * @example
 * const bytes = serializeTokenMetadata({ metadata: tokenMetadata({ ... }) });
 */
export function serializeTokenMetadata({ metadata }: SerializeTokenMetadataParameters): Uint8Array {
  const { provenance: p } = metadata;
  const ordered = {
    name: metadata.name,
    description: metadata.description,
    image: metadata.image,
    ...(metadata.external_url === undefined ? {} : { external_url: metadata.external_url }),
    attributes: metadata.attributes.map(({ trait_type, value }) => ({ trait_type, value })),
    prompt: metadata.prompt,
    aigc_type: metadata.aigc_type,
    aigc_data: metadata.aigc_data,
    proof_type: metadata.proof_type,
    provenance: {
      version: p.version,
      model: p.model,
      model_id: p.model_id,
      srs: p.srs,
      chain_id: p.chain_id,
      collection: p.collection,
      verifier: p.verifier,
      token_id: p.token_id,
      aigc_data: p.aigc_data,
      proof: p.proof,
      output: p.output,
    },
  };
  return new TextEncoder().encode(`${JSON.stringify(ordered, null, 2)}\n`);
}
