// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IAigcVerifier} from "../../src/interfaces/IAigcVerifier.sol";

/// @title StubAigcVerifier
/// @notice A unit-test stand-in for a model's verifier: it accepts exactly one proof per instance
/// vector, `abi.encode(instances)`. Tests build that proof from their own copy of the instance
/// layout, so a wrong layout in the collection fails them; real proofs are tested separately.
contract StubAigcVerifier is IAigcVerifier {
    /// @inheritdoc IAigcVerifier
    function verifyProof(bytes calldata proof, uint256[] calldata instances)
        external
        pure
        returns (bool valid)
    {
        return keccak256(proof) == keccak256(abi.encode(instances));
    }
}
