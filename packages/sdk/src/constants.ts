/** ERC-165 id of IERC7007 (final text): addAigcData ^ verify. */
export const IERC7007_INTERFACE_ID = "0x702c55a6";

/** ERC-165 id of IERC7007Enumerable: tokenId(bytes) ^ prompt(uint256). */
export const IERC7007_ENUMERABLE_INTERFACE_ID = "0xfa1a557a";

/**
 * SHA-256 of the public Perpetual Powers of Tau k=1 file (halo2 raw format), as listed by ezkl
 * 21.0.0 `src/srs_sha.rs`: the only verification SRS a ceremony model may be checked with.
 */
export const PUBLIC_K1_SRS_SHA256 =
  "0xcafb2aa72c200ddc4e28aacabb8066e829207e2484b8d17059a566232f8a297b";
