// Generated from server/src/db/schema.ts, which documents every table, by
// scripts/generate-pg-schema.mjs: do not edit. The PostgreSQL twin of the SQLite tables:
// milliseconds since the epoch are `bigint` (read as numbers); block numbers and timestamps in
// seconds fit `integer`.
import { GENERATION_STAGES } from "@proofmint/core";
import { bigint, index, integer, pgTable, primaryKey, serial, text } from "drizzle-orm/pg-core";

const ms = (name: string) => bigint(name, { mode: "number" });

export const jobs = pgTable(
  "jobs",
  {
    id: text("id").primaryKey(),
    prompt: text("prompt").notNull(),
    tokenId: text("token_id").notNull(),
    stage: text("stage", { enum: GENERATION_STAGES }).notNull(),
    recipient: text("recipient"),
    aigcData: text("aigc_data"),
    imageCid: text("image_cid"),
    outputCid: text("output_cid"),
    proofCid: text("proof_cid"),
    metadataCid: text("metadata_cid"),
    mintSalt: text("mint_salt"),
    commitTx: text("commit_tx"),
    mintTx: text("mint_tx"),
    errorCode: text("error_code"),
    errorMessage: text("error_message"),
    failures: integer("failures").notNull().default(0),
    leaseOwner: text("lease_owner"),
    leaseExpiresAt: ms("lease_expires_at"),
    runAfter: ms("run_after").notNull().default(0),
    createdAt: ms("created_at").notNull(),
    updatedAt: ms("updated_at").notNull(),
  },
  (table) => [
    index("jobs_stage_idx").on(table.stage, table.createdAt),
    index("jobs_token_idx").on(table.tokenId),
  ],
);

export const jobEvents = pgTable(
  "job_events",
  {
    id: serial("id").primaryKey(),
    jobId: text("job_id")
      .notNull()
      .references(() => jobs.id),
    type: text("type").notNull(),
    data: text("data").notNull(),
    createdAt: ms("created_at").notNull(),
  },
  (table) => [index("job_events_job_idx").on(table.jobId, table.id)],
);

export const tokens = pgTable(
  "tokens",
  {
    tokenId: text("token_id").primaryKey(),
    prompt: text("prompt").notNull(),
    owner: text("owner").notNull(),
    aigcData: text("aigc_data").notNull(),
    tokenUri: text("token_uri").notNull(),
    mintedBlock: integer("minted_block").notNull(),
    mintedTx: text("minted_tx").notNull(),
    mintedAt: integer("minted_at").notNull(),
    updatedBlock: integer("updated_block").notNull(),
  },
  (table) => [index("tokens_minted_idx").on(table.mintedBlock)],
);

export const tokenTransfers = pgTable(
  "token_transfers",
  {
    blockNumber: integer("block_number").notNull(),
    logIndex: integer("log_index").notNull(),
    tokenId: text("token_id").notNull(),
    owner: text("owner").notNull(),
    transactionHash: text("transaction_hash").notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.blockNumber, table.logIndex] }),
    index("token_transfers_token_idx").on(table.tokenId, table.blockNumber),
  ],
);

export const indexedBlocks = pgTable("indexed_blocks", {
  number: integer("number").primaryKey(),
  hash: text("hash").notNull(),
});

export const indexerCursors = pgTable("indexer_cursors", {
  name: text("name").primaryKey(),
  nextBlock: integer("next_block").notNull(),
  blockHash: text("block_hash"),
  lastReorg: text("last_reorg"),
  updatedAt: ms("updated_at").notNull(),
});
