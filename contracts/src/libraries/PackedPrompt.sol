// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title PackedPrompt
/// @notice A canonical prompt in two 32-byte words, for storage: the bytes left-aligned, zero
/// padded. No prompt byte is 0 (the alphabet excludes it), so the first zero byte marks the end.
/// A prompt of up to 32 bytes has a zero second word, which is never written: one storage slot,
/// and two for 33 to 64 bytes (a `bytes` value takes one more: its length).
library PackedPrompt {
    /// @notice The two words of a prompt.
    struct Words {
        bytes32 head;
        bytes32 tail;
    }

    /// @notice Bytes 0..31 and 32..63 of `prompt`, zero padded.
    /// @dev For a canonical prompt (1 to 64 non-zero bytes); longer input is cut at 64 bytes.
    /// @param prompt The prompt bytes.
    /// @return head Bytes 0..31.
    /// @return tail Bytes 32..63, zero for a prompt of at most 32 bytes.
    function pack(bytes calldata prompt) internal pure returns (bytes32 head, bytes32 tail) {
        uint256 length = prompt.length;
        assembly ("memory-safe") {
            // Calldata past the prompt holds other arguments: keep only the prompt's bytes.
            function leading(word, count) -> kept {
                let drop := sub(256, shl(3, count))
                kept := shl(drop, shr(drop, word))
            }
            switch gt(length, 32)
            case 0 { head := leading(calldataload(prompt.offset), length) }
            default {
                head := calldataload(prompt.offset)
                let rest := sub(length, 32)
                if gt(rest, 32) { rest := 32 }
                tail := leading(calldataload(add(prompt.offset, 32)), rest)
            }
        }
    }

    /// @notice The prompt two words hold.
    /// @param head Bytes 0..31, zero padded.
    /// @param tail Bytes 32..63, zero padded.
    /// @return prompt The bytes up to the first zero byte.
    function unpack(bytes32 head, bytes32 tail) internal pure returns (bytes memory prompt) {
        uint256 length = tail == 0 ? _length(head) : 32 + _length(tail);
        prompt = new bytes(64);
        assembly ("memory-safe") {
            mstore(add(prompt, 32), head)
            mstore(add(prompt, 64), tail)
            mstore(prompt, length)
        }
    }

    /// @dev The number of bytes before the first zero byte of `word`.
    function _length(bytes32 word) private pure returns (uint256 length) {
        while (length < 32 && word[length] != 0) {
            // length < 32
            unchecked {
                ++length;
            }
        }
    }
}
