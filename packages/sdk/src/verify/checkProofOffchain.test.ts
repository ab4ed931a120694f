import { readFile } from "node:fs/promises";
import { Worker } from "node:worker_threads";
import { join, resolve } from "node:path";
import { feltToHex, publicInstances, tokenMetadata } from "@proofmint/core";
import { hexToBytes } from "viem";
import { describe, expect, it } from "vitest";
import { readCircuitArtifacts } from "../artifacts/readCircuitArtifacts.ts";
import { enginePoolOnThisThread, type EnginePool } from "../engine/EnginePool.ts";
import { loadEngine } from "../engine/loadEngine.node.ts";
import { workerEnginePool } from "../engine/workerEnginePool.ts";
import { checkProofOffchain } from "./checkProofOffchain.ts";
import { linkBook } from "./linkBook.ts";

// The committed circuit's artifacts (they hash to its model id) and a proof document that
// matches the token's prompt, aigcData and on-chain proof bytes, but proves nothing.
const circuitDir = resolve(import.meta.dirname, "../../../../circuits/sprite");
const artifacts = await readCircuitArtifacts({ dir: circuitDir });
const { model_id: modelId } = JSON.parse(
  await readFile(join(circuitDir, "manifest.json"), "utf8"),
) as { model_id: string };
const prompt = "a blue ring";
const aigcData = `0x${"00".repeat(31)}02` as const;
const proof = "0x0a0b0c";
const proofJson = new TextEncoder().encode(
  JSON.stringify({
    proof: [...hexToBytes(proof)],
    hex_proof: proof,
    instances: [
      publicInstances({ prompt, inputScale: 0, aigcData, version: 3 }).map((value) =>
        feltToHex({ value }),
      ),
    ],
  }),
);
const cid = "ipfs://bafkreiecho5olmwum6dkqilpoej4qm46dirbw3p4dejjc7mio22vjtghty";
const metadata = tokenMetadata({
  prompt,
  model: "sprite",
  modelId,
  srs: "development",
  chainId: 31337,
  collection: "0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0",
  verifier: "0x5FbDB2315678afecb367f032d93F642f64180aa3",
  aigcData,
  proofUri: cid,
  outputUri: cid,
  imageUri: cid,
});

async function offchainLink(engine: EnginePool) {
  const book = linkBook();
  await checkProofOffchain({
    artifacts,
    modelId,
    srs: "development",
    metadata,
    proof,
    engine,
    proofJson: Promise.resolve(proofJson),
    book,
  });
  return book.links("unused").find((link) => link.id === "offchain-verify")!;
}

describe("checkProofOffchain", () => {
  it("fails when the engine rejects the proof", async () => {
    const engine = enginePoolOnThisThread({ engine: loadEngine() });
    expect(await offchainLink(engine)).toMatchObject({
      status: "failed",
      reason: `the ezkl engine rejects the proof with the verifying key of ${modelId}`,
    });
  });

  it("fails, naming the cause, when the engine's worker stops during the verification", async () => {
    const engine = workerEnginePool({
      size: 1,
      wasm: Promise.resolve(undefined),
      spawn: ({ onError }) => {
        const worker = new Worker(`process.exit(9)`, { eval: true });
        worker.on("exit", (code) => onError(`it exited with code ${code}`));
        return worker;
      },
    });
    expect(await offchainLink(engine)).toMatchObject({
      status: "failed",
      reason:
        "the proof could not be verified: the ezkl engine's worker stopped: it exited with code 9",
    });
  });
});
