// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title StubProofs
/// @notice What unit tests feed `StubAigcVerifier`, written out independently of the contracts:
/// output commitments (real G1 points, via the ecMul precompile), their compressed form, the
/// 64-instance layout and the one stub proof accepted for a prompt and a commitment.
library StubProofs {
    uint256 internal constant BASE_FIELD_MODULUS =
        21888242871839275222246405745257275088696311157297823662689037894645226208583;
    uint256 private constant Q = BASE_FIELD_MODULUS;
    uint256 internal constant SCALAR_FIELD_MODULUS =
        21888242871839275222246405745257275088548364400416034343698204186575808495617;

    /// @dev A point standing in for the commitment to a model output: k * G for a 64-bit k drawn
    /// from `seed`, never the identity. Pure arithmetic (no precompile call), so it does not
    /// consume a pending `vm.prank` or `vm.expectRevert`.
    function pointFor(bytes memory seed) internal pure returns (uint256 x, uint256 y) {
        uint256 k = uint64(uint256(keccak256(seed))) | 1;
        uint256 q = BASE_FIELD_MODULUS;
        // Jacobian double-and-add from the top bit; acc starts at G.
        uint256 top = 63;
        while (k >> top == 0) --top;
        (uint256 X, uint256 Y, uint256 Z) = (1, 2, 1);
        for (uint256 bit = top; bit > 0; --bit) {
            (X, Y, Z) = _double(X, Y, Z);
            if ((k >> (bit - 1)) & 1 == 1) (X, Y, Z) = _addGenerator(X, Y, Z);
        }
        uint256 zInverse = _power(Z, q - 2, q);
        uint256 zInverse2 = mulmod(zInverse, zInverse, q);
        x = mulmod(X, zInverse2, q);
        y = mulmod(Y, mulmod(zInverse2, zInverse, q), q);
    }

    /// @dev x with the parity of y in bit 255: aigcData.
    function compress(uint256 x, uint256 y) internal pure returns (bytes memory) {
        return abi.encodePacked(x | ((y & 1) << 255));
    }

    /// @dev The point a 32-byte aigcData compresses, or (0, 0) when it compresses none.
    function decompress(bytes memory aigcData) internal pure returns (uint256 x, uint256 y) {
        if (aigcData.length != 32) return (0, 0);
        uint256 word = uint256(bytes32(aigcData));
        x = word & ~uint256(1 << 255);
        uint256 q = BASE_FIELD_MODULUS;
        if (x >= q) return (0, 0);
        uint256 rhs = addmod(mulmod(mulmod(x, x, q), x, q), 3, q);
        // q = 3 mod 4: the square root, if there is one, is rhs^((q + 1) / 4).
        y = _power(rhs, (q + 1) / 4, q);
        if (mulmod(y, y, q) != rhs) return (0, 0);
        if (y & 1 != word >> 255) y = q - y;
    }

    /// @dev The 64 public instances, written out from the documented layout.
    function instances(bytes memory prompt) internal pure returns (uint256[] memory values) {
        values = new uint256[](64);
        for (uint256 i; i < prompt.length && i < 64; ++i) {
            values[i] = uint8(prompt[i]);
        }
    }

    /// @dev The one proof `StubAigcVerifier` accepts for this prompt and commitment point.
    function proof(bytes memory prompt, uint256 x, uint256 y) internal pure returns (bytes memory) {
        bytes memory point = abi.encodePacked(x, y);
        return bytes.concat(point, keccak256(bytes.concat(point, abi.encode(instances(prompt)))));
    }

    /// @dev The stub proof for a prompt and aigcData; for aigcData that compresses no point, a
    /// proof that starts with (0, 0), which carries no commitment.
    function proof(bytes memory prompt, bytes memory aigcData)
        internal
        pure
        returns (bytes memory)
    {
        (uint256 x, uint256 y) = decompress(aigcData);
        return proof(prompt, x, y);
    }

    function _power(uint256 base, uint256 exponent, uint256 q)
        private
        pure
        returns (uint256 result)
    {
        result = 1;
        for (; exponent > 0; exponent >>= 1) {
            if (exponent & 1 == 1) result = mulmod(result, base, q);
            base = mulmod(base, base, q);
        }
    }

    /// @dev 2P in Jacobian coordinates (a = 0).
    function _double(uint256 X, uint256 Y, uint256 Z)
        private
        pure
        returns (uint256 x3, uint256 y3, uint256 z3)
    {
        uint256 a = mulmod(X, X, Q);
        uint256 b = mulmod(Y, Y, Q);
        uint256 c = mulmod(b, b, Q);
        b = addmod(X, b, Q);
        uint256 d = mulmod(2, addmod(mulmod(b, b, Q), Q - addmod(a, c, Q), Q), Q);
        a = mulmod(3, a, Q); // e
        x3 = addmod(mulmod(a, a, Q), Q - mulmod(2, d, Q), Q);
        y3 = addmod(mulmod(a, addmod(d, Q - x3, Q), Q), Q - mulmod(8, c, Q), Q);
        z3 = mulmod(2, mulmod(Y, Z, Q), Q);
    }

    /// @dev P + G in Jacobian coordinates, G = (1, 2) affine; P is never G or -G here.
    function _addGenerator(uint256 X, uint256 Y, uint256 Z)
        private
        pure
        returns (uint256 x3, uint256 y3, uint256 z3)
    {
        uint256 zz = mulmod(Z, Z, Q);
        uint256 h = addmod(zz, Q - X, Q); // U2 - X1, with U2 = 1 * Z^2
        uint256 hh = mulmod(h, h, Q);
        uint256 i = mulmod(4, hh, Q);
        uint256 j = mulmod(h, i, Q);
        uint256 r = mulmod(2, addmod(mulmod(2, mulmod(Z, zz, Q), Q), Q - Y, Q), Q);
        i = mulmod(X, i, Q); // v
        x3 = addmod(mulmod(r, r, Q), Q - addmod(j, mulmod(2, i, Q), Q), Q);
        y3 = addmod(mulmod(r, addmod(i, Q - x3, Q), Q), Q - mulmod(2, mulmod(Y, j, Q), Q), Q);
        h = addmod(Z, h, Q);
        z3 = addmod(mulmod(h, h, Q), Q - addmod(zz, hh, Q), Q);
    }
}
