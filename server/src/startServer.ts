import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { serve } from "@hono/node-server";
import { createApp } from "./app.ts";
import { connectChain } from "./chain/chain.ts";
import { Indexer } from "./chain/indexer.ts";
import type { Config } from "./config/config.ts";
import type { Leadership } from "./db/database.ts";
import { ServerError } from "./errors.ts";
import { openDatabase } from "./db/openDatabase.ts";
import { openContentStore } from "./ipfs/openContentStore.ts";
import { JobEventBus } from "./jobs/jobEventBus.ts";
import { RenderThreads } from "./jobs/renderThreads.ts";
import { configuredJobRunner } from "./jobs/configuredJobRunner.ts";
import { configuredJobQueue } from "./jobs/jobQueue.ts";
import { JobStore } from "./jobs/jobStore.ts";
import type { Logger } from "./logger.ts";
import { modelInfo } from "./models/modelInfo.ts";
import { EngineThreads, loadCircuitArtifacts } from "./prover/index.ts";
import { startProverPool } from "./prover/startProverPool.ts";
import { noLocalProver } from "./prover/noLocalProver.ts";
import type { Services } from "./services.ts";

export type RunningServer = {
  /** Where it listens, e.g. `http://127.0.0.1:8787`. */
  url: string;
  services: Services;
  /** Stops accepting work, lets running stages end, and closes everything it opened. */
  close(): Promise<void>;
};

/**
 * Builds every service from the configuration, in dependency order, and listens. Anything that
 * fails here (database, circuit artifacts, chain, collection) stops the start with a message
 * naming what to fix.
 */
export async function startServer({
  config,
  logger,
}: {
  config: Config;
  logger: Logger;
}): Promise<RunningServer> {
  const db = await openDatabase({ config });
  const artifacts = await loadCircuitArtifacts({ dir: config.prover.circuitDir });
  const model = modelInfo({ artifacts });
  const chain = await connectChain({ config, modelId: model.modelId });
  const store = await openContentStore({ config });
  const engine = new EngineThreads();
  const renderer = new RenderThreads();
  const bus = new JobEventBus();
  const jobs = new JobStore({ db, bus, queue: configuredJobQueue({ db, config, logger }) });
  const unfollow = await jobs.followOtherProcesses();
  // PROVER_POOL_SIZE=0: no local prover; prover processes (`npm run prover`) take the pipeline.
  const pool = config.prover.poolSize === 0 ? noLocalProver : await startProverPool({ config });
  // Set once this server has joined the election (below); a relayer transaction waits for it.
  let election: Leadership | undefined = undefined;
  const confirmLeading = async () => {
    if (election === undefined || !(await election.confirm())) {
      throw new ServerError("this server does not lead the fleet now: the leader relays", {
        code: "NOT_LEADING",
      });
    }
  };
  const runner = configuredJobRunner({
    config,
    logger,
    jobs,
    parts: {
      workDir: config.dataDir,
      artifacts,
      engine,
      renderer,
      pool,
      store,
      chain,
      confirmLeading,
    },
    pipelineSlots: config.prover.poolSize === 0 ? 0 : config.prover.poolSize + 1,
    // Set while this server leads the fleet (below).
    mintSlots: 0,
  });
  const indexer = new Indexer({
    chain,
    db,
    jobs,
    logger: logger.child({ component: "indexer" }),
    startBlock: config.chain.deploymentBlock,
    pollMs: config.chain.pollMs,
  });
  await runner.start();
  // One server of those sharing the database leads: it indexes the chain and relays mints (a
  // server without a relayer key relays none: it would only fail them). Another takes over
  // within seconds when the leader's session ends; running mints finish under their leases.
  const leadership = { leading: false };
  election = await db.lead("proofmint/relayer-and-indexer", async (leading) => {
    leadership.leading = leading;
    logger.info(leading ? "leading: indexing and relaying" : "no longer leading");
    if (leading) {
      // Nonces are read from the chain again: the previous leader may have sent transactions.
      chain.relayer?.resetNonce();
      runner.setMintSlots(chain.relayer === undefined ? 0 : 4);
      await indexer.start();
    } else {
      runner.setMintSlots(0);
      await indexer.stop();
    }
  });

  const services: Services = {
    config,
    logger,
    db,
    store,
    jobs,
    bus,
    runner,
    chain,
    artifacts,
    pool,
    indexer,
    leadership,
    startedAt: Date.now(),
  };
  const app = createApp({ services });
  const server = serve({ fetch: app.fetch, hostname: config.http.host, port: config.http.port });
  await new Promise<void>((resolve, reject) => {
    server.once("listening", resolve);
    server.once("error", reject);
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${config.http.host}:${port}`;
  logger.info("proofmint server listening", {
    url,
    model: model.modelId,
    chainId: chain.chainId,
    collection: chain.collection,
    relayer: chain.relayer?.address ?? null,
    ipfs: store.kind,
    database: `${db.kind} ${db.location}`,
    workDir: join(config.dataDir, "jobs"),
    site: config.http.webDir ?? null,
  });

  return {
    url,
    services,
    async close() {
      server.close();
      if ("closeAllConnections" in server) server.closeAllConnections();
      const stopped = runner.stop();
      await pool.close();
      await stopped;
      await engine.close();
      await renderer.close();
      await election.resign();
      await store.close();
      await unfollow();
      await db.close();
    },
  };
}
