import { proofmintCollectionAbi } from "@proofmint/core";
import { eq, ne } from "drizzle-orm";
import { getAbiItem, keccak256, stringToBytes, zeroAddress, type Hex } from "viem";
import type { Database } from "../db/database.ts";
import { indexerCursors, tokens } from "../db/schema.ts";
import type { JobStore } from "../jobs/jobStore.ts";
import type { Logger } from "../logger.ts";
import type { Chain } from "./chain.ts";

const TRANSFER = getAbiItem({ abi: proofmintCollectionAbi, name: "Transfer" });
const AIGC_DATA = getAbiItem({ abi: proofmintCollectionAbi, name: "AigcData" });

export type IndexerStatus = {
  /** The next block to read. */
  nextBlock: number;
  /** The chain's head when last seen. */
  headBlock: number | undefined;
  lastError: string | undefined;
};

type MintedToken = typeof tokens.$inferInsert;

/**
 * Follows the collection's `AigcData` and `Transfer` events into the `tokens` table, from the
 * deployment block on, in batches. A batch and the cursor move in one transaction, so a restart
 * resumes exactly where the last batch ended. Jobs whose token appears are marked minted.
 *
 * The cursor's name includes the hash of the chain's genesis block: a fresh anvil (same chain id,
 * same addresses, other history) is detected and re-indexed from scratch.
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
      lastError: undefined,
    };
  }

  status(): IndexerStatus {
    return { ...this.#status };
  }

  /** Reads the cursor (resetting the index if the chain is another one) and starts polling. */
  async start(): Promise<void> {
    const genesis = await this.#chain.client.getBlock({ blockNumber: 0n });
    this.#cursorName = `${this.#chain.chainId}/${this.#chain.collection}/${genesis.hash}`;
    const stale = this.#db
      .select()
      .from(indexerCursors)
      .where(ne(indexerCursors.name, this.#cursorName))
      .all();
    if (stale.length > 0) {
      this.#logger.warn("the chain or collection changed since the last index: re-indexing", {
        previous: stale.map(({ name }) => name),
      });
      this.#db.transaction((tx) => {
        tx.delete(tokens).run();
        tx.delete(indexerCursors).run();
      });
    }
    const cursor = this.#db
      .select()
      .from(indexerCursors)
      .where(eq(indexerCursors.name, this.#cursorName))
      .get();
    this.#status.nextBlock = cursor?.nextBlock ?? Number(this.#startBlock);
    this.#schedule(0);
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    await this.#running;
  }

  /** Indexes every block up to the current head; resolves when caught up. */
  async catchUp(): Promise<void> {
    for (;;) {
      const head = await this.#chain.client.getBlockNumber({ cacheTime: 0 });
      this.#status.headBlock = Number(head);
      if (BigInt(this.#status.nextBlock) > head) return;
      await this.#indexBatch(head);
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

  async #indexBatch(head: bigint): Promise<void> {
    const { client, collection } = this.#chain;
    const fromBlock = BigInt(this.#status.nextBlock);
    const toBlock =
      fromBlock + this.#batchBlocks - 1n < head ? fromBlock + this.#batchBlocks - 1n : head;
    const logs = await client.getLogs({
      address: collection,
      events: [TRANSFER, AIGC_DATA],
      fromBlock,
      toBlock,
    });

    const minted = new Map<bigint, MintedToken>();
    const owners: { tokenId: bigint; owner: string; block: number }[] = [];
    for (const log of logs) {
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
      } else if (log.eventName === "Transfer" && log.args.from !== zeroAddress) {
        owners.push({
          tokenId: log.args.tokenId!,
          owner: log.args.to!,
          block: Number(log.blockNumber),
        });
      }
    }
    const now = Date.now();
    this.#db.transaction((tx) => {
      for (const token of minted.values()) {
        tx.insert(tokens).values(token).onConflictDoNothing().run();
      }
      for (const { tokenId, owner, block } of owners) {
        tx.update(tokens)
          .set({ owner, updatedBlock: block })
          .where(eq(tokens.tokenId, tokenId.toString()))
          .run();
      }
      const next = Number(toBlock + 1n);
      tx.insert(indexerCursors)
        .values({ name: this.#cursorName, nextBlock: next, updatedAt: now })
        .onConflictDoUpdate({
          target: indexerCursors.name,
          set: { nextBlock: next, updatedAt: now },
        })
        .run();
    });
    this.#status.nextBlock = Number(toBlock + 1n);
    for (const [tokenId, token] of minted) {
      this.#jobs.markMinted({
        tokenId,
        data: { tokenId: token.tokenId, owner: token.owner, tx: token.mintedTx },
      });
    }
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
