// The connected wallet, shared by every page: the development wallet on the local chain, or an
// EIP-6963 / injected browser wallet.
import {
  createWalletClient,
  custom,
  getAddress,
  numberToHex,
  type Address,
  type WalletClient,
} from "viem";
import type { Platform } from "../platform.svelte.ts";
import { devWalletClient, fundDevAccount } from "./devWallet.ts";
import type { ProviderDetail } from "./eip6963.ts";
import { WrongChainError } from "./walletErrors.ts";

export type Connection = {
  kind: "development" | "browser";
  name: string;
  address: Address;
  client: WalletClient;
  chainId: number;
  provider?: ProviderDetail["provider"];
};

export const wallet = $state<{ connection: Connection | undefined; connecting: boolean }>({
  connection: undefined,
  connecting: false,
});

// Removes the event listeners of the connected browser wallet; set while one is connected.
let stopListening: (() => void) | undefined;

function forgetBrowserWallet(): void {
  stopListening?.();
  stopListening = undefined;
}

function browserConnection({
  platform,
  detail,
  address,
  chainId,
}: {
  platform: Platform;
  detail: ProviderDetail;
  address: Address;
  chainId: number;
}): Connection {
  return {
    kind: "browser",
    name: detail.info.name,
    address,
    // The account is the wallet's: transactions are sent to the wallet, which signs them.
    client: createWalletClient({
      account: address,
      chain: platform.chain,
      transport: custom(detail.provider),
    }),
    chainId,
    provider: detail.provider,
  };
}

export async function connectDevelopmentWallet({
  platform,
}: {
  platform: Platform;
}): Promise<void> {
  wallet.connecting = true;
  try {
    const client = await devWalletClient({ platform });
    const address = client.account.address;
    await fundDevAccount({ platform, address });
    forgetBrowserWallet();
    wallet.connection = {
      kind: "development",
      name: "Development wallet",
      address,
      client,
      chainId: platform.chain.id,
    };
  } finally {
    wallet.connecting = false;
  }
}

export async function connectBrowserWallet({
  platform,
  detail,
}: {
  platform: Platform;
  detail: ProviderDetail;
}): Promise<void> {
  wallet.connecting = true;
  try {
    const client = createWalletClient({
      chain: platform.chain,
      transport: custom(detail.provider),
    });
    const [address] = await client.requestAddresses();
    if (address === undefined) throw new Error("the wallet shared no account");
    const chainId = await client.getChainId();
    forgetBrowserWallet();
    const { provider } = detail;
    const onChainChanged = (id: string) => {
      if (wallet.connection) wallet.connection = { ...wallet.connection, chainId: Number(id) };
    };
    // Another account means another signer: the client is rebuilt for it, so a mint never
    // commits from one account and reveals from another.
    const onAccountsChanged = (accounts: string[]) => {
      const [next] = accounts;
      if (next === undefined) return disconnect();
      const chainId = wallet.connection?.chainId ?? platform.chain.id;
      wallet.connection = browserConnection({
        platform,
        detail,
        address: getAddress(next),
        chainId,
      });
    };
    provider.on?.("chainChanged", onChainChanged);
    provider.on?.("accountsChanged", onAccountsChanged);
    stopListening = () => {
      provider.removeListener?.("chainChanged", onChainChanged);
      provider.removeListener?.("accountsChanged", onAccountsChanged);
    };
    wallet.connection = browserConnection({ platform, detail, address, chainId });
  } finally {
    wallet.connecting = false;
  }
}

/** Asks a browser wallet to switch to the platform's chain, adding it if the wallet lacks it. */
export async function switchChain({ platform }: { platform: Platform }): Promise<void> {
  const connection = wallet.connection;
  if (connection?.provider === undefined) return;
  const chainId = numberToHex(platform.chain.id);
  try {
    await connection.provider.request({
      method: "wallet_switchEthereumChain",
      params: [{ chainId }],
    });
  } catch (error) {
    if ((error as { code?: number }).code !== 4902) throw error;
    await connection.client.addChain({ chain: platform.chain });
  }
  wallet.connection = { ...connection, chainId: await connection.client.getChainId() };
}

export function disconnect(): void {
  forgetBrowserWallet();
  wallet.connection = undefined;
}

/** Throws WrongChainError when the wallet is not on the platform's chain. */
export async function assertChain({ platform }: { platform: Platform }): Promise<Connection> {
  const connection = wallet.connection;
  if (connection === undefined) throw new Error("connect a wallet first");
  const chainId = await connection.client.getChainId();
  if (chainId !== platform.chain.id) {
    wallet.connection = { ...connection, chainId };
    throw new WrongChainError(
      `Your wallet is on chain ${chainId}; this collection is on chain ${platform.chain.id}. Switch networks to mint.`,
    );
  }
  return connection;
}
