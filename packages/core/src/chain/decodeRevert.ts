import {
  BaseError,
  ContractFunctionRevertedError,
  decodeErrorResult,
  RawContractError,
  type Hex,
} from "viem";
import { ezklVerifierAdapterAbi, proofmintCollectionAbi } from "../generated/abis.ts";

/** A contract's custom error, decoded: `ProofmintPromptClaimed` with its arguments. */
export type ContractRevert = {
  /** The error's name, e.g. `ProofmintCommitmentNotReady`, `ERC721NonexistentToken`, `Error`. */
  errorName: string;
  args: readonly unknown[];
};

// Every error our contracts can raise, ERC-6093's ERC-721 errors among them (the collection
// inherits them), from the generated ABIs.
const CONTRACT_ERRORS = [...proofmintCollectionAbi, ...ezklVerifierAdapterAbi].filter(
  (item) => item.type === "error",
);

function decodeData(data: Hex | undefined): ContractRevert | undefined {
  if (data === undefined || data.length < 10) return undefined;
  try {
    const { errorName, args } = decodeErrorResult({ abi: CONTRACT_ERRORS, data });
    return { errorName, args: args ?? [] };
  } catch {
    return undefined;
  }
}

/**
 * The custom error a contract call or transaction reverted with, from anywhere in a viem error's
 * cause chain. Decoded by viem with the ABI the call used, and otherwise with the generated ABIs
 * of our contracts, so a call made through a narrower ABI (ERC-7007's, ERC-721's) still names the
 * error. Undefined when the failure is not a decodable revert.
 *
 * @example
 * if (decodeRevert({ error })?.errorName === "ProofmintCommitmentNotReady") await retryLater();
 */
export function decodeRevert({ error }: { error: unknown }): ContractRevert | undefined {
  if (!(error instanceof BaseError)) return undefined;
  const reverted = error.walk((cause) => cause instanceof ContractFunctionRevertedError);
  if (reverted instanceof ContractFunctionRevertedError) {
    if (reverted.data?.errorName) {
      return { errorName: reverted.data.errorName, args: reverted.data.args ?? [] };
    }
    return decodeData(reverted.raw);
  }
  const raw = error.walk((cause) => cause instanceof RawContractError);
  if (raw instanceof RawContractError) {
    return decodeData(typeof raw.data === "object" ? raw.data.data : raw.data);
  }
  return undefined;
}

/**
 * A revert as one line, `ERC721NonexistentToken(7)`, or the error's short message when it is
 * not a decodable revert.
 */
export function describeRevert({ error }: { error: unknown }): string {
  const revert = decodeRevert({ error });
  if (revert !== undefined) return `${revert.errorName}(${revert.args.map(String).join(", ")})`;
  if (error instanceof BaseError) return error.shortMessage;
  return error instanceof Error ? error.message : String(error);
}
