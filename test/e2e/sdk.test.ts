// verifyAigc and the proofmint CLI against the real platform: anvil, the deployed collection and
// the server (pool of 1) minting real proofs. Tampered tokens are minted from a wallet with the
// server's own mint arguments and a forged tokenURI, whose documents a small test gateway serves
// next to the server's (the SDK checks every block's hash, so the forgeries are real CIDs).
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import type { AddressInfo } from "node:net";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CID } from "multiformats/cid";
import * as raw from "multiformats/codecs/raw";
import { sha256 } from "multiformats/hashes/sha2";
import {
  createPublicClient,
  createWalletClient,
  http,
  type Address,
  type PublicClient,
} from "viem";
import { mnemonicToAccount } from "viem/accounts";
import {
  parseQuantizedOutput,
  parseTokenMetadata,
  proofmintCollectionAbi,
  promptTokenId,
  renderPng,
  serializeQuantizedOutput,
  serializeTokenMetadata,
  tokenMetadata,
  type IpfsUri,
  type TokenMetadata,
  type ApiSchema,
} from "@proofmint/core";
import {
  startLocalPlatform,
  type LocalPlatform,
  type RunningAnvil,
  type ServerProcess,
} from "@proofmint/server/platform";
import {
  verifyAigc,
  type AigcLinkId,
  type AigcReport,
  type CircuitArtifacts,
} from "@proofmint/sdk";
import { readCircuitArtifacts } from "@proofmint/sdk/node";
import { runCli } from "../../packages/sdk/src/cli/runCli.ts";

const root = resolve(import.meta.dirname, "../..");
// Anvil's default accounts (its public test mnemonic): 0 is the server's relayer, 1 a creator
// minting through the CLI, 2 a wallet minting forgeries.
const ANVIL_MNEMONIC = "test test test test test test test test test test test junk";
const creator = mnemonicToAccount(ANVIL_MNEMONIC, { addressIndex: 1 }).address;
const walletAccount = mnemonicToAccount(ANVIL_MNEMONIC, { addressIndex: 2 });

let platform: LocalPlatform;
let anvil: RunningAnvil;
let server: ServerProcess;
let gateway: Server;
let gatewayUrl: string;
let chain: PublicClient;
let collection: Address;
let artifacts: CircuitArtifacts;
const forged = new Map<string, Uint8Array>();

type Generation = ApiSchema<"Generation">;

async function api<T>(path: string, init?: RequestInit): Promise<T> {
  const response = await fetch(`${server.url}${path}`, {
    ...init,
    headers: { "content-type": "application/json" },
  });
  const body = (await response.json()) as T;
  if (!response.ok) throw new Error(`${path}: ${response.status} ${JSON.stringify(body)}`);
  return body;
}

async function waitFor(id: string, status: string): Promise<Generation> {
  for (const deadline = Date.now() + 300_000; Date.now() < deadline;) {
    const generation = await api<Generation>(`/api/generations/${id}`);
    if (generation.status === status) return generation;
    if (generation.status === "failed") throw new Error(JSON.stringify(generation.error));
    await new Promise((done) => setTimeout(done, 250));
  }
  throw new Error(`generation ${id} never became ${status}`);
}

/** Serves `bytes` from the test gateway under their raw CID. */
async function publish(bytes: Uint8Array): Promise<IpfsUri> {
  const cid = CID.createV1(raw.code, await sha256.digest(bytes)).toString();
  forged.set(cid, bytes);
  return `ipfs://${cid}`;
}

const ipfsBytes = async (uri: string) =>
  new Uint8Array(await (await fetch(`${gatewayUrl}/ipfs/${uri.slice(7)}`)).arrayBuffer());

/** Generates `prompt` on the server, then mints it from a wallet with a forged tokenURI. */
async function mintForged(
  prompt: string,
  forge: (metadata: TokenMetadata) => Promise<IpfsUri>,
): Promise<bigint> {
  const { id } = await api<{ id: string }>("/api/generations", {
    method: "POST",
    body: JSON.stringify({ prompt }),
  });
  const ready = await waitFor(id, "ready");
  const metadata = parseTokenMetadata({ bytes: await ipfsBytes(`ipfs://${ready.metadata!.cid}`) });
  const tokenUri = await forge(metadata);
  const wallet = createWalletClient({
    account: walletAccount,
    transport: http(anvil.rpcUrl),
  });
  const args = await api<ApiSchema<"MintArgs">>(
    `/api/generations/${id}/mint?to=${wallet.account.address}`,
  );
  const contract = { address: collection, abi: proofmintCollectionAbi, chain: null } as const;
  await chain.waitForTransactionReceipt({
    hash: await wallet.writeContract({ ...contract, ...args.commit }),
  });
  await new Promise((done) => setTimeout(done, (args.commitMinDelay + 1) * 1000));
  const [to, promptHex, aigcData, proof, salt] = args.mint.args;
  await chain.waitForTransactionReceipt({
    hash: await wallet.writeContract({
      ...contract,
      functionName: "mint",
      args: [to, promptHex, aigcData, proof, salt, tokenUri],
    }),
  });
  return promptTokenId({ prompt });
}

