// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IpfsURI} from "../src/libraries/IpfsURI.sol";
import {Test} from "./utils/Test.sol";

/// @notice Exposes the library's calldata functions to tests.
contract IpfsURIHarness {
    function digestOf(string calldata uri) external pure returns (bool, bytes32) {
        return IpfsURI.digestOf(uri);
    }

    function fromDigest(bytes32 digest) external pure returns (string memory) {
        return IpfsURI.fromDigest(digest);
    }
}

/// @notice The token URI codec against CIDs computed by multiformats (test/vectors/cids.json,
/// made by test/vectors/generate-cids.mjs) and on fuzzed digests and strings.
contract IpfsURITest is Test {
    string internal constant VECTORS = "test/vectors/cids.json";

    IpfsURIHarness internal codec;

    function setUp() public {
        codec = new IpfsURIHarness();
    }

    function test_vectors_decodeAndEncode() public view {
        string memory vectors = vm.readFile(VECTORS);
        uint256 count;
        for (; vm.keyExistsJson(vectors, _key(count, "")); ++count) {
            string memory uri = vm.parseJsonString(vectors, _key(count, ".uri"));
            bytes32 digest = vm.parseJsonBytes32(vectors, _key(count, ".digest"));
            bytes memory cid = vm.parseJsonBytes(vectors, _key(count, ".cidBytes"));
            assertEq(cid, abi.encodePacked(bytes4(0x01551220), digest), "CIDv1 raw sha2-256");
            (bool valid, bytes32 decoded) = codec.digestOf(uri);
            assertTrue(valid, uri);
            assertEq(decoded, digest, uri);
            assertEq(codec.fromDigest(digest), uri, uri);
        }
        assertLe(8, count, "vectors read");
    }

    function testFuzz_fromDigest_roundTrips(bytes32 digest) public view {
        string memory uri = codec.fromDigest(digest);
        assertEq(bytes(uri).length, IpfsURI.LENGTH, "length");
        (bool valid, bytes32 decoded) = codec.digestOf(uri);
        assertTrue(valid, uri);
        assertEq(decoded, digest, "digest");
    }

    /// @dev One character of a valid URI replaced: rejected, or accepted only if it still encodes
    /// (and re-encodes to) exactly the same string, so no two strings share a digest.
    function testFuzz_digestOf_oneCharacterChanged(bytes32 digest, uint256 position, bytes1 c)
        public
        view
    {
        bytes memory uri = bytes(codec.fromDigest(digest));
        position %= uri.length;
        uri[position] = c;
        (bool valid, bytes32 decoded) = codec.digestOf(string(uri));
        if (valid) {
            assertEq(codec.fromDigest(decoded), string(uri), "canonical");
        } else {
            assertEq(decoded, bytes32(0), "zero when rejected");
        }
    }

    /// @dev Arbitrary strings: accepted only when they are the encoding of their own digest.
    function testFuzz_digestOf_anyString(string calldata uri) public view {
        (bool valid, bytes32 digest) = codec.digestOf(uri);
        if (valid) assertEq(codec.fromDigest(digest), uri, "canonical");
        else assertEq(digest, bytes32(0), "zero when rejected");
    }

    function test_digestOf_rejects() public view {
        string memory valid = codec.fromDigest(keccak256("metadata"));
        bytes memory text = bytes(valid);
        _assertRejected("", "empty");
        _assertRejected(string(bytes.concat(text, "a")), "67 characters");
        bytes memory short = new bytes(65);
        for (uint256 i; i < short.length; ++i) {
            short[i] = text[i];
        }
        _assertRejected(string(short), "65 characters");
        bytes1[10] memory badCharacters =
            [bytes1("A"), "Z", "0", "1", "8", "9", "=", "/", " ", 0x00];
        for (uint256 i; i < badCharacters.length; ++i) {
            bytes memory changed = bytes.concat(text);
            changed[40] = badCharacters[i];
            _assertRejected(string(changed), string(abi.encodePacked(badCharacters[i])));
        }
        // The 7th base32 character holds 2 prefix bits (zero) and 3 digest bits: i-z are > 7.
        bytes memory prefix = bytes.concat(text);
        prefix[14] = "i";
        _assertRejected(string(prefix), "prefix bits");
        bytes memory padding = bytes.concat(text);
        padding[65] = bytes1(uint8(padding[65]) + 1);
        _assertRejected(string(padding), "a padding bit");
    }

    function _assertRejected(string memory uri, string memory what) internal view {
        (bool valid, bytes32 digest) = codec.digestOf(uri);
        assertFalse(valid, what);
        assertEq(digest, bytes32(0), what);
    }

    function _key(uint256 index, string memory field) internal pure returns (string memory) {
        return string.concat(".cids[", vm.toString(index), "]", field);
    }
}
