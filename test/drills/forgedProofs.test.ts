// Forged proofs: a real proof of the committed circuit (contracts/test/fixtures/proofs.json) with
// every byte class mutated (the commitments of each phase, the evaluations, the batch opening W
// and W', the first and last byte, structure: truncated, extended, zeroed, a point at infinity,
// non-canonical field elements) and every public instance changed. None may verify: off-chain
// (the ezkl engine, as the server and SDK verify) or on-chain (the deployed adapter's
// verifyProof, and the collection's ERC-7007 verify on anvil).
//
// On-chain calls are cheap, so every 32-byte word and all 64 instances are tried there each run;
// the engine takes about a second a proof, so it gets every class each run and every instance
// in the full profile. The first commitment is the output commitment (aigcData): forging it is
// forging the output.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPublicClient, http, toHex, type Address, type Hex } from "viem";
import {
  BN254_SCALAR_FIELD_MODULUS as r,
  aigcVerifierAbi,
  proofmintCollectionAbi,
} from "@proofmint/core";
import { loadCircuitArtifacts, verifyProof, type CircuitArtifacts } from "@proofmint/server/prover";
import { deployCollection, startAnvil, type RunningAnvil } from "@proofmint/server/platform";
import { root, slowDrills } from "./drillPlatform.ts";

type Fixture = { prompt: string; promptBytes: Hex; aigcData: Hex; proof: Hex; instances: Hex[] };

/**
 * The proof layout, read from the generated verifier (contracts/src/generated/Halo2Verifier.sol
 * reads the proof in this order): phases of G1 commitments (64 bytes each; the first point is the
 * output commitment), the evaluations, then the batch opening W and W'. Derived, not copied, so
 * it follows the circuit.
 */
function proofLayout(verifier: string): {
  layout: Record<string, [number, number]>;
  length: number;
} {
  const length = Number(/eq\((0x[0-9a-f]+), proof\.length\)/.exec(verifier)![1]);
  const layout: Record<string, [number, number]> = {};
  let offset = 0;
  let phase = 0;
  const loops = verifier.matchAll(
    /let proof_cptr_end := add\(proof_cptr, (0x[0-9a-f]+)\)\s*\}[\s\S]*?\{\s*(\w+)/g,
  );
  for (const [, size, first] of loops) {
    const name = first === "success" ? `commitments, phase ${++phase}` : "evaluations";
    layout[name] = [offset, offset + Number(size)];
    offset += Number(size);
  }
  layout.opening = [offset, offset + 128];
  if (offset + 128 !== length) throw new Error("could not read the proof layout from the verifier");
  return { layout, length };
}

let anvil: RunningAnvil;
let chain: ReturnType<typeof createPublicClient>;
let collection: Address;
let adapter: Address;
let artifacts: CircuitArtifacts;
let fixture: Fixture;
let other: Fixture;
let proof: Uint8Array;
let LAYOUT: Record<string, [number, number]>;
let PROOF_LENGTH: number;

beforeAll(async () => {
  const fixtures = JSON.parse(
    await readFile(join(root, "contracts/test/fixtures/proofs.json"), "utf8"),
  ) as { modelId: string; proofs: Fixture[] };
  [fixture, other] = [fixtures.proofs[1]!, fixtures.proofs[0]!];
  proof = Buffer.from(fixture.proof.slice(2), "hex");
  artifacts = await loadCircuitArtifacts({ dir: join(root, "circuits/sprite") });
  ({ layout: LAYOUT, length: PROOF_LENGTH } = proofLayout(
    await readFile(join(root, "contracts/src/generated/Halo2Verifier.sol"), "utf8"),
  ));
  expect(artifacts.manifest.model_id).toBe(fixtures.modelId);
  anvil = await startAnvil({ port: 0 });
  const deployment = await deployCollection({
    root,
    rpcUrl: anvil.rpcUrl,
    chainId: 31337,
    modelId: fixtures.modelId,
  });
  collection = deployment.collection;
  chain = createPublicClient({ transport: http(anvil.rpcUrl) });
  adapter = await chain.readContract({
    address: collection,
    abi: proofmintCollectionAbi,
    functionName: "verifier",
  });
});

afterAll(async () => {
  await anvil?.stop();
});

/** ezkl's proof JSON for the engine: the proof bytes and one column of instances. */
function proofJson(bytes: Uint8Array, instances: bigint[]): Uint8Array {
  // Little-endian hex, as ezkl writes felts; written by hand so values >= r can be tried.
  const felt = (value: bigint) =>
    value.toString(16).padStart(64, "0").match(/../g)!.reverse().join("");
  return new TextEncoder().encode(
    JSON.stringify({
      instances: [instances.map(felt)],
      proof: [...bytes],
      hex_proof: toHex(bytes),
      transcript_type: "EVM",
    }),
  );
}

const offchain = (bytes: Uint8Array, instances: bigint[]) =>
  verifyProof({ artifacts, proof: proofJson(bytes, instances) });

