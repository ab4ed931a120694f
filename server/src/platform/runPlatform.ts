// `npm start`: the whole platform on one port. Starts anvil (unless RPC_URL points elsewhere),
// deploys the collection when the chain lacks it, then runs the server, which migrates its
// database and serves the API, the IPFS gateway and the built site (web/build, once it exists).
// Ctrl-C stops everything this started. Local state lives in DATA_DIR (default .data/).
// `npm start -- --kubo` (or PROOFMINT_IPFS=kubo) stores content on a private Kubo daemon, built into
// the cache on first use, with its repository in DATA_DIR/kubo, instead of the embedded store.
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { startAnvil, type RunningAnvil } from "./anvil.ts";
import { deployCollection } from "./deployCollection.ts";
import { startKubo } from "./kubo.ts";
import { readModelId } from "./localPlatform.ts";
import { readGenerationEvents } from "./readGenerationEvents.ts";
import { stopOnSignals } from "./stopOnSignals.ts";

const root = resolve(import.meta.dirname, "../../..");
const args = process.argv.slice(2);
const useKubo = args.includes("--kubo") || process.env.PROOFMINT_IPFS === "kubo";
const prompt = args
  .filter((arg) => arg !== "--kubo")
  .join(" ")
  .trim();
const say = (line: string): void => {
  process.stdout.write(`proofmint: ${line}\n`);
};

/** Newest modification time of the files under a folder (0 when it does not exist). */
function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile())
      newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/** Builds the site when web/build is missing or older than its sources. */
function buildSite(): void {
  const web = join(root, "web");
  const built = join(web, "build/index.html");
  let builtAt = 0;
  try {
    builtAt = statSync(built).mtimeMs;
  } catch {
    // not built yet
  }
  if (
    builtAt > Math.max(newestMtime(join(web, "src")), statSync(join(web, "index.html")).mtimeMs)
  ) {
    return;
  }
  say("building the site (npm run build -w web)");
  const { status } = spawnSync("npm", ["run", "build", "-w", "web"], {
    cwd: root,
    stdio: "inherit",
  });
  if (status !== 0) throw new Error("the site did not build (npm run build -w web)");
}

async function main(): Promise<void> {
  const signals = stopOnSignals();

  try {
    if (!process.env.WEB_DIR) buildSite();
    const dataDir = resolve(root, process.env.DATA_DIR || ".data");
    mkdirSync(dataDir, { recursive: true });
    const chainId = Number(process.env.CHAIN_ID || 31337);
    let rpcUrl = process.env.RPC_URL;
    if (rpcUrl === undefined) {
      const anvil: RunningAnvil = await startAnvil({
        port: Number(process.env.ANVIL_PORT || 8545),
        stateFile: join(dataDir, "anvil-state.json"),
      });
      signals.add(() => anvil.stop());
      rpcUrl = anvil.rpcUrl;
      say(`anvil on ${rpcUrl} (state in ${join(dataDir, "anvil-state.json")})`);
    }

    let ipfsApiUrl = process.env.IPFS_API_URL;
    if (useKubo && ipfsApiUrl) {
      say(`IPFS_API_URL is set: using the Kubo node at ${ipfsApiUrl}, starting none`);
    } else if (useKubo) {
      const kubo = await startKubo({
        repoDir: join(dataDir, "kubo"),
        apiPort: Number(process.env.KUBO_API_PORT || 5001),
        log: say,
      });
      signals.add(() => kubo.stop());
      ipfsApiUrl = kubo.apiUrl;
      say(`Kubo on ${kubo.apiUrl} (offline; repository in ${kubo.repoDir})`);
    }

    const circuitDir = resolve(
      root,
      process.env.CIRCUIT_DIR || join("circuits", process.env.CIRCUIT_MODEL || "sprite"),
    );
    const modelId = await readModelId(circuitDir);
    const deployment = await deployCollection({ root, rpcUrl, chainId, modelId, log: say });
    say(`${deployment.deployed ? "deployed" : "found"} the collection at ${deployment.collection}`);

    const server = spawn(process.execPath, ["--import", "tsx", join(root, "server/src/main.ts")], {
      cwd: root,
      env: {
        ...process.env,
        RPC_URL: rpcUrl,
        CHAIN_ID: String(chainId),
        COLLECTION_ADDRESS: deployment.collection,
        DEPLOYMENT_BLOCK: String(deployment.startBlock),
        DATA_DIR: dataDir,
        ...(ipfsApiUrl ? { IPFS_API_URL: ipfsApiUrl } : {}),
      },
      stdio: ["ignore", "pipe", "inherit"],
    });
    signals.add(
      () =>
        new Promise<void>((done) => {
          if (server.exitCode !== null) return done();
          server.once("exit", () => done());
          server.kill("SIGTERM");
          setTimeout(() => server.kill("SIGKILL"), 15_000).unref();
        }),
    );
    server.once("exit", (code) => {
      if (!signals.stopped) {
        say(`the server stopped (code ${code})`);
        void signals.stopAll(code ?? 1);
      }
    });
    createInterface({ input: server.stdout! }).on("line", (line) => {
      const match = /listening on (\S+)/.exec(line);
      if (!match) {
        process.stdout.write(`${line}\n`);
        return;
      }
      say(`ready: ${match[1]} (API under /api, OpenAPI at /api/openapi.json; Ctrl-C stops)`);
      if (prompt) generateOnce(match[1]!, prompt).catch((error: unknown) => say(String(error)));
    });
  } catch (error) {
    process.stderr.write(`proofmint: ${error instanceof Error ? error.message : String(error)}\n`);
    const details = (error as { details?: { output?: string } }).details?.output;
    if (details) process.stderr.write(`${details}\n`);
    await signals.stopAll(1);
  }
}

/** `npm start -- "a prompt"`: generates one image once the server is up and says where it is. */
async function generateOnce(url: string, prompt: string): Promise<void> {
  const response = await fetch(`${url}/api/generations`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ prompt }),
  });
  const body = (await response.json()) as { id?: string; error?: { message: string } };
  if (body.id === undefined) {
    say(`"${prompt}": ${body.error?.message ?? response.status}`);
    return;
  }
  say(`generating "${prompt}" (${url}/api/generations/${body.id})`);
  const events = await readGenerationEvents({
    url,
    id: body.id,
    until: (event) => {
      if (event.type === "stage") {
        const ms = event.data.ms === undefined ? "" : ` in ${String(event.data.ms)} ms`;
        say(`  ${String(event.data.stage)} done${ms}`);
      }
      return event.type === "ready" || event.type === "failed";
    },
  });
  const last = events.at(-1);
  if (last?.type === "ready") {
    say(`  image:    ${url}/ipfs/${String(last.data.imageCid)}`);
    say(`  metadata: ${url}/ipfs/${String(last.data.metadataCid)}`);
    say(`  mint it:  ${url}/api/generations/${body.id}/mint?to=<your address>`);
  } else {
    say(`  failed: ${JSON.stringify(last?.data)}`);
  }
}

await main();
