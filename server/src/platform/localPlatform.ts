import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DatabaseKind } from "../db/database.ts";
import { startAnvil, type RunningAnvil } from "./anvil.ts";
import { deployCollection, type Deployment } from "./deployCollection.ts";
import { restartKubo, startKubo, type RunningKubo } from "./kubo.ts";
import { startPostgres, type RunningPostgres } from "./postgres.ts";
import { startServerProcess, type ServerProcess } from "./serverProcess.ts";

/** Where the server stores content: the embedded blockstore, or a private Kubo daemon. */
export type IpfsBackend = "embedded" | "kubo";

export type LocalPlatform = {
  anvil: RunningAnvil;
  /** The Kubo daemon the server uses (`IPFS_API_URL`), when `ipfs` is "kubo". */
  kubo: RunningKubo | undefined;
  server: ServerProcess;
  deployment: Deployment;
  /** The model id of circuits/sprite, which the collection was deployed for. */
  modelId: string;
  /** The server's database: its SQLite file in DATA_DIR, or a PostgreSQL cluster of its own. */
  database: DatabaseKind;
  /** That cluster, when `database` is "postgres". */
  postgres: RunningPostgres | undefined;
  /** The server's DATA_DIR (also holding anvil's state file); removed by `stop()`. */
  dataDir: string;
  /** The environment the server runs with, on top of the process environment. */
  env: Record<string, string>;
  /** Starts a new server process on the same DATA_DIR (after `server.kill()` or `stop()`). */
  restartServer(): Promise<ServerProcess>;
  /** Stops anvil with SIGINT (it writes its state), runs `between`, then starts it on its port. */
  restartAnvil(between?: () => Promise<void>): Promise<void>;
  /** Stops the Kubo daemon (SIGKILL: a crash), runs `between`, then starts it on its port. */
  restartKubo(between?: () => Promise<void>): Promise<void>;
  /** Stops the server, Kubo, anvil and PostgreSQL, and removes the data folder. */
  stop(): Promise<void>;
};

/** The database the platform runs on: PROOFMINT_DB (`sqlite`, the default, or `postgres`). */
function databaseFromEnv(): DatabaseKind {
  const value = process.env.PROOFMINT_DB || "sqlite";
  if (value !== "sqlite" && value !== "postgres") {
    throw new Error(`PROOFMINT_DB must be "sqlite" or "postgres", not "${value}"`);
  }
  return value;
}

/** The model id recorded in a circuit folder's manifest.json (written by circuits/build.py). */
export async function readModelId(circuitDir: string): Promise<string> {
  const manifest = JSON.parse(await readFile(join(circuitDir, "manifest.json"), "utf8")) as {
    model_id: string;
  };
  return manifest.model_id;
}

/**
 * The whole platform on loopback, for end-to-end tests and benchmarks: anvil on a free port with
 * its state in a fresh data folder, the collection deployed by the project's deploy script, and a
 * server process with one prover, on SQLite or on a PostgreSQL cluster started for it
 * (`database`, by default from PROOFMINT_DB: the end-to-end suite runs once with each). With
 * `ipfs: "kubo"` (or PROOFMINT_IPFS=kubo in the environment, to run a whole suite that way) the
 * server stores content on a private Kubo daemon, its repository in the data folder, rather than
 * in the embedded blockstore. `env` adds to or overrides the server's environment. Whatever
 * started is stopped again if a later step fails.
 *
 * @example
 * const platform = await startLocalPlatform({ root, env: { QUEUE_LIMIT: "3" } });
 * await fetch(`${platform.server.url}/api/health`);
 * await platform.stop();
 */
export async function startLocalPlatform({
  root,
  env = {},
  name = "local",
  ipfs = process.env.PROOFMINT_IPFS === "kubo" ? "kubo" : "embedded",
  database = databaseFromEnv(),
}: {
  /** The repository root. */
  root: string;
  env?: Record<string, string>;
  /** Names the data folder (`proofmint-<name>-…` in the temporary directory). */
  name?: string;
  ipfs?: IpfsBackend;
  database?: DatabaseKind;
}): Promise<LocalPlatform> {
  const dataDir = await mkdtemp(join(tmpdir(), `proofmint-${name}-`));
  const stateFile = join(dataDir, "anvil-state.json");
  let anvil: RunningAnvil | undefined;
  let server: ServerProcess | undefined;
  let kubo: RunningKubo | undefined;
  const kuboRepo = join(dataDir, "kubo");
  let postgres: RunningPostgres | undefined;
  const stop = async () => {
    await server?.stop();
    await kubo?.stop();
    await anvil?.stop();
    await postgres?.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    const modelId = await readModelId(join(root, "circuits/sprite"));
    anvil = await startAnvil({ port: 0, stateFile });
    const deployment = await deployCollection({
      root,
      rpcUrl: anvil.rpcUrl,
      chainId: 31337,
      modelId,
    });
    if (ipfs === "kubo") kubo = await startKubo({ repoDir: kuboRepo });
    if (database === "postgres") postgres = await startPostgres();
    const serverEnv: Record<string, string> = {
      ...(kubo === undefined ? {} : { IPFS_API_URL: kubo.apiUrl }),
      RPC_URL: anvil.rpcUrl,
      CHAIN_ID: "31337",
      COLLECTION_ADDRESS: deployment.collection,
      DEPLOYMENT_BLOCK: String(deployment.startBlock),
      DATA_DIR: dataDir,
      PROVER_POOL_SIZE: "1",
      INDEXER_POLL_MS: "200",
      ...(postgres === undefined
        ? {}
        : { DATABASE_URL: await postgres.createDatabase("proofmint") }),
      ...env,
    };
    server = await startServerProcess({ root, env: serverEnv });
    const platform: LocalPlatform = {
      anvil,
      kubo,
      server,
      deployment,
      modelId,
      database,
      postgres,
      dataDir,
      env: serverEnv,
      async restartServer() {
        server = await startServerProcess({ root, env: serverEnv });
        platform.server = server;
        return server;
      },
      async restartAnvil(between) {
        const port = Number(new URL(anvil!.rpcUrl).port);
        await anvil!.stop();
        await between?.();
        anvil = await startAnvil({ port, stateFile });
        platform.anvil = anvil;
      },
      async restartKubo(between) {
        if (kubo === undefined) throw new Error("this platform runs without Kubo (ipfs: embedded)");
        kubo = await restartKubo(kubo, between ? { between } : {});
        platform.kubo = kubo;
      },
      stop,
    };
    return platform;
  } catch (error) {
    await stop();
    throw error;
  }
}
