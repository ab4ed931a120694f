// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {OutputCommitment} from "../src/libraries/OutputCommitment.sol";
import {StubProofs} from "./utils/StubProofs.sol";
import {Test} from "./utils/Test.sol";

/// @notice Exposes the library's calldata functions to tests.
contract OutputCommitmentHarness {
    function fromProof(bytes calldata proof) external pure returns (bool, bytes32) {
        return OutputCommitment.fromProof(proof);
    }
}

/// @notice The output commitment read from proofs: real ones (the fixtures' commitments, written
/// by ezkl and circuits/commitment.py) and fuzzed points and bytes.
contract OutputCommitmentTest is Test {
    string internal constant FIXTURES = "contracts/test/fixtures/proofs.json";
    /// @dev Golden vectors shared with circuits/ and packages/core (circuits/commitment_vectors.py).
    string internal constant VECTORS = "test/vectors/commitment.json";
    uint256 internal constant Q = StubProofs.BASE_FIELD_MODULUS;

    OutputCommitmentHarness internal harness;

    function setUp() public {
        harness = new OutputCommitmentHarness();
    }

    /// @dev circuits/commitment.py's aigcData of each real proof, and its uncompressed point.
    function test_fixtures_aigcDataIsTheProofsFirstPointCompressed() public view {
        string memory fixtures = vm.readFile(FIXTURES);
        uint256 count;
        for (; vm.keyExistsJson(fixtures, _key(count, "")); ++count) {
            bytes memory proof = vm.parseJsonBytes(fixtures, _key(count, ".proof"));
            uint256 x = vm.parseJsonUint(fixtures, _key(count, ".commitment.x"));
            uint256 y = vm.parseJsonUint(fixtures, _key(count, ".commitment.y"));
            (bool found, bytes32 aigcData) = harness.fromProof(proof);
            assertTrue(found, "found");
            assertEq(
                aigcData, bytes32(vm.parseJsonBytes(fixtures, _key(count, ".aigcData"))), "aigcData"
            );
            assertEq(aigcData, bytes32(x | ((y & 1) << 255)), "x with the parity of y");
            assertTrue(OutputCommitment.isOnCurve(x, y), "on the curve");
        }
        assertLe(3, count, "fixtures read");
    }

    /// @dev The same rule as Python and TypeScript: each case's proof head compresses to its
    /// aigcData, and no implementation accepts the invalid points.
    function test_vectors_commitment() public view {
        string memory vectors = vm.readFile(VECTORS);
        uint256 count;
        for (; vm.keyExistsJson(vectors, _vector("cases", count, "")); ++count) {
            bytes memory head = vm.parseJsonBytes(vectors, _vector("cases", count, ".proofHead"));
            (bool found, bytes32 aigcData) = harness.fromProof(head);
            assertTrue(found, "found");
            assertEq(
                aigcData,
                vm.parseJsonBytes32(vectors, _vector("cases", count, ".aigcData")),
                vm.parseJsonString(vectors, _vector("cases", count, ".prompt"))
            );
        }
        assertLe(1, count, "cases read");
        uint256 invalid;
        for (; vm.keyExistsJson(vectors, _vector("invalidPoints", invalid, "")); ++invalid) {
            _assertNotFound(
                vm.parseJsonBytes(vectors, _vector("invalidPoints", invalid, ".head")),
                vm.parseJsonString(vectors, _vector("invalidPoints", invalid, ".name"))
            );
        }
        assertLe(3, invalid, "invalid points read");
    }

    function test_fromProof_notFoundWithoutAPoint() public view {
        _assertNotFound("", "empty");
        _assertNotFound(new bytes(63), "63 bytes");
        _assertNotFound(new bytes(64), "the identity (0, 0)");
        _assertNotFound(new bytes(4160), "the identity, a whole proof long");
        _assertNotFound(abi.encode(uint256(4), uint256(1)), "x = 4: not on the curve");
        _assertNotFound(abi.encode(uint256(1), uint256(3)), "(1, 3): not on the curve");
        _assertNotFound(abi.encode(uint256(1), Q + 2), "y + q");
        _assertNotFound(abi.encode(Q + 1, uint256(2)), "x + q");
    }

    function test_fromProof_generator() public view {
        (bool found, bytes32 aigcData) = harness.fromProof(abi.encode(uint256(1), uint256(2)));
        assertTrue(found, "found");
        assertEq(aigcData, bytes32(uint256(1)), "G: x = 1, y even");
        (found, aigcData) = harness.fromProof(abi.encode(uint256(1), Q - 2));
        assertTrue(found, "found");
        assertEq(aigcData, bytes32(uint256(1) | (1 << 255)), "-G: x = 1, y odd");
    }

    /// @dev Any point k * G, with anything after it: found, compressed as documented, and only
    /// the first 64 bytes matter.
    function testFuzz_fromProof_readsTheFirstPoint(uint256 scalar, bytes calldata rest)
        public
        view
    {
        (uint256 x, uint256 y) = StubProofs.pointFor(abi.encode(scalar));
        (bool found, bytes32 aigcData) = harness.fromProof(bytes.concat(abi.encode(x, y), rest));
        assertTrue(found, "found");
        assertEq(aigcData, bytes32(x | ((y & 1) << 255)), "compressed");
        (uint256 x2, uint256 y2) = StubProofs.decompress(abi.encodePacked(aigcData));
        assertEq(x2, x, "x round trip");
        assertEq(y2, y, "y round trip");
    }

    /// @dev Arbitrary bytes: found exactly when the first 64 are a point on the curve.
    function testFuzz_fromProof_anyBytes(bytes calldata proof) public view {
        (bool found, bytes32 aigcData) = harness.fromProof(proof);
        bool expected;
        if (proof.length >= 64) {
            uint256 x = uint256(bytes32(proof[:32]));
            uint256 y = uint256(bytes32(proof[32:64]));
            expected =
                x < Q && y < Q && mulmod(y, y, Q) == addmod(mulmod(mulmod(x, x, Q), x, Q), 3, Q);
            if (expected) assertEq(aigcData, bytes32(x | ((y & 1) << 255)), "compressed");
        }
        assertEq(found, expected, "found");
        if (!found) assertEq(aigcData, bytes32(0), "zero when not found");
    }

    function _assertNotFound(bytes memory proof, string memory what) internal view {
        (bool found, bytes32 aigcData) = harness.fromProof(proof);
        assertFalse(found, what);
        assertEq(aigcData, bytes32(0), what);
    }

    function _vector(string memory list, uint256 index, string memory field)
        internal
        pure
        returns (string memory)
    {
        return string.concat(".", list, "[", vm.toString(index), "]", field);
    }

    function _key(uint256 index, string memory field) internal pure returns (string memory) {
        return string.concat(".proofs[", vm.toString(index), "]", field);
    }
}
