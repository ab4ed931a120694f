// The scale-out topology of docs/deploy.md on this machine: PostgreSQL, Kubo, anvil with the
// collection deployed, API servers with no local prover (one of them leads: it indexes and
// relays) and prover processes, all sharing the database and the IPFS node, in one temporary
// folder. `npm run start:cluster` runs it for operators; the cluster drills break its parts.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startAnvil, type RunningAnvil } from "./anvil.ts";
import { deployCollection, type Deployment } from "./deployCollection.ts";
import { restartKubo, startKubo, type RunningKubo } from "./kubo.ts";
import { readModelId } from "./localPlatform.ts";
import { startPostgres, type RunningPostgres } from "./postgres.ts";
import { startProverProcess, type ProverProcess } from "./proverProcess.ts";
import { startServerProcess, type ServerProcess } from "./serverProcess.ts";

/** One API server of the cluster; `restart()` starts a new process on its port and DATA_DIR. */
export type ClusterServer = ServerProcess & {
  /** 1, 2, …: names its DATA_DIR (`server-<n>`). */
  n: number;
  port: number;
  /** Kills this process if it still runs (SIGKILL), then starts a new one in its place. */
  restart(): Promise<ClusterServer>;
};

export type Cluster = {
  /** The API servers, in start order; a restarted one replaces its entry. */
  servers: ClusterServer[];
  /** The prover processes that were started, including killed ones. */
  provers: ProverProcess[];
  postgres: RunningPostgres;
  /** The application's database (`DATABASE_URL`). */
  databaseUrl: string;
  /** The Kubo daemon now running (replaced by `restartKubo`). */
  kubo: RunningKubo;
  anvil: RunningAnvil;
  deployment: Deployment;
  /** The folder holding every process's DATA_DIR and Kubo's repository; removed by `stop()`. */
  dir: string;
  /** What every server and prover runs with (the database, IPFS, chain, and `env`). */
  env: Record<string, string>;
  /** Starts another API server (on the next port after the last one when `basePort` was set). */
  addServer(): Promise<ClusterServer>;
  /** Starts another prover process, with a work folder of its own. */
  addProver(): Promise<ProverProcess>;
  /** Kills Kubo (SIGKILL), runs `between`, then starts it on the same repository and ports. */
  restartKubo(between?: () => Promise<void>): Promise<void>;
  /** Stops every process and PostgreSQL, and removes the folder. */
  stop(): Promise<void>;
};

/** SIGTERM, then SIGKILL if the process is still there after 15 s (a stream held open, say). */
async function stopWithin(child: Pick<ServerProcess, "stop" | "kill">): Promise<void> {
  const force = setTimeout(() => void child.kill(), 15_000);
  await child.stop();
  clearTimeout(force);
}

/**
 * Starts the cluster: PostgreSQL, an offline Kubo daemon, anvil with the collection deployed,
 * `servers` API servers (PROVER_POOL_SIZE=0; on `basePort`, `basePort + 1`, … or, with 0, free
 * ports) and `provers` prover processes. `env` adds to or overrides every process's environment.
 * `onStarting` receives, before anything starts, a function that stops whatever has started so
 * far (for Ctrl-C during the start); a failed start stops it all itself.
 *
 * @example
 * const cluster = await startCluster({ root, servers: 2, provers: 2 });
 * await fetch(`${cluster.servers[0].url}/api/health`);
 * await cluster.stop();
 */
export async function startCluster({
  root,
  servers = 2,
  provers = 2,
  env = {},
  basePort = 0,
  log = () => {},
  onStarting,
}: {
  /** The repository root. */
  root: string;
  servers?: number;
  provers?: number;
  env?: Record<string, string>;
  basePort?: number;
  log?: (line: string) => void;
  onStarting?: (stop: () => Promise<void>) => void;
}): Promise<Cluster> {
  const stopping: (() => Promise<void>)[] = [];
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    for (const part of stopping.reverse()) await part().catch(() => {});
  };
  onStarting?.(stop);
  try {
    const dir = await mkdtemp(join(tmpdir(), "proofmint-cluster-"));
    stopping.push(() => rm(dir, { recursive: true, force: true }));

    const postgres = await startPostgres();
    stopping.push(() => postgres.stop());
    const databaseUrl = await postgres.createDatabase("proofmint");
    log(`PostgreSQL 15 on 127.0.0.1:${postgres.port}`);

    let kubo = await startKubo({ repoDir: join(dir, "kubo"), log });
    stopping.push(() => kubo.stop());
    log(`Kubo on ${kubo.apiUrl} (offline)`);

    const anvil = await startAnvil({ port: 0 });
    stopping.push(() => anvil.stop());
    const modelId = await readModelId(join(root, "circuits/sprite"));
    const deployment = await deployCollection({
      root,
      rpcUrl: anvil.rpcUrl,
      chainId: 31337,
      modelId,
      log,
    });
    log(`anvil on ${anvil.rpcUrl}, the collection at ${deployment.collection}`);

    const shared: Record<string, string> = {
      DATABASE_URL: databaseUrl,
      IPFS_API_URL: kubo.apiUrl,
      RPC_URL: anvil.rpcUrl,
      CHAIN_ID: "31337",
      COLLECTION_ADDRESS: deployment.collection,
      DEPLOYMENT_BLOCK: String(deployment.startBlock),
      ...env,
    };
    const serverList: ClusterServer[] = [];
    const proverList: ProverProcess[] = [];
    // Stopped before the services they use (the list is stopped in reverse).
    stopping.push(async () => {
      await Promise.all(proverList.map(stopWithin));
      await Promise.all(serverList.map(stopWithin));
    });

    const startServer = async (n: number, port: number): Promise<ClusterServer> => {
      const child = await startServerProcess({
        root,
        env: {
          ...shared,
          PORT: String(port),
          PROVER_POOL_SIZE: "0",
          DATA_DIR: join(dir, `server-${n}`),
        },
      });
      const server: ClusterServer = {
        ...child,
        n,
        port: Number(new URL(child.url).port),
        async restart() {
          await child.kill();
          const next = await startServer(n, server.port);
          serverList[serverList.indexOf(server)] = next;
          return next;
        },
      };
      return server;
    };
    const addServer = async () => {
      const n = serverList.length + 1;
      const server = await startServer(n, basePort === 0 ? 0 : basePort + n - 1);
      serverList.push(server);
      log(`API server ${n} on ${server.url} (no local prover)`);
      return server;
    };
    const addProver = async () => {
      const work = join(dir, `prover-${proverList.length + 1}`);
      const prover = await startProverProcess({
        root,
        env: { ...shared, PROVER_POOL_SIZE: "1", PROVER_WORK_DIR: work, DATA_DIR: work },
      });
      proverList.push(prover);
      log(`prover ${proverList.length} ready (${prover.owner})`);
      return prover;
    };
    for (let i = 0; i < servers; i++) await addServer();
    for (let i = 0; i < provers; i++) await addProver();

    const cluster: Cluster = {
      servers: serverList,
      provers: proverList,
      postgres,
      databaseUrl,
      kubo,
      anvil,
      deployment,
      dir,
      env: shared,
      addServer,
      addProver,
      async restartKubo(between) {
        kubo = await restartKubo(kubo, { ...(between ? { between } : {}), log });
        cluster.kubo = kubo;
      },
      stop,
    };
    return cluster;
  } catch (error) {
    await stop();
    throw error;
  }
}
