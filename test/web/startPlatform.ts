// The whole platform for browser tests and the web benchmark: the built site, anvil, the deployed
// collection and the server process serving the site on a free port, with its own data folder.
import { spawnSync } from "node:child_process";
import { join, resolve } from "node:path";
import { startLocalPlatform, type ServerProcess } from "@proofmint/server/platform";

export const ROOT = resolve(import.meta.dirname, "../..");

export type RunningPlatform = {
  siteUrl: string;
  rpcUrl: string;
  modelId: string;
  server: ServerProcess;
  /** The server's environment (chain, collection, data folder): to start another server like it. */
  env: Record<string, string>;
  stop(): Promise<void>;
};

/** Builds the site (`npm run build -w web`, niced) and starts everything it needs. */
export async function startPlatform(): Promise<RunningPlatform> {
  const build = spawnSync("nice", ["-n", "10", "npm", "run", "build", "-w", "web"], {
    cwd: ROOT,
    stdio: ["ignore", "inherit", "inherit"],
  });
  if (build.status !== 0) throw new Error("building the site (npm run build -w web) failed");

  const platform = await startLocalPlatform({
    root: ROOT,
    name: "web",
    env: { WEB_DIR: join(ROOT, "web/build"), QUEUE_LIMIT: "4" },
  });
  return {
    siteUrl: platform.server.url,
    rpcUrl: platform.anvil.rpcUrl,
    modelId: platform.modelId,
    server: platform.server,
    env: platform.env,
    stop: platform.stop,
  };
}
