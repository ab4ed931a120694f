// The deployment the server serves (chain, collection, verifier), loaded once and shared by pages.
import { createPublicClient, defineChain, http, type Chain, type PublicClient } from "viem";
import { api, type ModelInfo } from "./api.ts";

export const LOCAL_CHAIN_ID = 31337;

export type Platform = {
  model: ModelInfo;
  chain: Chain;
  /** The chain's JSON-RPC URL, as the server announces it for browsers (`GET /api/models`). */
  rpcUrl: string;
  publicClient: PublicClient;
};

export const platform = $state<{ current: Platform | undefined; error: string | undefined }>({
  current: undefined,
  error: undefined,
});

let loading: Promise<Platform> | undefined;

/**
 * A client that reads `chain` through the node at `url`. Reads issued together (the token page's
 * verification sends eight at once) share one HTTP request as a JSON-RPC batch.
 */
export function readClient({ chain, url }: { chain: Chain; url: string }): PublicClient {
  return createPublicClient({ chain, transport: http(url, { batch: true }) }) as PublicClient;
}

/** The model and chain of this server; loads them on first call. */
export function loadPlatform(): Promise<Platform> {
  loading ??= api
    .models()
    .then(({ models }) => {
      const model = models[0];
      if (model === undefined) throw new Error("the server proves no model");
      const { rpcUrl } = model;
      if (!rpcUrl) throw new Error("the server announces no RPC URL for browsers (rpcUrl)");
      const chain = defineChain({
        id: model.chainId,
        name: model.chainId === LOCAL_CHAIN_ID ? "Local chain (anvil)" : `Chain ${model.chainId}`,
        nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
        rpcUrls: { default: { http: [rpcUrl] } },
      });
      const publicClient = readClient({ chain, url: rpcUrl });
      const current = { model, chain, rpcUrl, publicClient };
      platform.current = current;
      return current;
    })
    .catch((error: unknown) => {
      platform.error = error instanceof Error ? error.message : String(error);
      loading = undefined;
      throw error;
    });
  return loading;
}
