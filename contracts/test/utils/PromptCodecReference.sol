// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title PromptCodecReference
/// @notice The prompt rules (v1) written out plainly, to check `PromptCodec` against in fuzz tests:
/// the allowed characters as a list rather than a bitmap, and the checks in the order
/// `packages/core`'s `assertCanonicalPrompt` documents.
library PromptCodecReference {
    /// @dev Codes mirror `PromptCodec.Violation`.
    uint8 internal constant NONE = 0;
    uint8 internal constant EMPTY = 1;
    uint8 internal constant TOO_LONG = 2;
    uint8 internal constant INVALID_CHARACTER = 3;
    uint8 internal constant LEADING_SPACE = 4;
    uint8 internal constant TRAILING_SPACE = 5;
    uint8 internal constant DOUBLE_SPACE = 6;

    bytes internal constant ALLOWED = "abcdefghijklmnopqrstuvwxyz0123456789 -',.!?";

    function isAllowed(bytes1 value) internal pure returns (bool) {
        bytes memory allowed = ALLOWED;
        for (uint256 i; i < allowed.length; ++i) {
            if (allowed[i] == value) return true;
        }
        return false;
    }

    function firstViolation(bytes memory prompt)
        internal
        pure
        returns (uint8 violation, uint256 position)
    {
        if (prompt.length == 0) return (EMPTY, 0);
        for (uint256 i; i < prompt.length; ++i) {
            if (i == 64) return (TOO_LONG, 64);
            if (!isAllowed(prompt[i])) return (INVALID_CHARACTER, i);
            if (prompt[i] != " ") continue;
            if (i == 0) return (LEADING_SPACE, 0);
            if (prompt[i - 1] == " ") return (DOUBLE_SPACE, i);
            if (i == prompt.length - 1) return (TRAILING_SPACE, i);
        }
        return (NONE, 0);
    }

    function isCanonical(bytes memory prompt) internal pure returns (bool) {
        (uint8 violation,) = firstViolation(prompt);
        return violation == NONE;
    }
}
