import { hexToBigInt, keccak256 } from "viem";
import { promptBytes } from "./promptBytes.ts";

export type PromptTokenIdParameters = {
  /** A canonical prompt. */
  prompt: string;
};

/**
 * The ERC-7007 token id of a prompt: `uint256(keccak256(promptBytes))`, one token per prompt per
 * collection.
 *
 * @throws {PromptError} when `prompt` is not canonical.
 * @example
 * promptTokenId({ prompt: "a" }) // 0x3ac225168df54212a25c1c01fd35bebfea408fdac2e31ddd6f80a4bbf9a5f1cbn
 */
export function promptTokenId({ prompt }: PromptTokenIdParameters): bigint {
  return hexToBigInt(keccak256(promptBytes({ prompt })));
}