function statuses(report: AigcReport): Record<AigcLinkId, string> {
  return Object.fromEntries(report.links.map((link) => [link.id, link.status])) as never;
}

const verify = (tokenId: bigint, address: Address = collection) =>
  verifyAigc({
    client: chain,
    collection: address,
    tokenId,
    gateway: gatewayUrl,
    artifacts,
    acceptDevelopmentSrs: true,
  });

beforeAll(async () => {
  artifacts = await readCircuitArtifacts({ dir: join(root, "circuits/sprite") });
  platform = await startLocalPlatform({ root, name: "sdk-e2e" });
  ({ anvil, server } = platform);
  collection = platform.deployment.collection;
  chain = createPublicClient({ transport: http(anvil.rpcUrl) }) as PublicClient;
  gateway = createServer(async (request, response) => {
    const cid = new URL(request.url!, "http://gateway").pathname.replace("/ipfs/", "");
    const bytes =
      forged.get(cid) ??
      (await fetch(`${server.url}/ipfs/${cid}?format=raw`).then(async (upstream) =>
        upstream.ok ? new Uint8Array(await upstream.arrayBuffer()) : undefined,
      ));
    response.writeHead(bytes === undefined ? 404 : 200).end(bytes);
  });
  await new Promise<void>((done) => gateway.listen(0, "127.0.0.1", done));
  gatewayUrl = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((done) => gateway?.close(done));
  await platform?.stop();
});