async function onchain(bytes: Uint8Array, instances: bigint[]): Promise<boolean> {
  return chain.readContract({
    address: adapter,
    abi: aigcVerifierAbi,
    functionName: "verifyProof",
    args: [toHex(bytes), instances],
  });
}

const verifyOnCollection = (prompt: Hex, aigcData: Hex, bytes: Hex) =>
  chain.readContract({
    address: collection,
    abi: proofmintCollectionAbi,
    functionName: "verify",
    args: [prompt, aigcData, bytes],
  });

const instances = () => fixture.instances.map((value) => BigInt(value));

function mutate(change: (bytes: Uint8Array) => Uint8Array | void): Uint8Array {
  const bytes = Uint8Array.from(proof);
  return change(bytes) ?? bytes;
}

const flip = (offset: number, mask = 0x01) =>
  mutate((bytes) => {
    bytes[offset]! ^= mask;
  });

/** Replaces the 32-byte word at `offset` with `value` (big-endian). */
const setWord = (offset: number, value: bigint) =>
  mutate((bytes) => {
    bytes.set(Buffer.from(value.toString(16).padStart(64, "0"), "hex"), offset);
  });
const word = (offset: number) => BigInt(toHex(proof.subarray(offset, offset + 32)));
const BN254_BASE_FIELD =
  21888242871839275222246405745257275088696311157297823662689037894645226208583n;

/** Named forgeries of every byte class, each a proof that must not verify with the true instances. */
function byteForgeries(): [string, Uint8Array][] {
  const forgeries: [string, Uint8Array][] = [
    ["first byte (header of the first commitment)", flip(0, 0x80)],
    ["last byte", flip(PROOF_LENGTH - 1)],
    ["truncated by one byte", proof.slice(0, -1)],
    ["truncated by one word", proof.slice(0, -32)],
    ["extended by one zero word", Uint8Array.from([...proof, ...new Uint8Array(32)])],
    ["all zero", new Uint8Array(PROOF_LENGTH)],
    ["all 0xff", new Uint8Array(PROOF_LENGTH).fill(0xff)],
    ["empty", new Uint8Array(0)],
    [
      "evaluations reversed",
      mutate((bytes) => {
        const [start, end] = LAYOUT.evaluations!;
        const words = Array.from({ length: (end - start) / 32 }, (_, i) =>
          proof.slice(start + 32 * i, start + 32 * (i + 1)),
        ).reverse();
        words.forEach((value, i) => bytes.set(value, start + 32 * i));
      }),
    ],
    [
      "W and W' swapped",
      mutate((bytes) => {
        const [start] = LAYOUT.opening!;
        bytes.set(proof.subarray(start + 64, start + 128), start);
        bytes.set(proof.subarray(start, start + 64), start + 64);
      }),
    ],
  ];
  for (const [name, [start, end]] of Object.entries(LAYOUT)) {
    const middle = start + Math.floor((end - start) / 64) * 32 - 32;
    forgeries.push([`${name}: first byte`, flip(start, 0x40)]);
    forgeries.push([`${name}: a middle byte`, flip(middle + 17)]);
    forgeries.push([`${name}: last byte`, flip(end - 1)]);
    if (name === "evaluations") {
      forgeries.push([
        `${name}: an evaluation plus r (non-canonical)`,
        setWord(start, word(start) + r),
      ]);
      forgeries.push([`${name}: an evaluation set to 0`, setWord(middle, 0n)]);
    } else {
      forgeries.push([
        `${name}: a point moved to infinity (0, 0)`,
        mutate((bytes) => bytes.fill(0, start, start + 64)),
      ]);
      forgeries.push([
        `${name}: x plus q (non-canonical)`,
        setWord(start, word(start) + BN254_BASE_FIELD),
      ]);
      forgeries.push([
        `${name}: y negated (the point -P)`,
        setWord(start + 32, BN254_BASE_FIELD - word(start + 32)),
      ]);
    }
  }
  return forgeries;
}

