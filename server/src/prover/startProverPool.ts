import type { Config } from "../config/config.ts";
import { NativeProverPool } from "./nativeProverPool.ts";
import { pythonEnv } from "./pythonEnv.ts";

/**
 * The configured pool of native provers (`PROVER_POOL_SIZE` of them), started: each loads its key
 * and proves once now (warm-up), while the rest of the process starts; health reports them.
 */
export async function startProverPool({ config }: { config: Config }): Promise<NativeProverPool> {
  const pool = new NativeProverPool({
    python: await pythonEnv({ root: config.root }),
    root: config.root,
    model: config.prover.model,
    cacheDir: config.prover.cacheDir,
    size: config.prover.poolSize,
    warmUp: true,
  });
  pool.start();
  return pool;
}
