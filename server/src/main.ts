// The server's entry point: `npx tsx server/src/main.ts` (npm start runs it with anvil and the
// deployment around it). Configuration comes from the environment; see config/config.ts.
import { resolve } from "node:path";
import { loadConfig } from "./config/config.ts";
import { ConfigError } from "./config/ConfigError.ts";
import { createLogger } from "./logger.ts";
import { startServer } from "./startServer.ts";

const root = resolve(import.meta.dirname, "../..");

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig({ env: process.env, root });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`proofmint server: ${error.message}\n`);
    process.exit(2);
  }
  const logger = createLogger({ level: config.logLevel });
  let server;
  try {
    server = await startServer({ config, logger });
  } catch (error) {
    logger.error("the server could not start", { error });
    process.stderr.write(
      `proofmint server: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  }
  // One plain line on stdout that scripts and tests wait for.
  process.stdout.write(`proofmint server listening on ${server.url}\n`);

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info("shutting down", { signal });
    server.close().then(
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

await main();
