import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../config/config.ts";
import type { DatabaseKind } from "../db/database.ts";
import { openDatabase } from "../db/openDatabase.ts";
import type { ContentStore } from "../ipfs/contentStore.ts";
import { EmbeddedContentStore } from "../ipfs/embeddedContentStore.ts";
import { JobEventBus } from "../jobs/jobEventBus.ts";
import { JobStore } from "../jobs/jobStore.ts";
import { createLogger } from "../logger.ts";
import type { Services } from "../services.ts";
import { testDatabaseEnv } from "./testDatabases.ts";

/**
/**
 * For unit tests of the HTTP layer and the stores: the real database (a fresh SQLite file, or a
 * fresh PostgreSQL database with `database: "postgres"`), the real embedded content store (or the
 * `store` given) and job store, and no chain, prover or runner. Requests that would reach those
 * fail the test with a TypeError, so a test using this shows it needs none of them.
 */
export async function partialServices(
  env: Record<string, string> = {},
  { database = "sqlite", store }: { database?: DatabaseKind; store?: ContentStore } = {},
): Promise<Services & { dir: string }> {
  const dir = await mkdtemp(join(tmpdir(), "proofmint-unit-"));
  const config = loadConfig({
    env: { DATA_DIR: dir, CHAIN_ID: "31337", ...(await testDatabaseEnv(database)), ...env },
    root: dir,
  });
  const db = await openDatabase({ config });
  const bus = new JobEventBus();
  return {
    dir,
    config,
    logger: createLogger({ level: "error", write: () => {} }),
    db,
    store: store ?? (await EmbeddedContentStore.open({ dir: join(dir, "blocks") })),
    jobs: new JobStore({ db, bus }),
    bus,
    startedAt: Date.now(),
  } as unknown as Services & { dir: string };
}
