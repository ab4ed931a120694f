"""The output commitment: aigcData, read from a proof and recomputed from a quantized output.

With ``output_visibility = "polycommit"`` ezkl 21 places the model's quantized outputs in an
advice column of their own, row i holding output i, and commits to that column without a blinding
factor. The column's KZG commitment is the first G1 point of the proof, and

    C = sum_{i < N} o_i * L_i + B,    B = sum over the column's unusable last rows of L_j

with L_j the Lagrange-basis points of the SRS of exactly ``logrows`` (halo2 fills the unusable
rows with 1). circuits/README.md#output-commitment has the references into ezkl and halo2.

aigcData is C compressed to 32 bytes: ``x | (y mod 2) << 255``, big-endian (x < q < 2^254, so the
top bit is free). It is ezkl's own compressed encoding read as a little-endian integer.

The build writes the basis, ``output_basis.bin``: L_0..L_{N-1} and then B, each point 64 bytes
(x then y, 32-byte big-endian integers). It is all a verifier needs to recompute C (about 64 bytes
per output value, against 128 * 2^logrows for the SRS), and the model id binds its digest.
"""

from collections.abc import Sequence
from pathlib import Path

from circuits import bn254

BASIS_POINT_BYTES = 2 * bn254.FIELD_BYTES
_SRS_HEADER_BYTES = 4
# halo2 reserves at least this many rows at the end of every column; ezkl 21's circuits use 6.
MAX_UNUSABLE_ROWS = 16


class CommitmentError(ValueError):
    """A point, proof or basis that cannot be an output commitment; the message says why."""


def lagrange_points(srs: Path, indices: Sequence[int]) -> list:
    """The Lagrange-basis points g_lagrange[i] of an SRS file (raw format, see circuits/srs.py)."""
    srs = Path(srs)
    with open(srs, "rb") as file:
        k = int.from_bytes(file.read(_SRS_HEADER_BYTES), "little")
        n = 1 << k
        points = []
        for index in indices:
            if not 0 <= index < n:
                raise CommitmentError(f"{srs}: row {index} is outside the 2^{k} rows")
            file.seek(_SRS_HEADER_BYTES + bn254.G1_BYTES * (n + index))
            points.append(bn254.decode_g1(file.read(bn254.G1_BYTES)))
    return points


def srs_rows(srs: Path) -> int:
    with open(srs, "rb") as file:
        return 1 << int.from_bytes(file.read(_SRS_HEADER_BYTES), "little")


def g1_sum(points) -> tuple | None:
    total = None
    for point in points:
        total = bn254.g1_add(total, point)
    return total


def commit(output: Sequence[int], basis: Sequence, blind) -> tuple | None:
    """sum o_i * L_i + B for signed integer outputs (a negative o_i is p - |o_i| in the field)."""
    if len(output) != len(basis):
        raise CommitmentError(f"{len(output)} output values for a basis of {len(basis)} points")
    total = blind
    for value, point in zip(output, basis, strict=True):
        if value:
            term = bn254.g1_mul(point, abs(value))
            total = bn254.g1_add(total, bn254.g1_neg(term) if value < 0 else term)
    return total


def from_ezkl(point) -> tuple[int, int]:
    """A point as ezkl's Python API returns it (``PyG1Affine``: x and y as little-endian hex of
    their canonical values)."""
    return tuple(int.from_bytes(bytes.fromhex(value), "little") for value in (point.x, point.y))


def compress(point) -> int:
    """aigcData of a point, as an integer (its 32 big-endian bytes are aigcData)."""
    if point is None:
        raise CommitmentError("the point at infinity is not an output commitment")
    x, y = point
    return x | (y & 1) << 255


def encode_point(point) -> bytes:
    x, y = (0, 0) if point is None else point
    return x.to_bytes(bn254.FIELD_BYTES, "big") + y.to_bytes(bn254.FIELD_BYTES, "big")


def decode_point(data: bytes):
    """64 bytes x || y big-endian to a point on G1 (None for (0, 0)); rejects anything else."""
    if len(data) != BASIS_POINT_BYTES:
        raise CommitmentError(f"a point is {BASIS_POINT_BYTES} bytes, got {len(data)}")
    x = int.from_bytes(data[: bn254.FIELD_BYTES], "big")
    y = int.from_bytes(data[bn254.FIELD_BYTES :], "big")
    if x == 0 and y == 0:
        return None
    if x >= bn254.FQ_MODULUS or y >= bn254.FQ_MODULUS:
        raise CommitmentError("a coordinate is not below the base field modulus")
    if (y * y - x * x * x - 3) % bn254.FQ_MODULUS:
        raise CommitmentError("the point is not on the BN254 curve")
    return (x, y)


def proof_bytes(proof: dict) -> bytes:
    """The raw proof (what the EVM verifier and the contract take) from ezkl's proof.json."""
    hex_proof = proof.get("hex_proof")
    if isinstance(hex_proof, str):
        return bytes.fromhex(hex_proof.removeprefix("0x"))
    return bytes(proof["proof"])


def proof_commitment(proof: dict):
    """The output commitment a proof carries: its first G1 point, bytes 0..63."""
    raw = proof_bytes(proof)
    if len(raw) < BASIS_POINT_BYTES:
        raise CommitmentError(f"a proof of {len(raw)} bytes carries no commitment")
    return decode_point(raw[:BASIS_POINT_BYTES])


def aigc_data(proof: dict) -> int:
    """aigcData of a proof: its output commitment, compressed."""
    return compress(proof_commitment(proof))


def write_basis(basis: Sequence, blind, path: Path) -> None:
    Path(path).write_bytes(b"".join(encode_point(point) for point in [*basis, blind]))


def read_basis(path: Path) -> tuple[list, tuple]:
    """(L_0..L_{N-1}, B) from output_basis.bin; every point is checked to be on the curve."""
    data = Path(path).read_bytes()
    if not data or len(data) % BASIS_POINT_BYTES:
        raise CommitmentError(f"{path}: {len(data)} bytes is not a whole number of points")
    points = [
        decode_point(data[offset : offset + BASIS_POINT_BYTES])
        for offset in range(0, len(data), BASIS_POINT_BYTES)
    ]
    return points[:-1], points[-1]


def basis_from_srs(srs: Path, count: int, unusable_rows: int) -> tuple[list, tuple]:
    """L_0..L_{count-1} and B (the sum of the last ``unusable_rows`` Lagrange points)."""
    n = srs_rows(srs)
    if count + unusable_rows > n:
        raise CommitmentError(f"{count} outputs and {unusable_rows} unusable rows exceed {n} rows")
    basis = lagrange_points(srs, range(count))
    blind = g1_sum(lagrange_points(srs, range(n - unusable_rows, n)))
    return basis, blind


def unusable_rows(srs: Path, blind_of_zeros) -> int:
    """How many last rows the commitment of an all-zero output covers: the u for which the sum
    of the last u Lagrange points equals it (ezkl.kzg_commit of zeros gives ``blind_of_zeros``)."""
    n = srs_rows(srs)
    tail = lagrange_points(srs, range(n - MAX_UNUSABLE_ROWS, n))
    total = None
    for rows in range(1, MAX_UNUSABLE_ROWS + 1):
        total = bn254.g1_add(total, tail[-rows])
        if total == blind_of_zeros:
            return rows
    raise CommitmentError("no run of the last rows explains the commitment of an all-zero output")
