import { describe, expect, it } from "vitest";
import { findCommonAncestor, type RecordedBlock } from "./findCommonAncestor.ts";

/** A chain as a list of block hashes, block 0 first, and the blocks asked for. */
function chainOf(hashes: string[]) {
  const asked: number[] = [];
  return {
    asked,
    hashAt: (number: number) => {
      asked.push(number);
      return Promise.resolve(hashes[number]);
    },
  };
}

const record = (hashes: string[], numbers: number[]): RecordedBlock[] =>
  numbers.map((number) => ({ number, hash: hashes[number]! }));

describe("findCommonAncestor (the chain given as a list of hashes)", () => {
  const old = ["g", "a1", "a2", "a3", "a4", "a5", "a6"];
  // The chain reorganised from block 4 on.
  const reorganised = ["g", "a1", "a2", "a3", "b4", "b5", "b6"];

  it("finds the newest recorded block the chain still has, asking newest first", async () => {
    const chain = chainOf(reorganised);
    const ancestor = await findCommonAncestor({
      recorded: record(old, [1, 2, 3, 4, 5, 6]),
      lastIndexed: 6,
      maxDepth: 10,
      hashAt: chain.hashAt,
    });
    expect(ancestor).toEqual({ number: 3, hash: "a3" });
    expect(chain.asked).toEqual([5, 4, 3]);
  });

  it("rewinds to a recorded block below a gap, whatever the order of the record", async () => {
    const chain = chainOf(reorganised);
    const ancestor = await findCommonAncestor({
      recorded: record(old, [6, 1, 5, 2]),
      lastIndexed: 6,
      maxDepth: 10,
      hashAt: chain.hashAt,
    });
    expect(ancestor).toEqual({ number: 2, hash: "a2" });
  });

  it("treats a block the chain no longer has as orphaned (a rollback to a shorter chain)", async () => {
    const chain = chainOf(["g", "a1", "a2", "c3"]);
    const ancestor = await findCommonAncestor({
      recorded: record(old, [2, 4, 5]),
      lastIndexed: 6,
      maxDepth: 10,
      hashAt: chain.hashAt,
    });
    expect(ancestor).toEqual({ number: 2, hash: "a2" });
  });

  it("looks no further back than maxDepth: a deeper reorganisation has no ancestor", async () => {
    const chain = chainOf(reorganised);
    const recorded = record(old, [1, 2, 3, 4, 5]);
    expect(
      await findCommonAncestor({ recorded, lastIndexed: 6, maxDepth: 2, hashAt: chain.hashAt }),
    ).toBeUndefined();
    expect(chain.asked).toEqual([5, 4]);
    expect(
      await findCommonAncestor({ recorded, lastIndexed: 6, maxDepth: 3, hashAt: chain.hashAt }),
    ).toEqual({ number: 3, hash: "a3" });
  });

  it("has no ancestor when nothing below the last indexed block was recorded", async () => {
    const chain = chainOf(reorganised);
    expect(
      await findCommonAncestor({
        recorded: record(old, [6]),
        lastIndexed: 6,
        maxDepth: 10,
        hashAt: chain.hashAt,
      }),
    ).toBeUndefined();
    expect(chain.asked).toEqual([]);
  });
});
