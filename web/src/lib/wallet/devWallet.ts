// The development wallet: a key kept in this browser, funded from anvil's well-known accounts.
// Only ever on the local chain (31337): those keys are public, and so is this one in practice.
import {
  createWalletClient,
  http,
  parseEther,
  type Address,
  type Hex,
  type PublicClient,
} from "viem";
import { generatePrivateKey, mnemonicToAccount, privateKeyToAccount } from "viem/accounts";
import { LOCAL_CHAIN_ID, type Platform } from "../platform.svelte.ts";

const KEY = "proofmint:dev-wallet-key";
// anvil's public test mnemonic; account 9 funds development wallets (0 is the server's relayer).
const ANVIL_MNEMONIC = "test test test test test test test test test test test junk";
const FUNDER_INDEX = 9;
const MINIMUM = parseEther("1");
const TOP_UP = parseEther("10");

export class NotLocalChainError extends Error {
  override name = "NotLocalChainError";
}

async function assertLocal(client: PublicClient, chainId: number): Promise<void> {
  if (chainId !== LOCAL_CHAIN_ID || (await client.getChainId()) !== LOCAL_CHAIN_ID) {
    throw new NotLocalChainError("the development wallet exists only on the local chain (31337)");
  }
}

/** This browser's development account, created on first use. */
export function devAccount() {
  let key = localStorage.getItem(KEY) as Hex | null;
  if (key === null || !/^0x[0-9a-f]{64}$/.test(key)) {
    key = generatePrivateKey();
    localStorage.setItem(KEY, key);
  }
  return privateKeyToAccount(key);
}

/** Tops the account up from anvil's account 9 when it holds less than 1 ETH. */
export async function fundDevAccount({
  platform,
  address,
}: {
  platform: Platform;
  address: Address;
}): Promise<void> {
  const { publicClient, chain, rpcUrl } = platform;
  await assertLocal(publicClient, chain.id);
  if ((await publicClient.getBalance({ address })) >= MINIMUM) return;
  const funder = createWalletClient({
    account: mnemonicToAccount(ANVIL_MNEMONIC, { addressIndex: FUNDER_INDEX }),
    chain,
    transport: http(rpcUrl),
  });
  const hash = await funder.sendTransaction({ to: address, value: TOP_UP });
  await publicClient.waitForTransactionReceipt({ hash });
}

/** A wallet client that signs with the development key, sending through the chain's RPC. */
export async function devWalletClient({ platform }: { platform: Platform }) {
  await assertLocal(platform.publicClient, platform.chain.id);
  return createWalletClient({
    account: devAccount(),
    chain: platform.chain,
    transport: http(platform.rpcUrl),
  });
}
