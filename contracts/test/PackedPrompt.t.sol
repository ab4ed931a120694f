// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {PackedPrompt} from "../src/libraries/PackedPrompt.sol";
import {Test} from "./utils/Test.sol";

/// @notice Exposes the library's calldata functions to tests.
contract PackedPromptHarness {
    function pack(bytes calldata prompt) external pure returns (bytes32 head, bytes32 tail) {
        return PackedPrompt.pack(prompt);
    }

    function unpack(bytes32 head, bytes32 tail) external pure returns (bytes memory) {
        return PackedPrompt.unpack(head, tail);
    }
}

/// @notice Prompts in two words: every length, and fuzzed non-zero bytes.
contract PackedPromptTest is Test {
    PackedPromptHarness internal codec;

    function setUp() public {
        codec = new PackedPromptHarness();
    }

    function test_pack_everyLength() public view {
        for (uint256 length = 1; length <= 64; ++length) {
            bytes memory prompt = new bytes(length);
            for (uint256 i; i < length; ++i) {
                prompt[i] = bytes1(uint8(0x61 + i % 26));
            }
            _assertRoundTrip(prompt, vm.toString(length));
        }
    }

    function test_pack_isTheBytesLeftAligned() public view {
        (bytes32 head, bytes32 tail) = _pack("glyph");
        assertEq(head, bytes32("glyph"), "head");
        assertEq(tail, bytes32(0), "tail of a short prompt");
    }

    /// @dev Non-zero bytes (a canonical prompt never has a zero byte), 1 to 64 of them.
    function testFuzz_pack_roundTrips(bytes calldata seed) public view {
        bytes memory prompt = new bytes(seed.length == 0 ? 1 : seed.length > 64 ? 64 : seed.length);
        for (uint256 i; i < prompt.length; ++i) {
            uint8 value = i < seed.length ? uint8(seed[i]) : 1;
            prompt[i] = bytes1(value == 0 ? 1 : value);
        }
        _assertRoundTrip(prompt, "fuzzed");
    }

    /// @dev Calls pack with the ABI padding after the prompt set to 0xff: Solidity does not check
    /// padding, so a caller can send any bytes there, and pack must not read them.
    function _pack(bytes memory prompt) internal view returns (bytes32 head, bytes32 tail) {
        bytes memory call = abi.encodeCall(PackedPromptHarness.pack, (prompt));
        // selector, offset, length, then the prompt padded to whole words
        for (uint256 i = 4 + 64 + prompt.length; i < call.length; ++i) {
            call[i] = 0xff;
        }
        (bool ok, bytes memory result) = address(codec).staticcall(call);
        assertTrue(ok, "pack");
        (head, tail) = abi.decode(result, (bytes32, bytes32));
    }

    function _assertRoundTrip(bytes memory prompt, string memory what) internal view {
        (bytes32 head, bytes32 tail) = _pack(prompt);
        bytes memory padded = bytes.concat(prompt, new bytes(64 - prompt.length));
        bytes32 expectedHead;
        bytes32 expectedTail;
        assembly ("memory-safe") {
            expectedHead := mload(add(padded, 32))
            expectedTail := mload(add(padded, 64))
        }
        assertEq(head, expectedHead, what);
        assertEq(tail, expectedTail, what);
        assertEq(codec.unpack(head, tail), prompt, what);
    }
}
