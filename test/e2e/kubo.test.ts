// The IPFS side against a real Kubo daemon (built from the Go module proxy into the cache on first
// use, about 2 minutes): the content store and gateway suites the embedded store passes in the unit
// suite, then one whole flow on the platform with IPFS_API_URL pointing at Kubo (prompt, proof,
// stored and pinned on Kubo, minted, verified by the SDK through the server's gateway), a Kubo
// lost mid-run, and a Kubo that is not there at start.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPublicClient, http, type PublicClient } from "viem";
import { mnemonicToAccount } from "viem/accounts";
import { promptTokenId, type ApiSchema } from "@proofmint/core";
import {
  startKubo,
  startLocalPlatform,
  startServerProcess,
  type LocalPlatform,
  type RunningKubo,
} from "@proofmint/server/platform";
import { verifyAigc } from "@proofmint/sdk";
import { readCircuitArtifacts } from "@proofmint/sdk/node";
import { EmbeddedContentStore } from "../../server/src/ipfs/embeddedContentStore.ts";
import { KuboContentStore } from "../../server/src/ipfs/kuboContentStore.ts";
import { describeContentStore } from "../../server/src/testing/contentStoreSuite.ts";
import { describeGateway } from "../../server/src/testing/gatewaySuite.ts";

const root = resolve(import.meta.dirname, "../..");
const ANVIL_MNEMONIC = "test test test test test test test test test test test junk";
const creator = mnemonicToAccount(ANVIL_MNEMONIC, { addressIndex: 1 }).address;

/** A Kubo daemon on a repository of its own, kept across restarts until `close()`. */
async function kuboStore() {
  const repoDir = await mkdtemp(join(tmpdir(), "proofmint-kubo-suite-"));
  let kubo: RunningKubo = await startKubo({ repoDir });
  let store = await KuboContentStore.connect({ url: kubo.apiUrl });
  return {
    store,
    async reopen() {
      await store.close();
      await kubo.stop();
      kubo = await startKubo({ repoDir });
      store = await KuboContentStore.connect({ url: kubo.apiUrl });
      return store;
    },
    async close() {
      await store.close();
      await kubo.stop();
      await rm(repoDir, { recursive: true, force: true });
    },
  };
}

describeContentStore("KuboContentStore on a real Kubo daemon", kuboStore);

describe("the gateway route over a real Kubo daemon", () => {
  let kubo: Awaited<ReturnType<typeof kuboStore>> | undefined;
  afterAll(() => kubo?.close());
  describeGateway("GET /ipfs/:cid (gateway over Kubo)", async () => {
    kubo = await kuboStore();
    return kubo.store;
  });
});

type Generation = ApiSchema<"Generation">;
type Health = ApiSchema<"Health">;

