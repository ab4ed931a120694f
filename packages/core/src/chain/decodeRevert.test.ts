import {
  BaseError,
  ContractFunctionExecutionError,
  ContractFunctionRevertedError,
  encodeErrorResult,
  erc721Abi,
  RawContractError,
  type Hex,
} from "viem";
import { describe, expect, it } from "vitest";
import { proofmintCollectionAbi } from "../generated/abis.ts";
import { decodeRevert, describeRevert } from "./decodeRevert.ts";

const commitment: Hex = `0x${"ab".repeat(32)}`;
const notReady = encodeErrorResult({
  abi: proofmintCollectionAbi,
  errorName: "ProofmintCommitmentNotReady",
  args: [commitment, 1234n],
});
const nonexistent = encodeErrorResult({
  abi: proofmintCollectionAbi,
  errorName: "ERC721NonexistentToken",
  args: [7n],
});

/** What viem throws for a reverted call: the revert wrapped in the call's execution error. */
function callError({
  abi,
  data,
}: {
  abi: typeof proofmintCollectionAbi | typeof erc721Abi;
  data: Hex;
}) {
  const revert = new ContractFunctionRevertedError({ abi, data, functionName: "mint" });
  return new ContractFunctionExecutionError(revert, { abi, functionName: "mint", args: [] });
}

describe("decodeRevert", () => {
  it("names a custom error and its arguments through viem's cause chain", () => {
    expect(
      decodeRevert({ error: callError({ abi: proofmintCollectionAbi, data: notReady }) }),
    ).toStrictEqual({
      errorName: "ProofmintCommitmentNotReady",
      args: [commitment, 1234n],
    });
  });

  it("decodes with the generated ABIs when the call's ABI lacks the error", () => {
    const error = callError({ abi: erc721Abi, data: nonexistent });
    expect(decodeRevert({ error })).toStrictEqual({
      errorName: "ERC721NonexistentToken",
      args: [7n],
    });
    expect(describeRevert({ error })).toBe("ERC721NonexistentToken(7)");
  });

  it("reads the revert data of a raw RPC error (a transaction's gas estimate)", () => {
    const error = new BaseError("estimateGas failed", {
      cause: new RawContractError({ data: { data: notReady } }),
    });
    expect(decodeRevert({ error })?.errorName).toBe("ProofmintCommitmentNotReady");
  });

  it("is undefined for what is not a decodable revert, and describes it by its message", () => {
    expect(decodeRevert({ error: new Error("socket hang up") })).toBeUndefined();
    expect(
      decodeRevert({ error: callError({ abi: erc721Abi, data: "0xdeadbeef" }) }),
    ).toBeUndefined();
    expect(describeRevert({ error: new Error("socket hang up") })).toBe("socket hang up");
    expect(describeRevert({ error: new BaseError("the node is down") })).toBe("the node is down");
  });
});
