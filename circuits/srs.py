"""KZG structured reference strings (SRS): the file format, the ceremony check, the k=1 file.

File format (halo2 ``ParamsKZG::write`` with raw bytes, as ezkl 21 reads and writes it):
``u32 k`` little-endian, then 2^k G1 points g[i] = tau^i * G1, then 2^k G1 points g_lagrange
(the same powers in the Lagrange basis of the size-2^k domain), then g2 and s_g2 = tau * g2.
So a file for k has 4 + 128 * 2^k + 256 bytes.

Verification (SHPLONK) needs only g[0], g2 and s_g2, so a k=1 file cut from the same SRS verifies
any proof made with it; that is what browsers and the JavaScript engine load.
"""

import hashlib
from dataclasses import dataclass
from pathlib import Path

from circuits import bn254

MAX_CEREMONY_K = 26
_HEADER_BYTES = 4

# SHA-256 of the Perpetual Powers of Tau files for halo2 (han0110/halo2-kzg-srs, raw format, as
# ezkl rewrites them), k = 1..26. Source: zkonduit/ezkl v21.0.0, src/srs_sha.rs
# (PUBLIC_SRS_SHA256_HASHES), which ezkl's get_srs checks downloads against.
PPOT_SHA256 = {
    1: "cafb2aa72c200ddc4e28aacabb8066e829207e2484b8d17059a566232f8a297b",
    2: "8194ec51da5d332d2e17283ade34920644774452c2fadf33742e8c739e275d8e",
    3: "0729e815bce2ac4dfad7819982c6479c3b22c32b71f64dca05e8fdd90e8535ef",
    4: "2c0785da20217fcafd3b12cc363a95eb2529037cc8a9bddf8fb15025cbc8cdc9",
    5: "5b950e3b76e7a9923d69f6d6585ce6b5f9458e5ec57a71c9de5005d32d544692",
    6: "85030b2924111fc60acaf4fb8a7bad89531fbe0271aeab0c21e545f71eee273d",
    7: "e65f95150519fe01c2bedf8f832f5249822ef84c9c017307419e10374ff9eeb1",
    8: "446092fd1d6030e5bb2f2a8368267d5ed0fbdb6a766f6c5e4a4841827ad3106f",
    9: "493d088951882ad81af11e08c791a38a37c0ffff14578cf2c7fb9b7bca654d8b",
    10: "9705d450e5dfd06adb673705f7bc34418ec86339203198beceb2ae7f1ffefedb",
    11: "257fa566ed9bc0767d3e63e92b5e966829fa3347d320a32055dc31ee7d33f8a4",
    12: "28b151069f41abc121baa6d2eaa8f9e4c4d8326ddbefee2bd9c0776b80ac6fad",
    13: "d5d94bb25bdc024f649213593027d861042ee807cafd94b49b54f1663f8f267d",
    14: "c09129f064c08ecb07ea3689a2247dcc177de6837e7d2f5f946e30453abbccef",
    15: "90807800a1c3b248a452e1732c45ee5099f38b737356f5542c0584ec9c3ebb45",
    16: "2a1a494630e71bc026dd5c0eab4c1b9a5dbc656228c1f0d48f5dbd3909b161d3",
    17: "41509f380362a8d14401c5ae92073154922fe23e45459ce6f696f58607655db7",
    18: "d0148475717a2ba269784a178cb0ab617bc77f16c58d4a3cbdfe785b591c7034",
    19: "d1a1655b4366a766d1578beb257849a92bf91cb1358c1a2c37ab180c5d3a204d",
    20: "54ef75911da76d7a6b7ea341998aaf66cb06c679c53e0a88a4fe070dd3add963",
    21: "486e044cf98704e07f41137d2b89698dc03d1fbf34d13b60902fea19a6013b4b",
    22: "1ee9b4396db3e4e2516ac5016626ab6ba967f091d5d23afbdb7df122a0bb9d0c",
    23: "748e48b9b6d06f9c82d26bf551d0af43ee2e801e4be56d7ccb20312e267fd1d6",
    24: "f94fa4afa2f5147680f907d4dd96a8826206c26bd3328cd379feaed614b234de",
    25: "dec49a69893fbcd66cd06296b2d936a6aceb431c130b2e52675fe4274b504f57",
    26: "b198a51d48b88181508d8e4ea9dea39db285e4585663b29b7e4ded0c22a94875",
}
PPOT_URL = (
    "https://trusted-setup-halo2kzg.s3.eu-central-1.amazonaws.com/perpetual-powers-of-tau-raw-{k}"
)


class SrsError(ValueError):
    """An SRS file that must not be used; the message says why."""


