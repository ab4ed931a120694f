// Chain reorganisations against the whole platform, for real: anvil reorganises its own chain
// (`anvil_reorg`: replace the last N blocks, optionally re-including given transactions) under
// the server's indexer and relayer. Three proofs in all; the cases run in order on one platform.
import { resolve } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createPublicClient, http, type Address, type Hex } from "viem";
import { mnemonicToAccount } from "viem/accounts";
import { proofmintCollectionAbi, promptTokenId, type ApiSchema } from "@proofmint/core";
import {
  readGenerationEvents,
  startLocalPlatform,
  type LocalPlatform,
} from "@proofmint/server/platform";
import { call } from "../drills/drillPlatform.ts";

const root = resolve(import.meta.dirname, "../..");
const ANVIL_MNEMONIC = "test test test test test test test test test test test junk";
const creator = mnemonicToAccount(ANVIL_MNEMONIC, { addressIndex: 1 }).address;
/** Deeper reorganisations than this rebuild the index (the third case). */
const MAX_REORG_DEPTH = 16;

type Generation = ApiSchema<"Generation">;
type Token = ApiSchema<"Token">;
type Health = ApiSchema<"Health">;

let platform: LocalPlatform;
/** The generations the first two cases minted. */
const mintedIds: string[] = [];
let chain: ReturnType<typeof createPublicClient>;
let collection: Address;

const api = <T>(path: string, init?: RequestInit) =>
  call<T>(`${platform.server.url}${path}`, {
    ...init,
    headers: { "content-type": "application/json" },
  });

async function anvil(method: string, params: unknown[]): Promise<unknown> {
  const response = await call<{ result?: unknown; error?: { message: string } }>(
    platform.anvil.rpcUrl,
    {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
    },
  );
  if (response.body.error) throw new Error(`${method}: ${response.body.error.message}`);
  return response.body.result;
}

/** Polls `read` until `done` accepts what it returns. */
async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out; last: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const generation = async (id: string) => (await api<Generation>(`/api/generations/${id}`)).body;
const health = async () => (await api<Health>("/api/health")).body;
const indexedTokens = async () => (await api<{ tokens: Token[] }>("/api/tokens")).body.tokens;
const ofType = (job: Generation, type: string, kind?: string) =>
  job.events.filter((event) => event.type === type && (!kind || event.data.kind === kind));

/** Asks for `prompt`, minted by the relayer to `creator`; resolves with the generation's id. */
async function submit(prompt: string): Promise<string> {
  const created = await api<{ id: string }>("/api/generations", {
    method: "POST",
    body: JSON.stringify({ prompt, recipient: creator }),
  });
  expect(created.status).toBe(202);
  return created.body.id;
}

/**
 * Generates and relays the mint of `prompt` to `creator`; resolves once it is indexed.
 * `whileProving` runs once the relayer's commitment is on chain.
 */
async function mintThroughServer(
  prompt: string,
  whileProving?: (commit: Hex) => Promise<void>,
): Promise<Generation> {
  const id = await submit(prompt);
  mintedIds.push(id);
  if (whileProving !== undefined) {
    const events = await readGenerationEvents({
      url: platform.server.url,
      id,
      until: (event) => event.type === "transaction" && event.data.kind === "commit",
    });
    const hash = events.at(-1)!.data.hash as Hex;
    await chain.waitForTransactionReceipt({ hash });
    await whileProving(hash);
  }
  return until(
    () => generation(id),
    (job) => job.status === "minted",
    240_000,
  );
}

/** The chain's head, once the indexer has read it. */
async function indexedHead(): Promise<bigint> {
  const head = await chain.getBlockNumber({ cacheTime: 0 });
  await until(health, (state) => state.indexer.nextBlock > head);
  return head;
}

/** The `AigcData` events of a token on the chain as it is now: one per mint. */
async function mintEvents(tokenId: bigint) {
  return chain.getContractEvents({
    address: collection,
    abi: proofmintCollectionAbi,
    eventName: "AigcData",
    args: { tokenId },
    fromBlock: platform.deployment.startBlock,
  });
}

beforeAll(async () => {
  platform = await startLocalPlatform({
    root,
    name: "reorg",
    env: { INDEXER_MAX_REORG_DEPTH: String(MAX_REORG_DEPTH) },
  });
  collection = platform.deployment.collection;
  chain = createPublicClient({ transport: http(platform.anvil.rpcUrl) });
});

