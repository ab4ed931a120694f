import { GENERATION_STAGES } from "@proofmint/core";
import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";

// The source of `pgSchema.ts`, the PostgreSQL twin of these tables, which
// `node scripts/generate-pg-schema.mjs` writes from this file (`npm run check` compares).

/** Milliseconds since the epoch: SQLite's integers are 64-bit (PostgreSQL's twin uses `bigint`). */
const ms = (name: string) => integer(name);

/** Generation jobs: durable, claimed under a lease, resumed from their last completed stage. */
export const jobs = sqliteTable(
  "jobs",
  {
    id: text("id").primaryKey(),
    prompt: text("prompt").notNull(),
    /** `uint256(keccak256(prompt))` in decimal. */
    tokenId: text("token_id").notNull(),
    stage: text("stage", { enum: GENERATION_STAGES }).notNull(),
    /** Set when the relayer should mint to this address once the job is ready. */
    recipient: text("recipient"),
    /** The output commitment (aigcData), 32 bytes hex, known after `witness`. */
    aigcData: text("aigc_data"),
    imageCid: text("image_cid"),
    outputCid: text("output_cid"),
    proofCid: text("proof_cid"),
    metadataCid: text("metadata_cid"),
    /** The relayed mint's salt, chosen before the commit is sent so a restart reuses it. */
    mintSalt: text("mint_salt"),
    commitTx: text("commit_tx"),
    mintTx: text("mint_tx"),
    errorCode: text("error_code"),
    errorMessage: text("error_message"),
    /** Failed attempts so far; the job fails for good at the configured maximum. */
    failures: integer("failures").notNull().default(0),
    /** `host/pid/uuid` of the process working on the job, while its lease lasts. */
    leaseOwner: text("lease_owner"),
    leaseExpiresAt: ms("lease_expires_at"),
    /** Not claimed before this time (ms): backoff after a failed attempt. */
    runAfter: ms("run_after").notNull().default(0),
    createdAt: ms("created_at").notNull(),
    updatedAt: ms("updated_at").notNull(),
  },
  (table) => [
    index("jobs_stage_idx").on(table.stage, table.createdAt),
    index("jobs_token_idx").on(table.tokenId),
  ],
);

/** Progress of each job, append-only; the id orders them and is the SSE event id. */
export const jobEvents = sqliteTable(
  "job_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    jobId: text("job_id")
      .notNull()
      .references(() => jobs.id),
    type: text("type").notNull(),
    /** JSON object. */
    data: text("data").notNull(),
    createdAt: ms("created_at").notNull(),
  },
  (table) => [index("job_events_job_idx").on(table.jobId, table.id)],
);

/** Tokens of the collection as the indexer has seen them on-chain. */
export const tokens = sqliteTable(
  "tokens",
  {
    /** Decimal. */
    tokenId: text("token_id").primaryKey(),
    prompt: text("prompt").notNull(),
    owner: text("owner").notNull(),
    aigcData: text("aigc_data").notNull(),
    tokenUri: text("token_uri").notNull(),
    mintedBlock: integer("minted_block").notNull(),
    mintedTx: text("minted_tx").notNull(),
    /** Block timestamp of the mint, in seconds. */
    mintedAt: integer("minted_at").notNull(),
    updatedBlock: integer("updated_block").notNull(),
  },
  (table) => [index("tokens_minted_idx").on(table.mintedBlock)],
);

/** Every transfer of a token (its mint included), in chain order: the ownership history. */
export const tokenTransfers = sqliteTable(
  "token_transfers",
  {
    blockNumber: integer("block_number").notNull(),
    logIndex: integer("log_index").notNull(),
    /** Decimal. */
    tokenId: text("token_id").notNull(),
    /** The owner after the transfer. */
    owner: text("owner").notNull(),
    transactionHash: text("transaction_hash").notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.blockNumber, table.logIndex] }),
    index("token_transfers_token_idx").on(table.tokenId, table.blockNumber),
  ],
);

/**
 * Hashes of recently indexed blocks (each batch's last block and every block with an event of
 * the collection), kept `maxReorgDepth` blocks back: after a reorganisation the indexer walks
 * them back to the newest block the chain still has.
 */
export const indexedBlocks = sqliteTable("indexed_blocks", {
  number: integer("number").primaryKey(),
  hash: text("hash").notNull(),
});

/** Where each indexer resumes: the next block it has not read, and the hash of the one before. */
export const indexerCursors = sqliteTable("indexer_cursors", {
  name: text("name").primaryKey(),
  nextBlock: integer("next_block").notNull(),
  /** The hash of block `nextBlock - 1`, checked against the chain before each batch. */
  blockHash: text("block_hash"),
  /** The last reorganisation the index was rewound for, as JSON (`IndexerReorg`). */
  lastReorg: text("last_reorg"),
  updatedAt: ms("updated_at").notNull(),
});

export type Job = typeof jobs.$inferSelect;
export type JobEvent = typeof jobEvents.$inferSelect;
export type Token = typeof tokens.$inferSelect;
export type IndexedBlock = typeof indexedBlocks.$inferSelect;
