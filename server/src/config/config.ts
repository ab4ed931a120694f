import { existsSync, readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { isAbsolute, resolve } from "node:path";
import { getAddress, isAddress, isHex, type Address, type Hex } from "viem";
import { privateKeyToAddress } from "viem/accounts";
import { z } from "zod";
import { ConfigError } from "./ConfigError.ts";
import { Secret } from "./secret.ts";

/** Anvil's first default account: public knowledge, so accepted on the local chain only. */
export const ANVIL_CHAIN_ID = 31337;
const ANVIL_DEV_KEY: Hex = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

export type LogLevel = "debug" | "info" | "warn" | "error";

/** The server's configuration, validated once at start-up. */
export type Config = {
  /** Repository root: circuits, generated deployments and the built site are found from here. */
  root: string;
  http: {
    host: string;
    port: number;
    /** Public base URL of the site, for metadata `external_url`; none in local development. */
    publicUrl: string | undefined;
    maxBodyBytes: number;
    /** Built site served at `/`, when it exists. */
    webDir: string | undefined;
  };
  dataDir: string;
  /** SQLite database file: the embedded default, used unless `postgresUrl` is set. */
  databasePath: string;
  /** PostgreSQL (`DATABASE_URL=postgres://...`): the database for several processes. */
  postgresUrl: Secret<string> | undefined;
  ipfs: {
    /** Kubo RPC API; when unset, the embedded blockstore under `dataDir` is used. */
    apiUrl: string | undefined;
  };
  chain: {
    rpcUrl: string;
    /**
     * The JSON-RPC URL browsers use (announced by `GET /api/models`): `PUBLIC_RPC_URL`, or
     * `RPC_URL` when that is an http(s) URL without credentials.
     */
    publicRpcUrl: string;
    chainId: number;
    /** The collection; undefined until deployed (the server refuses to start without it). */
    collection: Address | undefined;
    /** First block the indexer reads. */
    deploymentBlock: bigint;
    /** Key of the relayer that mints for creators; none disables relayed minting. */
    relayerKey: Secret<Hex> | undefined;
    pollMs: number;
    /**
     * Blocks built on top of a block before the indexer reads it and the relayer counts its mint
     * as done: 0 trusts the head.
     */
    confirmations: number;
    /** The deepest reorganisation the indexer rewinds over; a deeper one rebuilds the index. */
    maxReorgDepth: number;
  };
  prover: {
    model: string;
    circuitDir: string;
    /** Derived artifacts (the proving key) live here, never in the repository. */
    cacheDir: string;
    /**
     * Native provers this process runs (`PROVER_POOL_SIZE`). 0 on an API server: it claims no
     * proving work and starts no Python; separate prover processes (`npm run prover`) prove.
     */
    poolSize: number;
    /**
     * A prover process's own folder for the files its stages hand to each other
     * (`PROVER_WORK_DIR`); undefined: a fresh temporary folder per process.
     */
    workDir: string | undefined;
  };
  jobs: {
    /** Jobs waiting or in progress before POST /api/generations answers 429. */
    queueLimit: number;
    leaseMs: number;
    maxAttempts: number;
  };
  logLevel: LogLevel;
};

const positiveInteger = (fallback: number) => z.coerce.number().int().min(1).default(fallback);

/** Confirmations where `CHAIN_CONFIRMATIONS` is unset on a chain other than anvil. */
export const DEFAULT_CONFIRMATIONS = 12;

const envSchema = z.object({
  HOST: z.string().min(1).default("127.0.0.1"),
  PORT: z.coerce.number().int().min(0).max(65_535).default(8787),
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  MAX_BODY_BYTES: positiveInteger(16 * 1024),
  WEB_DIR: z.string().min(1).optional(),
  DATA_DIR: z.string().min(1).default(".data"),
  DATABASE_URL: z
    .string()
    .refine(
      (value) => /^file:.+/.test(value) || isPostgresUrl(value),
      "must be file:<path> (SQLite) or postgres://user:password@host:port/database",
    )
    .optional(),
  IPFS_API_URL: z.url({ protocol: /^https?$/ }).optional(),
  RPC_URL: z.url({ protocol: /^(https?|wss?)$/ }).default("http://127.0.0.1:8545"),
  PUBLIC_RPC_URL: z
    .url({
      protocol: /^https?$/,
      error: "must be an http(s) URL that browsers can reach, e.g. https://rpc.example.org",
    })
    .optional(),
  CHAIN_ID: positiveInteger(ANVIL_CHAIN_ID),
  COLLECTION_ADDRESS: z
    .string()
    .refine((value) => isAddress(value, { strict: false }), "must be a 0x-prefixed 20-byte address")
    .optional(),
  DEPLOYMENT_BLOCK: z.coerce.bigint().min(0n).optional(),
  RELAYER_PRIVATE_KEY: z.string().optional(),
  RELAYER_KEY_FILE: z.string().min(1).optional(),
  INDEXER_POLL_MS: positiveInteger(500),
  CHAIN_CONFIRMATIONS: z.coerce
    .number()
    .int("must be a whole number of blocks")
    .min(0, "must be 0 (trust the head) or more blocks")
    .max(10_000, "must be at most 10000 blocks")
    .optional(),
  INDEXER_MAX_REORG_DEPTH: positiveInteger(128),
  CIRCUIT_MODEL: z
    .string()
    .regex(/^[a-z0-9_-]+$/)
    .default("sprite"),
  CIRCUIT_DIR: z.string().min(1).optional(),
  PROOFMINT_CACHE_DIR: z.string().min(1).default(".cache"),
  PROVER_POOL_SIZE: z.coerce
    .number()
    .int("must be a whole number of provers")
    .min(0, "must be 0 (no local prover: separate prover processes prove) or more")
    .default(Math.max(1, Math.floor(availableParallelism() / 2))),
  PROVER_WORK_DIR: z.string().min(1).optional(),
  QUEUE_LIMIT: positiveInteger(32),
  JOB_LEASE_MS: positiveInteger(30_000),
  JOB_MAX_ATTEMPTS: positiveInteger(3),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
});

const SECRET_VARIABLES = new Set(["RELAYER_PRIVATE_KEY", "DATABASE_URL"]);

/** A postgres:// (or postgresql://) URL with a host, as node-postgres reads it. */
function isPostgresUrl(value: string): boolean {
  if (!/^postgres(ql)?:\/\//.test(value) || !URL.canParse(value)) return false;
  const url = new URL(value);
  return url.hostname !== "" && url.pathname.length > 1;
}

type Deployment = { address: Address; startBlock: bigint };

/**
 * Reads the collection's address and start block from the record the deploy script writes
 * (`packages/core/src/generated/deployments/<chainId>.json`, schema in contracts/README.md).
 */
function readDeployment(root: string, chainId: number): Deployment | undefined {
  const path = resolve(root, `packages/core/src/generated/deployments/${chainId}.json`);
  if (!existsSync(path)) return undefined;
  const record = JSON.parse(readFileSync(path, "utf8")) as {
    collection?: string;
    startBlock?: number | string;
  };
  if (!record.collection || !isAddress(record.collection, { strict: false })) {
    throw new ConfigError([`${path} has no collection address; deploy again`]);
  }
  return { address: getAddress(record.collection), startBlock: BigInt(record.startBlock ?? 0) };
}

function readRelayerKey(
  env: z.infer<typeof envSchema>,
  root: string,
  problems: string[],
): Secret<Hex> | undefined {
  let key: string | undefined = env.RELAYER_PRIVATE_KEY;
  let source = "RELAYER_PRIVATE_KEY";
  if (env.RELAYER_KEY_FILE !== undefined) {
    if (key !== undefined) {
      problems.push("RELAYER_PRIVATE_KEY and RELAYER_KEY_FILE are both set: keep one");
      return undefined;
    }
    const path = resolve(root, env.RELAYER_KEY_FILE);
    source = `RELAYER_KEY_FILE (${path})`;
    if (path.startsWith(`${root}/`)) {
      problems.push(`${source}: keep keys outside the repository, e.g. in ~/.config/proofmint/`);
      return undefined;
    }
    try {
      key = readFileSync(path, "utf8").trim();
    } catch {
      problems.push(`${source}: cannot read the file`);
      return undefined;
    }
  }
  if (key === undefined) {
    return env.CHAIN_ID === ANVIL_CHAIN_ID ? new Secret(ANVIL_DEV_KEY) : undefined;
  }
  if (!isHex(key) || key.length !== 66) {
    problems.push(`${source}: must be a 32-byte private key as 0x-prefixed hex`);
    return undefined;
  }
  if (env.CHAIN_ID !== ANVIL_CHAIN_ID && key.toLowerCase() === ANVIL_DEV_KEY) {
    problems.push(`${source}: anvil's public development key is only accepted on chain 31337`);
    return undefined;
  }
  try {
    privateKeyToAddress(key);
  } catch {
    problems.push(`${source}: not a valid secp256k1 private key`);
    return undefined;
  }
  return new Secret(key as Hex);
}

/**
 * The RPC URL announced to browsers: PUBLIC_RPC_URL, else RPC_URL unless browsers cannot use it
 * (a WebSocket URL: the site reads over http) or it must stay private (a user name or password).
 */
function readPublicRpcUrl(env: z.infer<typeof envSchema>, problems: string[]): string {
  if (env.PUBLIC_RPC_URL !== undefined) return env.PUBLIC_RPC_URL;
  const rpcUrl = new URL(env.RPC_URL);
  const reason = !/^https?:$/.test(rpcUrl.protocol)
    ? "is a WebSocket URL"
    : rpcUrl.username !== "" || rpcUrl.password !== ""
      ? "carries a user name or password"
      : undefined;
  if (reason !== undefined) {
    problems.push(
      `PUBLIC_RPC_URL: unset, and RPC_URL ${reason}, so it cannot be given to browsers: ` +
        "set PUBLIC_RPC_URL to the chain's public http(s) JSON-RPC URL",
    );
  }
  return env.RPC_URL;
}

/**
 * Validates the environment into a `Config`, with local defaults for everything, so `npm start`
 * needs no variables. Reads the relayer key file and the deployment record when they apply.
 *
 * @throws {ConfigError} listing every problem, each naming the variable and what to fix.
 * @example
 * const config = loadConfig({ env: process.env, root: "/work/proofmint" });
 */
export function loadConfig({
  env,
  root,
}: {
  env: Record<string, string | undefined>;
  root: string;
}): Config {
  const parsed = envSchema.safeParse(
    Object.fromEntries(Object.entries(env).filter(([, value]) => value !== "")),
  );
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = String(issue.path[0] ?? "environment");
        const value = env[name];
        const shown = SECRET_VARIABLES.has(name) || value === undefined ? "" : ` (got "${value}")`;
        return `${name}: ${issue.message}${shown}`;
      }),
    );
  }
  const values = parsed.data;
  const problems: string[] = [];
  const path = (value: string) => (isAbsolute(value) ? value : resolve(root, value));
  const dataDir = path(values.DATA_DIR);
  const relayerKey = readRelayerKey(values, root, problems);
  const publicRpcUrl = readPublicRpcUrl(values, problems);

  let collection: Address | undefined;
  let deploymentBlock = values.DEPLOYMENT_BLOCK ?? 0n;
  if (values.COLLECTION_ADDRESS !== undefined) {
    collection = getAddress(values.COLLECTION_ADDRESS);
  } else {
    const deployment = readDeployment(root, values.CHAIN_ID);
    collection = deployment?.address;
    deploymentBlock = values.DEPLOYMENT_BLOCK ?? deployment?.startBlock ?? 0n;
  }

  const webDir = values.WEB_DIR === undefined ? path("web/build") : path(values.WEB_DIR);
  if (values.WEB_DIR !== undefined && !existsSync(webDir)) {
    problems.push(`WEB_DIR: ${webDir} does not exist; build the site first`);
  }
  if (problems.length > 0) throw new ConfigError(problems);

  return {
    root,
    http: {
      host: values.HOST,
      port: values.PORT,
      publicUrl: values.PUBLIC_URL?.replace(/\/+$/, ""),
      maxBodyBytes: values.MAX_BODY_BYTES,
      webDir: existsSync(webDir) ? webDir : undefined,
    },
    dataDir,
    databasePath:
      values.DATABASE_URL?.startsWith("file:") === true
        ? path(values.DATABASE_URL.slice("file:".length))
        : resolve(dataDir, "proofmint.sqlite"),
    postgresUrl:
      values.DATABASE_URL === undefined || values.DATABASE_URL.startsWith("file:")
        ? undefined
        : new Secret(values.DATABASE_URL),
    ipfs: { apiUrl: values.IPFS_API_URL },
    chain: {
      rpcUrl: values.RPC_URL,
      publicRpcUrl,
      chainId: values.CHAIN_ID,
      collection,
      deploymentBlock,
      relayerKey,
      pollMs: values.INDEXER_POLL_MS,
      confirmations:
        values.CHAIN_CONFIRMATIONS ??
        (values.CHAIN_ID === ANVIL_CHAIN_ID ? 0 : DEFAULT_CONFIRMATIONS),
      maxReorgDepth: values.INDEXER_MAX_REORG_DEPTH,
    },
    prover: {
      model: values.CIRCUIT_MODEL,
      circuitDir: path(values.CIRCUIT_DIR ?? `circuits/${values.CIRCUIT_MODEL}`),
      cacheDir: resolve(path(values.PROOFMINT_CACHE_DIR), "circuits", values.CIRCUIT_MODEL),
      poolSize: values.PROVER_POOL_SIZE,
      workDir: values.PROVER_WORK_DIR === undefined ? undefined : path(values.PROVER_WORK_DIR),
    },
    jobs: {
      queueLimit: values.QUEUE_LIMIT,
      leaseMs: values.JOB_LEASE_MS,
      maxAttempts: values.JOB_MAX_ATTEMPTS,
    },
    logLevel: values.LOG_LEVEL,
  };
}
