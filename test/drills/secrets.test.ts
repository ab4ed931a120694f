// Secrets: the relayer key comes from the environment or from a named file outside the
// repository, and never shows up anywhere else. Each run takes a prompt through a relayed mint
// (the key really signs), then looks for the key in every log line the server wrote, in every
// file under its DATA_DIR (database, blockstore, job files, anvil state) and in the read API's
// answers: as hex with or without 0x in any case, and as raw bytes.
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createPublicClient, getAddress, http, type Hex } from "viem";
import { mnemonicToAccount } from "viem/accounts";
import { startServerProcess } from "@proofmint/server/platform";
import { call, root, startDrillPlatform, type DrillPlatform } from "./drillPlatform.ts";

const MNEMONIC = "test test test test test test test test test test test junk";
// Anvil's account 5 relays (not account 0, the development default, so the key given is the one
// that signs); account 6 receives.
const relayer = mnemonicToAccount(MNEMONIC, { addressIndex: 5 });
const relayerKey = `0x${Buffer.from(relayer.getHdKey().privateKey!).toString("hex")}` as Hex;
const recipient = mnemonicToAccount(MNEMONIC, { addressIndex: 6 }).address;

let platform: DrillPlatform | undefined;
let keyDir: string | undefined;

afterEach(async (context) => {
  if (context.task.result?.state === "fail" && platform) {
    console.error(`server log (last 30 lines):\n${platform.server.logs.slice(-30).join("\n")}`);
  }
  await platform?.stop();
  platform = undefined;
  if (keyDir) await rm(keyDir, { recursive: true, force: true });
  keyDir = undefined;
});

/** Every place in `text` (a log line, a file read as latin1) where the key appears. */
function keyIn(bytes: Buffer): boolean {
  const hex = relayerKey.slice(2).toLowerCase();
  const raw = Buffer.from(hex, "hex");
  return bytes.toString("latin1").toLowerCase().includes(hex) || bytes.includes(raw);
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

async function mintAndScan(env: Record<string, string>, prompt: string) {
  platform = await startDrillPlatform({ env: { ...env, LOG_LEVEL: "debug" } });
  const { url } = platform.server;
  const health = await call<{ chain: { relayer: boolean } }>(`${url}/api/health`);
  expect(health.body.chain.relayer).toBe(true);
  const created = await call<{ id: string }>(`${url}/api/generations`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ prompt, recipient }),
  });
  expect(created.status).toBe(202);
  const deadline = Date.now() + 300_000;
  let job: { status: string; mintTx?: string | null; error: unknown };
  for (;;) {
    job = (await call<typeof job>(`${url}/api/generations/${created.body.id}`)).body;
    if (["minted", "failed"].includes(job.status) || Date.now() > deadline) break;
    await new Promise((done) => setTimeout(done, 300));
  }
  expect(job.status, JSON.stringify(job.error)).toBe("minted");

  // The key given is the one that signed: the mint came from its address.
  const chain = createPublicClient({ transport: http(platform.anvil.rpcUrl) });
  const tokens = await call<{ tokens: { mintedTx: Hex; owner: string }[] }>(`${url}/api/tokens`);
  expect(tokens.body.tokens).toHaveLength(1);
  const mint = await chain.getTransaction({ hash: tokens.body.tokens[0]!.mintedTx });
  expect(getAddress(mint.from)).toBe(relayer.address);
  expect(getAddress(tokens.body.tokens[0]!.owner)).toBe(recipient);

  // Read answers, then everything written: logs (the server stops first, so all is flushed)
  // and every file of DATA_DIR.
  for (const path of ["/api/health", "/api/models", "/api/tokens", "/api/openapi.json"]) {
    expect(keyIn(Buffer.from((await call(`${url}${path}`)).text)), path).toBe(false);
  }
  await platform.server.stop();
  expect(platform.server.logs.length).toBeGreaterThan(10);
  const leakingLines = platform.server.logs.filter((line) => keyIn(Buffer.from(line)));
  expect(leakingLines).toEqual([]);
  const files = await filesUnder(platform.dataDir);
  expect(files.some((file) => file.endsWith("proofmint.sqlite"))).toBe(true);
  const leakingFiles: string[] = [];
  for (const file of files) if (keyIn(await readFile(file))) leakingFiles.push(file);
  expect(leakingFiles).toEqual([]);
  await platform.restartServer();
}

describe("secrets", () => {
  it("relays with a key from RELAYER_PRIVATE_KEY and leaves it in no log, file or answer", async () => {
    await mintAndScan({ RELAYER_PRIVATE_KEY: relayerKey }, "a secret kept in the environment");
  });

  it("relays with a key from RELAYER_KEY_FILE and leaves it in no log, file or answer", async () => {
    keyDir = await mkdtemp(join(tmpdir(), "proofmint-key-"));
    const keyFile = join(keyDir, "relayer.key");
    await writeFile(keyFile, `${relayerKey.toUpperCase().replace("0X", "0x")}\n`, { mode: 0o600 });
    await mintAndScan({ RELAYER_KEY_FILE: keyFile }, "a secret kept in a file");
  });

  it("refuses a malformed key at start-up without echoing it", async () => {
    for (const bad of [relayerKey.slice(2), `${relayerKey}00`, relayerKey.slice(0, -1)]) {
      const started = startServerProcess({
        root,
        env: { RPC_URL: "http://127.0.0.1:9", CHAIN_ID: "31337", RELAYER_PRIVATE_KEY: bad },
      });
      const error = (await started.then(
        async (server) => {
          await server.stop();
          throw new Error("the server started with a malformed key");
        },
        (failure: unknown) => failure,
      )) as { details: { logs: string } };
      expect(error.details.logs).toMatch(/RELAYER_PRIVATE_KEY/);
      const fragment = bad.replace(/^0x/, "").slice(8, 40).toLowerCase();
      expect(error.details.logs.toLowerCase()).not.toContain(fragment);
    }
  });
});
