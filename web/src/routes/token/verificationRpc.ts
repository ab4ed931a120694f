// The collector's own JSON-RPC node for the in-browser verification, instead of the platform's:
// chosen on the token page, kept in this browser, used only once it serves the collection's chain.
import type { Chain, PublicClient } from "viem";
import { readClient } from "../../lib/platform.svelte.ts";

const KEY = "proofmint:verify-rpc-url";

/** The chosen RPC URL is malformed, unreachable or on another chain; the message says which. */
export class VerificationRpcError extends Error {
  override name = "VerificationRpcError";
}

/** The RPC URL this browser verifies against, when the collector chose one. */
export function savedRpcUrl(): string | undefined {
  return localStorage.getItem(KEY) ?? undefined;
}

/** Remembers the collector's RPC URL in this browser; `undefined` goes back to the platform's. */
export function saveRpcUrl(url: string | undefined): void {
  if (url === undefined) localStorage.removeItem(KEY);
  else localStorage.setItem(KEY, url);
}

/**
 * The URL typed, trimmed, when it is an absolute http(s) URL.
 *
 * @throws {VerificationRpcError} saying what is wrong with it.
 */
export function parseRpcUrl(text: string): string {
  const url = text.trim();
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (parsed === undefined || !/^https?:$/.test(parsed.protocol) || parsed.hostname === "") {
    throw new VerificationRpcError(
      `“${url}” is not an http(s) URL. Enter one such as https://rpc.example.org or http://127.0.0.1:8545.`,
    );
  }
  return url;
}

/**
 * A client for the node at `url`, once it answers that it serves `chain`.
 *
 * @throws {VerificationRpcError} when the node does not answer or serves another chain.
 */
export async function connectRpc({
  url,
  chain,
}: {
  url: string;
  chain: Chain;
}): Promise<PublicClient> {
  const client = readClient({ chain, url });
  let chainId: number;
  try {
    chainId = await client.getChainId();
  } catch (cause) {
    throw new VerificationRpcError(
      `${url} did not answer. Is the node running, and does it accept requests from this site (CORS)?`,
      { cause },
    );
  }
  if (chainId !== chain.id) {
    throw new VerificationRpcError(
      `${url} serves chain ${chainId}, but this collection is on chain ${chain.id}.`,
    );
  }
  return client;
}