describe("forged proofs", () => {
  it("accepts the unmutated proof, off-chain and on-chain (the drill's control)", async () => {
    expect(offchain(proof, instances())).toBe(true);
    expect(await onchain(proof, instances())).toBe(true);
    expect(await verifyOnCollection(fixture.promptBytes, fixture.aigcData, fixture.proof)).toBe(
      true,
    );
  });

  it("rejects every byte-class forgery, off-chain and on-chain", async () => {
    const accepted: string[] = [];
    for (const [name, bytes] of byteForgeries()) {
      // Found by this drill: ezkl's engine stops reading at the proof's end and ignores trailing
      // bytes (the same valid proof, so malleable, not forged). The chain demands the exact
      // length, and verifyAigc requires the proof JSON's bytes to equal the chain's.
      const malleable = bytes.length > PROOF_LENGTH;
      if (!malleable && offchain(bytes, instances())) accepted.push(`off-chain: ${name}`);
      if (await onchain(bytes, instances())) accepted.push(`on-chain: ${name}`);
      if (await verifyOnCollection(fixture.promptBytes, fixture.aigcData, toHex(bytes))) {
        accepted.push(`collection: ${name}`);
      }
    }
    expect(accepted).toEqual([]);
  });

  it("rejects a flipped bit in every 32-byte word of the proof on-chain", async () => {
    const accepted: number[] = [];
    for (let offset = 0; offset < PROOF_LENGTH; offset += 32) {
      if (await onchain(flip(offset + 31), instances())) accepted.push(offset);
    }
    expect(accepted).toEqual([]);
  });

  it("rejects every one of the 64 public instances changed (+1, +r, -1), on-chain", async () => {
    const accepted: string[] = [];
    for (let position = 0; position < 64; position++) {
      for (const [label, change] of [
        ["+1", (value: bigint) => (value + 1n) % r],
        ["+r", (value: bigint) => value + r],
        ["-1", (value: bigint) => (value + r - 1n) % r],
      ] as const) {
        const changed = instances();
        changed[position] = change(changed[position]!);
        if (await onchain(proof, changed)) accepted.push(`${position} ${label}`);
      }
    }
    expect(accepted).toEqual([]);
  });

  it(`rejects changed public instances off-chain (${slowDrills ? "all 64" : "a sample; all 64 in the full profile"})`, () => {
    const promptLength = (fixture.promptBytes.length - 2) / 2;
    const positions = slowDrills
      ? Array.from({ length: 64 }, (_, i) => i)
      : [0, 1, promptLength - 1, promptLength, 63];
    const accepted: number[] = [];
    for (const position of positions) {
      const changed = instances();
      changed[position] = (changed[position]! + 1n) % r;
      if (offchain(proof, changed)) accepted.push(position);
    }
    // A non-canonical instance (a prompt byte plus r) names the same field element in a wider
    // encoding; the engine must not reduce it into acceptance.
    const wide = instances();
    wide[0] = wide[0]! + r;
    if (offchain(proof, wide)) accepted.push(1000);
    expect(accepted).toEqual([]);
  });

  it("rejects, through the collection's verify, another prompt, other aigcData and another proof", async () => {
    const prompt = Buffer.from(fixture.promptBytes.slice(2), "hex");
    const aigcData = BigInt(fixture.aigcData);
    const cases: [string, Hex, Hex, Hex][] = [];
    for (let position = 0; position < prompt.length; position++) {
      const changed = Buffer.from(prompt);
      changed[position] = changed[position] === 0x61 ? 0x62 : 0x61;
      cases.push([`prompt byte ${position}`, toHex(changed), fixture.aigcData, fixture.proof]);
    }
    cases.push([
      "prompt extended",
      toHex(Buffer.concat([prompt, Buffer.from("s")])),
      fixture.aigcData,
      fixture.proof,
    ]);
    cases.push([
      "prompt shortened",
      toHex(prompt.subarray(0, -1)),
      fixture.aigcData,
      fixture.proof,
    ]);
    cases.push([
      "prompt with a trailing NUL",
      toHex(Buffer.concat([prompt, Buffer.from([0])])),
      fixture.aigcData,
      fixture.proof,
    ]);
    cases.push([
      "aigcData + 1",
      fixture.promptBytes,
      toHex(aigcData ^ 1n, { size: 32 }),
      fixture.proof,
    ]);
    cases.push([
      "aigcData with the other y parity (the point -C)",
      fixture.promptBytes,
      toHex(aigcData ^ (1n << 255n), { size: 32 }),
      fixture.proof,
    ]);
    cases.push([
      "aigcData zero (the identity)",
      fixture.promptBytes,
      toHex(0n, { size: 32 }),
      fixture.proof,
    ]);
    cases.push([
      "aigcData of 31 bytes",
      fixture.promptBytes,
      `0x${fixture.aigcData.slice(4)}`,
      fixture.proof,
    ]);
    cases.push([
      "aigcData of 33 bytes",
      fixture.promptBytes,
      `0x00${fixture.aigcData.slice(2)}`,
      fixture.proof,
    ]);
    cases.push(["another prompt's proof", fixture.promptBytes, fixture.aigcData, other.proof]);
    cases.push([
      "another prompt's proof and aigcData",
      fixture.promptBytes,
      other.aigcData,
      other.proof,
    ]);
    cases.push(["this proof for another prompt", other.promptBytes, other.aigcData, fixture.proof]);
    const accepted: string[] = [];
    for (const [name, promptHex, aigcHex, proofHex] of cases) {
      if (await verifyOnCollection(promptHex, aigcHex, proofHex)) accepted.push(name);
    }
    expect(accepted).toEqual([]);
    // Off-chain, another prompt's proof presented with this prompt's instances.
    expect(offchain(Buffer.from(other.proof.slice(2), "hex"), instances())).toBe(false);
  });
});
