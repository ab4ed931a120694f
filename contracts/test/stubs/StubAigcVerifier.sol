// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IAigcVerifier} from "../../src/interfaces/IAigcVerifier.sol";

/// @title StubAigcVerifier
/// @notice A unit-test stand-in for a model's verifier. Like a glyph proof, a stub proof starts
/// with the output commitment (64 bytes, x then y); then comes
/// `keccak256(commitment || abi.encode(instances))`, so it accepts exactly one proof per
/// commitment and instance vector. Tests build that proof from their own copy of the instance
/// layout (`test/utils/StubProofs.sol`), so a wrong layout in the collection fails them; real
/// proofs are tested separately.
contract StubAigcVerifier is IAigcVerifier {
    /// @inheritdoc IAigcVerifier
    function verifyProof(bytes calldata proof, uint256[] calldata instances)
        external
        pure
        returns (bool valid)
    {
        return proof.length == 96
            && bytes32(proof[64:]) == keccak256(bytes.concat(proof[:64], abi.encode(instances)));
    }
}