describe("verifyAigc and the CLI, end to end", () => {
  const genuinePrompt = "a red circle on blue";
  const genuineId = promptTokenId({ prompt: genuinePrompt });

  it("mints through the CLI, then verifies the genuine token: every link passes", async () => {
    const out: string[] = [];
    const err: string[] = [];
    const io = {
      stdout: (text: string) => out.push(text),
      stderr: (text: string) => err.push(text),
    };
    const minted = await runCli({
      args: ["mint", "A Red  Circle on Blue", "--to", creator, "--server", server.url, "--json"],
      ...io,
    });
    expect(minted, err.join("")).toBe(0);
    expect(JSON.parse(out.join(""))).toMatchObject({
      status: "minted",
      tokenId: String(genuineId),
    });
    expect(err.join("")).toMatch(/stage prove/);

    const report = await verify(genuineId);
    // Every link passes; the accepted development setup is the one warning.
    expect(report.links.filter((link) => link.status !== "passed")).toEqual([
      expect.objectContaining({ id: "trusted-setup", status: "warning" }),
    ]);
    expect(report).toMatchObject({ passed: true, prompt: genuinePrompt, srs: "development" });
    console.log(`verifyAigc, genuine token: ${report.ms} ms`);

    out.length = 0;
    const args = ["verify", collection, String(genuineId), "--rpc", anvil.rpcUrl];
    const where = ["--gateway", gatewayUrl, "--circuit", join(root, "circuits/sprite")];
    expect(await runCli({ args: [...args, ...where, "--allow-dev-srs"], ...io })).toBe(0);
    expect(out.join("")).toMatch(/VERIFIED WITH 1 WARNING\(S\)/);
    expect(out.join("")).toMatch(/WARNING: this model uses a DEVELOPMENT trusted setup/);
    out.length = 0;
    expect(await runCli({ args: [...args, ...where, "--json"], ...io })).toBe(1);
    const json = JSON.parse(out.join("")) as AigcReport;
    expect(json.links.find((link) => link.id === "trusted-setup")).toMatchObject({
      status: "failed",
      reason: expect.stringMatching(/DEVELOPMENT SRS.*forge/),
    });
    expect(json.links.filter((link) => link.status !== "passed")).toHaveLength(1);
  });

  it("previews exactly the PNG the platform minted, without proving", async () => {
    const metadata = parseTokenMetadata({
      bytes: await ipfsBytes(
        await chain.readContract({
          address: collection,
          abi: proofmintCollectionAbi,
          functionName: "tokenURI",
          args: [genuineId],
        }),
      ),
    });
    const outDir = await mkdtemp(join(tmpdir(), "proofmint-preview-"));
    const out: string[] = [];
    const io = {
      stdout: (text: string) => out.push(text),
      stderr: (text: string) => out.push(text),
    };
    const args = ["preview", "--out-dir", outDir, "A Red  Circle on Blue", "a fox"];
    expect(await runCli({ args, ...io }), out.join("")).toBe(0);
    expect(new Uint8Array(await readFile(join(outDir, "1.png")))).toEqual(
      await ipfsBytes(metadata.image),
    );
    expect(existsSync(join(outDir, "2.png"))).toBe(true);
    await rm(outDir, { recursive: true, force: true });
  });

  it("fails the image link for metadata that points to another image", async () => {
    const genuine = parseTokenMetadata({
      bytes: await ipfsBytes(
        await chain.readContract({
          address: collection,
          abi: proofmintCollectionAbi,
          functionName: "tokenURI",
          args: [genuineId],
        }),
      ),
    });
    const tokenId = await mintForged("a yellow ring on black", async (metadata) =>
      publish(serializeTokenMetadata({ metadata: { ...metadata, image: genuine.image } })),
    );
    const report = await verify(tokenId);
    expect(statuses(report)).toMatchObject({
      "token-record": "passed",
      metadata: "passed",
      "onchain-verify": "passed",
      "offchain-verify": "passed",
      "output-commitment": "passed",
      "image-render": "failed",
    });
    expect(report.links.find((link) => link.id === "image-render")!.reason).toMatch(
      /is not the rendering of the raw output/,
    );
  });

  it("fails the metadata link for metadata that carries another prompt", async () => {
    const tokenId = await mintForged("two blue dots", async (metadata) => {
      const p = metadata.provenance;
      const forgery = tokenMetadata({
        prompt: "three green dots",
        model: p.model,
        modelId: p.model_id,
        srs: p.srs,
        chainId: p.chain_id,
        collection: p.collection,
        verifier: p.verifier,
        aigcData: p.aigc_data,
        imageUri: metadata.image,
        outputUri: p.output,
        proofUri: p.proof,
      });
      return publish(serializeTokenMetadata({ metadata: forgery }));
    });
    const report = await verify(tokenId);
    expect(statuses(report)).toMatchObject({ "token-record": "passed", metadata: "failed" });
    expect(report.links.find((link) => link.id === "metadata")!.reason).toMatch(
      /prompt "three green dots" is not the token's \("two blue dots"\)/,
    );
    expect(report.passed).toBe(false);
  });

  it("fails the output-commitment link for a tampered raw output (re-rendered to match)", async () => {
    const tokenId = await mintForged("a small green square on white", async (metadata) => {
      const output = parseQuantizedOutput({ bytes: await ipfsBytes(metadata.provenance.output) });
      output.output[0] = output.output[0]! + 1n;
      const outputUri = await publish(serializeQuantizedOutput(output));
      const imageUri = await publish(renderPng(output));
      const forgery: TokenMetadata = {
        ...metadata,
        image: imageUri,
        aigc_data: outputUri,
        provenance: { ...metadata.provenance, output: outputUri },
      };
      return publish(serializeTokenMetadata({ metadata: forgery }));
    });
    const report = await verify(tokenId);
    expect(statuses(report)).toMatchObject({
      metadata: "passed",
      "onchain-verify": "passed",
      "output-commitment": "failed",
      "image-render": "passed",
    });
    expect(report.links.find((link) => link.id === "output-commitment")!.reason).toMatch(
      /committing to the raw output .* gives 0x[0-9a-f]{64}, not the token's aigcData/,
    );
  });

  it("fails the first links for a contract without ERC-7007 and for a token that does not exist", async () => {
    const adapter = await chain.readContract({
      address: collection,
      abi: proofmintCollectionAbi,
      functionName: "verifier",
    });
    const notCollection = await verify(genuineId, adapter);
    expect(notCollection.links[0]).toMatchObject({ id: "erc7007-interface", status: "failed" });
    expect(notCollection.links.slice(1).every((link) => link.status === "unsupported")).toBe(true);

    const missing = await verify(promptTokenId({ prompt: "never minted" }));
    expect(statuses(missing)).toMatchObject({
      "erc7007-interface": "passed",
      "token-record": "failed",
      metadata: "unsupported",
    });
    expect(missing.links[1]!.reason).toMatch(
      /does not exist: ownerOf reverted with ERC721NonexistentToken/,
    );

    const out: string[] = [];
    const io = {
      stdout: (text: string) => out.push(text),
      stderr: (text: string) => out.push(text),
    };
    const args = ["verify", collection, "12", "--rpc", anvil.rpcUrl, "--gateway", gatewayUrl];
    expect(await runCli({ args, ...io })).toBe(1);
    expect(out.join("")).toMatch(/\[FAIL\] The token exists/);
    expect(await runCli({ args: ["verify", "0x1234", "1", "--rpc", anvil.rpcUrl], ...io })).toBe(2);
    expect(await runCli({ args: ["verify", collection, "1"], ...io })).toBe(2);
    expect(await runCli({ args: ["mint", "a fox"], ...io })).toBe(2);
  });
});
