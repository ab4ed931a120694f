// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title PromptCodec
/// @notice Prompt rules (v1) and the public instances of a glyph proof, as `packages/core` and
/// `models/codec.py` define them; the golden vectors in `test/vectors/prompts.json` pin all three.
///
/// A canonical prompt is 1 to 64 bytes from `a-z 0-9 space - ' , . ! ?`, with no leading,
/// trailing or double space. The 65 public instances, in ezkl's single instance column, are:
///
/// | index  | value                                                             |
/// |--------|-------------------------------------------------------------------|
/// | 0..63  | prompt byte i shifted left by the input scale, 0 past the end      |
/// | 64     | the output commitment: aigcData read as a big-endian field element |
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

    /// @notice Index of the output commitment (aigcData) among the public instances.
    uint256 internal constant OUTPUT_COMMITMENT_INDEX = 64;

    /// @notice Number of public instances of a glyph proof.
    uint256 internal constant PUBLIC_INSTANCE_COUNT = 65;

    /// @notice ezkl's scale for the model input: the ONNX input is int64, so ezkl fixes it to 0
    /// and a prompt instance is the byte itself.
    uint256 internal constant INPUT_SCALE = 0;

    /// @notice The BN254 scalar field modulus r: every instance must be below it.
    uint256 internal constant FIELD_MODULUS =
        21888242871839275222246405745257275088548364400416034343698204186575808495617;

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
        uint256 previous;
        // Positions stay below `length`, a calldata length, so nothing here can overflow.
        unchecked {
            for (; position < length; ++position) {
                if (position == MAX_PROMPT_BYTES) return (Violation.TooLong, position);
                uint256 value = uint8(prompt[position]);
                if ((_ALLOWED_BYTES >> value) & 1 == 0) {
                    return (Violation.InvalidCharacter, position);
                }
                if (value == _SPACE) {
                    if (position == 0) return (Violation.LeadingSpace, 0);
                    if (previous == _SPACE) return (Violation.DoubleSpace, position);
                    if (position == length - 1) return (Violation.TrailingSpace, position);
                }
                previous = value;
            }
        }
        return (Violation.None, 0);
    }

    /// @notice Whether `prompt` is canonical.
    /// @param prompt The prompt bytes.
    /// @return True iff `prompt` follows the prompt rules (v1).
    function isCanonical(bytes calldata prompt) internal pure returns (bool) {
        (Violation violation,) = findViolation(prompt);
        return violation == Violation.None;
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

    /// @notice Reads aigcData as the output commitment: exactly 32 bytes, big-endian, below the
    /// field modulus (anything else could never be an instance, or would alias one mod r).
    /// @param aigcData The aigcData bytes.
    /// @return valid Whether aigcData is a field element in canonical form.
    /// @return element The field element, or 0 when `valid` is false.
    function outputCommitment(bytes calldata aigcData)
        internal
        pure
        returns (bool valid, uint256 element)
    {
        if (aigcData.length != 32) return (false, 0);
        // forge-lint: disable-next-line(unsafe-typecast)
        element = uint256(bytes32(aigcData));
        if (element >= FIELD_MODULUS) return (false, 0);
        return (true, element);
    }

    /// @notice The public instances of a glyph proof for a prompt and an output commitment.
    /// @dev Does not check the prompt: call {validate} or {isCanonical} first. Bytes past the
    /// 64th are ignored.
    /// @param prompt The prompt bytes.
    /// @param commitment The output commitment, a field element (see {outputCommitment}).
    /// @return instances The 65 instances: prompt bytes shifted by {INPUT_SCALE}, zero-padded to
    /// 64, then the output commitment.
    function publicInstances(bytes calldata prompt, uint256 commitment)
        internal
        pure
        returns (uint256[] memory instances)
    {
        instances = new uint256[](PUBLIC_INSTANCE_COUNT);
        uint256 length = prompt.length < MAX_PROMPT_BYTES ? prompt.length : MAX_PROMPT_BYTES;
        // i < 64 and the array has 65 elements.
        unchecked {
            for (uint256 i; i < length; ++i) {
                instances[i] = uint256(uint8(prompt[i])) << INPUT_SCALE;
            }
        }
        instances[OUTPUT_COMMITMENT_INDEX] = commitment;
    }
}
