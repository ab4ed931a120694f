// Faults (skipped with PROOFMINT_TESTS=quick): kill -9 of the server at every stage of the
// pipeline (including between the relayer's commit and its reveal, and during the IPFS write), the
// chain RPC going away and coming back, and the native prover dying in the middle of a proof.
// After each fault every job completes or fails with a recorded reason, nothing is done twice (one
// token per prompt, each stage completed once, one block per stored document), and no working file
// or prover process is left behind.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createPublicClient, getAddress, http, type Address } from "viem";
import { mnemonicToAccount } from "viem/accounts";
import { proofmintCollectionAbi, promptTokenId, type ApiSchema } from "@proofmint/core";
import { readGenerationEvents, type GenerationStreamEvent } from "@proofmint/server/platform";
import { call, slowDrills, startDrillPlatform, type DrillPlatform } from "./drillPlatform.ts";

const MNEMONIC = "test test test test test test test test test test test junk";
const recipient = mnemonicToAccount(MNEMONIC, { addressIndex: 7 }).address;
const PIPELINE = ["validate", "witness", "render", "prove", "verify", "store", "ready"];

type Generation = ApiSchema<"Generation">;

let platform: DrillPlatform;
/** The server's PROOFMINT_FAILPOINTS_DIR: a file created here arms the failpoint of its name. */
let failpoints: string;

beforeAll(async () => {
  if (!slowDrills) return;
  failpoints = await mkdtemp(join(tmpdir(), "proofmint-failpoints-"));
  platform = await startDrillPlatform({
    env: {
      QUEUE_LIMIT: "8",
      JOB_MAX_ATTEMPTS: "5",
      JOB_LEASE_MS: "10000",
      PROOFMINT_FAILPOINTS_DIR: failpoints,
    },
  });
});

afterEach((context) => {
  if (context.task.result?.state === "fail") {
    console.error(`server log (last 40 lines):\n${platform.server.logs.slice(-40).join("\n")}`);
  }
});

afterAll(async () => {
  await platform?.stop();
  if (failpoints) await rm(failpoints, { recursive: true, force: true });
});

const url = () => platform.server.url;

async function submit(prompt: string, to?: Address): Promise<string> {
  const response = await call<{ id: string }>(`${url()}/api/generations`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(to === undefined ? { prompt } : { prompt, recipient: to }),
  });
  expect(response.status, response.text).toBe(202);
  return response.body.id;
}

const generation = async (id: string) =>
  (await call<Generation>(`${url()}/api/generations/${id}`)).body;

async function settle(id: string, statuses: string[], timeoutMs = 240_000): Promise<Generation> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const current = await generation(id);
    if (statuses.includes(current.status) || current.status === "failed") return current;
    if (Date.now() > deadline) throw new Error(`generation ${id} is still ${current.status}`);
    await new Promise((done) => setTimeout(done, 250));
  }
}

/** The server's child processes (the native provers), from the process table. */
function childPids(pid: number): number[] {
  try {
    return execFileSync("ps", ["-o", "pid=", "--ppid", String(pid)], { encoding: "utf8" })
      .split("\n")
      .map((line) => Number(line.trim()))
      .filter((value) => value > 0);
  } catch {
    return [];
  }
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function waitUntil(
  check: () => boolean | Promise<boolean>,
  timeoutMs: number,
  everyMs = 200,
) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) return false;
    await new Promise((done) => setTimeout(done, everyMs));
  }
  return true;
}

/** Kills the server with SIGKILL and starts it again; its provers must not outlive it for long. */
async function killAndRestart(): Promise<void> {
  const provers = childPids(platform.server.pid);
  await platform.server.kill();
  // An orphaned prover finishes the proof it holds, reads EOF on stdin and exits.
  const gone = await waitUntil(() => provers.every((pid) => !alive(pid)), 60_000);
  expect(gone, `prover processes ${provers.join(", ")} outlived the server`).toBe(true);
  await platform.restartServer();
}

function stagesOf(job: Generation): string[] {
  return job.events
    .filter((event) => event.type === "stage")
    .map((event) => String(event.data.stage));
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => []);
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

