// A prover worker's entry point: `npm run prover`, or the `proofmint-prover` bin of this package.
// Configuration comes from the environment, as for the server (config/config.ts): the database
// (DATA_DIR or DATABASE_URL), the content store (IPFS_API_URL or DATA_DIR/blocks), the chain
// (RPC_URL, CHAIN_ID, COLLECTION_ADDRESS), PROVER_POOL_SIZE and PROVER_WORK_DIR.
import { resolve } from "node:path";
import { loadConfig } from "../config/config.ts";
import { ConfigError } from "../config/ConfigError.ts";
import { createLogger } from "../logger.ts";
import { startProver } from "./startProver.ts";

const root = resolve(import.meta.dirname, "../../..");

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig({ env: process.env, root });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`proofmint prover: ${error.message}\n`);
    process.exit(2);
  }
  const logger = createLogger({ level: config.logLevel });
  let prover;
  try {
    prover = await startProver({ config, logger });
  } catch (error) {
    logger.error("the prover could not start", { error });
    process.stderr.write(
      `proofmint prover: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(error instanceof ConfigError ? 2 : 1);
  }
  // One plain line on stdout that scripts and tests wait for.
  process.stdout.write(`proofmint prover ready as ${prover.owner}\n`);

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info("prover shutting down", { signal, active: prover.runner.activeCount });
    prover.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error("prover shutdown failed", { error });
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", () => shutdown("SIGINT"));
  process.on("SIGTERM", () => shutdown("SIGTERM"));
}

await main();
