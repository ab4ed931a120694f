// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {PromptCodec} from "../src/libraries/PromptCodec.sol";
import {JsonText} from "./utils/JsonText.sol";
import {PromptCodecReference} from "./utils/PromptCodecReference.sol";
import {Test} from "./utils/Test.sol";

/// @notice Exposes the library's calldata functions to tests.
contract PromptCodecHarness {
    function findViolation(bytes calldata prompt)
        external
        pure
        returns (PromptCodec.Violation, uint256)
    {
        return PromptCodec.findViolation(prompt);
    }

    function isCanonical(bytes calldata prompt) external pure returns (bool) {
        return PromptCodec.isCanonical(prompt);
    }

    function validate(bytes calldata prompt) external pure {
        PromptCodec.validate(prompt);
    }

    function publicInstances(bytes calldata prompt) external pure returns (uint256[] memory) {
        return PromptCodec.publicInstances(prompt);
    }
}

/// @notice The Solidity prompt codec against the golden vectors shared with packages/core and
/// models/codec.py, and against a plainly written reference on fuzzed bytes.
contract PromptCodecTest is Test {
    string internal constant VECTORS = "test/vectors/prompts.json";

    PromptCodecHarness internal codec;
    string internal vectors;

    function setUp() public {
        codec = new PromptCodecHarness();
        vectors = JsonText.withoutLoneSurrogates(vm.readFile(VECTORS));
    }

    // ---------------------------------------------------------------- golden vectors

    function test_vectors_rulesMatchTheLibrary() public view {
        assertEq(vm.parseJsonUint(vectors, ".rules.maxBytes"), PromptCodec.MAX_PROMPT_BYTES, "max");
        assertEq(
            vm.parseJsonUint(vectors, ".rules.promptInstanceCount"),
            PromptCodec.MAX_PROMPT_BYTES,
            "prompt instances"
        );
        assertEq(
            vm.parseJsonUint(vectors, ".rules.publicInstanceCount"),
            PromptCodec.PUBLIC_INSTANCE_COUNT,
            "instances"
        );
        assertEq(
            vm.parseJsonUint(vectors, ".rules.inputScale"), PromptCodec.INPUT_SCALE, "input scale"
        );
        assertEq(
            vm.parseJsonString(vectors, ".rules.allowedCharacters"),
            string(PromptCodecReference.ALLOWED),
            "allowed characters"
        );
    }

    function test_vectors_validPrompts() public view {
        uint256 count;
        for (; vm.keyExistsJson(vectors, _key("valid", count, "")); ++count) {
            string memory entry = _key("valid", count, "");
            bytes memory prompt = vm.parseJsonBytes(vectors, string.concat(entry, ".bytes"));
            string memory name = vm.parseJsonString(vectors, string.concat(entry, ".name"));
            uint256[] memory expected =
                vm.parseJsonUintArray(vectors, string.concat(entry, ".instances"));

            assertEq(
                prompt, bytes(vm.parseJsonString(vectors, string.concat(entry, ".prompt"))), name
            );
            assertTrue(codec.isCanonical(prompt), name);
            codec.validate(prompt);
            assertEq(
                uint256(keccak256(prompt)),
                vm.parseJsonUint(vectors, string.concat(entry, ".tokenId")),
                name
            );
            assertEq(expected.length, 64, name);
            assertEq(codec.publicInstances(prompt), expected, name);
        }
        assertLe(100, count, "valid vectors read");
    }

    function test_vectors_invalidBytes() public {
        uint256 count;
        for (; vm.keyExistsJson(vectors, _key("invalidBytes", count, "")); ++count) {
            string memory entry = _key("invalidBytes", count, "");
            _assertRejected(
                vm.parseJsonBytes(vectors, string.concat(entry, ".bytes")),
                vm.parseJsonString(vectors, string.concat(entry, ".code")),
                vm.parseJsonUint(vectors, string.concat(entry, ".position")),
                vm.parseJsonString(vectors, string.concat(entry, ".name"))
            );
        }
        assertLe(200, count, "invalidBytes vectors read");
    }

    /// @dev The user-input cases, checked as the UTF-8 bytes of their normalised form: everything
    /// before the first violation is ASCII, so byte and code-point positions agree.
    function test_vectors_invalidNormalizedPrompts() public {
        uint256 count;
        for (; vm.keyExistsJson(vectors, _key("invalid", count, "")); ++count) {
            string memory entry = _key("invalid", count, "");
            _assertRejected(
                bytes(vm.parseJsonString(vectors, string.concat(entry, ".normalized"))),
                vm.parseJsonString(vectors, string.concat(entry, ".code")),
                vm.parseJsonUint(vectors, string.concat(entry, ".position")),
                vm.parseJsonString(vectors, string.concat(entry, ".name"))
            );
        }
        assertLe(100, count, "invalid vectors read");
    }

    // ---------------------------------------------------------------- the rules, exhaustively

    function test_allowedBytes_areExactlyTheListedCharacters() public view {
        for (uint256 value; value < 256; ++value) {
            bytes memory prompt = abi.encodePacked("a", bytes1(uint8(value)), "a");
            assertEq(
                codec.isCanonical(prompt),
                PromptCodecReference.isAllowed(bytes1(uint8(value))),
                vm.toString(value)
            );
        }
    }

    function test_findViolation_boundaries() public view {
        _assertViolation("", PromptCodec.Violation.Empty, 0);
        _assertViolation(_repeat("z", 64), PromptCodec.Violation.None, 0);
        _assertViolation(_repeat("z", 65), PromptCodec.Violation.TooLong, 64);
        _assertViolation(" ", PromptCodec.Violation.LeadingSpace, 0);
        _assertViolation("a b", PromptCodec.Violation.None, 0);
        _assertViolation("a b ", PromptCodec.Violation.TrailingSpace, 3);
        _assertViolation("a  b", PromptCodec.Violation.DoubleSpace, 2);
        _assertViolation("a\x00", PromptCodec.Violation.InvalidCharacter, 1);
        // Around the 32-byte word boundary, which the fast check crosses.
        bytes memory boundary = _repeat("z", 64);
        boundary[31] = " ";
        _assertViolation(boundary, PromptCodec.Violation.None, 0);
        boundary[32] = " ";
        _assertViolation(boundary, PromptCodec.Violation.DoubleSpace, 32);
        boundary[31] = "z";
        _assertViolation(boundary, PromptCodec.Violation.None, 0);
        _assertViolation(
            bytes.concat(_repeat("z", 31), " "), PromptCodec.Violation.TrailingSpace, 31
        );
        _assertViolation(
            bytes.concat(_repeat("z", 32), " "), PromptCodec.Violation.TrailingSpace, 32
        );
        _assertViolation(
            bytes.concat(_repeat("z", 63), " "), PromptCodec.Violation.TrailingSpace, 63
        );
        _assertViolation(
            bytes.concat(_repeat("z", 63), "\x80"), PromptCodec.Violation.InvalidCharacter, 63
        );
        _assertViolation(
            bytes.concat(_repeat("z", 32), "{"), PromptCodec.Violation.InvalidCharacter, 32
        );
    }

    // ---------------------------------------------------------------- fuzz

    function testFuzz_findViolation_matchesReference(bytes calldata prompt) public view {
        _assertMatchesReference(prompt);
    }

    /// @dev Random bytes are almost never canonical; these are drawn from the allowed alphabet, so
    /// valid prompts and space rules get exercised too.
    function testFuzz_findViolation_matchesReferenceOnAlphabet(bytes calldata seed) public view {
        bytes memory alphabet = PromptCodecReference.ALLOWED;
        bytes memory prompt = new bytes(seed.length);
        for (uint256 i; i < seed.length; ++i) {
            uint8 draw = uint8(seed[i]);
            // One draw in four is a space, so leading, trailing and double spaces are common.
            prompt[i] = draw % 4 == 0 ? bytes1(" ") : alphabet[draw % alphabet.length];
        }
        _assertMatchesReference(prompt);
    }

    function testFuzz_validate_revertsWithTheFirstViolation(bytes calldata prompt) public {
        (uint8 violation, uint256 position) = PromptCodecReference.firstViolation(prompt);
        if (violation == PromptCodecReference.NONE) {
            codec.validate(prompt);
            return;
        }
        vm.expectRevert(_expectedError(prompt, violation, position));
        codec.validate(prompt);
    }

    function testFuzz_publicInstances(bytes calldata prompt) public view {
        uint256[] memory instances = codec.publicInstances(prompt);
        assertEq(instances.length, PromptCodec.PUBLIC_INSTANCE_COUNT, "count");
        assertEq(instances.length, 64, "64 prompt instances, nothing else");
        for (uint256 i; i < 64; ++i) {
            uint256 expected = i < prompt.length ? uint8(prompt[i]) : 0;
            assertEq(instances[i], expected, "prompt instance");
        }
    }

    // ---------------------------------------------------------------- helpers

    function _assertMatchesReference(bytes memory prompt) internal view {
        (uint8 violation, uint256 position) = PromptCodecReference.firstViolation(prompt);
        (PromptCodec.Violation actual, uint256 actualPosition) = codec.findViolation(prompt);
        assertEq(uint8(actual), violation, "violation");
        assertEq(actualPosition, position, "position");
        assertEq(codec.isCanonical(prompt), violation == PromptCodecReference.NONE, "canonical");
    }

    function _assertViolation(
        bytes memory prompt,
        PromptCodec.Violation expected,
        uint256 expectedPosition
    ) internal view {
        (PromptCodec.Violation actual, uint256 position) = codec.findViolation(prompt);
        assertEq(uint8(actual), uint8(expected), string(prompt));
        assertEq(position, expectedPosition, string(prompt));
    }

    function _assertRejected(
        bytes memory prompt,
        string memory code,
        uint256 position,
        string memory name
    ) internal {
        uint8 violation = _violationOf(code);
        (PromptCodec.Violation actual, uint256 actualPosition) = codec.findViolation(prompt);
        assertEq(uint8(actual), violation, name);
        assertEq(actualPosition, position, name);
        assertFalse(codec.isCanonical(prompt), name);
        vm.expectRevert(_expectedError(prompt, violation, position));
        codec.validate(prompt);
    }

    function _violationOf(string memory code) internal pure returns (uint8) {
        bytes32 hash = keccak256(bytes(code));
        if (hash == keccak256("PROMPT_EMPTY")) return PromptCodecReference.EMPTY;
        if (hash == keccak256("PROMPT_TOO_LONG")) return PromptCodecReference.TOO_LONG;
        if (hash == keccak256("PROMPT_INVALID_CHARACTER")) {
            return PromptCodecReference.INVALID_CHARACTER;
        }
        if (hash == keccak256("PROMPT_LEADING_SPACE")) return PromptCodecReference.LEADING_SPACE;
        if (hash == keccak256("PROMPT_TRAILING_SPACE")) {
            return PromptCodecReference.TRAILING_SPACE;
        }
        if (hash == keccak256("PROMPT_DOUBLE_SPACE")) return PromptCodecReference.DOUBLE_SPACE;
        revert(string.concat("unknown error code in the vectors: ", code));
    }

    /// @dev The revert data `PromptCodec.validate` must produce for a violation.
    function _expectedError(bytes memory prompt, uint8 violation, uint256 position)
        internal
        pure
        returns (bytes memory)
    {
        if (violation == PromptCodecReference.EMPTY) {
            return abi.encodeWithSelector(PromptCodec.PromptCodecEmpty.selector);
        }
        if (violation == PromptCodecReference.TOO_LONG) {
            return abi.encodeWithSelector(PromptCodec.PromptCodecTooLong.selector, prompt.length);
        }
        if (violation == PromptCodecReference.INVALID_CHARACTER) {
            return abi.encodeWithSelector(
                PromptCodec.PromptCodecInvalidCharacter.selector, position, prompt[position]
            );
        }
        if (violation == PromptCodecReference.LEADING_SPACE) {
            return abi.encodeWithSelector(PromptCodec.PromptCodecLeadingSpace.selector);
        }
        if (violation == PromptCodecReference.TRAILING_SPACE) {
            return abi.encodeWithSelector(PromptCodec.PromptCodecTrailingSpace.selector, position);
        }
        return abi.encodeWithSelector(PromptCodec.PromptCodecDoubleSpace.selector, position);
    }

    function _key(string memory list, uint256 index, string memory field)
        internal
        pure
        returns (string memory)
    {
        return string.concat(".", list, "[", vm.toString(index), "]", field);
    }

    function _repeat(bytes1 value, uint256 count) internal pure returns (bytes memory out) {
        out = new bytes(count);
        for (uint256 i; i < count; ++i) {
            out[i] = value;
        }
    }
}
