// Prover workers in their own processes (`npm run prover`): an API server with no local prover
// (PROVER_POOL_SIZE=0) and prover processes on the same database (the SQLite file in WAL mode, or
// PostgreSQL when the suite runs with PROOFMINT_DB=postgres) and embedded store,
// each with its own work folder, as provers on other machines would have. Real proofs, real
// chain, real store; the proofs dominate the time.
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import Sqlite from "better-sqlite3";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createPublicClient, http, type Address, type Hex } from "viem";
import { mnemonicToAccount } from "viem/accounts";
import {
  parseTokenMetadata,
  proofmintCollectionAbi,
  promptTokenId,
  type ApiSchema,
} from "@proofmint/core";
import {
  readGenerationEvents,
  startLocalPlatform,
  startProverProcess,
  type LocalPlatform,
  type ProverProcess,
} from "@proofmint/server/platform";

const root = resolve(import.meta.dirname, "../..");
// Anvil's account 1 (its public test mnemonic): a creator minting through the relayer.
const creator = mnemonicToAccount("test test test test test test test test test test test junk", {
  addressIndex: 1,
}).address;

type Event = ApiSchema<"GenerationEvent">;
type Generation = ApiSchema<"Generation">;

let platform: LocalPlatform;
let chain: ReturnType<typeof createPublicClient>;
let collection: Address;
const provers: ProverProcess[] = [];

async function api<T>(path: string, init?: RequestInit): Promise<{ status: number; body: T }> {
  const response = await fetch(`${platform.server.url}${path}`, {
    ...init,
    headers: { "content-type": "application/json", ...init?.headers },
  });
  return { status: response.status, body: (await response.json()) as T };
}

async function submit(prompt: string): Promise<string> {
  const { status, body } = await api<{ id: string }>("/api/generations", {
    method: "POST",
    body: JSON.stringify({ prompt, recipient: creator }),
  });
  expect(status).toBe(202);
  return body.id;
}

/** Polls a generation until `done` holds for it (or it fails, or time runs out). */
async function waitFor(
  id: string,
  done: (generation: Generation) => boolean,
  timeoutMs = 400_000,
): Promise<Generation> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { body } = await api<Generation>(`/api/generations/${id}`);
    if (done(body)) return body;
    if (body.status === "failed" || Date.now() > deadline) {
      throw new Error(`generation ${id} is ${body.status}: ${JSON.stringify(body.events.at(-1))}`);
    }
    await new Promise((wait) => setTimeout(wait, 200));
  }
}

/** The relayer's mint transactions sent for a job (its commit transactions aside). */
const mintTransactions = (events: Pick<Event, "type" | "data">[]) =>
  events.filter((event) => event.type === "transaction" && event.data.kind === "mint");

const stageEvents = (events: Event[], stage: string) =>
  events.filter((event) => event.type === "stage" && event.data.stage === stage);

/** A prover process of its own, with its own work folder (inside the test's data folder). */
async function addProver(name: string): Promise<ProverProcess> {
  const prover = await startProverProcess({
    root,
    env: {
      ...platform.env,
      PROVER_POOL_SIZE: "1",
      PROVER_WORK_DIR: join(platform.dataDir, `prover-${name}`),
    },
  });
  provers.push(prover);
  return prover;
}

/** Which process holds a job's lease now, read from the shared database (SQLite or PostgreSQL). */
async function leaseOwner(jobId: string): Promise<string | null> {
  const url = platform.env.DATABASE_URL;
  if (url?.startsWith("postgres")) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query<{ lease_owner: string | null }>(
        "select lease_owner from jobs where id = $1",
        [jobId],
      );
      return rows[0]?.lease_owner ?? null;
    } finally {
      await client.end();
    }
  }
  const db = new Sqlite(join(platform.dataDir, "proofmint.sqlite"), { readonly: true });
  try {
    const row = db.prepare("select lease_owner from jobs where id = ?").get(jobId) as {
      lease_owner: string | null;
    };
    return row.lease_owner;
  } finally {
    db.close();
  }
}

/** The token is the creator's on-chain, and the collection's verifier accepts its proof. */
async function expectMintedAndVerified(prompt: string): Promise<void> {
  const tokenId = promptTokenId({ prompt });
  const contract = { address: collection, abi: proofmintCollectionAbi } as const;
  expect(await chain.readContract({ ...contract, functionName: "ownerOf", args: [tokenId] })).toBe(
    creator,
  );
  const tokenUri = await chain.readContract({
    ...contract,
    functionName: "tokenURI",
    args: [tokenId],
  });
  const gateway = (uri: string) =>
    fetch(`${platform.server.url}/ipfs/${uri.replace("ipfs://", "")}`);
  const metadata = parseTokenMetadata({
    bytes: new Uint8Array(await (await gateway(tokenUri)).arrayBuffer()),
  });
  const proof = JSON.parse(await (await gateway(metadata.provenance.proof)).text()) as {
    hex_proof: Hex;
  };
  const aigcData = await chain.readContract({
    ...contract,
    functionName: "aigcData",
    args: [tokenId],
  });
  const promptHex = `0x${Buffer.from(prompt).toString("hex")}` as Hex;
  expect(
    await chain.readContract({
      ...contract,
      functionName: "verify",
      args: [promptHex, aigcData, proof.hex_proof],
    }),
  ).toBe(true);
}

