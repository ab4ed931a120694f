// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC165} from "@openzeppelin/contracts/interfaces/IERC165.sol";
import {IERC721} from "@openzeppelin/contracts/interfaces/IERC721.sol";

/// @title ERC-7007: Verifiable AI-Generated Content Token
/// @notice The interface of the final text (ethereum/ERCs `ERCS/erc-7007.md`), ERC-165 id
/// `0x702c55a6`. Unlike the reference implementation's copy, all three event fields are indexed,
/// so logs decode with the standard's ABI.
interface IERC7007 is IERC165, IERC721 {
    /// @notice Verified AIGC data was bound to a token.
    /// @dev Indexed `bytes` are logged as their keccak256 hashes; the proof is in the log data.
    /// @param tokenId The token the data belongs to.
    /// @param prompt The prompt the content was generated from.
    /// @param aigcData The AI-generated content, or a commitment to it.
    /// @param proof The proof that `aigcData` was generated from `prompt` by the committed model.
    event AigcData(
        uint256 indexed tokenId, bytes indexed prompt, bytes indexed aigcData, bytes proof
    );

    /// @notice Binds verified AIGC data to a token, emitting {AigcData}.
    /// @dev The standard asks implementations to make sure {verify} returns true for the data.
    /// @param tokenId The token to bind the data to.
    /// @param prompt The prompt the content was generated from.
    /// @param aigcData The AI-generated content, or a commitment to it.
    /// @param proof The proof of the generation.
    function addAigcData(
        uint256 tokenId,
        bytes calldata prompt,
        bytes calldata aigcData,
        bytes calldata proof
    ) external;

    /// @notice Checks that `aigcData` was generated from `prompt` by the committed model.
    /// @param prompt The prompt the content was generated from.
    /// @param aigcData The AI-generated content, or a commitment to it.
    /// @param proof The proof of the generation.
    /// @return success Whether the proof is valid for this prompt and data.
    function verify(bytes calldata prompt, bytes calldata aigcData, bytes calldata proof)
        external
        view
        returns (bool success);
}
