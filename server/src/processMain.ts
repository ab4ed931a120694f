import { loadConfig, type Config } from "./config/config.ts";
import { ConfigError } from "./config/ConfigError.ts";
import { createLogger, type Logger } from "./logger.ts";

/** How long a SIGINT or SIGTERM waits for running stages to end before the process exits. */
const SHUTDOWN_MS = 25_000;

/**
 * The life of a proofmint process (the server, a prover worker): the configuration from the
 * environment (exit 2 with every problem named), `start`, one plain `ready` line on stdout that
 * scripts and tests wait for, and on SIGINT or SIGTERM `close`, then exit (after `SHUTDOWN_MS` at
 * the latest, or at once on a second signal).
 */
export async function processMain<Running extends { close(): Promise<void> }>({
  name,
  root,
  start,
  ready,
}: {
  /** How its messages begin, e.g. `proofmint server`. */
  name: string;
  root: string;
  start(options: { config: Config; logger: Logger }): Promise<Running>;
  ready(running: Running): string;
}): Promise<void> {
  let config;
  try {
    config = loadConfig({ env: process.env, root });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${name}: ${error.message}\n`);
    process.exit(2);
  }
  const logger = createLogger({ level: config.logLevel });
  let running: Running;
  try {
    running = await start({ config, logger });
  } catch (error) {
    logger.error(`${name} could not start`, { error });
    process.stderr.write(`${name}: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(error instanceof ConfigError ? 2 : 1);
  }
  process.stdout.write(`${ready(running)}\n`);

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) {
      // A second signal: the operator will not wait.
      logger.warn("stopping at once", { signal });
      process.exit(1);
    }
    closing = true;
    logger.info("shutting down", { signal });
    // A stage that does not end (a transaction waiting for blocks that never come) must not keep
    // the process alive: what it held resumes elsewhere once its lease expires.
    setTimeout(() => {
      logger.error(`did not stop within ${SHUTDOWN_MS / 1000} s: exiting`);
      process.exit(1);
    }, SHUTDOWN_MS).unref();
    running.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error("shutdown failed", { error });
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", () => shutdown("SIGINT"));
  process.on("SIGTERM", () => shutdown("SIGTERM"));
}
