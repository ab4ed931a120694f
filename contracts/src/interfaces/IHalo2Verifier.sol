// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title The entry point of an ezkl 21.0.0 generated verifier
/// @notice `contracts/src/generated/Halo2Verifier.sol` (halo2-solidity-verifier at commit 80c20d6)
/// exposes this function, selector `0x1e8e1e13`. Only {EzklVerifierAdapter} calls it; everything
/// else goes through {IAigcVerifier}, because the entry point changed between ezkl versions.
interface IHalo2Verifier {
    /// @notice Verifies a Halo2 (KZG, SHPLONK) proof against the verifying key embedded in the code.
    /// @dev Returns true on success and reverts with empty data on any failure (wrong proof length or
    /// instance count, an instance not below the field modulus, a point off the curve, a failed
    /// pairing). It never writes state, so it can be called with STATICCALL.
    /// @param proof The proof bytes, as ezkl's calldata encoder writes them.
    /// @param instances The public instances, big-endian field elements in circuit order.
    /// @return Always true when it returns.
    function verifyProof(bytes calldata proof, uint256[] calldata instances) external returns (bool);
}