describe("the platform with its content on a real Kubo daemon", () => {
  let platform: LocalPlatform;
  /** The metadata document of the token the first case mints. */
  let firstMetadataCid: string;
  const url = () => platform.server.url;
  const kuboApi = () => platform.kubo!.apiUrl;

  const get = async <T>(path: string) => (await (await fetch(`${url()}${path}`)).json()) as T;

  async function submit(prompt: string, recipient?: string): Promise<string> {
    const response = await fetch(`${url()}/api/generations`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(recipient === undefined ? { prompt } : { prompt, recipient }),
    });
    expect(response.status).toBe(202);
    return ((await response.json()) as { id: string }).id;
  }

  async function until<T>(what: string, read: () => Promise<T>, done: (value: T) => boolean) {
    for (const deadline = Date.now() + 300_000; Date.now() < deadline;) {
      const value = await read();
      if (done(value)) return value;
      await new Promise((wait) => setTimeout(wait, 250));
    }
    throw new Error(`timed out waiting for ${what}`);
  }

  const settle = (id: string, status: string) =>
    until(
      `generation ${id} to be ${status}`,
      () => get<Generation>(`/api/generations/${id}`),
      (generation) => generation.status === status || generation.status === "failed",
    );

  const kuboRpc = async (path: string) => fetch(`${kuboApi()}/api/v0/${path}`, { method: "POST" });

  beforeAll(async () => {
    platform = await startLocalPlatform({ root, name: "kubo-e2e", ipfs: "kubo" });
  });

  afterAll(async () => {
    await platform?.stop();
  });

  it("prompt, proof, stored and pinned on Kubo, minted, verified by the SDK through the gateway", async () => {
    const prompt = "a red circle on blue";
    const health = await get<Health>("/api/health");
    expect(health.ipfs).toEqual({ kind: "kubo", reachable: true, lastError: null });

    const done = await settle(await submit(prompt, creator), "minted");
    expect(done.status, JSON.stringify(done.error)).toBe("minted");
    firstMetadataCid = done.metadata!.cid;

    // Every artifact: on Kubo, pinned, with the CID the embedded store gives the same bytes, and
    // served through the server's gateway route as itself and as its raw block.
    const embeddedDir = await mkdtemp(join(tmpdir(), "proofmint-kubo-compare-"));
    const embedded = await EmbeddedContentStore.open({ dir: embeddedDir });
    // The content type is sniffed from the bytes; the image and the metadata must be these.
    const kinds = {
      image: "image/png",
      output: undefined,
      proof: undefined,
      metadata: "application/json",
    } as const;
    try {
      for (const [kind, type] of Object.entries(kinds)) {
        const cid = done[kind as keyof typeof kinds]!.cid;
        const served = await fetch(`${url()}/ipfs/${cid}`);
        expect(served.status, kind).toBe(200);
        if (type !== undefined) expect(served.headers.get("content-type"), kind).toBe(type);
        const bytes = new Uint8Array(await served.arrayBuffer());
        expect((await embedded.add(bytes)).toString(), kind).toBe(cid);
        const cat = await kuboRpc(`cat?arg=${cid}&offline=true`);
        expect(new Uint8Array(await cat.arrayBuffer()), kind).toEqual(bytes);
        const pins = (await (await kuboRpc(`pin/ls?arg=${cid}&type=recursive`)).json()) as {
          Keys: Record<string, { Type: string }>;
        };
        expect(pins.Keys[cid], kind).toMatchObject({ Type: "recursive" });
        const block = await fetch(`${url()}/ipfs/${cid}?format=raw`);
        expect(block.headers.get("content-type"), kind).toBe("application/vnd.ipld.raw");
      }
    } finally {
      await embedded.close();
      await rm(embeddedDir, { recursive: true, force: true });
    }

    // The SDK reads every document through the server's gateway (which reads from Kubo), hashes
    // each block against its CID, and checks the proof on and off chain.
    const report = await verifyAigc({
      client: createPublicClient({ transport: http(platform.anvil.rpcUrl) }) as PublicClient,
      collection: platform.deployment.collection,
      tokenId: promptTokenId({ prompt }),
      gateway: url(),
      artifacts: await readCircuitArtifacts({ dir: join(root, "circuits/sprite") }),
      acceptDevelopmentSrs: true,
    });
    expect(report.links.filter((link) => link.status !== "passed")).toEqual([
      expect.objectContaining({ id: "trusted-setup", status: "warning" }),
    ]);
    expect(report).toMatchObject({ passed: true, prompt });
  });

  it("waits out Kubo going away mid-run: health names it, the job retries and nothing is lost", async () => {
    const id = await submit("kubo went away and came back");
    await until(
      "the job to start proving",
      () => get<Generation>(`/api/generations/${id}`),
      (generation) =>
        generation.events.some(
          (event) => event.type === "progress" && event.data.stage === "prove",
        ),
    );
    let during: Health | undefined;
    let gatewayDuring: { status: number; body: unknown } | undefined;
    await platform.restartKubo(async () => {
      // Health keeps answering and names the setting, the URL and the fault.
      during = await until(
        "health to report Kubo away",
        () => get<Health>("/api/health"),
        (health) => !health.ipfs.reachable,
      );
      // The job reaches the store stage and waits, retrying without using up its attempts.
      await until(
        "the job to retry its store stage",
        () => get<Generation>(`/api/generations/${id}`),
        (generation) =>
          generation.events.filter(
            (event) => event.type === "retrying" && event.data.code === "CONTENT_STORE_UNAVAILABLE",
          ).length >= 3,
      );
      // The gateway says the node is away (503), not that the content does not exist (404).
      const response = await fetch(`${url()}/ipfs/${firstMetadataCid}`);
      gatewayDuring = { status: response.status, body: await response.json() };
    });
    expect(during!.ipfs.lastError).toContain(`the Kubo RPC API at ${kuboApi()} (IPFS_API_URL)`);
    expect(gatewayDuring).toMatchObject({
      status: 503,
      body: { error: { code: "CONTENT_STORE_UNAVAILABLE" } },
    });

    const done = await settle(id, "ready");
    expect(done.status, JSON.stringify(done.error)).toBe("ready");
    const retries = done.events.filter((event) => event.type === "retrying");
    expect(retries.length).toBeGreaterThanOrEqual(3);
    for (const retry of retries) expect(retry.data).toMatchObject({ counted: false });
    await until(
      "health to report Kubo back",
      () => get<Health>("/api/health"),
      (health) => health.ipfs.reachable && health.ipfs.lastError === null,
    );
    // The restarted daemon kept the first token's documents (its repository survived the kill).
    expect((await fetch(`${url()}/ipfs/${firstMetadataCid}`)).status).toBe(200);
    expect((await fetch(`${url()}/ipfs/${done.metadata!.cid}`)).status).toBe(200);
  });

  it("refuses to start when IPFS_API_URL does not answer, naming the setting and the URL", async () => {
    const closed = await new Promise<string>((done) => {
      const probe = createServer().listen(0, "127.0.0.1", () => {
        const { port } = probe.address() as AddressInfo;
        probe.close(() => done(`http://127.0.0.1:${port}`));
      });
    });
    const dataDir = await mkdtemp(join(tmpdir(), "proofmint-kubo-absent-"));
    try {
      const starting = startServerProcess({
        root,
        env: { ...platform.env, DATA_DIR: dataDir, IPFS_API_URL: closed },
      });
      const error = (await starting.then(
        () => new Error("the server started"),
        (failure: unknown) => failure,
      )) as { details?: { logs?: string } };
      expect(error.details?.logs).toContain(`IPFS_API_URL: no Kubo RPC API answers at ${closed}`);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
