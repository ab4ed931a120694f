"""The little BN254 arithmetic the SRS files need: point encoding, curve checks, G1 addition.

Points are affine tuples of integers; G1 is (x, y) over Fq, G2 is ((x0, x1), (y0, y1)) over
Fq2 = Fq[u]/(u^2 + 1). The point at infinity is None. halo2curves writes coordinates as 32-byte
little-endian Montgomery limbs (value * 2^256 mod q), G2 as x.c0, x.c1, y.c0, y.c1.
"""

# Base field modulus q and scalar field modulus r (the proof system's field, ezkl's "p").
FQ_MODULUS = 21888242871839275222246405745257275088696311157297823662689037894645226208583
FR_MODULUS = 21888242871839275222246405745257275088548364400416034343698204186575808495617

G1_GENERATOR = (1, 2)
G2_GENERATOR = (
    (
        10857046999023057135944570762232829481370756359578518086990519993285655852781,
        11559732032986387107991004021392285783925812861821192530917403151452391805634,
    ),
    (
        8495653923123431417604973247489272438418190587263600148770280649306958101930,
        4082367875863433681332203403145435568316851327593401208105741076214120093531,
    ),
)

FIELD_BYTES = 32
G1_BYTES = 2 * FIELD_BYTES
G2_BYTES = 4 * FIELD_BYTES

_MONTGOMERY_R = pow(2, 256, FQ_MODULUS)
_MONTGOMERY_R_INV = pow(_MONTGOMERY_R, -1, FQ_MODULUS)
# G2 is on the twist y^2 = x^3 + 3 / (9 + u).
_TWIST_B = (
    19485874751759354771024239261021720505790618469301721065564631296452457478373,
    266929791119991161246907387137283842545076965332900288569378510910307636690,
)


class PointEncodingError(ValueError):
    """Bytes that are not a canonical encoding of a point on the curve."""


def _decode_fq(data: bytes) -> int:
    raw = int.from_bytes(data, "little")
    if raw >= FQ_MODULUS:
        raise PointEncodingError("coordinate is not a canonical field element")
    return raw * _MONTGOMERY_R_INV % FQ_MODULUS


def _encode_fq(value: int) -> bytes:
    return (value * _MONTGOMERY_R % FQ_MODULUS).to_bytes(FIELD_BYTES, "little")


def _fq2_mul(a: tuple[int, int], b: tuple[int, int]) -> tuple[int, int]:
    q = FQ_MODULUS
    return ((a[0] * b[0] - a[1] * b[1]) % q, (a[0] * b[1] + a[1] * b[0]) % q)


def _fq2_add(a: tuple[int, int], b: tuple[int, int]) -> tuple[int, int]:
    return ((a[0] + b[0]) % FQ_MODULUS, (a[1] + b[1]) % FQ_MODULUS)


def decode_g1(data: bytes):
    """64 raw bytes to an affine G1 point (None for infinity); rejects points off the curve."""
    x, y = _decode_fq(data[:FIELD_BYTES]), _decode_fq(data[FIELD_BYTES:G1_BYTES])
    if x == 0 and y == 0:
        return None
    if (y * y - x * x * x - 3) % FQ_MODULUS:
        raise PointEncodingError("G1 point is not on the curve")
    return (x, y)


def encode_g1(point) -> bytes:
    x, y = (0, 0) if point is None else point
    return _encode_fq(x) + _encode_fq(y)


def decode_g2(data: bytes):
    """128 raw bytes to an affine G2 point (None for infinity); rejects points off the twist."""
    c = [_decode_fq(data[i : i + FIELD_BYTES]) for i in range(0, G2_BYTES, FIELD_BYTES)]
    x, y = (c[0], c[1]), (c[2], c[3])
    if x == (0, 0) and y == (0, 0):
        return None
    if _fq2_mul(y, y) != _fq2_add(_fq2_mul(_fq2_mul(x, x), x), _TWIST_B):
        raise PointEncodingError("G2 point is not on the curve")
    return (x, y)


def encode_g2(point) -> bytes:
    (x0, x1), (y0, y1) = ((0, 0), (0, 0)) if point is None else point
    return b"".join(_encode_fq(v) for v in (x0, x1, y0, y1))


def g1_neg(point):
    return None if point is None else (point[0], -point[1] % FQ_MODULUS)


def g1_add(a, b):
    if a is None:
        return b
    if b is None:
        return a
    q = FQ_MODULUS
    (x1, y1), (x2, y2) = a, b
    if x1 == x2:
        if (y1 + y2) % q == 0:
            return None
        slope = 3 * x1 * x1 * pow(2 * y1, -1, q) % q
    else:
        slope = (y2 - y1) * pow(x2 - x1, -1, q) % q
    x3 = (slope * slope - x1 - x2) % q
    return (x3, (slope * (x1 - x3) - y1) % q)


def g1_mul(point, scalar: int):
    """Double-and-add; only for a handful of points, never for bulk work."""
    result = None
    scalar %= FR_MODULUS
    while scalar:
        if scalar & 1:
            result = g1_add(result, point)
        point = g1_add(point, point)
        scalar >>= 1
    return result
