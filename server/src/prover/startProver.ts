import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { connectChain } from "../chain/chain.ts";
import type { Config } from "../config/config.ts";
import { ConfigError } from "../config/ConfigError.ts";
import { openDatabase } from "../db/openDatabase.ts";
import { openContentStore } from "../ipfs/openContentStore.ts";
import { JobEventBus } from "../jobs/jobEventBus.ts";
import { configuredJobRunner } from "../jobs/configuredJobRunner.ts";
import type { JobRunner } from "../jobs/jobRunner.ts";
import { ServerError } from "../errors.ts";
import { configuredJobQueue } from "../jobs/jobQueue.ts";
import { JobStore } from "../jobs/jobStore.ts";
import { RenderThreads } from "../jobs/renderThreads.ts";
import type { Logger } from "../logger.ts";
import { modelInfo } from "../models/modelInfo.ts";
import { loadCircuitArtifacts } from "./circuitArtifacts.ts";
import { EngineThreads } from "./engineThreads.ts";
import type { NativeProverPool } from "./nativeProverPool.ts";
import { startProverPool } from "./startProverPool.ts";

export type RunningProver = {
  /** The lease owner id its claims carry (`host/pid/uuid`). */
  owner: string;
  /** Its own folder for job files. */
  workDir: string;
  pool: NativeProverPool;
  runner: JobRunner;
  /** Stops claiming, stops the provers, gives back every lease held, and closes what it opened. */
  close(): Promise<void>;
};

/**
 * A prover worker (`npm run prover`): takes proving-pipeline jobs (witness to ready) from the
 * shared database under leases and runs them with its own native prover pool. It reads inputs
 * from the database and writes results to the database and the content store; its job files live
 * in its own folder (`PROVER_WORK_DIR`, else a fresh temporary one), so it needs nothing from an
 * API server's disk. It never mints: it holds no relayer key, and relayed mints, the indexer and
 * the HTTP API stay with the API servers.
 *
 * @throws {ConfigError} when PROVER_POOL_SIZE is 0.
 */
export async function startProver({
  config,
  logger,
}: {
  config: Config;
  logger: Logger;
}): Promise<RunningProver> {
  if (config.prover.poolSize < 1) {
    throw new ConfigError([
      "PROVER_POOL_SIZE: a prover process needs at least 1 prover (0 is for API servers " +
        "that leave proving to prover processes)",
    ]);
  }
  const ownWorkDir = config.prover.workDir === undefined;
  const workDir = ownWorkDir
    ? await mkdtemp(join(tmpdir(), "proofmint-prover-"))
    : config.prover.workDir!;
  await mkdir(workDir, { recursive: true });

  const db = await openDatabase({ config });
  const artifacts = await loadCircuitArtifacts({ dir: config.prover.circuitDir });
  const model = modelInfo({ artifacts });
  // The chain is read for the metadata (chain id, collection, verifier); no key is given.
  const chain = await connectChain({
    config: { ...config, chain: { ...config.chain, relayerKey: undefined } },
    modelId: model.modelId,
  });
  const store = await openContentStore({ config });
  const engine = new EngineThreads();
  const renderer = new RenderThreads();
  const queue = configuredJobQueue({ db, config, logger });
  const jobs = new JobStore({ db, bus: new JobEventBus(), queue });
  const pool = await startProverPool({ config });
  const runner = configuredJobRunner({
    config,
    logger,
    jobs,
    parts: {
      workDir,
      artifacts,
      engine,
      renderer,
      pool,
      store,
      chain,
      confirmLeading: async () => {
        throw new ServerError("a prover process does not relay mints", { code: "NOT_LEADING" });
      },
    },
    pipelineSlots: config.prover.poolSize + 1,
    mintSlots: 0,
  });
  await runner.start();
  logger.info("proofmint prover running", {
    owner: runner.owner,
    model: model.modelId,
    provers: config.prover.poolSize,
    database: `${db.kind} ${db.location}`,
    ipfs: store.kind,
    workDir,
  });

  return {
    owner: runner.owner,
    workDir,
    pool,
    runner,
    async close() {
      const stopped = runner.stop();
      // Stopping the provers ends a proof in progress; the runner gives its lease back.
      await pool.close();
      await stopped;
      await engine.close();
      await renderer.close();
      await store.close();
      await db.close();
      if (ownWorkDir) await rm(workDir, { recursive: true, force: true });
    },
  };
}
