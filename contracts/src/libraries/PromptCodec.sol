// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title PromptCodec
/// @notice Prompt rules (v1) and the public instances of a proof of the model, as `packages/core` and
/// `models/codec.py` define them; the golden vectors in `test/vectors/prompts.json` pin all three.
///
/// A canonical prompt is 1 to 64 bytes from `a-z 0-9 space - ' , . ! ?`, with no leading,
/// trailing or double space. A proof of the model has 64 public instances, in ezkl's single instance
/// column: instance i is prompt byte i shifted left by the input scale, 0 past the end. The
/// output is not an instance: its commitment is the proof's first point (see {OutputCommitment}).
library PromptCodec {
    /// @notice The prompt has no bytes.
    error PromptCodecEmpty();

    /// @notice The prompt is longer than 64 bytes (reported at position 64, in reading order).
    /// @param length The prompt's length in bytes.
    error PromptCodecTooLong(uint256 length);

    /// @notice A byte outside `a-z 0-9 space - ' , . ! ?`.
    /// @param position The 0-based byte position.
    /// @param character The offending byte.
    error PromptCodecInvalidCharacter(uint256 position, bytes1 character);

    /// @notice The prompt starts with a space (position 0).
    error PromptCodecLeadingSpace();

    /// @notice The prompt ends with a space.
    /// @param position The 0-based position of that space.
    error PromptCodecTrailingSpace(uint256 position);

    /// @notice A space follows another space.
    /// @param position The 0-based position of the second space.
    error PromptCodecDoubleSpace(uint256 position);

    /// @notice The first violation of the prompt rules in reading order; `None` for a canonical
    /// prompt.
    enum Violation {
        None,
        Empty,
        TooLong,
        InvalidCharacter,
        LeadingSpace,
        TrailingSpace,
        DoubleSpace
    }

    /// @notice The most bytes a canonical prompt has, and the number of prompt instances.
    uint256 internal constant MAX_PROMPT_BYTES = 64;

    /// @notice Number of public instances of a proof of the model: the prompt instances alone.
    uint256 internal constant PUBLIC_INSTANCE_COUNT = 64;

    /// @notice ezkl's scale for the model input: the ONNX input is int64, so ezkl fixes it to 0
    /// and a prompt instance is the byte itself.
    uint256 internal constant INPUT_SCALE = 0;

    /// @dev Bit b is set iff byte b may appear in a prompt: 0x20 space, 0x21 `!`, 0x27 `'`,
    /// 0x2c `,`, 0x2d `-`, 0x2e `.`, 0x30-0x39, 0x3f `?`, 0x61-0x7a.
    uint256 private constant _ALLOWED_BYTES = 0x7fffffe0000000083ff708300000000;

    uint256 private constant _SPACE = 0x20;

    /// @notice Finds the first violation of the prompt rules in reading order. At position i, in
    /// this order: reaching position 64 (too long), a disallowed byte, a space at 0, a space after a
    /// space, a space at the end. So a 100-byte prompt with a bad byte at 10 reports the byte.
    /// @param prompt The prompt bytes.
    /// @return violation The violation, or `Violation.None` for a canonical prompt.
    /// @return position The 0-based position it was found at (64 for `TooLong`, 0 for `Empty`).
    function findViolation(bytes calldata prompt)
        internal
        pure
        returns (Violation violation, uint256 position)
    {
        uint256 length = prompt.length;
        if (length == 0) return (Violation.Empty, 0);
        if (_isCanonicalWords(prompt)) return (Violation.None, 0);
        uint256 found;
        // Assembly: one byte read per position, no bounds checks (position < length), about 50
        // gas a byte against 200 for the indexed loop. The order of the checks is the rule's.
        assembly ("memory-safe") {
            let previous := 0
            for {} lt(position, length) { position := add(position, 1) } {
                if eq(position, MAX_PROMPT_BYTES) {
                    found := 2 // TooLong
                    break
                }
                let value := byte(0, calldataload(add(prompt.offset, position)))
                if iszero(and(shr(value, _ALLOWED_BYTES), 1)) {
                    found := 3 // InvalidCharacter
                    break
                }
                if eq(value, _SPACE) {
                    if iszero(position) {
                        found := 4 // LeadingSpace
                        break
                    }
                    if eq(previous, _SPACE) {
                        found := 6 // DoubleSpace
                        break
                    }
                    if eq(position, sub(length, 1)) {
                        found := 5 // TrailingSpace
                        break
                    }
                }
                previous := value
            }
        }
        if (found != 0) return (Violation(found), position);
        return (Violation.None, 0);
    }

    /// @notice Whether `prompt` is canonical.
    /// @param prompt The prompt bytes.
    /// @return True iff `prompt` follows the prompt rules (v1).
    function isCanonical(bytes calldata prompt) internal pure returns (bool) {
        return _isCanonicalWords(prompt);
    }

    /// @notice Reverts with the error naming the first violation of the prompt rules, if any.
    /// @param prompt The prompt bytes.
    function validate(bytes calldata prompt) internal pure {
        (Violation violation, uint256 position) = findViolation(prompt);
        if (violation == Violation.None) return;
        if (violation == Violation.Empty) revert PromptCodecEmpty();
        if (violation == Violation.TooLong) revert PromptCodecTooLong(prompt.length);
        if (violation == Violation.InvalidCharacter) {
            revert PromptCodecInvalidCharacter(position, prompt[position]);
        }
        if (violation == Violation.LeadingSpace) revert PromptCodecLeadingSpace();
        if (violation == Violation.TrailingSpace) revert PromptCodecTrailingSpace(position);
        revert PromptCodecDoubleSpace(position);
    }

    /// @notice The public instances of a proof of the model for a prompt.
    /// @dev Does not check the prompt: call {validate} or {isCanonical} first. Bytes past the
    /// 64th are ignored.
    /// @param prompt The prompt bytes.
    /// @return instances The 64 instances: prompt bytes shifted by {INPUT_SCALE}, zero-padded.
    function publicInstances(bytes calldata prompt)
        internal
        pure
        returns (uint256[] memory instances)
    {
        instances = new uint256[](PUBLIC_INSTANCE_COUNT);
        uint256 length = prompt.length < MAX_PROMPT_BYTES ? prompt.length : MAX_PROMPT_BYTES;
        // i < length <= 64, the array's length: no bounds checks needed.
        assembly ("memory-safe") {
            let data := add(instances, 32)
            for { let i := 0 } lt(i, length) { i := add(i, 1) } {
                let value := byte(0, calldataload(add(prompt.offset, i)))
                mstore(add(data, shl(5, i)), shl(INPUT_SCALE, value))
            }
        }
    }

    /// @dev {isCanonical} on the prompt's two 32-byte words at once (SIMD within a word): about
    /// 400 gas against 50 a byte for {findViolation}'s loop, which then only runs to name the
    /// violation of a prompt this rejects. In each word, bit 7 of a byte flags what is tested;
    /// for a byte below 0x80, adding 0x80 - n sets bit 7 iff the byte is at least n and carries
    /// into no other byte. Bytes past the end are read as `a`: allowed, not a space.
    function _isCanonicalWords(bytes calldata prompt) private pure returns (bool canonical) {
        uint256 length = prompt.length;
        if (length == 0 || length > MAX_PROMPT_BYTES) return false;
        assembly ("memory-safe") {
            let ones := 0x0101010101010101010101010101010101010101010101010101010101010101
            let high := mul(0x80, ones)
            let padding := mul(0x61, ones)
            // Bit 7 of each byte of `word` within [low, highest].
            function inRange(word, low, highest, unit) -> flags {
                flags := and(
                    add(word, mul(sub(0x80, low), unit)),
                    not(add(word, mul(sub(0x7f, highest), unit)))
                )
            }
            // The prompt's bytes of a word (the first `count`, at most 32), the rest `a`.
            function padded(word, count, fill) -> result {
                let kept := not(shr(shl(3, count), not(0)))
                if gt(count, 31) { kept := not(0) }
                result := or(and(word, kept), and(fill, not(kept)))
            }
            let firstCount := length
            if gt(firstCount, 32) { firstCount := 32 }
            let first := padded(calldataload(prompt.offset), firstCount, padding)
            let second := padding
            if gt(length, 32) {
                second := padded(calldataload(add(prompt.offset, 32)), sub(length, 32), padding)
            }
            canonical := iszero(and(or(first, second), high))
            // space ! ' , - . 0-9 ? a-z
            function allowed(word, unit) -> flags {
                flags := or(
                    or(inRange(word, 0x20, 0x21, unit), inRange(word, 0x27, 0x27, unit)),
                    or(
                        or(inRange(word, 0x2c, 0x2e, unit), inRange(word, 0x30, 0x39, unit)),
                        or(inRange(word, 0x3f, 0x3f, unit), inRange(word, 0x61, 0x7a, unit))
                    )
                )
            }
            canonical := and(canonical, eq(and(allowed(first, ones), high), high))
            canonical := and(canonical, eq(and(allowed(second, ones), high), high))
            let spacesFirst := and(inRange(first, 0x20, 0x20, ones), high)
            let spacesSecond := and(inRange(second, 0x20, 0x20, ones), high)
            // No leading space, no space after a space (within a word and across the two).
            canonical := and(canonical, iszero(shr(255, spacesFirst)))
            canonical := and(canonical, iszero(and(spacesFirst, shl(8, spacesFirst))))
            canonical := and(canonical, iszero(and(spacesSecond, shl(8, spacesSecond))))
            canonical := and(canonical, iszero(and(and(spacesFirst, 0x80), shr(248, spacesSecond))))
            // No trailing space: the flag of byte length - 1.
            let last := sub(length, 1)
            let lastFlags := spacesFirst
            if gt(last, 31) {
                lastFlags := spacesSecond
                last := sub(last, 32)
            }
            canonical := and(canonical, iszero(and(shr(sub(255, shl(3, last)), lastFlags), 1)))
        }
    }
}
