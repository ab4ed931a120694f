import { spawn } from "node:child_process";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { proofmintCollectionAbi } from "@proofmint/core";
import { createPublicClient, getAddress, http, type Address } from "viem";
import { ServerError } from "../errors.ts";

export type Deployment = { collection: Address; startBlock: bigint; deployed: boolean };

async function readRecord(root: string, chainId: number) {
  try {
    const text = await readFile(
      join(root, `packages/core/src/generated/deployments/${chainId}.json`),
      "utf8",
    );
    return JSON.parse(text) as { collection: string; startBlock: number; modelId: string };
  } catch {
    return undefined;
  }
}

/** Whether the recorded collection exists on the chain at `rpcUrl` and is for `modelId`. */
async function isLive(rpcUrl: string, collection: Address, modelId: string): Promise<boolean> {
  const client = createPublicClient({ transport: http(rpcUrl) });
  const code = await client.getCode({ address: collection });
  if (code === undefined || code === "0x") return false;
  const deployed = await client.readContract({
    address: collection,
    abi: proofmintCollectionAbi,
    functionName: "modelId",
  });
  return deployed === modelId;
}

/**
 * Deploys the verifier, adapter and collection with the project's deploy script unless the
 * recorded deployment is already on this chain for this model. The deploy script records the
 * addresses in `packages/core/src/generated/deployments/<chainId>.json`.
 */
export async function deployCollection({
  root,
  rpcUrl,
  chainId,
  modelId,
  env = {},
  log = () => {},
}: {
  root: string;
  rpcUrl: string;
  chainId: number;
  modelId: string;
  /** Extra environment for the deploy script (DEPLOYER_PRIVATE_KEY off anvil, commit window). */
  env?: Record<string, string>;
  log?: (line: string) => void;
}): Promise<Deployment> {
  const before = await readRecord(root, chainId);
  if (before && (await isLive(rpcUrl, getAddress(before.collection), modelId))) {
    return {
      collection: getAddress(before.collection),
      startBlock: BigInt(before.startBlock),
      deployed: false,
    };
  }
  log(`deploying the collection to ${rpcUrl} (forge script contracts/script/Deploy.s.sol)`);
  const output: string[] = [];
  const status = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(
      join(root, "node_modules/.bin/forge"),
      ["script", "contracts/script/Deploy.s.sol", "--rpc-url", rpcUrl, "--broadcast", "--slow"],
      { cwd: root, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] },
    );
    child.stdout.on("data", (chunk: Buffer) => output.push(chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => output.push(chunk.toString()));
    child.once("error", reject);
    child.once("exit", resolve);
  });
  const after = await readRecord(root, chainId);
  if (
    status !== 0 ||
    after === undefined ||
    !(await isLive(rpcUrl, getAddress(after.collection), modelId))
  ) {
    throw new ServerError("deploying the collection failed", {
      code: "DEPLOY_FAILED",
      details: { output: output.join("").slice(-4000) },
    });
  }
  return {
    collection: getAddress(after.collection),
    startBlock: BigInt(after.startBlock),
    deployed: true,
  };
}
