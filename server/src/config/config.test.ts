import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { DEFAULT_CONFIRMATIONS, loadConfig } from "./config.ts";
import { ConfigError } from "./ConfigError.ts";

const root = mkdtempSync(join(tmpdir(), "proofmint-config-"));
const key = `0x${"11".repeat(32)}`;

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig({ env, root });
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error("expected a ConfigError");
}

describe("loadConfig", () => {
  it("has local defaults for everything", () => {
    const config = loadConfig({ env: {}, root });
    expect(config.http).toMatchObject({ host: "127.0.0.1", port: 8787, maxBodyBytes: 16384 });
    expect(config.databasePath).toBe(join(root, ".data/proofmint.sqlite"));
    expect(config.chain).toMatchObject({ rpcUrl: "http://127.0.0.1:8545", chainId: 31337 });
    expect(config.chain.relayerKey?.reveal()).toMatch(/^0xac09/);
    expect(config.prover.circuitDir).toBe(join(root, "circuits/sprite"));
    expect(config.prover.cacheDir).toBe(join(root, ".cache/circuits/sprite"));
    expect(config.ipfs.apiUrl).toBeUndefined();
  });

  it("names each bad variable and what to fix", () => {
    const lines = problems({
      PORT: "http",
      RPC_URL: "localhost",
      QUEUE_LIMIT: "0",
      DATABASE_URL: "postgres://x",
    });
    expect(lines).toHaveLength(4);
    expect(lines.find((line) => line.startsWith("PORT:"))).toContain('(got "http")');
    expect(lines.find((line) => line.startsWith("DATABASE_URL:"))).toContain("file:<path>");
    expect(lines.some((line) => line.startsWith("RPC_URL:"))).toBe(true);
    expect(lines.some((line) => line.startsWith("QUEUE_LIMIT:"))).toBe(true);
  });

  it("selects PostgreSQL for a postgres:// DATABASE_URL, keeping its password out of logs", () => {
    const url = "postgres://proofmint:hunter2@db.internal:5433/proofmint";
    const config = loadConfig({ env: { DATABASE_URL: url }, root });
    expect(config.postgresUrl?.reveal()).toBe(url);
    expect(inspect(config, { depth: 5 })).not.toContain("hunter2");
    expect(loadConfig({ env: {}, root }).postgresUrl).toBeUndefined();
    const sqlite = loadConfig({ env: { DATABASE_URL: "file:db/x.sqlite" }, root });
    expect([sqlite.databasePath, sqlite.postgresUrl]).toEqual([
      join(root, "db/x.sqlite"),
      undefined,
    ]);
    for (const bad of ["postgres://", "postgres://host-only", "mysql://h/db", "postgres://a b/c"]) {
      const [line] = problems({ DATABASE_URL: bad });
      expect(line).toMatch(/^DATABASE_URL: .*postgres:\/\/user:password@host:port\/database/);
      expect(line).not.toContain("(got");
    }
  });

  it("announces PUBLIC_RPC_URL to browsers, or RPC_URL when it is unset", () => {
    expect(loadConfig({ env: {}, root }).chain.publicRpcUrl).toBe("http://127.0.0.1:8545");
    const rpcUrl = "http://10.0.0.5:8545";
    expect(loadConfig({ env: { RPC_URL: rpcUrl }, root }).chain.publicRpcUrl).toBe(rpcUrl);
    const publicRpcUrl = "https://rpc.example.org/v1";
    expect(
      loadConfig({ env: { RPC_URL: rpcUrl, PUBLIC_RPC_URL: publicRpcUrl }, root }).chain,
    ).toMatchObject({ rpcUrl, publicRpcUrl });
  });

  it("stops start-up on a malformed PUBLIC_RPC_URL, naming it", () => {
    for (const bad of ["rpc.example.org", "localhost:8545", "ws://127.0.0.1:8545", "http://"]) {
      const lines = problems({ PUBLIC_RPC_URL: bad });
      expect(lines, bad).toHaveLength(1);
      expect(lines[0]).toMatch(/^PUBLIC_RPC_URL: must be an http\(s\) URL that browsers can reach/);
      expect(lines[0]).toContain(`(got "${bad}")`);
    }
  });

  it("trusts the head on anvil, waits for confirmations elsewhere, and names a bad setting", () => {
    expect(loadConfig({ env: {}, root }).chain).toMatchObject({ confirmations: 0 });
    expect(loadConfig({ env: { CHAIN_ID: "1" }, root }).chain.confirmations).toBe(
      DEFAULT_CONFIRMATIONS,
    );
    const env = { CHAIN_ID: "1", CHAIN_CONFIRMATIONS: "3", INDEXER_MAX_REORG_DEPTH: "32" };
    expect(loadConfig({ env, root }).chain).toMatchObject({ confirmations: 3, maxReorgDepth: 32 });
    for (const bad of ["-1", "1.5", "twelve", "20000"]) {
      const lines = problems({ CHAIN_CONFIRMATIONS: bad });
      expect(lines, bad).toHaveLength(1);
      expect(lines[0]).toMatch(/^CHAIN_CONFIRMATIONS: /);
      expect(lines[0]).toContain(`(got "${bad}")`);
    }
    expect(problems({ INDEXER_MAX_REORG_DEPTH: "0" })[0]).toMatch(/^INDEXER_MAX_REORG_DEPTH: /);
  });

  it("never gives browsers a WebSocket RPC_URL, or one with a password", () => {
    const [webSocket] = problems({ RPC_URL: "wss://rpc.example.org" });
    expect(webSocket).toMatch(/^PUBLIC_RPC_URL: unset, and RPC_URL is a WebSocket URL/);
    const [credentials] = problems({ RPC_URL: "https://user:hunter2@rpc.example.org" });
    expect(credentials).toMatch(/^PUBLIC_RPC_URL: .*user name or password/);
    expect(credentials).not.toContain("hunter2");
    const env = { RPC_URL: "wss://rpc.example.org", PUBLIC_RPC_URL: "https://rpc.example.org" };
    expect(loadConfig({ env, root }).chain.publicRpcUrl).toBe("https://rpc.example.org");
  });

  it("never echoes a private key, in errors or when printed", () => {
    const [line] = problems({ RELAYER_PRIVATE_KEY: "0xdeadbeef-secret" });
    expect(line).toMatch(/^RELAYER_PRIVATE_KEY:/);
    expect(line).not.toContain("secret");
    const config = loadConfig({ env: { RELAYER_PRIVATE_KEY: key }, root });
    expect(
      JSON.stringify(config, (_, value) => (typeof value === "bigint" ? String(value) : value)),
    ).not.toContain(key.slice(2));
    expect(inspect(config, { depth: 10 })).not.toContain(key.slice(2));
  });

  it("accepts anvil's development key on chain 31337 only", () => {
    const anvil = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
    expect(problems({ CHAIN_ID: "1", RELAYER_PRIVATE_KEY: anvil })[0]).toContain(
      "only accepted on chain 31337",
    );
    expect(loadConfig({ env: { CHAIN_ID: "1" }, root }).chain.relayerKey).toBeUndefined();
  });

  it("reads the relayer key from a named file outside the repository", () => {
    const file = join(mkdtempSync(join(tmpdir(), "proofmint-key-")), "relayer.key");
    writeFileSync(file, `${key}\n`);
    const config = loadConfig({ env: { CHAIN_ID: "10", RELAYER_KEY_FILE: file }, root });
    expect(config.chain.relayerKey?.reveal()).toBe(key);
    writeFileSync(join(root, "relayer.key"), key);
    expect(problems({ RELAYER_KEY_FILE: "relayer.key" })[0]).toContain("outside the repository");
    expect(problems({ RELAYER_KEY_FILE: file, RELAYER_PRIVATE_KEY: key })[0]).toContain("keep one");
  });

  it("takes the collection from the deployment record unless one is given", () => {
    const dir = join(root, "packages/core/src/generated/deployments");
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, "31337.json"),
      JSON.stringify({
        chainId: 31337,
        collection: "0x5fbdb2315678afecb367f032d93f642f64180aa3",
        startBlock: 3,
      }),
    );
    expect(loadConfig({ env: {}, root }).chain).toMatchObject({
      collection: "0x5FbDB2315678afecb367f032d93F642f64180aa3",
      deploymentBlock: 3n,
    });
    const given = "0x0000000000000000000000000000000000000001";
    expect(loadConfig({ env: { COLLECTION_ADDRESS: given }, root }).chain.collection).toBe(given);
  });
});
