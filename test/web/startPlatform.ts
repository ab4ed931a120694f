// The whole platform for browser tests and the web benchmark: the built site, anvil, the deployed
// collection and the server process serving the site on a free port, with its own data folder.
import { spawnSync } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import {
  deployCollection,
  startAnvil,
  startServerProcess,
  type RunningAnvil,
  type ServerProcess,
} from "@proofmint/server/platform";

export const ROOT = resolve(import.meta.dirname, "../..");

export type RunningPlatform = {
  siteUrl: string;
  rpcUrl: string;
  modelId: string;
  server: ServerProcess;
  stop(): Promise<void>;
};

/** Builds the site (`npm run build -w web`, niced) and starts everything it needs. */
export async function startPlatform(): Promise<RunningPlatform> {
  const build = spawnSync("nice", ["-n", "10", "npm", "run", "build", "-w", "web"], {
    cwd: ROOT,
    stdio: ["ignore", "inherit", "inherit"],
  });
  if (build.status !== 0) throw new Error("building the site (npm run build -w web) failed");

  const manifest = JSON.parse(await readFile(join(ROOT, "circuits/glyph/manifest.json"), "utf8"));
  const modelId = (manifest as { model_id: string }).model_id;
  let anvil: RunningAnvil | undefined;
  let server: ServerProcess | undefined;
  const dataDir = await mkdtemp(join(tmpdir(), "proofmint-web-"));
  const stop = async () => {
    await server?.stop();
    await anvil?.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    anvil = await startAnvil({ port: 0 });
    const deployment = await deployCollection({
      root: ROOT,
      rpcUrl: anvil.rpcUrl,
      chainId: 31337,
      modelId,
    });
    server = await startServerProcess({
      root: ROOT,
      env: {
        RPC_URL: anvil.rpcUrl,
        CHAIN_ID: "31337",
        COLLECTION_ADDRESS: deployment.collection,
        DEPLOYMENT_BLOCK: String(deployment.startBlock),
        DATA_DIR: dataDir,
        WEB_DIR: join(ROOT, "web/build"),
        PROVER_POOL_SIZE: "1",
        QUEUE_LIMIT: "4",
        INDEXER_POLL_MS: "200",
      },
    });
    return { siteUrl: server.url, rpcUrl: anvil.rpcUrl, modelId, server, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
