import { asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Database } from "../db/database.ts";
import { indexedBlocks, indexerCursors, jobs, tokens, tokenTransfers } from "../db/schema.ts";
import { JobEventBus } from "../jobs/jobEventBus.ts";
import { nextStage } from "@proofmint/core";
import { JobStore } from "../jobs/jobStore.ts";
import { partialServices } from "../testing/partialServices.ts";
import { rewindIndex } from "./rewindIndex.ts";

const [alice, bob, carol, dave] = ["0xa11ce", "0xb0b", "0xca201", "0xda4e"];

function token(tokenId: string, owner: string, block: number) {
  return {
    tokenId,
    prompt: `prompt ${tokenId}`,
    owner,
    aigcData: "0x01",
    tokenUri: "ipfs://x",
    mintedBlock: block,
    mintedTx: `0xt${block}`,
    mintedAt: block,
    updatedBlock: block,
  };
}

/**
 * An index read up to block 20 on the real database: token 1 minted at 10 and transferred to
 * bob at 15, token 2 minted at 12, token 3 minted at 15; jobs in each state a rewind concerns.
 */
async function indexedState() {
  const { db } = await partialServices();
  const bus = new JobEventBus();
  const store = new JobStore({ db, bus });
  db.insert(tokens)
    .values([
      { ...token("1", bob, 10), updatedBlock: 15 },
      token("2", carol, 12),
      token("3", dave, 15),
    ])
    .run();
  const transfer = (tokenId: string, owner: string, blockNumber: number, logIndex = 0) => ({
    tokenId,
    owner,
    blockNumber,
    logIndex,
    transactionHash: `0xt${blockNumber}`,
  });
  db.insert(tokenTransfers)
    .values([
      transfer("1", alice, 10),
      transfer("2", carol, 12),
      transfer("1", bob, 15),
      transfer("3", dave, 15, 1),
    ])
    .run();
  db.insert(indexedBlocks)
    .values([10, 12, 15, 20].map((number) => ({ number, hash: `0xh${number}` })))
    .run();
  db.insert(indexerCursors)
    .values({ name: "cursor", nextBlock: 21, blockHash: "0xh20", updatedAt: 0 })
    .run();

  const job = (
    tokenId: string,
    recipient: string | null,
    fields: Partial<typeof jobs.$inferInsert>,
  ) => {
    const { id } = store.create({
      prompt: `prompt ${tokenId}`,
      tokenId: BigInt(tokenId),
      recipient,
    });
    db.update(jobs).set(fields).where(eq(jobs.id, id)).run();
    return id;
  };
  const ids = {
    walletMinted: job("2", null, { stage: "minted" }),
    relayedMinted: job("3", dave, { stage: "minted", mintTx: "0xt15" }),
    relayedUnindexed: job("4", alice, { stage: "mint", mintTx: "0xt19" }),
    supersededProving: job("3", null, {
      stage: "prove",
      errorCode: "PROMPT_ALREADY_MINTED",
      errorMessage: "the prompt was minted by another generation",
    }),
    otherFailure: job("3", null, { stage: "prove", errorCode: "PROOF_FAILED", errorMessage: "x" }),
  };
  return { db, bus, store, ids };
}

const rows = (db: Database) => ({
  tokens: db.select().from(tokens).orderBy(asc(tokens.tokenId)).all(),
  transfers: db.select().from(tokenTransfers).all(),
  blocks: db.select().from(indexedBlocks).orderBy(asc(indexedBlocks.number)).all(),
  cursor: db.select().from(indexerCursors).get(),
  jobs: db.select().from(jobs).all(),
});