/** Nothing half-written or left over: no partial file anywhere, no job folder with files. */
async function expectNoWorkingFiles(): Promise<void> {
  const files = await filesUnder(platform.dataDir);
  expect(files.filter((file) => /\.partial$|\.tmp$/.test(file))).toEqual([]);
  expect(files.filter((file) => file.includes(`${join(platform.dataDir, "jobs")}/`))).toEqual([]);
}

describe.skipIf(!slowDrills)("faults (full profile)", () => {
  it(
    "survives kill -9 at every stage, between commit and reveal and during the IPFS write; " +
      "every job completes once, with one token and one block per stored document",
    async () => {
      const prompt = "a fault drill at every stage";
      const queuedPrompt = "a queued job through the kills";
      const id = await submit(prompt, recipient);
      const queuedId = await submit(queuedPrompt);
      // Kill points, in pipeline order: the start of each stage (with a small delay for some, so
      // the kill lands inside the stage), and the IPFS write: three documents of the store stage
      // on disk, the metadata still to come. The relayer's commit is sent at the
      // pipeline's start, so every kill up to the mint stage falls between commit and reveal.
      const atStage = (stage: string, delayMs = 0) => ({
        name: `stage ${stage}`,
        match: (event: GenerationStreamEvent) =>
          event.type === "progress" && event.data.stage === stage,
        delayMs,
      });
      const killPoints = [
        atStage("witness"),
        atStage("render", 3),
        atStage("prove", 1_500),
        atStage("verify"),
        { ...atStage("verify"), name: "IPFS write", failpoint: "store.between-documents" },
        atStage("store"),
        atStage("ready"),
        atStage("mint"),
      ];
      const killed: {
        point: string;
        stage: string;
        commitTx: string | null;
        mintTx: string | null;
      }[] = [];
      let after: number | undefined;
      for (const point of killPoints) {
        if ("failpoint" in point) {
          // The store stage writes its four documents within milliseconds, too fast for a signal
          // from here to land between them. The server crashes itself there instead, as kill -9
          // would (server/src/faults/failpoint.ts), once the verify stage has rerun.
          const armed = join(failpoints, point.failpoint);
          await writeFile(armed, "");
          const fired = await waitUntil(() => !existsSync(armed), 120_000);
          expect(fired, `the ${point.failpoint} failpoint never fired`).toBe(true);
        } else {
          const events = await readGenerationEvents({
            url: url(),
            id,
            after,
            until: (event) =>
              point.match(event) || event.type === "minted" || event.type === "failed",
          });
          const last = events.at(-1);
          if (last === undefined || !point.match(last)) continue;
          after = last.id;
          if (point.delayMs > 0) await new Promise((done) => setTimeout(done, point.delayMs));
        }
        await killAndRestart();
        const state = await generation(id);
        killed.push({ point: point.name, stage: state.stage, ...state.mint });
      }
      console.log(`kills: ${JSON.stringify(killed)}`);
      // Every stage was hit, and at least one kill fell between the commit and the reveal.
      expect(killed.map((kill) => kill.point)).toEqual(killPoints.map((point) => point.name));
      expect(killed.some((kill) => kill.commitTx !== null && kill.mintTx === null)).toBe(true);
      // The IPFS kill landed inside the store stage: verify was the last completed stage.
      expect(killed.find((kill) => kill.point === "IPFS write")?.stage).toBe("verify");

      const done = await settle(id, ["minted"]);
      expect(done.status, JSON.stringify(done.error)).toBe("minted");
      const queued = await settle(queuedId, ["ready"]);
      expect(queued.status, JSON.stringify(queued.error)).toBe("ready");
      for (const job of [done, queued]) {
        const stages = stagesOf(job).filter((stage) => PIPELINE.includes(stage));
        expect(stages).toEqual(PIPELINE);
        expect(job.events.filter((event) => event.type === "ready")).toHaveLength(1);
      }
      expect(done.events.filter((event) => event.type === "minted")).toHaveLength(1);

      // One token, owned by the recipient; one mint transaction.
      const chain = createPublicClient({ transport: http(platform.anvil.rpcUrl) });
      const contract = {
        address: platform.deployment.collection,
        abi: proofmintCollectionAbi,
      } as const;
      const tokenId = promptTokenId({ prompt });
      expect(
        getAddress(
          await chain.readContract({ ...contract, functionName: "ownerOf", args: [tokenId] }),
        ),
      ).toBe(recipient);
      expect(
        await chain.readContract({ ...contract, functionName: "balanceOf", args: [recipient] }),
      ).toBe(1n);
      const mints = done.events.filter(
        (event) => event.type === "transaction" && event.data.kind === "mint",
      );
      expect(mints.length).toBeLessThanOrEqual(1);
      const tokens = await call<{ tokens: { tokenId: string }[] }>(`${url()}/api/tokens`);
      expect(tokens.body.tokens.map((token) => token.tokenId)).toEqual([tokenId.toString()]);

      // Each job stored its four documents once: the blockstore holds exactly those blocks, each
      // whole (its bytes hash to its name is the store's job; here: nothing torn or extra).
      const blocks = await filesUnder(join(platform.dataDir, "blocks"));
      expect(blocks.length).toBe(8);
      for (const job of [done, queued]) {
        const metadata = await fetch(`${url()}/ipfs/${job.metadata!.cid}`);
        expect(metadata.status).toBe(200);
      }
      await expectNoWorkingFiles();
    },
  );

  it("waits out the chain RPC going away and coming back (anvil stopped, state kept)", async () => {
    const prompt = "the chain went away and came back";
    const id = await submit(prompt, recipient);
    await readGenerationEvents({
      url: url(),
      id,
      until: (event) => event.type === "progress" && event.data.stage === "prove",
    });
    const blockBefore = await createPublicClient({
      transport: http(platform.anvil.rpcUrl),
    }).getBlockNumber();
    let healthDuringOutage = 0;
    await platform.restartAnvil(async () => {
      // While the chain is down the API still answers (reads come from the database).
      await new Promise((done) => setTimeout(done, 4_000));
      healthDuringOutage = (await call(`${url()}/api/health`)).status;
      expect((await call(`${url()}/api/tokens`)).status).toBe(200);
      await new Promise((done) => setTimeout(done, 4_000));
    });
    expect(healthDuringOutage).toBe(200);
    const chain = createPublicClient({ transport: http(platform.anvil.rpcUrl) });
    expect(await chain.getBlockNumber()).toBeGreaterThanOrEqual(blockBefore);
    const done = await settle(id, ["minted"]);
    expect(done.status, JSON.stringify(done.error)).toBe("minted");
    expect(
      await chain.readContract({
        address: platform.deployment.collection,
        abi: proofmintCollectionAbi,
        functionName: "balanceOf",
        args: [recipient],
      }),
    ).toBe(2n);
    // The earlier token survived the restart in anvil's state.
    const tokens = await call<{ tokens: unknown[] }>(`${url()}/api/tokens`);
    expect(tokens.body.tokens).toHaveLength(2);
  });

  it("retries a proof whose native prover was killed mid-proof, and the pool recovers", async () => {
    const id = await submit("the prover died mid proof");
    await readGenerationEvents({
      url: url(),
      id,
      until: (event) => event.type === "progress" && event.data.stage === "prove",
    });
    await new Promise((done) => setTimeout(done, 1_000));
    const provers = childPids(platform.server.pid);
    expect(provers.length).toBeGreaterThan(0);
    for (const pid of provers) process.kill(pid, "SIGKILL");
    const done = await settle(id, ["ready"]);
    expect(done.status, JSON.stringify(done.error)).toBe("ready");
    expect(stagesOf(done)).toEqual(PIPELINE);
    // The failed attempt is on record, and a new prover serves the next job.
    const record = JSON.stringify(done.events);
    expect(record).toMatch(/prov/i);
    const replacements = childPids(platform.server.pid);
    expect(replacements.some((pid) => !provers.includes(pid))).toBe(true);
    const health = await call<{ prover: { busy: number } }>(`${url()}/api/health`);
    expect(health.status).toBe(200);
    await expectNoWorkingFiles();
    const raw = await readFile(join(platform.dataDir, "proofmint.sqlite"));
    expect(raw.length).toBeGreaterThan(0);
  });
});
