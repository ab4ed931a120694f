import { ProvingError } from "./errors.ts";
import type { NativeProverPool } from "./nativeProverPool.ts";

/**
 * The prover pool of an API server with `PROVER_POOL_SIZE=0`: no Python is started, health
 * reports no local provers, and its job runner claims no proving work, so `prove` is never
 * reached; if it were, it fails the attempt with a message saying why.
 */
export const noLocalProver: Pick<
  NativeProverPool,
  "start" | "close" | "prove" | "busy" | "queued" | "ready" | "starting"
> = {
  busy: 0,
  queued: 0,
  ready: 0,
  starting: 0,
  start() {},
  async close() {},
  prove() {
    return Promise.reject(
      new ProvingError("this server has no local prover (PROVER_POOL_SIZE=0)", {}),
    );
  },
};
