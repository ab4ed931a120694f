// Commit, wait, reveal (contracts/README.md): the wallet mints its own generation to itself.
import { decodeRevert, proofmintCollectionAbi } from "@proofmint/core";
import type { Hex } from "viem";
import { api, type MintArgs } from "../../lib/api.ts";
import type { Platform } from "../../lib/platform.svelte.ts";
import { assertChain } from "../../lib/wallet/wallet.svelte.ts";

export type MintStep = "arguments" | "commit" | "waiting" | "reveal" | "indexing" | "done";

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

// The salt must survive a reload between commit and reveal, or the commitment is lost.
function saved(key: string): (MintArgs & { committedAt?: number }) | undefined {
  const text = sessionStorage.getItem(key);
  return text === null ? undefined : (JSON.parse(text) as MintArgs & { committedAt?: number });
}

function notReady(error: unknown): boolean {
  return decodeRevert({ error })?.errorName === "ProofmintCommitmentNotReady";
}

/**
 * Mints a ready generation from the connected wallet: `commit(commitment)`, then after
 * `commitMinDelay` seconds `mint(...)` from the same address. Reports each step; returns the
 * reveal's transaction hash. Failures are viem or API errors for `describeWalletFailure`.
 */
export async function mintWithWallet({
  platform,
  generationId,
  onStep,
}: {
  platform: Platform;
  generationId: string;
  onStep: (step: MintStep, detail?: { hash?: Hex; secondsLeft?: number }) => void;
}): Promise<Hex> {
  const { publicClient, chain } = platform;
  const connection = await assertChain({ platform });
  const account = connection.address;
  // The client's own account: a local key signs itself; a browser wallet's is sent to it.
  const signer = connection.client.account ?? account;
  const key = `proofmint:mint:${generationId}:${account}`;
  onStep("arguments");
  let args = saved(key);
  if (args === undefined) {
    args = await api.mintArgs({ id: generationId, to: account });
    sessionStorage.setItem(key, JSON.stringify(args));
  }
  const collection = args.collection;

  if (args.committedAt === undefined) {
    onStep("commit");
    const { request } = await publicClient.simulateContract({
      address: collection,
      abi: proofmintCollectionAbi,
      functionName: "commit",
      args: args.commit.args,
      account,
    });
    const hash = await connection.client.writeContract({ ...request, account: signer, chain });
    onStep("commit", { hash });
    const receipt = await publicClient.waitForTransactionReceipt({ hash });
    if (receipt.status !== "success") throw new Error(`the commit transaction ${hash} reverted`);
    const block = await publicClient.getBlock({ blockNumber: receipt.blockNumber });
    args.committedAt = Number(block.timestamp) * 1000;
    sessionStorage.setItem(key, JSON.stringify(args));
  }

  // The reveal must land at least commitMinDelay seconds after the commit's block.
  const readyAt = args.committedAt + args.commitMinDelay * 1000 + 1000;
  while (Date.now() < readyAt) {
    onStep("waiting", { secondsLeft: Math.ceil((readyAt - Date.now()) / 1000) });
    await sleep(Math.min(1000, readyAt - Date.now()));
  }

  onStep("reveal");
  let simulated;
  for (let attempt = 0; ; attempt++) {
    try {
      simulated = await publicClient.simulateContract({
        address: collection,
        abi: proofmintCollectionAbi,
        functionName: "mint",
        args: args.mint.args,
        account,
        // A chain that mines only on demand (anvil) keeps the commit block's timestamp as the
        // latest: simulate at the time the reveal will be mined, now.
        blockOverrides: { time: BigInt(Math.floor(Date.now() / 1000)) },
      });
      break;
    } catch (error) {
      if (!notReady(error) || attempt >= 10) {
        if (!notReady(error)) sessionStorage.removeItem(key);
        throw error;
      }
      await sleep(1000);
    }
  }
  const hash = await connection.client.writeContract({
    ...simulated.request,
    account: signer,
    chain,
  });
  onStep("reveal", { hash });
  const receipt = await publicClient.waitForTransactionReceipt({ hash });
  if (receipt.status !== "success") throw new Error(`the mint transaction ${hash} reverted`);
  sessionStorage.removeItem(key);
  onStep("indexing", { hash });
  return hash;
}