beforeAll(async () => {
  platform = await startLocalPlatform({
    root,
    name: "fleet",
    env: { PROVER_POOL_SIZE: "0", JOB_LEASE_MS: "6000", QUEUE_LIMIT: "8" },
  });
  collection = platform.deployment.collection;
  chain = createPublicClient({ transport: http(platform.anvil.rpcUrl) });
});

afterEach((context) => {
  if (context.task.result?.state === "fail") {
    console.error(`server log (last 30 lines):\n${platform.server.logs.slice(-30).join("\n")}`);
    for (const prover of provers) {
      console.error(
        `prover ${prover.owner} (last 20 lines):\n${prover.logs.slice(-20).join("\n")}`,
      );
    }
  }
});

afterAll(async () => {
  for (const prover of provers) await prover.kill();
  await platform?.stop();
});

describe("prover processes", () => {
  it("an API server with no local prover leaves proving to a prover process: proved, minted, verified", async () => {
    const idle = await api<ApiSchema<"Health">>("/api/health");
    expect(idle.body.prover).toMatchObject({ size: 0, ready: 0, provingProcesses: 0 });

    const prompt = "a red circle on blue";
    const id = await submit(prompt);
    // Queued, not lost: nothing proves it until a prover process starts.
    await new Promise((wait) => setTimeout(wait, 1500));
    expect((await api<Generation>(`/api/generations/${id}`)).body.status).toBe("queued");

    const started = Date.now();
    await addProver("a");
    let preview: Promise<Response> | undefined;
    let health: Promise<{ body: ApiSchema<"Health"> }> | undefined;
    // The server's stream carries the events the prover process commits.
    const streamed = await readGenerationEvents({
      url: platform.server.url,
      id,
      until: (event) => {
        if (event.type === "stage" && event.data.stage === "render") {
          preview = fetch(`${platform.server.url}/api/generations/${id}/preview.png`);
          health = api("/api/health");
        }
        return event.type === "minted" || event.type === "failed";
      },
    });
    console.log(
      `prover process started -> minted: ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    // The relayer's own "mint" completion is absent when the indexer saw the token first.
    const stages = streamed.filter((e) => e.type === "stage").map((e) => e.data.stage);
    expect(stages.filter((stage) => stage !== "mint")).toEqual([
      "validate",
      "witness",
      "render",
      "prove",
      "verify",
      "store",
      "ready",
      "minted",
    ]);
    expect(stages.filter((stage) => stage === "mint").length).toBeLessThanOrEqual(1);
    expect(mintTransactions(streamed)).toHaveLength(1);
    // The prover process stops at the mint stage (it holds no relayer key) and leaves it to the
    // leading server: no attempt is spent on a mint it could not send.
    expect(streamed.filter((e) => e.type === "retrying" || e.type === "failed")).toEqual([]);
    expect((await health!).body.prover.provingProcesses).toBe(1);

    // The preview came from the content store (the server has no job folder at all), and is
    // the image that was minted.
    const previewed = await preview!;
    expect(previewed.headers.get("x-proofmint-proven")).toBe("false");
    const ready = streamed.find((event) => event.type === "ready")!;
    const image = await fetch(`${platform.server.url}/ipfs/${String(ready.data.imageCid)}`);
    expect(new Uint8Array(await previewed.arrayBuffer())).toEqual(
      new Uint8Array(await image.arrayBuffer()),
    );
    expect(existsSync(join(platform.dataDir, "jobs"))).toBe(false);
    await expectMintedAndVerified(prompt);
  });

  it("a prover killed mid-proof: another finishes its jobs exactly once, with provers added and removed while they run", async () => {
    const [first] = provers;
    const second = await addProver("b");
    const prompts = ["a small green square on white", "a yellow ring on black"];
    const ids = [await submit(prompts[0]!), await submit(prompts[1]!)];

    await waitFor(ids[0]!, (g) =>
      g.events.some((event) => event.type === "progress" && event.data.stage === "prove"),
    );
    const holder = await leaseOwner(ids[0]!);
    const victim = [first!, second].find((prover) => prover.owner === holder)!;
    expect(victim).toBeDefined();
    await victim.kill();
    // Added after the kill: at start it frees the leases of dead processes on this host.
    const third = await addProver("c");

    const done = await Promise.all(ids.map((id) => waitFor(id, (g) => g.status === "minted")));
    for (const [index, generation] of done.entries()) {
      expect(stageEvents(generation.events, "prove"), `prove of job ${index}`).toHaveLength(1);
      // One mint transaction sent; the relayer's "mint" completion may lose to the indexer's.
      expect(mintTransactions(generation.events), `mint of job ${index}`).toHaveLength(1);
      expect(stageEvents(generation.events, "mint").length).toBeLessThanOrEqual(1);
      expect(stageEvents(generation.events, "minted"), `minted of job ${index}`).toHaveLength(1);
      await expectMintedAndVerified(prompts[index]!);
    }
    // The killed prover's job resumed elsewhere without its files: it restarted from the witness.
    const retries = done[0]!.events.filter((event) => event.type === "retrying");
    expect(retries.map((event) => event.data.code)).toContain("JOB_FILES_MISSING");
    expect(stageEvents(done[0]!.events, "witness").length).toBeGreaterThanOrEqual(1);

    // Removed gracefully: the survivors stop, holding no lease.
    for (const prover of [first!, second, third].filter((p) => p !== victim)) await prover.stop();
    for (const id of ids) expect(await leaseOwner(id)).toBeNull();
    const health = await api<ApiSchema<"Health">>("/api/health");
    expect(health.body.prover.provingProcesses).toBe(0);
  });
});
