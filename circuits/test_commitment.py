import json

import pytest

from circuits import commitment
from circuits.commitment_vectors import OUTPUT
from circuits.paths import REPO_ROOT

VECTORS = json.loads(OUTPUT.read_text())


def test_vectors_belong_to_the_committed_circuit(manifest):
    assert VECTORS["modelId"] == manifest["model_id"], "rerun python -m circuits.commitment_vectors"


@pytest.mark.parametrize("case", VECTORS["cases"], ids=lambda case: case["prompt"])
def test_basis_recomputes_the_proofs_commitment(case):
    basis, blind = commitment.read_basis(REPO_ROOT / VECTORS["basis"])
    point = commitment.commit(case["output"], basis, blind)
    assert f"0x{commitment.compress(point):064x}" == case["aigcData"]
    head = bytes.fromhex(case["proofHead"][2:])
    assert commitment.decode_point(head) == point


@pytest.mark.parametrize("case", VECTORS["invalidPoints"], ids=lambda case: case["name"])
def test_invalid_first_points_are_refused(case):
    head = bytes.fromhex(case["head"][2:])
    with pytest.raises(commitment.CommitmentError):
        commitment.compress(commitment.decode_point(head))


def test_a_short_proof_carries_no_commitment():
    with pytest.raises(commitment.CommitmentError, match="carries no commitment"):
        commitment.proof_commitment({"hex_proof": "0x" + "01" * 63})


def test_basis_file_of_a_partial_point_is_refused(tmp_path):
    path = tmp_path / "basis.bin"
    path.write_bytes(b"\x00" * 65)
    with pytest.raises(commitment.CommitmentError, match="whole number of points"):
        commitment.read_basis(path)
