import Sqlite from "better-sqlite3";
import { asc, eq } from "drizzle-orm";
import pg from "pg";
import { describe, expect, it } from "vitest";
import type { Config } from "../config/config.ts";
import type { Database, DatabaseKind } from "../db/database.ts";
import { JobEventBus } from "../jobs/jobEventBus.ts";
import { nextStage } from "@proofmint/core";
import { JobStore } from "../jobs/jobStore.ts";
import { partialServices } from "../testing/partialServices.ts";
import { DATABASE_KINDS } from "../testing/testDatabases.ts";
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
async function indexedState(database: DatabaseKind) {
  const { db, config } = await partialServices({}, { database });
  const { indexedBlocks, indexerCursors, jobs, tokens, tokenTransfers } = db.tables;
  const bus = new JobEventBus();
  const store = new JobStore({ db, bus });
  await db.transaction((q) =>
    q
      .insert(tokens)
      .values([
        { ...token("1", bob, 10), updatedBlock: 15 },
        token("2", carol, 12),
        token("3", dave, 15),
      ]),
  );
  const transfer = (tokenId: string, owner: string, blockNumber: number, logIndex = 0) => ({
    tokenId,
    owner,
    blockNumber,
    logIndex,
    transactionHash: `0xt${blockNumber}`,
  });
  await db.transaction(async (q) => {
    await q
      .insert(tokenTransfers)
      .values([
        transfer("1", alice, 10),
        transfer("2", carol, 12),
        transfer("1", bob, 15),
        transfer("3", dave, 15, 1),
      ]);
    await q
      .insert(indexedBlocks)
      .values([10, 12, 15, 20].map((number) => ({ number, hash: `0xh${number}` })));
    await q
      .insert(indexerCursors)
      .values({ name: "cursor", nextBlock: 21, blockHash: "0xh20", updatedAt: 0 });
  });

  const job = async (
    tokenId: string,
    recipient: string | null,
    fields: Partial<typeof jobs.$inferInsert>,
  ) => {
    const { id } = await store.create({
      prompt: `prompt ${tokenId}`,
      tokenId: BigInt(tokenId),
      recipient,
    });
    await db.transaction((q) => q.update(jobs).set(fields).where(eq(jobs.id, id)));
    return id;
  };
  const ids = {
    walletMinted: await job("2", null, { stage: "minted" }),
    relayedMinted: await job("3", dave, { stage: "minted", mintTx: "0xt15" }),
    relayedUnindexed: await job("4", alice, { stage: "mint", mintTx: "0xt19" }),
    supersededProving: await job("3", null, {
      stage: "prove",
      errorCode: "PROMPT_ALREADY_MINTED",
      errorMessage: "the prompt was minted by another generation",
    }),
    otherFailure: await job("3", null, {
      stage: "prove",
      errorCode: "PROOF_FAILED",
      errorMessage: "x",
    }),
  };
  return { db, config, bus, store, ids };
}

const rows = (db: Database) =>
  db.read(async (q) => {
    const { indexedBlocks, indexerCursors, jobs, tokens, tokenTransfers } = db.tables;
    return {
      tokens: await q.select().from(tokens).orderBy(asc(tokens.tokenId)),
      transfers: await q
        .select()
        .from(tokenTransfers)
        .orderBy(asc(tokenTransfers.blockNumber), asc(tokenTransfers.logIndex)),
      blocks: await q.select().from(indexedBlocks).orderBy(asc(indexedBlocks.number)),
      cursor: (await q.select().from(indexerCursors))[0],
      jobs: await q.select().from(jobs).orderBy(asc(jobs.id)),
    };
  });

/** Makes every update of the indexer cursor fail, through a connection of its own. */
async function failCursorUpdates(config: Config): Promise<void> {
  if (config.postgresUrl === undefined) {
    const client = new Sqlite(config.databasePath);
    client.exec(
      "CREATE TRIGGER fail_cursor BEFORE UPDATE ON indexer_cursors BEGIN SELECT RAISE(ABORT, 'disk full'); END",
    );
    client.close();
    return;
  }
  const client = new pg.Client({ connectionString: config.postgresUrl.reveal() });
  await client.connect();
  await client.query(
    "CREATE FUNCTION fail_cursor() RETURNS trigger LANGUAGE plpgsql AS " +
      "$$ BEGIN RAISE EXCEPTION 'disk full'; END $$",
  );
  await client.query(
    "CREATE TRIGGER fail_cursor BEFORE UPDATE ON indexer_cursors " +
      "FOR EACH ROW EXECUTE FUNCTION fail_cursor()",
  );
  await client.end();
}

describe.each(DATABASE_KINDS)("rewindIndex on %s", (database) => {
  it(
    "removes what the orphaned blocks added, restores owners, moves the cursor and reopens " +
      "the mints undone, in one transaction",
    async () => {
      const { db, bus, store, ids } = await indexedState(database);
      const published: string[] = [];
      for (const id of Object.values(ids)) {
        bus.subscribe(id, (event) => published.push(`${event.type}:${id}`));
      }
      const reorg = await rewindIndex({
        tables: db.tables,
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

      const after = await rows(db);
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

      const job = async (id: string) => (await store.get(id))!;
      expect((await job(ids.walletMinted)).stage).toBe("minted");
      expect(await job(ids.relayedMinted)).toMatchObject({ stage: "ready", mintTx: "0xt15" });
      expect(nextStage(await job(ids.relayedMinted))).toBe("mint");
      expect((await job(ids.relayedUnindexed)).stage).toBe("ready");
      expect(await job(ids.supersededProving)).toMatchObject({ stage: "prove", errorCode: null });
      expect(nextStage(await job(ids.supersededProving))).toBe("verify");
      expect((await job(ids.otherFailure)).errorCode).toBe("PROOF_FAILED");
      const reorgEvent = (await store.events(ids.relayedMinted)).at(-1)!;
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
    const { db, store, ids } = await indexedState(database);
    const reorg = await rewindIndex({
      tables: db.tables,
      jobs: store,
      cursorName: "cursor",
      fromBlock: 5,
      toBlock: 20,
      ancestor: undefined,
    });
    expect(reorg).toMatchObject({ depth: 16, ancestor: null, tokensRemoved: 3, jobsReopened: 4 });
    const after = await rows(db);
    expect([after.tokens, after.transfers, after.blocks]).toEqual([[], [], []]);
    expect(after.cursor).toMatchObject({ nextBlock: 5, blockHash: null });
    expect((await store.get(ids.walletMinted))?.stage).toBe("ready");
    expect(nextStage((await store.get(ids.walletMinted))!)).toBeUndefined();
  });

  it("changes nothing, and publishes nothing, when its transaction fails", async () => {
    const { db, config, bus, store, ids } = await indexedState(database);
    const before = await rows(db);
    const published: string[] = [];
    bus.subscribe(ids.relayedMinted, (event) => published.push(event.type));
    await failCursorUpdates(config);
    const failure = await rewindIndex({
      tables: db.tables,
      jobs: store,
      cursorName: "cursor",
      fromBlock: 13,
      toBlock: 20,
      ancestor: { number: 12, hash: "0xh12" },
    }).then(
      () => undefined,
      (error: unknown) => error as Error,
    );
    // drizzle wraps PostgreSQL's error (the cause) in one naming the failed query.
    expect(`${failure?.message} ${(failure?.cause as Error | undefined)?.message}`).toMatch(
      /disk full/,
    );
    expect(await rows(db)).toEqual(before);
    expect(published).toEqual([]);
  });
});
