// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC7007} from "./IERC7007.sol";

/// @title ERC-7007 optional enumerable extension
/// @notice Looks tokens up by prompt and prompts up by token, ERC-165 id `0xfa1a557a`.
interface IERC7007Enumerable is IERC7007 {
    /// @notice The token minted for `prompt`.
    /// @param prompt The prompt, as bytes.
    /// @return The token id, the hash of the prompt.
    function tokenId(bytes calldata prompt) external view returns (uint256);

    /// @notice The prompt of token `tokenId`.
    /// @dev The final text declares the return as `string calldata`, which Solidity only accepts as
    /// `memory` for an external function; the ABI is the same.
    /// @param tokenId The token.
    /// @return The prompt the token's content was generated from.
    function prompt(uint256 tokenId) external view returns (string memory);
}