def srs_size(k: int) -> int:
    """Bytes in an SRS file for 2^k rows."""
    return _HEADER_BYTES + 2 * bn254.G1_BYTES * (1 << k) + 2 * bn254.G2_BYTES


def srs_file_name(k: int) -> str:
    return f"kzg{k}.srs"


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        for chunk in iter(lambda: file.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


@dataclass(frozen=True)
class SrsHead:
    """What verification needs from an SRS (and g[1], to rebuild the k=1 Lagrange points)."""

    k: int
    g0: tuple
    g1: tuple
    g2: tuple
    s_g2: tuple


def read_srs_head(path: Path) -> SrsHead:
    """Parses the header and the points verification uses; checks the size, that every parsed
    point is on its curve and that g[0] and g2 are the standard generators."""
    path = Path(path)
    size = path.stat().st_size
    with open(path, "rb") as file:
        header = file.read(_HEADER_BYTES)
        if len(header) < _HEADER_BYTES:
            raise SrsError(f"{path}: {size} bytes is too short for an SRS file")
        k = int.from_bytes(header, "little")
        if not 1 <= k <= 32 or size != srs_size(k):
            raise SrsError(
                f"{path}: header says k={k} but the file has {size} bytes"
                + (f" (k={k} needs {srs_size(k)})" if 1 <= k <= 32 else "")
            )
        powers = file.read(2 * bn254.G1_BYTES)
        file.seek(size - 2 * bn254.G2_BYTES)
        tail = file.read(2 * bn254.G2_BYTES)
    try:
        g0 = bn254.decode_g1(powers[: bn254.G1_BYTES])
        g1 = bn254.decode_g1(powers[bn254.G1_BYTES :])
        g2 = bn254.decode_g2(tail[: bn254.G2_BYTES])
        s_g2 = bn254.decode_g2(tail[bn254.G2_BYTES :])
    except bn254.PointEncodingError as error:
        raise SrsError(f"{path}: {error}") from error
    if g0 != bn254.G1_GENERATOR or g2 != bn254.G2_GENERATOR:
        raise SrsError(f"{path}: g[0] or g2 is not the BN254 generator")
    if g1 is None or s_g2 is None:
        raise SrsError(f"{path}: tau is zero")
    return SrsHead(k=k, g0=g0, g1=g1, g2=g2, s_g2=s_g2)


@dataclass(frozen=True)
class CeremonySrs:
    path: Path
    k: int
    sha256: str
    head: SrsHead


def check_ceremony_file(path: Path) -> CeremonySrs:
    """Accepts a Perpetual Powers of Tau file only if its size names a k in 1..26 and its SHA-256
    equals the published digest for that k; raises SrsError naming both digests otherwise."""
    path = Path(path)
    size = path.stat().st_size
    k = next((k for k in PPOT_SHA256 if srs_size(k) == size), None)
    if k is None:
        raise SrsError(
            f"{path}: {size} bytes matches no Perpetual Powers of Tau file "
            f"(k=1..{MAX_CEREMONY_K} have 4 + 128*2^k + 256 bytes: "
            f"{srs_size(1)}, {srs_size(2)}, ...)"
        )
    actual = sha256_file(path)
    expected = PPOT_SHA256[k]
    if actual != expected:
        raise SrsError(
            f"{path}: SHA-256 mismatch for the k={k} Perpetual Powers of Tau file: "
            f"expected {expected}, actual {actual}; the file is corrupt or tampered with"
        )
    return CeremonySrs(path=path, k=k, sha256=actual, head=read_srs_head(path))


def verification_srs_bytes(head: SrsHead) -> bytes:
    """The k=1 SRS cut from ``head``: g[0], g[1], their Lagrange form and g2, s_g2.

    On the domain {1, -1} the Lagrange basis is L0 = (1 + X) / 2, L1 = (1 - X) / 2, so the
    Lagrange points are (g[0] + g[1]) / 2 and (g[0] - g[1]) / 2; halo2's downsize to k=1 computes
    the same points by inverse FFT.
    """
    half = pow(2, -1, bn254.FR_MODULUS)
    lagrange0 = bn254.g1_mul(bn254.g1_add(head.g0, head.g1), half)
    lagrange1 = bn254.g1_mul(bn254.g1_add(head.g0, bn254.g1_neg(head.g1)), half)
    return b"".join(
        [
            (1).to_bytes(_HEADER_BYTES, "little"),
            bn254.encode_g1(head.g0),
            bn254.encode_g1(head.g1),
            bn254.encode_g1(lagrange0),
            bn254.encode_g1(lagrange1),
            bn254.encode_g2(head.g2),
            bn254.encode_g2(head.s_g2),
        ]
    )


def write_verification_srs(source: Path, destination: Path) -> None:
    Path(destination).write_bytes(verification_srs_bytes(read_srs_head(source)))
