import type { QuantizedOutput } from "@proofmint/core";
import { describe, expect, it } from "vitest";
import { enginePoolOnThisThread } from "../engine/EnginePool.ts";
import { loadEngine } from "../engine/loadEngine.node.ts";
import { workerEnginePool } from "../engine/workerEnginePool.ts";
import { checkOutputHash } from "./checkOutputHash.ts";
import { linkBook } from "./linkBook.ts";
import { outputCommitment } from "./outputCommitment.ts";

const output: QuantizedOutput = {
  width: 2,
  height: 1,
  outputScale: 7,
  output: [0n, 64n, 128n, -3n, 5n, 127n],
};
const uri = "ipfs://bafkreiecho5olmwum6dkqilpoej4qm46dirbw3p4dejjc7mio22vjtghty";

async function outputHashLink(parameters: Omit<Parameters<typeof checkOutputHash>[0], "book">) {
  const book = linkBook();
  await checkOutputHash({ ...parameters, book });
  return book.links("unused").find((link) => link.id === "output-hash")!;
}

describe("checkOutputHash", () => {
  it("passes when the engine's Poseidon of the output is aigcData, and names both when not", async () => {
    const node = await loadEngine();
    const aigcData = outputCommitment({ engine: node, output: output.output });
    const engine = enginePoolOnThisThread({ engine: Promise.resolve(node) });
    expect(await outputHashLink({ engine, output, uri, aigcData })).toMatchObject({
      status: "passed",
      reason: `Poseidon of the 6 output values is ${aigcData}`,
    });
    const other = `0x${"00".repeat(31)}07` as const;
    expect(await outputHashLink({ engine, output, uri, aigcData: other })).toMatchObject({
      status: "failed",
      reason: `re-hashing the raw output ${uri} gives ${aigcData}, not the token's aigcData ${other}`,
    });
  });

  it("fails, naming the cause, when the engine's worker cannot start", async () => {
    const engine = workerEnginePool({
      size: 2,
      spawn: () => {
        throw new Error("Worker is not defined");
      },
      wasm: Promise.resolve(undefined),
    });
    const aigcData = `0x${"00".repeat(32)}` as const;
    expect(await outputHashLink({ engine, output, uri, aigcData })).toMatchObject({
      status: "failed",
      reason: `the raw output ${uri} could not be hashed: the ezkl engine's worker could not start: Worker is not defined`,
    });
  });
});
