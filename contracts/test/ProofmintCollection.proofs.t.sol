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
        /// @dev The commitment to the same output with its first value one higher (C + L_0).
        bytes otherOutputAigcData;
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
            assertEq(real.instances, _instances(real.prompt), string(real.prompt));
            assertEq(real.instances.length, 64, "64 prompt instances, no output instance");
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

    function test_verify_falseWhenAigcDataIsAnotherProofsCommitment() public view {
        for (uint256 i; i < _count(); ++i) {
            RealProof memory real = _real(i);
            RealProof memory other = _real((i + 1) % _count());
            assertFalse(
                collection.verify(real.prompt, other.aigcData, real.proof), string(real.prompt)
            );
        }
    }

    function test_verify_falseWhenAigcDataNotOnCurve() public view {
        RealProof memory real = _real(0);
        bytes[3] memory wrong = [
            abi.encodePacked(uint256(4)), // 4^3 + 3 is no square mod q
            abi.encodePacked(uint256(bytes32(real.aigcData)) + BASE_FIELD_MODULUS), // x + q
            abi.encodePacked(type(uint256).max)
        ];
        for (uint256 i; i < wrong.length; ++i) {
            assertFalse(collection.verify(real.prompt, wrong[i], real.proof), vm.toString(i));
        }
    }

    function test_verify_falseWhenAigcDataIsIdentity() public view {
        RealProof memory real = _real(0);
        assertFalse(
            collection.verify(real.prompt, abi.encodePacked(bytes32(0)), real.proof), "zero"
        );
        // A proof whose first point is the identity carries no commitment at all.
        bytes memory identity = bytes.concat(real.proof);
        for (uint256 i; i < 64; ++i) {
            identity[i] = 0;
        }
        assertFalse(
            collection.verify(real.prompt, abi.encodePacked(bytes32(0)), identity), "(0, 0)"
        );
    }

    /// @dev Valid commitments, to outputs the proof is not about: C + L_0 (the first output value
    /// one higher) and -C (the other y, the same x).
    function test_verify_falseWhenAigcDataOfOtherOutputs() public view {
        for (uint256 i; i < _count(); ++i) {
            RealProof memory real = _real(i);
            assertFalse(
                collection.verify(real.prompt, real.otherOutputAigcData, real.proof), "C + L_0"
            );
            assertFalse(collection.verify(real.prompt, _negated(real.aigcData), real.proof), "-C");
        }
    }

    function test_verify_falseForAigcDataOfAnotherLength() public view {
        RealProof memory real = _real(0);
        assertFalse(
            collection.verify(real.prompt, bytes.concat(real.aigcData, hex"00"), real.proof),
            "33 bytes"
        );
        bytes memory x = new bytes(64);
        for (uint256 i; i < 64; ++i) {
            x[i] = real.proof[i];
        }
        assertFalse(collection.verify(real.prompt, x, real.proof), "the 64-byte point itself");
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

    /// @dev With any gas limit a valid proof is true or a revert, never false: running out of gas
    /// (in the verifier's code or in one of its precompile calls) is no verdict.
    /// forge-config: default.fuzz.runs = 64
    /// forge-config: ci.fuzz.runs = 256
    /// forge-config: deep.fuzz.runs = 2000
    function testFuzz_verify_neverFalseForTooLittleGas(uint256 gasLimit) public view {
        RealProof memory real = _real(gasLimit % _count());
        gasLimit = 100_000 + gasLimit % 900_000;
        try collection.verify{gas: gasLimit}(real.prompt, real.aigcData, real.proof) returns (
            bool valid
        ) {
            assertTrue(valid, "a valid proof with enough gas");
        } catch {}
    }

    function test_verify_neverFalseForTooLittleGas() public view {
        RealProof memory real = _real(1);
        for (uint256 gasLimit = 600_000; gasLimit < 800_000; gasLimit += 5000) {
            try collection.verify{gas: gasLimit}(real.prompt, real.aigcData, real.proof) returns (
                bool valid
            ) {
                assertTrue(valid, vm.toString(gasLimit));
            } catch (bytes memory reason) {
                assertEq(
                    reason,
                    abi.encodeWithSelector(IProofmintCollection.ProofmintVerifierReverted.selector),
                    vm.toString(gasLimit)
                );
            }
        }
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
        assertEq(collection.tokenURI(tokenId), TOKEN_URI, "tokenURI");
        assertEq(logs.length, 2, "Transfer and AigcData");
        assertEq(logs[1].topics[0], keccak256("AigcData(uint256,bytes,bytes,bytes)"), "AigcData");
        assertEq(logs[1].topics[3], keccak256(real.aigcData), "aigcData topic");
        assertEq(abi.decode(logs[1].data, (bytes)), real.proof, "proof in the log");
    }

    function test_mint_everyRealProof() public {
        for (uint256 i; i < _count(); ++i) {
            RealProof memory real = _real(i);
            _commit(CREATOR, real.prompt, CREATOR, SALT);
            vm.warp(block.timestamp + MIN_DELAY);
            vm.prank(CREATOR);
            uint256 tokenId =
                collection.mint(CREATOR, real.prompt, real.aigcData, real.proof, SALT, TOKEN_URI);
            assertEq(collection.prompt(tokenId), string(real.prompt), "prompt");
            assertEq(collection.aigcData(tokenId), real.aigcData, "aigcData");
        }
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

    /// @dev The commitment of another real proof, swapped in: a valid output commitment, of
    /// another output.
    function test_RevertWhen_AigcDataIsAnotherProofsCommitment() public {
        RealProof memory real = _real(0);
        bytes memory swapped = _real(1).aigcData;
        _commit(CREATOR, real.prompt, CREATOR, SALT);
        vm.warp(block.timestamp + MIN_DELAY);
        _expectMismatch(swapped, real.aigcData);
        vm.prank(CREATOR);
        collection.mint(CREATOR, real.prompt, swapped, real.proof, SALT, TOKEN_URI);
    }

    function test_RevertWhen_AigcDataNotOnCurve() public {
        RealProof memory real = _real(0);
        _commit(CREATOR, real.prompt, CREATOR, SALT);
        vm.warp(block.timestamp + MIN_DELAY);
        bytes[2] memory wrong = [
            abi.encodePacked(uint256(4)), // 4^3 + 3 is no square mod q
            abi.encodePacked(uint256(bytes32(real.aigcData)) + BASE_FIELD_MODULUS) // x + q
        ];
        for (uint256 i; i < wrong.length; ++i) {
            _expectMismatch(wrong[i], real.aigcData);
            vm.prank(CREATOR);
            collection.mint(CREATOR, real.prompt, wrong[i], real.proof, SALT, TOKEN_URI);
        }
    }

    function test_RevertWhen_AigcDataIsIdentity() public {
        RealProof memory real = _real(0);
        bytes memory identity = abi.encodePacked(bytes32(0));
        _commit(CREATOR, real.prompt, CREATOR, SALT);
        vm.warp(block.timestamp + MIN_DELAY);
        vm.expectRevert(
            abi.encodeWithSelector(IProofmintCollection.ProofmintInvalidAigcData.selector, identity)
        );
        vm.prank(CREATOR);
        collection.mint(CREATOR, real.prompt, identity, real.proof, SALT, TOKEN_URI);
    }

    function test_RevertWhen_AigcDataOfOtherOutputs() public {
        RealProof memory real = _real(2);
        _commit(CREATOR, real.prompt, CREATOR, SALT);
        vm.warp(block.timestamp + MIN_DELAY);
        bytes[2] memory others = [real.otherOutputAigcData, _negated(real.aigcData)];
        for (uint256 i; i < others.length; ++i) {
            _expectMismatch(others[i], real.aigcData);
            vm.prank(CREATOR);
            collection.mint(CREATOR, real.prompt, others[i], real.proof, SALT, TOKEN_URI);
        }
    }

    /// @dev The proof's first point replaced by the point aigcData names: the commitments match,
    /// and the verifier rejects the proof.
    function test_RevertWhen_ProofsCommitmentReplaced() public {
        RealProof memory real = _real(0);
        RealProof memory other = _real(1);
        bytes memory forged = bytes.concat(real.proof);
        for (uint256 i; i < 64; ++i) {
            forged[i] = other.proof[i];
        }
        assertFalse(collection.verify(real.prompt, other.aigcData, forged), "verify");
        _commit(CREATOR, real.prompt, CREATOR, SALT);
        vm.warp(block.timestamp + MIN_DELAY);
        _expectInvalidProof(real.prompt);
        vm.prank(CREATOR);
        collection.mint(CREATOR, real.prompt, other.aigcData, forged, SALT, TOKEN_URI);
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

    function _expectMismatch(bytes memory aigcData, bytes memory proofCommitment) internal {
        vm.expectRevert(
            abi.encodeWithSelector(
                IProofmintCollection.ProofmintAigcDataMismatch.selector,
                bytes32(aigcData),
                bytes32(proofCommitment)
            )
        );
    }

    /// @dev aigcData of -C: the same x, the other y.
    function _negated(bytes memory aigcData) internal pure returns (bytes memory) {
        return abi.encodePacked(uint256(bytes32(aigcData)) ^ (1 << 255));
    }

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
        real.otherOutputAigcData = vm.parseJsonBytes(fixtures, _key(index, ".otherOutputAigcData"));
    }

    function _key(uint256 index, string memory field) internal pure returns (string memory) {
        return string.concat(".proofs[", vm.toString(index), "]", field);
    }
}
