import { proofmintCollectionAbi } from "@proofmint/core";
import { and, eq, gt, isNull, lt, ne, or } from "drizzle-orm";
import { BlockNotFoundError, getAbiItem, keccak256, stringToBytes, type Hex } from "viem";
import type { Database } from "../db/database.ts";
import type { tokens, tokenTransfers } from "../db/schema.ts";
import type { JobStore } from "../jobs/jobStore.ts";
import type { Logger } from "../logger.ts";
import type { Chain } from "./chain.ts";
import { findCommonAncestor } from "./findCommonAncestor.ts";
import { rewindIndex, type IndexerReorg } from "./rewindIndex.ts";

const TRANSFER = getAbiItem({ abi: proofmintCollectionAbi, name: "Transfer" });
const AIGC_DATA = getAbiItem({ abi: proofmintCollectionAbi, name: "AigcData" });

export type IndexerStatus = {
  /** The next block to read. */
  nextBlock: number;
  /** The chain's head when last seen. */
  headBlock: number | undefined;
  /** Blocks the index stays behind the head. */
  confirmations: number;
  lastError: string | undefined;
  lastReorg: IndexerReorg | undefined;
};

type MintedToken = typeof tokens.$inferInsert;
type Transfer = typeof tokenTransfers.$inferInsert;

/**
 * Follows the collection's `AigcData` and `Transfer` events into the `tokens` table, from the
 * deployment block on, in batches, reading only blocks `confirmations` deep. A batch, the jobs
 * it marks minted and the cursor move in one transaction, so a restart resumes exactly where
 * the last batch ended.
 *
 * The cursor keeps the hash of the last block read, checked against the chain before each
 * batch: after a reorganisation the index is rewound to the newest recorded block the chain
 * still has (`rewindIndex`) and read again from there; a reorganisation deeper than
 * `maxReorgDepth` rebuilds it from the deployment block. The cursor's name includes the hash of
 * the chain's genesis block: a fresh anvil (same chain id, same addresses, other history) is
 * detected and re-indexed from scratch.
 */
export class Indexer {
  readonly #chain: Chain;
  readonly #db: Database;
  readonly #jobs: JobStore;
  readonly #logger: Logger;
  readonly #startBlock: bigint;
  readonly #pollMs: number;
  readonly #batchBlocks: bigint;
  #cursorName = "";
  #status: IndexerStatus;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;
  #stopped = false;

