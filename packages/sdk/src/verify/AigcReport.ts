import type { SrsKind } from "@proofmint/core";
import type { Address, Hex } from "viem";

/** The links of the chain of provenance (DESIGN.md), in the order a report lists them. */
export const AIGC_LINKS = {
  "erc7007-interface": "The collection advertises IERC7007 (0x702c55a6) through ERC-165",
  "token-record": "The token exists and an AigcData event records its prompt, aigcData and proof",
  metadata: "The metadata at tokenURI carries the token's prompt and aigc_data",
  "onchain-verify": "The collection's verify(prompt, aigcData, proof) returns true",
  "offchain-verify":
    "The proof verifies off-chain with the ezkl engine and the model's verifying key",
  "output-commitment":
    "Committing to the raw output gives aigcData, the output commitment the proof carries",
  "image-render": "Re-rendering the raw output gives exactly the image's bytes",
  "model-id": "The metadata's model id is the one the collection stores",
  "trusted-setup": "The proof system's trusted setup (SRS) is a public ceremony",
} as const;

export type AigcLinkId = keyof typeof AIGC_LINKS;

/**
 * `passed` and `failed` are verdicts. `warning` means the link holds only under an assumption the
 * caller accepted and a person must see: today, a development trusted setup accepted with
 * `acceptDevelopmentSrs` (whoever made it can forge proofs). It does not fail the report.
 * `unsupported` means the link could not be checked: the collection does not implement what it
 * needs, an input is missing, or a link it depends on failed; `reason` says which.
 */
export type AigcLinkStatus = "passed" | "warning" | "failed" | "unsupported";

export type AigcLink = {
  id: AigcLinkId;
  title: string;
  status: AigcLinkStatus;
  /** One or two sentences for people, naming the values compared when a check fails. */
  reason: string;
};

/**
 * What verifyAigc found, link by link. `passed` is true when every link passed or, accepted by
 * the caller, passed with a `warning`; never when a link failed or could not be checked.
 */
export type AigcReport = {
  passed: boolean;
  chainId: number;
  collection: Address;
  tokenId: bigint;
  links: AigcLink[];
  /** The token's prompt, once read from the chain (or from metadata the chain confirms). */
  prompt?: string | undefined;
  /** The token's aigcData, once confirmed against the chain's AigcData event. */
  aigcData?: Hex | undefined;
  /** The collection's model id, when it has one. */
  modelId?: string | undefined;
  /** The SRS kind the model id declares: `development` means proofs can be forged. */
  srs?: SrsKind | undefined;
  /** Wall-clock time of the whole verification. */
  ms: number;
};
