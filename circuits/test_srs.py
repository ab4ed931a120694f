import shutil

import pytest

from circuits import bn254
from circuits.keys import prover_srs
from circuits.paths import REPO_ROOT, ModelPaths
from circuits.srs import (
    PPOT_SHA256,
    SrsError,
    check_ceremony_file,
    read_srs_head,
    srs_size,
    verification_srs_bytes,
)

PPOT_K1 = REPO_ROOT / "test" / "fixtures" / "srs" / "ppot-k1.srs"


@pytest.fixture
def ppot_copy(tmp_path):
    path = tmp_path / "ppot-k1.srs"
    shutil.copyfile(PPOT_K1, path)
    return path


def test_srs_size_follows_the_file_format():
    assert [srs_size(k) for k in (1, 5, 11, 17)] == [516, 4356, 262404, 16 * 2**20 + 260]


def test_ppot_table_covers_k_1_to_26_with_sha256_digests():
    assert sorted(PPOT_SHA256) == list(range(1, 27))
    assert all(len(digest) == 64 and int(digest, 16) >= 0 for digest in PPOT_SHA256.values())


def test_genuine_ceremony_file_passes_and_parses():
    ceremony = check_ceremony_file(PPOT_K1)
    assert ceremony.k == 1
    assert ceremony.sha256 == PPOT_SHA256[1]
    assert ceremony.head.g0 == bn254.G1_GENERATOR
    assert ceremony.head.g2 == bn254.G2_GENERATOR
    assert ceremony.head.g1 not in (None, bn254.G1_GENERATOR)
    assert ceremony.head.s_g2 not in (None, bn254.G2_GENERATOR)


def test_k1_cut_of_the_ceremony_file_reproduces_it_byte_for_byte():
    # The Lagrange points are recomputed from g[0] and g[1], so this checks that rule and the
    # point encoding against the real ceremony file.
    assert verification_srs_bytes(read_srs_head(PPOT_K1)) == PPOT_K1.read_bytes()


@pytest.mark.parametrize("offset", [0, 3, 4, 100, 300, 515])
def test_one_byte_tampered_ceremony_file_is_rejected_naming_both_digests(ppot_copy, offset):
    data = bytearray(ppot_copy.read_bytes())
    data[offset] ^= 0x01
    ppot_copy.write_bytes(bytes(data))
    with pytest.raises(SrsError) as error:
        check_ceremony_file(ppot_copy)
    message = str(error.value)
    assert f"expected {PPOT_SHA256[1]}" in message
    assert "actual " in message


@pytest.mark.parametrize("change", ["append", "truncate", "empty"])
def test_ceremony_file_of_no_known_size_is_rejected(ppot_copy, change):
    data = ppot_copy.read_bytes()
    data = {"append": data + b"\0", "truncate": data[:-1], "empty": b""}[change]
    ppot_copy.write_bytes(data)
    with pytest.raises(SrsError, match="matches no Perpetual Powers of Tau file"):
        check_ceremony_file(ppot_copy)


def test_srs_whose_header_disagrees_with_its_size_is_rejected(ppot_copy):
    data = bytearray(ppot_copy.read_bytes())
    data[0] = 2
    ppot_copy.write_bytes(bytes(data))
    with pytest.raises(SrsError, match="header says k=2"):
        read_srs_head(ppot_copy)


def test_srs_with_a_point_off_the_curve_is_rejected(ppot_copy):
    data = bytearray(ppot_copy.read_bytes())
    data[4 + 64 + 40] ^= 0x01  # y of g[1]
    ppot_copy.write_bytes(bytes(data))
    with pytest.raises(SrsError, match="not on the curve|canonical"):
        read_srs_head(ppot_copy)


def test_prover_refuses_a_ceremony_file_smaller_than_the_circuit(tmp_path):
    manifest = {"logrows": 16, "srs": {"kind": "ceremony", "url": "u", "sha256": "s"}}
    with pytest.raises(SrsError, match="k=1 is too small for logrows 16"):
        prover_srs(manifest, ModelPaths.default(), PPOT_K1)
    with pytest.raises(SrsError, match="pass the k>=16 file"):
        prover_srs(manifest, ModelPaths.default(), None)
