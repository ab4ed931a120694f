// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {EzklVerifierAdapter} from "../src/EzklVerifierAdapter.sol";
import {IHalo2Verifier} from "../src/interfaces/IHalo2Verifier.sol";
import {ProofmintFixture} from "./utils/ProofmintFixture.sol";

/// @notice Gas of the calls a creator pays for, with a real proof: one call per test, so each is
/// measured cold. `snapshotGasLastCall` records each call alone in
/// contracts/snapshots/ProofmintCollection.json; `forge snapshot` adds the whole test to
/// contracts/.gas-snapshot. Execution gas only: a transaction adds 21,000 and its calldata.
contract ProofmintCollectionGasTest is ProofmintFixture {
    string internal constant FIXTURES = "contracts/test/fixtures/proofs.json";
    bytes32 internal constant SALT = keccak256("salt");
    /// @dev The 17-byte prompt: long enough for typical use, one storage slot.
    uint256 internal constant FIXTURE = 1;

    IHalo2Verifier internal halo2Verifier;
    bytes internal prompt;

    function setUp() public {
        halo2Verifier = _deployGeneratedVerifier();
        _deployCollection(new EzklVerifierAdapter(halo2Verifier));
        prompt = vm.parseJsonBytes(vm.readFile(FIXTURES), _key(".promptBytes"));
        // Committed here, in an earlier transaction, so the mint below touches everything cold.
        _commit(CREATOR, prompt, CREATOR, SALT);
        vm.warp(block.timestamp + MIN_DELAY);
    }

    function test_gas_commit() public {
        bytes32 commitment = _commitment(prompt, CREATOR, keccak256("another salt"));
        vm.prank(CREATOR);
        collection.commit(commitment);
        vm.snapshotGasLastCall("ProofmintCollection", "commit");
    }

    function test_gas_mint() public {
        (bytes memory aigcData, bytes memory proof) = _aigcDataAndProof();
        bytes memory prompt_ = prompt;
        vm.prank(CREATOR);
        collection.mint(CREATOR, prompt_, aigcData, proof, SALT, TOKEN_URI);
        vm.snapshotGasLastCall("ProofmintCollection", "mint");
    }

    function test_gas_verify() public {
        (bytes memory aigcData, bytes memory proof) = _aigcDataAndProof();
        bool valid = collection.verify(prompt, aigcData, proof);
        vm.snapshotGasLastCall("ProofmintCollection", "verify");
        assertTrue(valid, "verify");
    }

    function test_gas_halo2VerifierAlone() public {
        string memory fixtures = vm.readFile(FIXTURES);
        bytes memory proof = vm.parseJsonBytes(fixtures, _key(".proof"));
        uint256[] memory instances = vm.parseJsonUintArray(fixtures, _key(".instances"));
        halo2Verifier.verifyProof(proof, instances);
        vm.snapshotGasLastCall("ProofmintCollection", "halo2Verifier.verifyProof");
    }

    function _aigcDataAndProof() internal view returns (bytes memory aigcData, bytes memory proof) {
        string memory fixtures = vm.readFile(FIXTURES);
        aigcData = vm.parseJsonBytes(fixtures, _key(".aigcData"));
        proof = vm.parseJsonBytes(fixtures, _key(".proof"));
    }

    function _key(string memory field) internal pure returns (string memory) {
        return string.concat(".proofs[", vm.toString(FIXTURE), "]", field);
    }
}
