// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title A proof system behind an ERC-7007 collection
/// @notice The collection's only view of the proof system: one model's verifier, which answers
/// yes or no and never reverts on a bad proof (only when given too little gas to decide).
/// Adapters keep proof-system specifics (selectors, revert conventions, calldata layouts) out of
/// the collection.
interface IAigcVerifier {
    /// @notice Checks a proof against the model's verifying key.
    /// @param proof The proof bytes.
    /// @param instances The public instances, field elements in circuit order.
    /// @return valid True only if the proof is valid for these instances; false for any malformed
    /// proof, wrong instance count, out-of-field instance or failed check.
    function verifyProof(bytes calldata proof, uint256[] calldata instances)
        external
        view
        returns (bool valid);
}
