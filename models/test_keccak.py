import pytest

from models.codec import keccak256

# Published Keccak-256 digests ("", "abc") and digests around the 136-byte rate boundary, computed
# with viem's keccak256.
VECTORS = [
    (b"", "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"),
    (b"abc", "4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45"),
    (b"a" * 135, "34367dc248bbd832f4e3e69dfaac2f92638bd0bbd18f2912ba4ef454919cf446"),
    (b"a" * 136, "a6c4d403279fe3e0af03729caada8374b5ca54d8065329a3ebcaeb4b60aa386e"),
    (b"a" * 200, "96ea54061def936c4be90b518992fdc6f12f535068a256229aca54267b4d084d"),
]


@pytest.mark.parametrize(("data", "digest"), VECTORS, ids=lambda value: str(len(value)))
def test_keccak256_matches_known_digests(data, digest):
    assert keccak256(data).hex() == digest


def test_keccak256_is_not_sha3_256():
    import hashlib

    assert keccak256(b"") != hashlib.sha3_256(b"").digest()
