import { readFileSync } from "node:fs";
import { bytesToHex, hexToBytes, type Hex } from "viem";
import { describe, expect, it } from "vitest";
import { compressCommitment } from "./compressCommitment.ts";
import { G1 } from "./g1.ts";
import { parseOutputBasis } from "./outputBasis.ts";
import { outputCommitment } from "./outputCommitment.ts";
import { proofCommitment } from "./proofCommitment.ts";

type CommitmentVectors = {
  basis: string;
  cases: { prompt: string; output: number[]; proofHead: Hex; aigcData: Hex }[];
  invalidPoints: { name: string; head: Hex }[];
};

const root = new URL("../../../../", import.meta.url);
const vectors = JSON.parse(
  readFileSync(new URL("test/vectors/commitment.json", root), "utf8"),
) as CommitmentVectors;
const basisBytes = new Uint8Array(readFileSync(new URL(vectors.basis, root)));
const count = vectors.cases[0]!.output.length;
const basis = parseOutputBasis({ bytes: basisBytes, count });
const outputOf = (values: number[]) => values.map((value) => BigInt(value));

describe("outputCommitment (golden vectors from real proofs)", () => {
  it.each(vectors.cases)("recomputes aigcData of '$prompt' from its raw output", (vector) => {
    expect(outputCommitment({ output: outputOf(vector.output), basis })).toBe(vector.aigcData);
  });

  it.each(vectors.cases)("reads aigcData of '$prompt' from the proof's first point", (vector) => {
    expect(proofCommitment({ proof: vector.proofHead })).toBe(vector.aigcData);
  });

  it("gives another commitment when one output value changes by one", () => {
    const output = outputOf(vectors.cases[0]!.output);
    output[count - 1]! += 1n;
    expect(outputCommitment({ output, basis })).not.toBe(vectors.cases[0]!.aigcData);
  });

  it("commits to negative values as their field elements", () => {
    const output = Array.from({ length: count }, () => 0n);
    output[0] = -1n;
    const expected = basis.blind.subtract(basis.points[0]!);
    expect(outputCommitment({ output, basis })).toBe(compressCommitment({ point: expected }));
  });

  it("rejects an output whose length differs from the basis", () => {
    expect(() => outputCommitment({ output: [1n], basis })).toThrow(/1 values/);
  });
});

describe("proofCommitment", () => {
  it.each(vectors.invalidPoints)("rejects a proof whose first point is $name", ({ head }) => {
    expect(() => proofCommitment({ proof: head })).toThrow(/not on the BN254 curve|identity/);
  });

  it("rejects a proof shorter than one point", () => {
    expect(() => proofCommitment({ proof: "0x1234" })).toThrow(/2 bytes/);
  });

  it("sets bit 255 exactly when y is odd", () => {
    const base = G1.BASE; // (1, 2)
    expect(compressCommitment({ point: base })).toBe(`0x${"00".repeat(31)}01`);
    const negated = compressCommitment({ point: base.negate() }); // y = q - 2 is odd
    expect(BigInt(negated) >> 255n).toBe(1n);
    expect(BigInt(negated) & ((1n << 255n) - 1n)).toBe(1n);
  });
});

describe("parseOutputBasis", () => {
  it("rejects a basis of the wrong size", () => {
    expect(() => parseOutputBasis({ bytes: basisBytes, count: count - 1 })).toThrow(/bytes/);
  });

  it("rejects a basis with a point off the curve", () => {
    const tampered = new Uint8Array(basisBytes);
    tampered[63]! ^= 1;
    expect(() => parseOutputBasis({ bytes: tampered, count })).toThrow(/not on the BN254 curve/);
  });

  it("round-trips points as x || y big-endian", () => {
    const first = basisBytes.subarray(0, 64);
    const { x, y } = basis.points[0]!.toAffine();
    expect(bytesToHex(first)).toBe(
      `0x${x.toString(16).padStart(64, "0")}${y.toString(16).padStart(64, "0")}`,
    );
    expect(hexToBytes(bytesToHex(first))).toEqual(first);
  });
});
