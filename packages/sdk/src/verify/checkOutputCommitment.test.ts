import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { QuantizedOutput } from "@proofmint/core";
import type { Hex } from "viem";
import { describe, expect, it } from "vitest";
import { readCircuitArtifacts } from "../artifacts/readCircuitArtifacts.ts";
import { enginePoolOnThisThread } from "../engine/EnginePool.ts";
import { loadEngine } from "../engine/loadEngine.node.ts";
import { workerEnginePool } from "../engine/workerEnginePool.ts";
import {
  checkOutputCommitment,
  type CheckOutputCommitmentParameters,
} from "./checkOutputCommitment.ts";
import { hashedOutputCommitment } from "./hashedOutputCommitment.ts";
import { linkBook } from "./linkBook.ts";

// Real proofs of the committed circuit (circuits/commitment_vectors.py) and its artifacts.
const root = resolve(import.meta.dirname, "../../../..");
const vectors = JSON.parse(readFileSync(resolve(root, "test/vectors/commitment.json"), "utf8")) as {
  modelId: string;
  outputScale: number;
  cases: { prompt: string; output: number[]; proofHead: Hex; aigcData: Hex }[];
};
const artifacts = await readCircuitArtifacts({ dir: resolve(root, "circuits/sprite") });
const [first, second] = vectors.cases as [(typeof vectors.cases)[0], (typeof vectors.cases)[0]];
const [height, width] = (
  JSON.parse(readFileSync(resolve(root, "circuits/sprite/manifest.json"), "utf8")) as {
    output: { shape: number[] };
  }
).output.shape.slice(1);
const quantized = (values: number[]): QuantizedOutput => ({
  width: width!,
  height: height!,
  outputScale: vectors.outputScale,
  output: values.map((value) => BigInt(value)),
});
const uri = "ipfs://bafkreiecho5olmwum6dkqilpoej4qm46dirbw3p4dejjc7mio22vjtghty";
const noEngine = enginePoolOnThisThread({ engine: Promise.reject(new Error("not needed")) });

async function commitmentLink(
  overrides: Partial<Omit<CheckOutputCommitmentParameters, "book">> = {},
) {
  const book = linkBook();
  await checkOutputCommitment({
    engine: noEngine,
    output: quantized(first.output),
    uri,
    aigcData: first.aigcData,
    proof: first.proofHead,
    modelId: vectors.modelId,
    circuit: Promise.resolve(artifacts),
    book,
    ...overrides,
  });
  return book.links("unused").find((link) => link.id === "output-commitment")!;
}

describe("checkOutputCommitment (v3, polycommit)", () => {
  it("passes when the raw output and the proof both commit to aigcData", async () => {
    expect(await commitmentLink()).toMatchObject({ status: "passed" });
  });

  it("fails for another output's commitment (a commitment of other outputs)", async () => {
    expect(await commitmentLink({ output: quantized(second.output) })).toMatchObject({
      status: "failed",
      reason: `committing to the raw output ${uri} gives ${second.aigcData}, not the token's aigcData ${first.aigcData}`,
    });
  });

  it("fails when the proof carries another proof's commitment", async () => {
    expect(await commitmentLink({ proof: second.proofHead })).toMatchObject({
      status: "failed",
      reason: `the proof commits to ${second.aigcData}, not to the token's aigcData ${first.aigcData}`,
    });
  });

  it("fails for a proof whose first point is not on the curve or is the identity", async () => {
    for (const head of [`0x${"00".repeat(64)}`, `0x${"00".repeat(31)}04${"00".repeat(31)}01`]) {
      expect(await commitmentLink({ proof: head as Hex })).toMatchObject({ status: "failed" });
    }
  });

  it("fails when the basis is not the one the model id binds", async () => {
    const basis = artifacts.outputBasis!.slice();
    basis[basis.length - 1]! ^= 1;
    const circuit = Promise.resolve({ ...artifacts, outputBasis: basis });
    expect(await commitmentLink({ circuit })).toMatchObject({
      status: "failed",
      reason: expect.stringMatching(/not the collection's/),
    });
  });

  it("is unsupported without artifacts", async () => {
    expect(await commitmentLink({ circuit: Promise.resolve(undefined) })).toMatchObject({
      status: "unsupported",
    });
  });
});

describe("checkOutputCommitment (v2, hashed)", () => {
  const output: QuantizedOutput = {
    width: 2,
    height: 1,
    outputScale: 7,
    output: [0n, 64n, 128n, -3n, 5n, 127n],
  };
  const modelId = `glyph-v2-dev-${"ab".repeat(32)}`;

  it("passes when the engine's Poseidon of the output is aigcData, and names both when not", async () => {
    const engine = enginePoolOnThisThread({ engine: loadEngine() });
    const aigcData = await hashedOutputCommitment({ engine, output: output.output });
    expect(await commitmentLink({ engine, output, aigcData, modelId })).toMatchObject({
      status: "passed",
      reason: `Poseidon of the 6 output values is ${aigcData} (a v2 model)`,
    });
    const other = `0x${"00".repeat(31)}07` as const;
    expect(await commitmentLink({ engine, output, aigcData: other, modelId })).toMatchObject({
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
    expect(await commitmentLink({ engine, output, aigcData, modelId })).toMatchObject({
      status: "failed",
      reason: `the raw output ${uri} could not be hashed: the ezkl engine's worker could not start: Worker is not defined`,
    });
  });
});
