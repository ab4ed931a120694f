import { setTimeout as sleep } from "node:timers/promises";
import { decodeRevert, mintCommitment, proofmintCollectionAbi } from "@proofmint/core";
import { getAddress, type Hex } from "viem";
import { generatePrivateKey } from "viem/accounts";
import { isTokenMinted } from "../../chain/isTokenMinted.ts";
import { mintArgs } from "../../chain/mintArgs.ts";
import { MintError } from "../../chain/errors.ts";
import { readMintProof } from "../../chain/readMintProof.ts";
import { UnavailableError } from "../../errors.ts";
import type { StageContext, StageResult } from "./stageContext.ts";

function requireRelayer(chain: StageContext["chain"]) {
  if (chain.relayer === undefined) {
    throw new UnavailableError(
      "relayed minting is off: configure RELAYER_PRIVATE_KEY",
      "RELAYER_DISABLED",
    );
  }
  return chain.relayer;
}

/**
 * Step 1 of a relayed mint: the relayer's commitment to (token, recipient, salt), sent unless it
 * is already on-chain. The commitment needs no proof, so the pipeline sends it while the proof is
 * being made and the commit delay has passed by the time the mint is ready. Returns the salt and
 * the commitment's block time.
 */
export async function commitMint({
  job,
  chain,
  save,
  note,
  confirmLeading,
}: Pick<StageContext, "job" | "chain" | "save" | "note" | "confirmLeading">): Promise<{
  salt: Hex;
  committedAt: bigint;
}> {
  const relayer = requireRelayer(chain);
  let salt = job.mintSalt as Hex | null;
  if (salt === null) {
    salt = generatePrivateKey();
    await save({ mintSalt: salt });
  }
  const commitment = mintCommitment({
    tokenId: BigInt(job.tokenId),
    to: getAddress(job.recipient!),
    salt,
  });
  const contract = { address: chain.collection, abi: proofmintCollectionAbi } as const;
  const committedAt = () =>
    chain.client.readContract({
      ...contract,
      functionName: "commitmentTime",
      args: [relayer.address, commitment],
    });
  const existing = await committedAt();
  if (existing !== 0n) return { salt, committedAt: existing };
  try {
    await confirmLeading();
    const hash = await relayer.wallet.writeContract({
      ...contract,
      functionName: "commit",
      args: [commitment],
    });
    await save({ commitTx: hash });
    await note("transaction", { kind: "commit", hash });
    const receipt = await chain.client.waitForTransactionReceipt({ hash });
    if (receipt.status !== "success") {
      throw new MintError("the commit transaction reverted", { hash });
    }
    const block = await chain.client.getBlock({ blockNumber: receipt.blockNumber });
    return { salt, committedAt: block.timestamp };
  } catch (error) {
    // A commit sent concurrently (by the pipeline's early commit) got there first.
    if (decodeRevert({ error })?.errorName !== "ProofmintCommitmentPending") throw error;
    return { salt, committedAt: await committedAt() };
  }
}

/**
 * Whether the token is minted in a final block (`chain.confirmations` deep). A mint only in
 * newer blocks is waited for, until they are final or a reorganisation drops it.
 */
async function isMintFinal({
  chain,
  tokenId,
}: Pick<StageContext, "chain"> & { tokenId: bigint }): Promise<boolean> {
  if (chain.confirmations === 0) return isTokenMinted({ chain, tokenId });
  for (;;) {
    const head = await chain.client.getBlockNumber({ cacheTime: 0 });
    const finalBlock = head - BigInt(chain.confirmations);
    if (finalBlock >= 0n && (await isTokenMinted({ chain, tokenId, blockNumber: finalBlock })))
      return true;
    if (!(await isTokenMinted({ chain, tokenId }))) return false;
    await sleep(chain.client.pollingInterval);
  }
}

/**
 * Relayer mode: the server's account commits (unless the pipeline already did), waits out the
 * commit delay, then mints to the creator's address, done once the mint is `confirmations`
 * blocks deep. Resumable at every step: the salt is saved before the commit is sent, an
 * existing commitment is not sent again, and a token already minted (in a final block) ends the
 * stage.
 */
export async function mint(context: StageContext): Promise<StageResult> {
  const { job, chain, store, save, note, confirmLeading } = context;
  const relayer = requireRelayer(chain);
  if (await isMintFinal({ chain, tokenId: BigInt(job.tokenId) })) {
    return { data: { alreadyMinted: true } };
  }
  const { salt, committedAt } = await commitMint(context);
  const args = mintArgs({
    chain,
    prompt: job.prompt,
    aigcData: job.aigcData as Hex,
    proof: await readMintProof({ store, proofCid: job.proofCid! }),
    tokenUri: `ipfs://${job.metadataCid}`,
    to: getAddress(job.recipient!),
    salt,
  });

  // The reveal's block must be at least commitMinDelay seconds after the commit's; block time
  // follows wall-clock time on a live chain and on anvil alike.
  const readyAtMs = Number(committedAt + chain.commitMinDelay) * 1000;
  if (readyAtMs > Date.now()) await sleep(readyAtMs - Date.now() + 50);

  const contract = { address: chain.collection, abi: proofmintCollectionAbi } as const;
  await confirmLeading();
  const hash = await sendWhenReady(() =>
    relayer.wallet.writeContract({ ...contract, ...args.mint }),
  );
  await save({ mintTx: hash });
  await note("transaction", { kind: "mint", hash });
  // viem counts the receipt's own block as the first confirmation, and re-reads the receipt
  // once deep enough, so a mint a reorganisation dropped is not reported done.
  const receipt = await chain.client.waitForTransactionReceipt({
    hash,
    confirmations: chain.confirmations + 1,
  });
  if (receipt.status !== "success") throw new MintError("the mint transaction reverted", { hash });
  return {
    fields: { mintTx: hash },
    data: { mintTx: hash, blockNumber: Number(receipt.blockNumber) },
  };
}

/**
 * Sends the mint, retrying for a few seconds while the node still judges the commitment too
 * recent (a node may estimate gas against the commit's block time).
 */
async function sendWhenReady(send: () => Promise<Hex>): Promise<Hex> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await send();
    } catch (error) {
      if (attempt >= 20 || decodeRevert({ error })?.errorName !== "ProofmintCommitmentNotReady") {
        throw error;
      }
      await sleep(250);
    }
  }
}
