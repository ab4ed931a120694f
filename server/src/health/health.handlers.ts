import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../http/appEnv.ts";
import { provingProcesses } from "../jobs/proverFleet.ts";
import type { getHealth } from "./health.routes.ts";

export const getHealthHandler: RouteHandler<typeof getHealth, AppEnv> = async (c) => {
  const { config, db, jobs, runner, pool, indexer, chain, store, leadership, startedAt } =
    c.var.services;
  const status = indexer.status();
  // Answered even while the database is lost: the fault is named, the rest is from memory.
  const database = await db.health();
  const pending = database.ok ? await jobs.pendingCount().catch(() => null) : null;
  const proving = database.ok ? await provingProcesses({ db }).catch(() => null) : null;
  const ipfs = store.status();
  return c.json(
    {
      status: database.ok ? ("ok" as const) : ("degraded" as const),
      uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
      leader: leadership.leading,
      jobs: {
        pending: pending ?? 0,
        active: runner.activeCount,
        queueLimit: config.jobs.queueLimit,
      },
      prover: {
        size: config.prover.poolSize,
        ready: pool.ready,
        starting: pool.starting,
        busy: pool.busy,
        queued: pool.queued,
        provingProcesses: proving,
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
      database,
    },
    database.ok ? 200 : 503,
  );
};
