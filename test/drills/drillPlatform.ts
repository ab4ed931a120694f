// The platform the drills run against: @proofmint/server/platform's local platform (anvil with a
// state file, so it can be stopped and restarted; the deployed collection; a server process on a
// fresh DATA_DIR), as test/e2e, test/web and the benchmarks use it.
import { resolve } from "node:path";
import { startLocalPlatform, type LocalPlatform } from "@proofmint/server/platform";

export const root = resolve(import.meta.dirname, "../..");

/** The slow drills (faults, load) run unless PROOFMINT_TESTS=quick (scripts/test.mjs). */
export const slowDrills = process.env.PROOFMINT_TESTS !== "quick";

export type DrillPlatform = LocalPlatform;

/**
 * Starts anvil, deploys the collection and runs a server with `env` on a fresh DATA_DIR.
 *
 * @example
 * const platform = await startDrillPlatform({ env: { QUEUE_LIMIT: "3" } });
 * await platform.stop();
 */
export function startDrillPlatform({
  env = {},
}: { env?: Record<string, string> } = {}): Promise<DrillPlatform> {
  return startLocalPlatform({ root, env, name: "drill" });
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
