// `npm run start:cluster`: the scale-out topology of docs/deploy.md on this machine, for operators
// trying it and for drills: PostgreSQL, Kubo, anvil with the collection deployed, two API servers
// with no local prover (one of them leads: it indexes and relays) and two prover processes, all
// sharing the database and the IPFS node. Everything lives in a fresh temporary folder and is
// stopped and removed by Ctrl-C; `npm start` is the single-process platform that keeps its state.
// Ports: the servers on PORT (default 8787) and the next one; the rest on free ports.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { startAnvil } from "./anvil.ts";
import { deployCollection } from "./deployCollection.ts";
import { startKubo } from "./kubo.ts";
import { readModelId } from "./localPlatform.ts";
import { startPostgres } from "./postgres.ts";
import { startProverProcess } from "./proverProcess.ts";
import { startServerProcess } from "./serverProcess.ts";

const root = resolve(import.meta.dirname, "../../..");
const SERVERS = 2;
const PROVERS = 2;
const say = (line: string): void => {
  process.stdout.write(`proofmint cluster: ${line}\n`);
};

async function main(): Promise<void> {
  const stopping: (() => Promise<void>)[] = [];
  let stopped = false;
  const stopAll = async (code: number) => {
    if (stopped) return;
    stopped = true;
    say("stopping");
    for (const stop of stopping.reverse()) await stop().catch(() => {});
    process.exit(code);
  };
  process.on("SIGINT", () => void stopAll(0));
  process.on("SIGTERM", () => void stopAll(0));

  try {
    const dir = await mkdtemp(join(tmpdir(), "proofmint-cluster-"));
    stopping.push(() => rm(dir, { recursive: true, force: true }));
    const basePort = Number(process.env.PORT || 8787);

    const postgres = await startPostgres();
    stopping.push(() => postgres.stop());
    const databaseUrl = await postgres.createDatabase("proofmint");
    say(`PostgreSQL 15 on 127.0.0.1:${postgres.port}`);

    const kubo = await startKubo({ repoDir: join(dir, "kubo"), log: say });
    stopping.push(() => kubo.stop());
    say(`Kubo on ${kubo.apiUrl} (offline)`);

    const anvil = await startAnvil({ port: 0 });
    stopping.push(() => anvil.stop());
    const modelId = await readModelId(join(root, "circuits/sprite"));
    const deployment = await deployCollection({
      root,
      rpcUrl: anvil.rpcUrl,
      chainId: 31337,
      modelId,
      log: say,
    });
    say(`anvil on ${anvil.rpcUrl}, the collection at ${deployment.collection}`);

    const shared: Record<string, string> = {
      DATABASE_URL: databaseUrl,
      IPFS_API_URL: kubo.apiUrl,
      RPC_URL: anvil.rpcUrl,
      CHAIN_ID: "31337",
      COLLECTION_ADDRESS: deployment.collection,
      DEPLOYMENT_BLOCK: String(deployment.startBlock),
    };
    // The processes' stderr (JSON log lines) is not shown: health and the API tell the state.
    for (let i = 1; i <= SERVERS; i++) {
      const server = await startServerProcess({
        root,
        env: {
          ...shared,
          PORT: String(basePort + i - 1),
          PROVER_POOL_SIZE: "0",
          DATA_DIR: join(dir, `server-${i}`),
        },
      });
      stopping.push(() => server.stop());
      say(`API server ${i} on ${server.url} (no local prover)`);
    }
    for (let i = 1; i <= PROVERS; i++) {
      const prover = await startProverProcess({
        root,
        env: {
          ...shared,
          PROVER_POOL_SIZE: "1",
          PROVER_WORK_DIR: join(dir, `prover-${i}`),
          DATA_DIR: join(dir, `prover-${i}`),
        },
      });
      stopping.push(() => prover.stop());
      say(`prover ${i} ready (${prover.owner})`);
    }
    say(
      `ready: http://127.0.0.1:${basePort} and http://127.0.0.1:${basePort + 1}; ` +
        "GET /api/health on each says which one leads; Ctrl-C stops everything",
    );
  } catch (error) {
    process.stderr.write(
      `proofmint cluster: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    await stopAll(1);
  }
}

await main();
