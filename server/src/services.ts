import type { Chain } from "./chain/chain.ts";
import type { Indexer } from "./chain/indexer.ts";
import type { Config } from "./config/config.ts";
import type { Database } from "./db/database.ts";
import type { ContentStore } from "./ipfs/contentStore.ts";
import type { JobEventBus } from "./jobs/jobEventBus.ts";
import type { JobRunner } from "./jobs/jobRunner.ts";
import type { JobStore } from "./jobs/jobStore.ts";
import type { Logger } from "./logger.ts";
import type { CircuitArtifacts, NativeProverPool } from "./prover/index.ts";

/** Everything the HTTP layer uses, built once by `startServer` (or a test) and passed to `createApp`. */
export type Services = {
  config: Config;
  logger: Logger;
  db: Database;
  store: ContentStore;
  jobs: JobStore;
  bus: JobEventBus;
  runner: Pick<JobRunner, "wake" | "retryAfterSeconds" | "activeCount">;
  chain: Chain;
  artifacts: CircuitArtifacts;
  pool: Pick<NativeProverPool, "busy" | "queued" | "ready" | "starting">;
  indexer: Pick<Indexer, "status">;
  /** Whether this server leads the fleet now: indexes the chain and relays mints. */
  leadership: { readonly leading: boolean };
  startedAt: number;
};
