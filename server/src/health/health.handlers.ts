import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../http/appEnv.ts";
import { provingProcesses } from "../jobs/proverFleet.ts";
import type { getHealth } from "./health.routes.ts";

export const getHealthHandler: RouteHandler<typeof getHealth, AppEnv> = (c) => {
  const { config, db, jobs, runner, pool, indexer, chain, store, startedAt } = c.var.services;
  const status = indexer.status();
  const ipfs = store.status();
  return c.json(
    {
      status: "ok" as const,
      uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
      jobs: {
        pending: jobs.pendingCount(),
        active: runner.activeCount,
        queueLimit: config.jobs.queueLimit,
      },
      prover: {
        size: config.prover.poolSize,
        ready: pool.ready,
        starting: pool.starting,
        busy: pool.busy,
        queued: pool.queued,
        provingProcesses: provingProcesses({ db }),
      },
      indexer: {
        nextBlock: status.nextBlock,
        headBlock: status.headBlock ?? null,
        confirmations: status.confirmations,
        lastError: status.lastError ?? null,
        lastReorg: status.lastReorg ?? null,
      },
      chain: {
        chainId: chain.chainId,
        collection: chain.collection,
        relayer: chain.relayer !== undefined,
      },
      ipfs: { kind: store.kind, reachable: ipfs.reachable, lastError: ipfs.lastError ?? null },
    },
    200,
  );
};