afterEach((context) => {
  if (context.task.result?.state === "fail") {
    const logs = platform.server.logs.filter((line) => !line.includes('"msg":"request"'));
    console.error(`server log, requests left out (last 40 lines):\n${logs.slice(-40).join("\n")}`);
  }
});

afterAll(async () => {
  await platform?.stop();
});

describe("chain reorganisations", () => {
  const dropped = "a reorg took this token away";
  const moved = "the same mint in a later block";

  it(
    "drops a relayed mint with its commit: the token leaves the index, the relayer mints " +
      "again once, and one token ends on chain and in the index",
    async () => {
      const tokenId = promptTokenId({ prompt: dropped });
      const first = await mintThroughServer(dropped);
      const commit = await chain.getTransactionReceipt({ hash: first.mint.commitTx! });
      const firstMint = await chain.getTransactionReceipt({ hash: first.mint.mintTx! });
      expect((await api<Token>(`/api/tokens/${tokenId}`)).body.mintedBlock).toBe(
        Number(firstMint.blockNumber),
      );

      const head = await indexedHead();
      await anvil("anvil_reorg", [Number(head - commit.blockNumber + 1n), []]);
      expect(await mintEvents(tokenId)).toHaveLength(0);

      // The relayer needs a new commit and its 2 s delay: the token is gone from the index first.
      await until(
        () => api(`/api/tokens/${tokenId}`),
        (response) => response.status === 404,
        10_000,
      );
      expect((await indexedTokens()).map((token) => token.tokenId)).not.toContain(
        tokenId.toString(),
      );
      const { lastReorg } = (await health()).indexer;
      expect(lastReorg).toMatchObject({ toBlock: Number(head), tokensRemoved: 1, jobsReopened: 1 });
      expect(lastReorg!.fromBlock).toBeLessThanOrEqual(Number(commit.blockNumber));
      expect(lastReorg!.ancestor!.number).toBe(lastReorg!.fromBlock - 1);

      const again = await until(
        () => generation(first.id),
        (job) => job.status === "minted" && ofType(job, "reorg").length > 0,
      );
      expect(ofType(again, "reorg")).toHaveLength(1);
      expect(ofType(again, "reorg")[0]!.data.stage).toBe("ready");
      expect(ofType(again, "minted")).toHaveLength(2);
      expect(ofType(again, "transaction", "mint")).toHaveLength(2);
      expect(again.mint.mintTx).not.toBe(first.mint.mintTx);

      const events = await mintEvents(tokenId);
      expect(events.map((event) => event.transactionHash)).toEqual([again.mint.mintTx]);
      const contract = { address: collection, abi: proofmintCollectionAbi } as const;
      expect(
        await chain.readContract({ ...contract, functionName: "ownerOf", args: [tokenId] }),
      ).toBe(creator);
      expect(
        await chain.readContract({ ...contract, functionName: "balanceOf", args: [creator] }),
      ).toBe(1n);
      const listed = (await indexedTokens()).filter((t) => t.tokenId === tokenId.toString());
      expect(listed).toEqual([
        expect.objectContaining({
          owner: creator,
          mintedTx: again.mint.mintTx,
          mintedBlock: Number(events[0]!.blockNumber),
        }),
      ]);
    },
  );

  it("moves a mint to a later block: the token is indexed once, at its new block", async () => {
    const tokenId = promptTokenId({ prompt: moved });
    // anvil_reorg gives its blocks the timestamp of the block they follow. For the mint to stay
    // valid in them, a block past the commit delay is mined before the relayer's mint.
    const delay = await chain.readContract({
      address: collection,
      abi: proofmintCollectionAbi,
      functionName: "commitMinDelay",
    });
    let committedAt = 0n;
    const job = await mintThroughServer(moved, async (commit) => {
      const { blockNumber } = await chain.getTransactionReceipt({ hash: commit });
      committedAt = (await chain.getBlock({ blockNumber })).timestamp;
      await new Promise((resolve) => setTimeout(resolve, Number(delay + 1n) * 1000));
      await anvil("anvil_mine", [1]);
    });
    const hash = job.mint.mintTx!;
    const before = await chain.getTransactionReceipt({ hash });
    const parent = await chain.getBlock({ blockNumber: before.blockNumber - 1n });
    expect(parent.timestamp).toBeGreaterThanOrEqual(committedAt + delay);
    const raw = (await anvil("eth_getRawTransactionByHash", [hash])) as Hex;

    await anvil("anvil_mine", [2]);
    const head = await indexedHead();
    const depth = Number(head - before.blockNumber + 1n);
    // The new chain has as many blocks, the mint in its last one.
    await anvil("anvil_reorg", [depth, [[raw, depth - 1]]]);
    const after = await chain.getTransactionReceipt({ hash });
    expect(after).toMatchObject({ status: "success", blockNumber: head });
    expect(after.blockHash).not.toBe(before.blockHash);

    const token = await until(
      () => api<Token>(`/api/tokens/${tokenId}`),
      (response) => response.body.mintedBlock === Number(head),
    );
    expect(token.body).toMatchObject({ owner: creator, mintedTx: hash });
    const settled = await until(
      () => generation(job.id),
      (current) => current.status === "minted" && ofType(current, "reorg").length > 0,
    );
    expect(ofType(settled, "reorg")).toHaveLength(1);
    expect(ofType(settled, "transaction", "mint")).toHaveLength(1);
    expect(settled.mint.mintTx).toBe(hash);
    expect((await health()).indexer.lastReorg).toMatchObject({
      toBlock: Number(head),
      tokensRemoved: 1,
    });
    expect((await mintEvents(tokenId)).map((event) => event.blockNumber)).toEqual([head]);
    const listed = (await indexedTokens()).filter((t) => t.tokenId === tokenId.toString());
    expect(listed).toHaveLength(1);
  });

  it(
    `rebuilds the index from the deployment block after a reorganisation deeper than ` +
      `INDEXER_MAX_REORG_DEPTH (${MAX_REORG_DEPTH}), sending nothing again`,
    async () => {
      const tokensBefore = await indexedTokens();
      expect(tokensBefore).toHaveLength(2);
      const jobsBefore = await Promise.all(mintedIds.map(generation));

      await anvil("anvil_mine", [MAX_REORG_DEPTH + 4]);
      const head = await indexedHead();
      await anvil("anvil_reorg", [MAX_REORG_DEPTH + 4, []]);

      const { lastReorg } = (
        await until(health, (state) => state.indexer.lastReorg?.ancestor === null)
      ).indexer;
      expect(lastReorg).toMatchObject({
        fromBlock: Number(platform.deployment.startBlock),
        toBlock: Number(head),
        tokensRemoved: 2,
        jobsReopened: 2,
      });
      await until(indexedTokens, (tokens) => tokens.length === 2);
      expect(await indexedTokens()).toEqual(tokensBefore);
      for (const before of jobsBefore) {
        const after = await until(
          () => generation(before.id),
          (job) => job.status === "minted" && job.events.length > before.events.length,
        );
        expect(ofType(after, "reorg")).toHaveLength(ofType(before, "reorg").length + 1);
        expect(ofType(after, "transaction")).toEqual(ofType(before, "transaction"));
      }
    },
  );

  it("with CHAIN_CONFIRMATIONS=2, indexes a mint and counts it done only two blocks deep", async () => {
    platform.env.CHAIN_CONFIRMATIONS = "2";
    await platform.server.stop();
    await platform.restartServer();
    expect((await health()).indexer.confirmations).toBe(2);
    const prompt = "two blocks deep";
    const tokenId = promptTokenId({ prompt });
    const id = await submit(prompt);
    const sent = await readGenerationEvents({
      url: platform.server.url,
      id,
      until: (event) => event.type === "transaction" && event.data.kind === "mint",
    });
    const receipt = await chain.waitForTransactionReceipt({ hash: sent.at(-1)!.data.hash as Hex });
    // Anvil mines only on demand here: the head stays where the test puts it.
    const notYetFinal = async () => {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect((await api(`/api/tokens/${tokenId}`)).status).toBe(404);
      const job = await generation(id);
      expect(job.status).toBe("minting");
      expect(ofType(job, "stage").map((event) => event.data.stage)).not.toContain("mint");
    };
    expect(await chain.getBlockNumber({ cacheTime: 0 })).toBe(receipt.blockNumber);
    await notYetFinal();
    await anvil("anvil_mine", [1]);
    await notYetFinal();
    await anvil("anvil_mine", [1]);
    const job = await until(
      () => generation(id),
      (current) => current.status === "minted",
    );
    expect(job.mint.mintTx).toBe(receipt.transactionHash);
    expect((await api<Token>(`/api/tokens/${tokenId}`)).body.mintedBlock).toBe(
      Number(receipt.blockNumber),
    );
  });
});
