import { loadConfig, type Config } from "./config/config.ts";
import { ConfigError } from "./config/ConfigError.ts";
import { createLogger, type Logger } from "./logger.ts";

/**
 * The life of a proofmint process (the server, a prover worker): the configuration from the
 * environment (exit 2 with every problem named), `start`, one plain `ready` line on stdout that
 * scripts and tests wait for, and on SIGINT or SIGTERM `close`, then exit.
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
    if (closing) return;
    closing = true;
    logger.info("shutting down", { signal });
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
