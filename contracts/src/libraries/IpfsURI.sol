// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IpfsURI
/// @notice The one token URI form the collection accepts, and its 32-byte storage form:
/// `ipfs://` + a CIDv1 of a raw block (a UnixFS file of one chunk, as every metadata document
/// here is stored) hashed with SHA-256, in lower-case base32 with the `b` multibase prefix:
///
///     ipfs://b<base32(0x01 0x55 0x12 0x20 || digest)>    66 characters, `ipfs://bafkrei…`
///
/// 0x01 is CIDv1, 0x55 the raw codec, 0x12 0x20 a 32-byte sha2-256 multihash. The 36 CID bytes
/// are 288 bits, so base32 (RFC 4648, alphabet `a-z2-7`, no padding) takes 58 characters, the last
/// of which carries 2 zero bits. Only the digest varies, so it is all that is stored; {fromDigest}
/// writes the same string back. Every accepted string is canonical (zero final bits), so the
/// round trip is exact.
library IpfsURI {
    /// @notice Length of an accepted URI: `ipfs://` (7), `b` (1) and 58 base32 characters.
    uint256 internal constant LENGTH = 66;

    /// @notice The CID bytes before the digest: CIDv1, raw, sha2-256, 32 bytes.
    uint256 internal constant CID_PREFIX = 0x01551220;

    /// @dev `ipfs://b` as the top 8 bytes of a word.
    bytes8 private constant _SCHEME_AND_BASE = "ipfs://b";

    /// @dev For {fromDigest}: the first 7 base32 characters carry the 32 prefix bits and the top 3
    /// digest bits, the other 51 the low 253 digest bits and 2 zero bits.
    uint256 private constant _HEAD_CHARS = 7;
    uint256 private constant _TAIL_CHARS = 51;

    /// @notice The SHA-256 digest named by a token URI of the accepted form.
    /// @param uri The token URI.
    /// @return valid Whether `uri` is exactly of the form above (lower case, canonical).
    /// @return digest The metadata block's SHA-256, or zero when `valid` is false.
    function digestOf(string calldata uri) internal pure returns (bool valid, bytes32 digest) {
        bytes calldata text = bytes(uri);
        if (text.length != LENGTH || bytes8(text[:8]) != _SCHEME_AND_BASE) return (false, 0);
        uint256 first;
        uint256 second;
        assembly ("memory-safe") {
            first := calldataload(add(text.offset, 8))
            // Characters 32..57 and 6 bytes past the string, replaced by `a` (value 0).
            second := or(
                and(calldataload(add(text.offset, 40)), not(0xffffffffffff)),
                0x616161616161
            )
        }
        (bool firstValid, uint256 high) = _decodeWord(first);
        (bool secondValid, uint256 low) = _decodeWord(second);
        // high: 32 characters, 160 bits = the 32 prefix bits and digest bits 255..128;
        // low: 26 characters and 6 zero ones, 160 bits = digest bits 127..0, 2 zero bits, 30 more.
        low >>= 30;
        if (!firstValid || !secondValid || high >> 128 != CID_PREFIX || low & 3 != 0) {
            return (false, 0);
        }
        return (true, bytes32(((high & type(uint128).max) << 128) | (low >> 2)));
    }

    /// @notice The token URI of a metadata block's SHA-256 digest (see {digestOf}).
    /// @param digest The digest.
    /// @return uri `ipfs://bafkrei…`, 66 characters.
    function fromDigest(bytes32 digest) internal pure returns (string memory uri) {
        bytes memory text = new bytes(LENGTH);
        uint256 head = (CID_PREFIX << 3) | (uint256(digest) >> 253);
        // The low 253 bits, then the 2 zero bits that complete the last character.
        uint256 tail = (uint256(digest) << 3) >> 1;
        // Indices stay below LENGTH and shifts below 256.
        unchecked {
            for (uint256 i; i < 8; ++i) {
                text[i] = _SCHEME_AND_BASE[i];
            }
            for (uint256 i; i < _HEAD_CHARS; ++i) {
                text[8 + i] = _character(head >> (5 * (_HEAD_CHARS - 1 - i)));
            }
            for (uint256 i; i < _TAIL_CHARS; ++i) {
                text[8 + _HEAD_CHARS + i] = _character(tail >> (5 * (_TAIL_CHARS - 1 - i)));
            }
        }
        return string(text);
    }

    /// @dev 32 base32 characters (one per byte) to their 160 bits, all at once (SIMD within a
    /// word: a loop over the characters costs about 9,000 gas a URI, this about 300).
    /// @return valid Whether every byte is one of `a-z2-7`.
    /// @return bits The characters' 5-bit values, first character highest.
    function _decodeWord(uint256 word) private pure returns (bool valid, uint256 bits) {
        assembly ("memory-safe") {
            let ones := 0x0101010101010101010101010101010101010101010101010101010101010101
            let highBits := mul(0x80, ones)
            // For bytes below 0x80, adding 0x80 - n sets bit 7 iff the byte is at least n, and
            // carries into no other byte.
            let letter := and(add(word, mul(0x1f, ones)), not(add(word, mul(0x05, ones)))) // 0x61..0x7a
            let digit := and(add(word, mul(0x4e, ones)), not(add(word, mul(0x48, ones)))) // 0x32..0x37
            valid := and(
                iszero(and(word, highBits)),
                eq(and(or(letter, digit), highBits), highBits)
            )
            // a-z: byte - 0x61; 2-7: byte - 0x18. No borrow for valid bytes.
            bits := sub(sub(word, mul(0x18, ones)), mul(0x49, shr(7, and(letter, highBits))))
            // Pack the 5-bit values: pairs into 10 bits, then 20, 40, 80, 160.
            bits := or(
                shr(
                    3,
                    and(bits, 0x1f001f001f001f001f001f001f001f001f001f001f001f001f001f001f001f00)
                ),
                and(bits, 0x001f001f001f001f001f001f001f001f001f001f001f001f001f001f001f001f)
            )
            bits := or(
                shr(
                    6,
                    and(bits, 0x03ff000003ff000003ff000003ff000003ff000003ff000003ff000003ff0000)
                ),
                and(bits, 0x000003ff000003ff000003ff000003ff000003ff000003ff000003ff000003ff)
            )
            bits := or(
                shr(
                    12,
                    and(bits, 0x000fffff00000000000fffff00000000000fffff00000000000fffff00000000)
                ),
                and(bits, 0x00000000000fffff00000000000fffff00000000000fffff00000000000fffff)
            )
            bits := or(
                shr(
                    24,
                    and(bits, 0x000000ffffffffff0000000000000000000000ffffffffff0000000000000000)
                ),
                and(bits, 0x0000000000000000000000ffffffffff0000000000000000000000ffffffffff)
            )
            bits := or(shl(80, shr(128, bits)), and(bits, 0xffffffffffffffffffff))
        }
    }

    /// @dev The base32 character of the low 5 bits of `bits`.
    function _character(uint256 bits) private pure returns (bytes1) {
        uint256 v = bits & 31;
        // v < 32, so the sums stay within a byte.
        unchecked {
            return bytes1(uint8(v < 26 ? 0x61 + v : 0x18 + v));
        }
    }
}
