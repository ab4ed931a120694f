// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Test} from "./Test.sol";
import {ProofmintCollection} from "../../src/ProofmintCollection.sol";
import {IAigcVerifier} from "../../src/interfaces/IAigcVerifier.sol";
import {IHalo2Verifier} from "../../src/interfaces/IHalo2Verifier.sol";
import {StubProofs} from "./StubProofs.sol";

/// @title ProofmintFixture
/// @notice Shared set-up for collection tests: a collection behind any verifier, the instance
/// layout written out independently of `PromptCodec`, and the commit-reveal steps.
abstract contract ProofmintFixture is Test {
    uint256 internal constant MIN_DELAY = 12;
    uint256 internal constant LIFETIME = 1 days;
    string internal constant MODEL_ID =
        "glyph-v3-dev-0000000000000000000000000000000000000000000000000000000000000000";
    /// @dev BN254's base field modulus q: point coordinates are below it.
    uint256 internal constant BASE_FIELD_MODULUS = StubProofs.BASE_FIELD_MODULUS;
    string internal constant VERIFIER_SOURCE = "contracts/src/generated/Halo2Verifier.sol";
    string internal constant TOKEN_URI =
        "ipfs://bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy";

    address internal constant OWNER = address(0x0A11CE);
    address internal constant CREATOR = address(0xC0FFEE);
    address internal constant RELAYER = address(0x5E4E4);
    address internal constant STRANGER = address(0xBAD);

    ProofmintCollection internal collection;

    /// @dev Deploys ezkl's generated verifier from forge's build output; skips the test until
    /// circuits/build.py has generated it.
    function _deployGeneratedVerifier() internal returns (IHalo2Verifier verifier) {
        vm.skip(!vm.exists(VERIFIER_SOURCE), "no generated verifier yet: run circuits/build.py");
        bytes memory code = vm.getCode("Halo2Verifier.sol:Halo2Verifier");
        assembly ("memory-safe") {
            verifier := create(0, add(code, 0x20), mload(code))
        }
    }

    function _deployCollection(IAigcVerifier verifier) internal {
        collection = new ProofmintCollection(
            "proofmint glyph", "GLYPH", MODEL_ID, verifier, MIN_DELAY, LIFETIME, OWNER
        );
    }

    /// @dev The 64 public instances, written out from the documented layout.
    function _instances(bytes memory prompt) internal pure returns (uint256[] memory) {
        return StubProofs.instances(prompt);
    }

    /// @dev The one proof `StubAigcVerifier` accepts for this prompt and aigcData (see
    /// {StubProofs.proof}).
    function _stubProof(bytes memory prompt, bytes memory aigcData)
        internal
        pure
        returns (bytes memory)
    {
        return StubProofs.proof(prompt, aigcData);
    }

    /// @dev A compressed G1 point standing in for the commitment to a model output.
    function _aigcDataFor(bytes memory prompt) internal pure returns (bytes memory) {
        (uint256 x, uint256 y) = StubProofs.pointFor(prompt);
        return StubProofs.compress(x, y);
    }

    function _commitment(bytes memory prompt, address to, bytes32 salt)
        internal
        pure
        returns (bytes32)
    {
        return keccak256(abi.encode(keccak256(prompt), to, salt));
    }

    function _commit(address sender, bytes memory prompt, address to, bytes32 salt) internal {
        vm.prank(sender);
        collection.commit(_commitment(prompt, to, salt));
    }

    /// @dev Commits, waits the minimum delay and reveals with the stub proof.
    function _commitAndMint(address sender, bytes memory prompt, address to, bytes32 salt)
        internal
        returns (uint256 tokenId)
    {
        _commit(sender, prompt, to, salt);
        vm.warp(block.timestamp + MIN_DELAY);
        bytes memory aigcData = _aigcDataFor(prompt);
        vm.prank(sender);
        return collection.mint(to, prompt, aigcData, _stubProof(prompt, aigcData), salt, TOKEN_URI);
    }
}
