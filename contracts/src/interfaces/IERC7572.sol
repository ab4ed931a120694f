// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title ERC-7572: contract-level metadata via `contractURI()`
/// @notice Marketplaces read the collection's name, description and image from this URI.
interface IERC7572 {
    /// @notice The contract-level metadata changed; indexers should fetch {contractURI} again.
    event ContractURIUpdated();

    /// @notice The URI of the collection's contract-level metadata JSON.
    /// @return The URI, or an empty string if none is set.
    function contractURI() external view returns (string memory);
}
