// Turns wallet, RPC and contract failures into the states the mint panel shows.
import { decodeRevert } from "@proofmint/core";
import {
  BaseError,
  ChainMismatchError,
  InsufficientFundsError,
  UserRejectedRequestError,
} from "viem";
import { ApiError } from "../api.ts";

export type WalletFailureKind =
  "rejected" | "wrong-chain" | "already-minted" | "insufficient-funds" | "commitment" | "other";

export type WalletFailure = { kind: WalletFailureKind; message: string };

const REVERTS: Record<string, WalletFailure> = {
  ProofmintPromptClaimed: { kind: "already-minted", message: "This prompt is already minted." },
  ProofmintCommitmentNotFound: {
    kind: "commitment",
    message: "The chain has no commitment from this wallet for this mint; commit again.",
  },
  ProofmintCommitmentExpired: {
    kind: "commitment",
    message: "The commitment expired; mint again to commit with a new salt.",
  },
  ProofmintCommitmentNotReady: {
    kind: "commitment",
    message: "The commitment is not ready yet; wait a few seconds and try again.",
  },
};

export class WrongChainError extends Error {
  override name = "WrongChainError";
}

export function describeWalletFailure(error: unknown): WalletFailure {
  if (error instanceof WrongChainError) return { kind: "wrong-chain", message: error.message };
  if (error instanceof ApiError) {
    if (error.code === "PROMPT_ALREADY_MINTED" || /already minted/i.test(error.message)) {
      return { kind: "already-minted", message: error.message };
    }
    return { kind: "other", message: error.message };
  }
  if (error instanceof BaseError) {
    if (error.walk((e) => e instanceof UserRejectedRequestError)) {
      return {
        kind: "rejected",
        message: "You rejected the request in your wallet. Nothing was sent.",
      };
    }
    if (error.walk((e) => e instanceof ChainMismatchError)) {
      return {
        kind: "wrong-chain",
        message: "Your wallet is on another chain. Switch it and try again.",
      };
    }
    if (
      error.walk((e) => e instanceof InsufficientFundsError) ||
      /insufficient funds/i.test(error.message)
    ) {
      return {
        kind: "insufficient-funds",
        message: "Your wallet cannot pay for gas on this chain. Add funds and try again.",
      };
    }
    const revert = decodeRevert({ error });
    if (revert !== undefined) {
      return (
        REVERTS[revert.errorName] ?? {
          kind: "other",
          message: `The contract refused the mint: ${revert.errorName}.`,
        }
      );
    }
    return { kind: "other", message: error.shortMessage };
  }
  const code = (error as { code?: number } | null)?.code;
  if (code === 4001) {
    return {
      kind: "rejected",
      message: "You rejected the request in your wallet. Nothing was sent.",
    };
  }
  return { kind: "other", message: error instanceof Error ? error.message : String(error) };
}
