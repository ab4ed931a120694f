import { fetchCircuitArtifacts, verifyAigc, type AigcReport } from "@proofmint/sdk";
import card from "virtual:model-card";
import { LOCAL_CHAIN_ID, type Platform } from "../../lib/platform.svelte.ts";

/**
 * Checks every link of the token's provenance in this browser: the chain through its RPC node,
 * IPFS blocks through this site's gateway (each block hashed), the proof with ezkl's WebAssembly
 * engine. The circuit files come from this site but are used only if they hash to the
 * collection's model id. A development setup passes only on the local chain.
 */
export function verifyToken({
  platform,
  tokenId,
}: {
  platform: Platform;
  tokenId: bigint;
}): Promise<AigcReport> {
  return verifyAigc({
    client: platform.publicClient,
    collection: platform.model.collection,
    tokenId,
    gateway: location.origin,
    artifacts: () => fetchCircuitArtifacts({ url: `${location.origin}/circuits/${card.model}` }),
    acceptDevelopmentSrs: platform.chain.id === LOCAL_CHAIN_ID,
  });
}
