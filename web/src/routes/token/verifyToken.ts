import {
  fetchCircuitArtifacts,
  loadEnginePool,
  verifyAigc,
  type AigcReport,
  type CircuitArtifacts,
} from "@proofmint/sdk";
import wasmUrl from "@ezkljs/engine/web/ezkl_bg.wasm?url";
import type { PublicClient } from "viem";
import card from "virtual:model-card";
import { LOCAL_CHAIN_ID, type Platform } from "../../lib/platform.svelte.ts";

// The circuit files by model id, fetched once per page load: the SDK checks them against the
// collection's model id on every verification, so a cached copy is as good as a fresh one.
const artifactsByModelId = new Map<string, Promise<CircuitArtifacts>>();

function circuitArtifacts(modelId: string): Promise<CircuitArtifacts> {
  let artifacts = artifactsByModelId.get(modelId);
  if (artifacts === undefined) {
    artifacts = fetchCircuitArtifacts({ url: `${location.origin}/circuits/${card.model}` });
    artifactsByModelId.set(modelId, artifacts);
    // A failed download is retried by the next verification, not remembered.
    artifacts.catch(() => artifactsByModelId.delete(modelId));
  }
  return artifacts;
}

// Verification needs the ezkl engine (its wasm fetched and compiled) and the circuit files of the
// model the server announces, before anything is known about a token: the token page fetches the
// small circuit files once it is idle, and starts the engine on the first sign that the visitor
// means to verify.

export function prepareEngine(): void {
  // The wasm is downloaded and compiled once, here, while the engine's workers start; a failure
  // is reported by the links that need the engine.
  loadEnginePool({ wasm: fetch(wasmUrl) });
}

export function prepareArtifacts({ platform }: { platform: Platform }): void {
  void circuitArtifacts(platform.model.modelId).catch(() => {});
}

/** The IPFS gateway the verification reads through: this site's, every block checked by its hash. */
export function ipfsGateway(): string {
  return location.origin;
}

/**
 * Checks every link of the token's provenance in this browser: the chain through its RPC node,
 * IPFS blocks through this site's gateway (each block hashed), the proof with ezkl's WebAssembly
 * engine. The circuit files come from this site but are used only if they hash to the
 * collection's model id. A development setup is accepted, as a warning, only on the local chain. `fromBlock` (the
 * mint's block, as the server indexed it) only narrows the event search: a wrong one can make the
 * token-record link fail, never pass.
 */
export function verifyToken({
  platform,
  tokenId,
  fromBlock,
  client = platform.publicClient,
}: {
  platform: Platform;
  tokenId: bigint;
  fromBlock?: bigint | undefined;
  /** The chain's RPC node to read through: the platform's by default, or the collector's own. */
  client?: PublicClient | undefined;
}): Promise<AigcReport> {
  return verifyAigc({
    client,
    collection: platform.model.collection,
    tokenId,
    gateway: ipfsGateway(),
    artifacts: ({ modelId }) => circuitArtifacts(modelId),
    acceptDevelopmentSrs: platform.chain.id === LOCAL_CHAIN_ID,
    fromBlock,
  });
}
