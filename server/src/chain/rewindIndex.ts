import { desc, eq, gte } from "drizzle-orm";
import type { Tables } from "../db/database.ts";
import type { JobStore } from "../jobs/jobStore.ts";
import type { RecordedBlock } from "./findCommonAncestor.ts";

/** A chain reorganisation the index was rewound for, as `GET /api/health` reports it. */
export type IndexerReorg = {
  /** ISO 8601. */
  detectedAt: string;
  /** Indexed blocks undone: `fromBlock` to `toBlock`. */
  depth: number;
  fromBlock: number;
  toBlock: number;
  /**
   * The newest indexed block the chain still has; null when the reorganisation went deeper
   * than the record and the index is rebuilt from the deployment block.
   */
  ancestor: RecordedBlock | null;
  tokensRemoved: number;
  ownersRestored: number;
  jobsReopened: number;
};

/**
 * Undoes, in one transaction, what the index took from blocks `fromBlock` to `toBlock` (which a
 * reorganisation orphaned): removes the tokens minted there, their transfers and block hashes,
 * gives tokens transferred there back their owner before, moves the cursor back to `fromBlock`
 * (with `ancestor`'s hash, the block before it) and reopens the jobs whose mint was undone
 * (`JobStore.reopenMints`). Re-reading the new chain from `fromBlock` then redoes what it holds.
 */
export function rewindIndex({
  tables,
  jobs,
  cursorName,
  fromBlock,
  toBlock,
  ancestor,
  now = new Date(),
}: {
  /** The database's tables (`Database.tables`). */
  tables: Tables;
  jobs: JobStore;
  cursorName: string;
  fromBlock: number;
  toBlock: number;
  ancestor: RecordedBlock | undefined;
  now?: Date;
}): Promise<IndexerReorg> {
  const { tokens, tokenTransfers, indexedBlocks, indexerCursors } = tables;
  return jobs.transaction(async (tx) => {
    const tokensRemoved = (
      await tx
        .delete(tokens)
        .where(gte(tokens.mintedBlock, fromBlock))
        .returning({ tokenId: tokens.tokenId })
    ).map(({ tokenId }) => tokenId);
    await tx.delete(tokenTransfers).where(gte(tokenTransfers.blockNumber, fromBlock));
    const transferred = await tx
      .select({ tokenId: tokens.tokenId })
      .from(tokens)
      .where(gte(tokens.updatedBlock, fromBlock));
    for (const { tokenId } of transferred) {
      // A token's mint is among its transfers, so an earlier owner is always there.
      const [before] = await tx
        .select()
        .from(tokenTransfers)
        .where(eq(tokenTransfers.tokenId, tokenId))
        .orderBy(desc(tokenTransfers.blockNumber), desc(tokenTransfers.logIndex))
        .limit(1);
      await tx
        .update(tokens)
        .set({ owner: before!.owner, updatedBlock: before!.blockNumber })
        .where(eq(tokens.tokenId, tokenId));
    }
    await tx.delete(indexedBlocks).where(gte(indexedBlocks.number, fromBlock));

    const reorg: IndexerReorg = {
      detectedAt: now.toISOString(),
      depth: toBlock - fromBlock + 1,
      fromBlock,
      toBlock,
      ancestor: ancestor ?? null,
      tokensRemoved: tokensRemoved.length,
      ownersRestored: transferred.length,
      jobsReopened: 0,
    };
    reorg.jobsReopened = (
      await jobs.reopenMints({
        tokenIds: tokensRemoved,
        data: { reason: "chain reorganisation", fromBlock, toBlock },
      })
    ).length;
    await tx
      .update(indexerCursors)
      .set({
        nextBlock: fromBlock,
        blockHash: ancestor?.hash ?? null,
        lastReorg: JSON.stringify(reorg),
        updatedAt: now.getTime(),
      })
      .where(eq(indexerCursors.name, cursorName));
    return reorg;
  });
}