  constructor(options: {
    chain: Chain;
    db: Database;
    jobs: JobStore;
    logger: Logger;
    startBlock: bigint;
    pollMs: number;
    batchBlocks?: bigint;
  }) {
    this.#chain = options.chain;
    this.#db = options.db;
    this.#jobs = options.jobs;
    this.#logger = options.logger;
    this.#startBlock = options.startBlock;
    this.#pollMs = options.pollMs;
    this.#batchBlocks = options.batchBlocks ?? 2000n;
    this.#status = {
      nextBlock: Number(options.startBlock),
      headBlock: undefined,
      confirmations: options.chain.confirmations,
      lastError: undefined,
      lastReorg: undefined,
    };
  }

  status(): IndexerStatus {
    return { ...this.#status };
  }

  /** Reads the cursor (resetting the index if the chain is another one) and starts polling. */
  async start(): Promise<void> {
    this.#stopped = false;
    const genesis = await this.#chain.client.getBlock({ blockNumber: 0n });
    this.#cursorName = `${this.#chain.chainId}/${this.#chain.collection}/${genesis.hash}`;
    // A cursor that moved on without a block hash was written before reorganisations were
    // handled: its tokens have no recorded transfers to rewind, so they are read again too.
    const { indexerCursors, tokens, tokenTransfers, indexedBlocks } = this.#db.tables;
    const stale = await this.#db.read((q) =>
      q
        .select()
        .from(indexerCursors)
        .where(
          or(
            ne(indexerCursors.name, this.#cursorName),
            and(
              isNull(indexerCursors.blockHash),
              gt(indexerCursors.nextBlock, Number(this.#startBlock)),
            ),
          ),
        ),
    );
    if (stale.length > 0) {
      this.#logger.warn(
        "re-indexing from the deployment block: the chain or collection changed, or the " +
          "index predates block hashes",
        { previous: stale.map(({ name }) => name) },
      );
      await this.#db.transaction(async (tx) => {
        await tx.delete(tokens);
        await tx.delete(tokenTransfers);
        await tx.delete(indexedBlocks);
        await tx.delete(indexerCursors);
      });
    }
    const cursor = await this.#cursor();
    this.#status.nextBlock = cursor?.nextBlock ?? Number(this.#startBlock);
    this.#status.lastReorg =
      cursor?.lastReorg == null ? undefined : (JSON.parse(cursor.lastReorg) as IndexerReorg);
    this.#schedule(0);
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    await this.#running;
  }

  /** Indexes every block up to `confirmations` below the current head; resolves when caught up. */
  async catchUp(): Promise<void> {
    for (;;) {
      const head = await this.#chain.client.getBlockNumber({ cacheTime: 0 });
      this.#status.headBlock = Number(head);
      if (!(await this.#followsChain(head))) return;
      const finalBlock = head - BigInt(this.#chain.confirmations);
      if (BigInt(this.#status.nextBlock) > finalBlock) return;
      await this.#indexBatch(finalBlock);
    }
  }

  #schedule(delay: number): void {
    if (this.#stopped) return;
    this.#timer = setTimeout(() => {
      this.#running = this.catchUp()
        .then(() => {
          this.#status.lastError = undefined;
        })
        .catch((error: unknown) => {
          this.#status.lastError = error instanceof Error ? error.message : String(error);
          this.#logger.warn("indexer batch failed; retrying", { error });
        })
        .finally(() => this.#schedule(this.#pollMs));
    }, delay);
  }

  async #cursor() {
    const { indexerCursors } = this.#db.tables;
    const [cursor] = await this.#db.read((q) =>
      q.select().from(indexerCursors).where(eq(indexerCursors.name, this.#cursorName)),
    );
    return cursor;
  }

  /** The chain's hash of a block, or undefined when it has no such block. */
  async #blockHash(number: bigint | number): Promise<Hex | undefined> {
    try {
      return (await this.#chain.client.getBlock({ blockNumber: BigInt(number) })).hash;
    } catch (error) {
      if (error instanceof BlockNotFoundError) return undefined;
      throw error;
    }
  }

  /**
   * Checks that the chain still has the last block read, and rewinds the index when it does
   * not. False while the chain is shorter than the index (a node behind the one read before, or
   * blocks rolled back and not yet replaced): nothing is undone on a chain that has not grown
   * past what was read.
   */
  async #followsChain(head: bigint): Promise<boolean> {
    const cursor = await this.#cursor();
    if (cursor?.blockHash == null) return true;
    const lastIndexed = cursor.nextBlock - 1;
    if (BigInt(lastIndexed) > head) return false;
    if ((await this.#blockHash(lastIndexed)) === cursor.blockHash) return true;
    await this.#rewind(lastIndexed);
    return true;
  }

  async #rewind(lastIndexed: number): Promise<void> {
    const { maxReorgDepth, relayer } = this.#chain;
    const ancestor = await findCommonAncestor({
      recorded: await this.#db.read((q) => q.select().from(this.#db.tables.indexedBlocks)),
      lastIndexed,
      maxDepth: maxReorgDepth,
      hashAt: (number) => this.#blockHash(number),
    });
    const reorg = await rewindIndex({
      tables: this.#db.tables,
      jobs: this.#jobs,
      cursorName: this.#cursorName,
      fromBlock: ancestor === undefined ? Number(this.#startBlock) : ancestor.number + 1,
      toBlock: lastIndexed,
      ancestor,
    });
    this.#status.nextBlock = reorg.fromBlock;
    this.#status.lastReorg = reorg;
    // Transactions the relayer sent in the orphaned blocks may be gone with them.
    relayer?.resetNonce();
    if (ancestor === undefined) {
      this.#logger.error(
        `chain reorganisation deeper than INDEXER_MAX_REORG_DEPTH (${maxReorgDepth} blocks): ` +
          "rebuilding the index from the deployment block",
        reorg,
      );
    } else {
      this.#logger.warn(
        `chain reorganisation: rewound the index ${reorg.depth} blocks, to block ` +
          `${ancestor.number}`,
        reorg,
      );
    }
  }

  async #indexBatch(finalBlock: bigint): Promise<void> {
    const { client, collection, maxReorgDepth } = this.#chain;
    const cursorHash = (await this.#cursor())?.blockHash ?? undefined;
    const fromBlock = BigInt(this.#status.nextBlock);
    const toBlock =
      fromBlock + this.#batchBlocks - 1n < finalBlock
        ? fromBlock + this.#batchBlocks - 1n
        : finalBlock;
    const toBlockHash = await this.#blockHash(toBlock);
    const logs = await client.getLogs({
      address: collection,
      events: [TRANSFER, AIGC_DATA],
      fromBlock,
      toBlock,
    });

    const minted = new Map<bigint, MintedToken>();
    const transfers: Transfer[] = [];
    const blocks = new Map<number, string>();
    for (const log of logs) {
      blocks.set(Number(log.blockNumber), log.blockHash);
      if (log.eventName === "AigcData") {
        minted.set(
          log.args.tokenId!,
          await this.#readToken({
            tokenId: log.args.tokenId!,
            promptHash: log.args.prompt!,
            aigcDataHash: log.args.aigcData!,
            blockNumber: log.blockNumber,
            transactionHash: log.transactionHash,
          }),
        );
      } else if (log.eventName === "Transfer") {
        transfers.push({
          blockNumber: Number(log.blockNumber),
          logIndex: log.logIndex,
          tokenId: log.args.tokenId!.toString(),
          owner: log.args.to!,
          transactionHash: log.transactionHash,
        });
      }
    }
    // What was read belongs to one chain only if that chain still ends the batch with the same
    // block and still holds the cursor's: otherwise the next round looks again.
    const [toBlockHashNow, cursorHashNow] = await Promise.all([
      this.#blockHash(toBlock),
      cursorHash === undefined ? undefined : this.#blockHash(fromBlock - 1n),
    ]);
    if (
      toBlockHash === undefined ||
      toBlockHashNow !== toBlockHash ||
      cursorHashNow !== cursorHash
    ) {
      this.#logger.debug("the chain changed while a batch was read: reading it again", {
        fromBlock: Number(fromBlock),
        toBlock: Number(toBlock),
      });
      return;
    }
    blocks.set(Number(toBlock), toBlockHash);

    const next = Number(toBlock + 1n);
    const now = Date.now();
    const { tokens, tokenTransfers, indexedBlocks, indexerCursors } = this.#db.tables;
    await this.#jobs.transaction(async (tx) => {
      for (const token of minted.values()) {
        await tx.insert(tokens).values(token).onConflictDoNothing();
      }
      for (const transfer of transfers) {
        await tx.insert(tokenTransfers).values(transfer).onConflictDoNothing();
        await tx
          .update(tokens)
          .set({ owner: transfer.owner, updatedBlock: transfer.blockNumber })
          .where(eq(tokens.tokenId, transfer.tokenId));
      }
      for (const [number, hash] of blocks) {
        await tx
          .insert(indexedBlocks)
          .values({ number, hash })
          .onConflictDoUpdate({ target: indexedBlocks.number, set: { hash } });
      }
      await tx.delete(indexedBlocks).where(lt(indexedBlocks.number, next - 1 - maxReorgDepth));
      await tx
        .insert(indexerCursors)
        .values({ name: this.#cursorName, nextBlock: next, blockHash: toBlockHash, updatedAt: now })
        .onConflictDoUpdate({
          target: indexerCursors.name,
          set: { nextBlock: next, blockHash: toBlockHash, updatedAt: now },
        });
      for (const [tokenId, token] of minted) {
        await this.#jobs.markMinted({
          tokenId,
          data: { tokenId: token.tokenId, owner: token.owner, tx: token.mintedTx },
        });
      }
    });
    this.#status.nextBlock = next;
    if (minted.size > 0)
      this.#logger.info("indexed minted tokens", { count: minted.size, toBlock: Number(toBlock) });
  }

  /**
   * A minted token's data, read at the block of its `AigcData` event. The event indexes the
   * prompt and aigcData as hashes; the values read are checked against them.
   */
  async #readToken(log: {
    tokenId: bigint;
    promptHash: Hex;
    aigcDataHash: Hex;
    blockNumber: bigint;
    transactionHash: Hex;
  }): Promise<MintedToken> {
    const { client, collection } = this.#chain;
    const { tokenId } = log;
    const at = {
      address: collection,
      abi: proofmintCollectionAbi,
      blockNumber: log.blockNumber,
    } as const;
    const [prompt, aigcData, tokenUri, owner, block] = await Promise.all([
      client.readContract({ ...at, functionName: "prompt", args: [tokenId] }),
      client.readContract({ ...at, functionName: "aigcData", args: [tokenId] }),
      client.readContract({ ...at, functionName: "tokenURI", args: [tokenId] }),
      client.readContract({ ...at, functionName: "ownerOf", args: [tokenId] }),
      client.getBlock({ blockNumber: log.blockNumber }),
    ]);
    if (
      keccak256(stringToBytes(prompt)) !== log.promptHash ||
      keccak256(aigcData) !== log.aigcDataHash
    ) {
      this.#logger.error("AigcData event disagrees with the collection's state", { tokenId });
    }
    return {
      tokenId: tokenId.toString(),
      prompt,
      owner,
      aigcData: aigcData as Hex,
      tokenUri,
      mintedBlock: Number(log.blockNumber),
      mintedTx: log.transactionHash,
      mintedAt: Number(block.timestamp),
      updatedBlock: Number(log.blockNumber),
    };
  }
}