describe("rewindIndex", () => {
  it(
    "removes what the orphaned blocks added, restores owners, moves the cursor and reopens " +
      "the mints undone, in one transaction",
    async () => {
      const { db, bus, store, ids } = await indexedState();
      const published: string[] = [];
      for (const id of Object.values(ids)) {
        bus.subscribe(id, (event) => published.push(`${event.type}:${id}`));
      }
      const reorg = rewindIndex({
        jobs: store,
        cursorName: "cursor",
        fromBlock: 13,
        toBlock: 20,
        ancestor: { number: 12, hash: "0xh12" },
        now: new Date("2026-01-02T03:04:05Z"),
      });
      expect(reorg).toEqual({
        detectedAt: "2026-01-02T03:04:05.000Z",
        depth: 8,
        fromBlock: 13,
        toBlock: 20,
        ancestor: { number: 12, hash: "0xh12" },
        tokensRemoved: 1,
        ownersRestored: 1,
        jobsReopened: 3,
      });

      const after = rows(db);
      expect(
        after.tokens.map(({ tokenId, owner, updatedBlock }) => [tokenId, owner, updatedBlock]),
      ).toEqual([
        ["1", alice, 10],
        ["2", carol, 12],
      ]);
      expect(after.transfers.map(({ tokenId, blockNumber }) => [tokenId, blockNumber])).toEqual([
        ["1", 10],
        ["2", 12],
      ]);
      expect(after.blocks.map(({ number }) => number)).toEqual([10, 12]);
      expect(after.cursor).toMatchObject({ nextBlock: 13, blockHash: "0xh12" });
      expect(JSON.parse(after.cursor!.lastReorg!)).toEqual(reorg);

      const job = (id: string) => store.get(id)!;
      expect(job(ids.walletMinted).stage).toBe("minted");
      expect(job(ids.relayedMinted)).toMatchObject({ stage: "ready", mintTx: "0xt15" });
      expect(nextStage(job(ids.relayedMinted))).toBe("mint");
      expect(job(ids.relayedUnindexed).stage).toBe("ready");
      expect(job(ids.supersededProving)).toMatchObject({ stage: "prove", errorCode: null });
      expect(nextStage(job(ids.supersededProving))).toBe("verify");
      expect(job(ids.otherFailure).errorCode).toBe("PROOF_FAILED");
      const reorgEvent = store.events(ids.relayedMinted).at(-1)!;
      expect(reorgEvent.type).toBe("reorg");
      expect(JSON.parse(reorgEvent.data)).toEqual({
        reason: "chain reorganisation",
        fromBlock: 13,
        toBlock: 20,
        stage: "ready",
      });
      expect(published.sort()).toEqual(
        [ids.relayedMinted, ids.relayedUnindexed, ids.supersededProving]
          .map((id) => `reorg:${id}`)
          .sort(),
      );
    },
  );

  it("without an ancestor, empties the index back to the deployment block", async () => {
    const { db, store, ids } = await indexedState();
    const reorg = rewindIndex({
      jobs: store,
      cursorName: "cursor",
      fromBlock: 5,
      toBlock: 20,
      ancestor: undefined,
    });
    expect(reorg).toMatchObject({ depth: 16, ancestor: null, tokensRemoved: 3, jobsReopened: 4 });
    const after = rows(db);
    expect([after.tokens, after.transfers, after.blocks]).toEqual([[], [], []]);
    expect(after.cursor).toMatchObject({ nextBlock: 5, blockHash: null });
    expect(store.get(ids.walletMinted)?.stage).toBe("ready");
    expect(nextStage(store.get(ids.walletMinted)!)).toBeUndefined();
  });

  it("changes nothing, and publishes nothing, when its transaction fails", async () => {
    const { db, bus, store, ids } = await indexedState();
    const before = rows(db);
    const published: string[] = [];
    bus.subscribe(ids.relayedMinted, (event) => published.push(event.type));
    db.$client.exec(
      "CREATE TRIGGER fail_cursor BEFORE UPDATE ON indexer_cursors BEGIN SELECT RAISE(ABORT, 'disk full'); END",
    );
    expect(() =>
      rewindIndex({
        jobs: store,
        cursorName: "cursor",
        fromBlock: 13,
        toBlock: 20,
        ancestor: { number: 12, hash: "0xh12" },
      }),
    ).toThrow(/disk full/);
    expect(rows(db)).toEqual(before);
    expect(published).toEqual([]);
  });
});
