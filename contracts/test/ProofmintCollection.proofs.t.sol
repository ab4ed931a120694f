// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {EzklVerifierAdapter} from "../src/EzklVerifierAdapter.sol";
import {IHalo2Verifier} from "../src/interfaces/IHalo2Verifier.sol";
import {IProofmintCollection} from "../src/interfaces/IProofmintCollection.sol";
import {ProofmintFixture} from "./utils/ProofmintFixture.sol";
import {Vm} from "./utils/Vm.sol";

/// @notice The collection behind the real generated verifier, with real proofs of the committed
/// circuit (contracts/test/fixtures/proofs.json, made by generate.py there).
contract ProofmintCollectionProofsTest is ProofmintFixture {
    string internal constant FIXTURES = "contracts/test/fixtures/proofs.json";
    bytes32 internal constant SALT = keccak256("salt");

    struct RealProof {
        bytes prompt;
        bytes aigcData;
        bytes proof;
        uint256[] instances;
    }

    string internal fixtures;
    IHalo2Verifier internal halo2Verifier;

    function setUp() public {
        // Until circuits/build.py has generated a verifier there is nothing real to test.
        halo2Verifier = _deployGeneratedVerifier();
        fixtures = vm.readFile(FIXTURES);
        _deployCollection(new EzklVerifierAdapter(halo2Verifier));
    }

    // ---------------------------------------------------------------- the fixtures themselves

    function test_fixtures_belongToTheGeneratedVerifier() public view {
        assertEq(
            sha256(bytes(vm.readFile(VERIFIER_SOURCE))),
            vm.parseBytes32(string.concat("0x", vm.parseJsonString(fixtures, ".verifierSha256"))),
            "stale fixtures: rerun contracts/test/fixtures/generate.py"
        );
    }

    /// @dev ezkl's own instances equal the contract's layout: the cross-language link that makes
    /// every other check here meaningful.
    function test_fixtures_instancesAreTheContractsLayout() public view {
        for (uint256 i; i < _count(); ++i) {
            RealProof memory real = _real(i);
            assertEq(real.instances, _instances(real.prompt, real.aigcData), string(real.prompt));
            assertEq(
                uint256(keccak256(real.prompt)),
                vm.parseJsonUint(fixtures, _key(i, ".tokenId")),
                "tokenId"
            );
        }
    }

    function test_halo2Verifier_acceptsEveryFixture() public {
        for (uint256 i; i < _count(); ++i) {
            RealProof memory real = _real(i);
            assertTrue(halo2Verifier.verifyProof(real.proof, real.instances), string(real.prompt));
        }
    }

    // ---------------------------------------------------------------- verify

    function test_verify_trueForEveryRealProof() public view {
        for (uint256 i; i < _count(); ++i) {
            RealProof memory real = _real(i);
            assertTrue(
                collection.verify(real.prompt, real.aigcData, real.proof), string(real.prompt)
            );
        }
    }

    function test_verify_falseForAFlippedProofByte() public view {
        RealProof memory real = _real(0);
        uint256[4] memory positions = [0, 31, real.proof.length / 2, real.proof.length - 1];
        for (uint256 i; i < positions.length; ++i) {
            bytes memory flipped = bytes.concat(real.proof);
            flipped[positions[i]] ^= 0x01;
            assertFalse(
                collection.verify(real.prompt, real.aigcData, flipped), vm.toString(positions[i])
            );
        }
    }

    function test_verify_falseForAnotherPrompt() public view {
        RealProof memory real = _real(1);
        assertFalse(
            collection.verify(_real(0).prompt, real.aigcData, real.proof), "another proven prompt"
        );
        bytes memory changed = bytes.concat(real.prompt);
        changed[0] = changed[0] == "z" ? bytes1("y") : bytes1("z");
        assertFalse(collection.verify(changed, real.aigcData, real.proof), "one byte changed");
        assertFalse(
            collection.verify(bytes.concat(real.prompt, "s"), real.aigcData, real.proof),
            "one byte longer"
        );
    }

    function test_verify_falseForOtherAigcData() public view {
        RealProof memory real = _real(0);
        assertFalse(
            collection.verify(real.prompt, _real(1).aigcData, real.proof), "another real output"
        );
        uint256 commitment = uint256(bytes32(real.aigcData));
        assertFalse(
            collection.verify(real.prompt, abi.encodePacked(commitment ^ 1), real.proof),
            "last bit flipped"
        );
    }

    /// @dev commitment + r is the same field element to the circuit; only the range check stops it.
    function test_verify_falseForAigcDataOutsideTheField() public view {
        RealProof memory real = _real(0);
        uint256 aliased = uint256(bytes32(real.aigcData)) + FIELD_MODULUS;
        assertFalse(collection.verify(real.prompt, abi.encodePacked(aliased), real.proof), "+ r");
        assertFalse(
            collection.verify(real.prompt, bytes.concat(real.aigcData, hex"00"), real.proof),
            "33 bytes"
        );
    }

    function test_verify_falseForMalformedProofs() public view {
        RealProof memory real = _real(0);
        bytes memory truncated = new bytes(real.proof.length - 1);
        for (uint256 i; i < truncated.length; ++i) {
            truncated[i] = real.proof[i];
        }
        assertFalse(collection.verify(real.prompt, real.aigcData, truncated), "truncated");
        assertFalse(collection.verify(real.prompt, real.aigcData, ""), "empty");
        assertFalse(
            collection.verify(real.prompt, real.aigcData, bytes.concat(real.proof, hex"00")),
            "one byte longer"
        );
        assertFalse(
            collection.verify(real.prompt, real.aigcData, _real(1).proof), "another real proof"
        );
    }

    /// forge-config: default.fuzz.runs = 64
    /// forge-config: ci.fuzz.runs = 256
    /// forge-config: deep.fuzz.runs = 50000
    function testFuzz_verify_falseForAnyCorruptedProofByte(uint256 position, uint8 mask)
        public
        view
    {
        RealProof memory real = _real(position % _count());
        bytes memory corrupted = bytes.concat(real.proof);
        position %= corrupted.length;
        corrupted[position] ^= bytes1(mask == 0 ? 1 : mask);
        assertFalse(collection.verify(real.prompt, real.aigcData, corrupted), "corrupted proof");
    }

    // ---------------------------------------------------------------- mint

    function test_mint_withARealProof() public {
        RealProof memory real = _real(2);
        _commit(CREATOR, real.prompt, CREATOR, SALT);
        vm.warp(block.timestamp + MIN_DELAY);

        vm.recordLogs();
        vm.prank(CREATOR);
        uint256 tokenId =
            collection.mint(CREATOR, real.prompt, real.aigcData, real.proof, SALT, TOKEN_URI);
        Vm.Log[] memory logs = vm.getRecordedLogs();

        assertEq(collection.ownerOf(tokenId), CREATOR, "owner");
        assertEq(collection.prompt(tokenId), string(real.prompt), "prompt");
        assertEq(collection.aigcData(tokenId), real.aigcData, "aigcData");
        assertEq(logs[1].topics[0], keccak256("AigcData(uint256,bytes,bytes,bytes)"), "AigcData");
        assertEq(abi.decode(logs[1].data, (bytes)), real.proof, "proof in the log");
    }

    function test_RevertWhen_RealProofCorrupted() public {
        RealProof memory real = _real(0);
        _commit(CREATOR, real.prompt, CREATOR, SALT);
        vm.warp(block.timestamp + MIN_DELAY);
        bytes memory flipped = bytes.concat(real.proof);
        flipped[flipped.length / 2] ^= 0x01;
        _expectInvalidProof(real.prompt);
        vm.prank(CREATOR);
        collection.mint(CREATOR, real.prompt, real.aigcData, flipped, SALT, TOKEN_URI);
    }

    function test_RevertWhen_RealProofIsForAnotherPrompt() public {
        RealProof memory other = _real(1);
        bytes memory prompt = _real(0).prompt;
        _commit(CREATOR, prompt, CREATOR, SALT);
        vm.warp(block.timestamp + MIN_DELAY);
        _expectInvalidProof(prompt);
        vm.prank(CREATOR);
        collection.mint(CREATOR, prompt, other.aigcData, other.proof, SALT, TOKEN_URI);
    }

    function test_RevertWhen_RealProofHasOtherAigcData() public {
        RealProof memory real = _real(0);
        _commit(CREATOR, real.prompt, CREATOR, SALT);
        vm.warp(block.timestamp + MIN_DELAY);
        _expectInvalidProof(real.prompt);
        vm.prank(CREATOR);
        collection.mint(CREATOR, real.prompt, _real(1).aigcData, real.proof, SALT, TOKEN_URI);
    }

    function test_RevertWhen_RealAigcDataOutsideTheField() public {
        RealProof memory real = _real(0);
        bytes memory aliased = abi.encodePacked(uint256(bytes32(real.aigcData)) + FIELD_MODULUS);
        _commit(CREATOR, real.prompt, CREATOR, SALT);
        vm.warp(block.timestamp + MIN_DELAY);
        vm.expectRevert(
            abi.encodeWithSelector(IProofmintCollection.ProofmintInvalidAigcData.selector, aliased)
        );
        vm.prank(CREATOR);
        collection.mint(CREATOR, real.prompt, aliased, real.proof, SALT, TOKEN_URI);
    }

    function test_RevertWhen_RealProofTruncatedOrEmpty() public {
        RealProof memory real = _real(0);
        _commit(CREATOR, real.prompt, CREATOR, SALT);
        vm.warp(block.timestamp + MIN_DELAY);
        bytes memory truncated = new bytes(real.proof.length / 2);
        for (uint256 i; i < truncated.length; ++i) {
            truncated[i] = real.proof[i];
        }
        _expectInvalidProof(real.prompt);
        vm.prank(CREATOR);
        collection.mint(CREATOR, real.prompt, real.aigcData, truncated, SALT, TOKEN_URI);
        _expectInvalidProof(real.prompt);
        vm.prank(CREATOR);
        collection.mint(CREATOR, real.prompt, real.aigcData, "", SALT, TOKEN_URI);
    }

    // ---------------------------------------------------------------- helpers

    function _expectInvalidProof(bytes memory prompt) internal {
        vm.expectRevert(
            abi.encodeWithSelector(
                IProofmintCollection.ProofmintInvalidProof.selector, uint256(keccak256(prompt))
            )
        );
    }

    function _count() internal view returns (uint256 count) {
        while (vm.keyExistsJson(fixtures, _key(count, ""))) ++count;
    }

    function _real(uint256 index) internal view returns (RealProof memory real) {
        real.prompt = vm.parseJsonBytes(fixtures, _key(index, ".promptBytes"));
        real.aigcData = vm.parseJsonBytes(fixtures, _key(index, ".aigcData"));
        real.proof = vm.parseJsonBytes(fixtures, _key(index, ".proof"));
        real.instances = vm.parseJsonUintArray(fixtures, _key(index, ".instances"));
    }

    function _key(uint256 index, string memory field) internal pure returns (string memory) {
        return string.concat(".proofs[", vm.toString(index), "]", field);
    }
}
