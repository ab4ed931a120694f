import { proofmintCollectionAbi } from "@proofmint/core";
import {
  createPublicClient,
  createWalletClient,
  defineChain,
  http,
  nonceManager,
  webSocket,
  type Account,
  type Address,
  type PublicClient,
  type WalletClient,
  type Transport,
  type Chain as ViemChain,
} from "viem";
import { privateKeyToAccount } from "viem/accounts";
import type { Config } from "../config/config.ts";
import { ChainError } from "./errors.ts";

/** The relayer: the server's own account, which mints for creators in relayer mode. */
export type Relayer = {
  address: Address;
  wallet: WalletClient<Transport, ViemChain, Account>;
  /**
   * Forgets the nonces counted so far, so the next transaction's is read from the chain: a
   * reorganisation may have dropped transactions the relayer sent.
   */
  resetNonce(): void;
};

/** The chain and the collection as the server uses them, checked at start-up. */
export type Chain = {
  chainId: number;
  client: PublicClient<Transport, ViemChain>;
  collection: Address;
  /** The collection's verifier (its adapter), as the collection reports it. */
  verifier: Address;
  modelId: string;
  /** Seconds between a commit and the earliest reveal. */
  commitMinDelay: bigint;
  /** Blocks built on a block before it counts as final (`CHAIN_CONFIRMATIONS`). */
  confirmations: number;
  /** The deepest reorganisation the indexer rewinds over (`INDEXER_MAX_REORG_DEPTH`). */
  maxReorgDepth: number;
  relayer: Relayer | undefined;
};

/**
 * Connects to the configured chain and checks that it is the one configured and that the
 * collection is deployed there for this model, so a mismatch stops the server at start-up
 * instead of failing mints later.
 *
 * @throws {ChainError} saying what does not match and how to fix it.
 */
export async function connectChain({
  config,
  modelId,
}: {
  config: Config;
  modelId: string;
}): Promise<Chain> {
  const { rpcUrl, chainId, collection, relayerKey, pollMs, confirmations, maxReorgDepth } =
    config.chain;
  if (collection === undefined) {
    throw new ChainError(
      `no collection on chain ${chainId}: set COLLECTION_ADDRESS, or deploy ` +
        "(npm start deploys to anvil; see contracts/README.md)",
    );
  }
  const chain = defineChain({
    id: chainId,
    name: `chain ${chainId}`,
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [rpcUrl] } },
  });
  const transport = rpcUrl.startsWith("ws") ? webSocket(rpcUrl) : http(rpcUrl, { retryCount: 2 });
  const client = createPublicClient({ chain, transport, pollingInterval: pollMs });

  let actualChainId: number;
  try {
    actualChainId = await client.getChainId();
  } catch (cause) {
    throw new ChainError(`cannot reach the chain at ${rpcUrl}: is the node running?`, {}, cause);
  }
  if (actualChainId !== chainId) {
    throw new ChainError(`${rpcUrl} serves chain ${actualChainId}, not CHAIN_ID ${chainId}`);
  }
  const code = await client.getCode({ address: collection });
  if (code === undefined || code === "0x") {
    throw new ChainError(
      `no contract at the collection address ${collection} on chain ${chainId}: deploy it ` +
        "(a restarted anvil forgets its contracts) or fix COLLECTION_ADDRESS",
    );
  }
  const read = { address: collection, abi: proofmintCollectionAbi } as const;
  const [deployedModelId, verifier, commitMinDelay] = await Promise.all([
    client.readContract({ ...read, functionName: "modelId" }),
    client.readContract({ ...read, functionName: "verifier" }),
    client.readContract({ ...read, functionName: "commitMinDelay" }),
  ]);
  if (deployedModelId !== modelId) {
    throw new ChainError(
      `the collection at ${collection} is for model ${deployedModelId}, but the circuit here is ` +
        `${modelId}: deploy the collection for this circuit`,
    );
  }

  let relayer: Relayer | undefined;
  if (relayerKey !== undefined) {
    const account = privateKeyToAccount(relayerKey.reveal(), { nonceManager });
    relayer = {
      address: account.address,
      wallet: createWalletClient({ account, chain, transport, pollingInterval: pollMs }),
      resetNonce: () => nonceManager.reset({ address: account.address, chainId }),
    };
  }
  return {
    chainId,
    client,
    collection,
    verifier,
    modelId,
    commitMinDelay,
    confirmations,
    maxReorgDepth,
    relayer,
  };
}
