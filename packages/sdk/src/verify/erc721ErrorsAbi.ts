import { parseAbi } from "viem";

/** ERC-6093's ERC-721 errors, so reverts of `ownerOf` are reported by name. */
export const ERC721_ERRORS_ABI = parseAbi([
  "error ERC721NonexistentToken(uint256 tokenId)",
  "error ERC721InvalidOwner(address owner)",
]);
