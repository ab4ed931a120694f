// The platform the drills run against: anvil (with a state file, so it can be stopped and
// restarted), the deployed collection and a server process on a fresh DATA_DIR. It composes the
// platform helpers of @proofmint/server/platform, as test/e2e does.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { Address } from "viem";
import {
  deployCollection,
  startAnvil,
  startServerProcess,
  type RunningAnvil,
  type ServerProcess,
} from "@proofmint/server/platform";

export const root = resolve(import.meta.dirname, "../..");

/** The slow drills (faults, load) run with PROOFMINT_DRILLS=slow and in CI. */
export const slowDrills = process.env.PROOFMINT_DRILLS === "slow" || process.env.CI === "true";

export type DrillPlatform = {
  anvil: RunningAnvil;
  server: ServerProcess;
  dataDir: string;
  collection: Address;
  /** The environment the server runs with (without the process environment). */
  env: Record<string, string>;
  /** Starts a new server process on the same DATA_DIR (after `server.kill()` or `stop()`). */
  restartServer(): Promise<ServerProcess>;
  /** Stops anvil with SIGINT (it writes its state file), then starts it again on its port. */
  restartAnvil(between?: () => Promise<void>): Promise<void>;
  stop(): Promise<void>;
};

/**
 * Starts anvil, deploys the collection and runs a server with `env` on a fresh DATA_DIR.
 *
 * @example
 * const platform = await startDrillPlatform({ env: { QUEUE_LIMIT: "3" } });
 * await platform.stop();
 */
export async function startDrillPlatform({
  env = {},
}: { env?: Record<string, string> } = {}): Promise<DrillPlatform> {
  const manifest = JSON.parse(await readFile(join(root, "circuits/glyph/manifest.json"), "utf8"));
  const dataDir = await mkdtemp(join(tmpdir(), "proofmint-drill-"));
  const stateFile = join(dataDir, "anvil-state.json");
  let anvil = await startAnvil({ port: 0, stateFile });
  const deployment = await deployCollection({
    root,
    rpcUrl: anvil.rpcUrl,
    chainId: 31337,
    modelId: (manifest as { model_id: string }).model_id,
  });
  const serverEnv: Record<string, string> = {
    RPC_URL: anvil.rpcUrl,
    CHAIN_ID: "31337",
    COLLECTION_ADDRESS: deployment.collection,
    DEPLOYMENT_BLOCK: String(deployment.startBlock),
    DATA_DIR: dataDir,
    PROVER_POOL_SIZE: "1",
    INDEXER_POLL_MS: "200",
    ...env,
  };
  const platform: DrillPlatform = {
    anvil,
    server: await startServerProcess({ root, env: serverEnv }),
    dataDir,
    collection: deployment.collection,
    env: serverEnv,
    async restartServer() {
      platform.server = await startServerProcess({ root, env: serverEnv });
      return platform.server;
    },
    async restartAnvil(between) {
      const port = new URL(anvil.rpcUrl).port;
      await anvil.stop();
      await between?.();
      anvil = await startAnvil({ port: Number(port), stateFile });
      platform.anvil = anvil;
    },
    async stop() {
      await platform.server.stop();
      await anvil.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  return platform;
}

/** A small deterministic PRNG (mulberry32), so every fuzz case can be replayed from its seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** JSON fetch against the server: status, parsed body (or the text when not JSON), headers. */
export async function call<T = Record<string, unknown>>(
  url: string,
  init?: RequestInit,
): Promise<{ status: number; body: T; headers: Headers; text: string }> {
  const response = await fetch(url, init);
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON (an IPFS block, an event stream): the text is the body.
  }
  return { status: response.status, body: body as T, headers: response.headers, text };
}
