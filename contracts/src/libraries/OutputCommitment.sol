// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title OutputCommitment
/// @notice Reads a proof of the model's output commitment and compresses it to aigcData
/// (circuits/README.md#output-commitment).
///
/// With ezkl's `polycommit` output visibility the model's quantized outputs sit in an unblinded
/// advice column, and that column's KZG commitment C is the proof's first G1 point: proof bytes
/// 0..31 are its x and 32..63 its y, big-endian (calldata bytes 100..163 of
/// `verifyProof(bytes,uint256[])`). aigcData is C compressed to 32 bytes:
///
///     aigcData = bytes32(x | ((y & 1) << 255))
///
/// x is below the base field modulus q < 2^254, so bit 255 is free for the parity of y. The
/// identity, which the proof encodes as (0, 0), is never an output commitment. Recomputing C from
/// the output takes one scalar multiplication per output value; the collection never does: it
/// takes C from a proof the verifier accepts (which checks that every proof point is on the curve)
/// and compares.
library OutputCommitment {
    /// @notice The bytes of a G1 point in a proof: x then y, 32-byte big-endian each.
    uint256 internal constant POINT_BYTES = 64;

    /// @notice The BN254 base field modulus q: both coordinates of a point are below it.
    uint256 internal constant BASE_FIELD_MODULUS =
        21888242871839275222246405745257275088696311157297823662689037894645226208583;

    /// @notice The output commitment a proof carries, compressed: the aigcData it proves.
    /// @dev `found` is false for a proof shorter than 64 bytes and when its first 64 bytes are not
    /// a point of G1 other than the identity (a coordinate not below q, or y^2 != x^3 + 3), so a
    /// compressed value is always one point's. A few hundred gas; it does not check the proof.
    /// @param proof The proof bytes, as `verifyProof` takes them.
    /// @return found Whether the proof starts with a commitment.
    /// @return aigcData The commitment compressed, or zero when `found` is false.
    function fromProof(bytes calldata proof) internal pure returns (bool found, bytes32 aigcData) {
        if (proof.length < POINT_BYTES) return (false, 0);
        uint256 x;
        uint256 y;
        assembly ("memory-safe") {
            x := calldataload(proof.offset)
            y := calldataload(add(proof.offset, 32))
        }
        if (!isOnCurve(x, y)) return (false, 0);
        return (true, compress(x, y));
    }

    /// @notice Whether (x, y) is a point of BN254's G1 other than the identity.
    /// @param x The x coordinate.
    /// @param y The y coordinate.
    /// @return True iff x and y are below q and y^2 = x^3 + 3 (mod q).
    function isOnCurve(uint256 x, uint256 y) internal pure returns (bool) {
        uint256 q = BASE_FIELD_MODULUS;
        if (x >= q || y >= q) return false;
        // (0, 0) is not on the curve: 0 != 3.
        return mulmod(y, y, q) == addmod(mulmod(mulmod(x, x, q), x, q), 3, q);
    }

    /// @notice The 32-byte compressed form of a point: x with the parity of y in bit 255.
    /// @dev Only meaningful for a point on the curve (x < q < 2^254).
    /// @param x The x coordinate.
    /// @param y The y coordinate.
    /// @return The compressed point, aigcData.
    function compress(uint256 x, uint256 y) internal pure returns (bytes32) {
        return bytes32(x | ((y & 1) << 255));
    }
}
