import json
import random

import ezkl
import numpy as np
import onnxruntime
import pytest

from circuits import commitment
from circuits.bn254 import FR_MODULUS
from circuits.conftest import OTHER_PROMPT, PROMPT
from circuits.prove import (
    aigc_data,
    generate_witness,
    int_to_felt,
    model_input,
    proof_instances,
    verify,
    witness_output,
    write_input,
)
from models.codec import PROMPT_ALLOWED_CHARACTERS, PUBLIC_INSTANCE_COUNT, prompt_instances

# The circuit computes in fixed point at the output scale, rounding at each rescale; the ONNX
# reference computes in float32, whose own rounding can exceed the fixed-point step when the
# output scale is high (glyph: 2^-29 against float32's 2^-24 near 1).
MAX_ERROR_LSB = 4
MAX_ERROR_FLOAT32_ULPS = 4
ONNX_PROMPTS = [
    PROMPT,
    OTHER_PROMPT,
    "a",
    "9" * 64,
    "what? no, it's - 'fine'.",
    "a red circle on blue",
    "big green star on black",
]


@pytest.fixture(scope="module")
def witnesses(circuit, tmp_path_factory):
    work = tmp_path_factory.mktemp("witness")
    result = {}
    for index, prompt in enumerate(ONNX_PROMPTS):
        input_path = write_input(prompt, work / f"input{index}.json")
        result[prompt] = generate_witness(
            circuit=circuit, input_path=input_path, witness_path=work / f"witness{index}.json"
        )
    return result


def _verify_with_instances(circuit, proof, instances, path) -> bool:
    tampered = {**proof, "instances": [[int_to_felt(value) for value in instances]]}
    path.write_text(json.dumps(tampered))
    return verify(circuit=circuit, proof_path=path)


def test_worker_announces_the_model_it_serves(worker_session, manifest):
    assert worker_session["ready"]["ready"] is True
    assert worker_session["ready"]["model_id"] == manifest["model_id"]
    assert worker_session["responses"]["proof"]["ms"] > 0


def test_worker_answers_bad_requests_with_error_codes(worker_session):
    responses = worker_session["responses"]
    assert responses["bad-prompt"]["ok"] is False
    assert responses["bad-prompt"]["error"]["code"] == "PROMPT_INVALID_CHARACTER"
    assert responses["no-proof-path"]["error"]["code"] == "BAD_REQUEST"
    assert responses["None"]["error"]["code"] == "BAD_REQUEST"


def test_proof_for_a_prompt_verifies_with_the_k1_and_the_full_srs(circuit, worker_session):
    assert verify(circuit=circuit, proof_path=worker_session["proof_path"])
    assert ezkl.verify(
        str(worker_session["proof_path"]),
        str(circuit.paths.settings),
        str(circuit.paths.vk),
        str(circuit.srs),
    )


def test_public_instances_are_exactly_the_prompt_bytes(circuit, proof):
    instances = proof_instances(proof)
    assert len(instances) == PUBLIC_INSTANCE_COUNT == circuit.manifest["instances"]["count"]
    assert instances == prompt_instances(PROMPT, circuit.input_scale)


def test_aigc_data_is_the_commitment_of_the_raw_output(circuit, proof, witnesses):
    output = witness_output(witnesses[PROMPT])
    basis, blind = commitment.read_basis(circuit.paths.output_basis)
    assert commitment.compress(commitment.commit(output, basis, blind)) == aigc_data(proof)
    felts = witnesses[PROMPT]["outputs"][0]
    ezkl_point = ezkl.kzg_commit(
        felts, str(circuit.paths.vk), str(circuit.paths.settings), str(circuit.srs)
    )[0]
    assert commitment.from_ezkl(ezkl_point) == commitment.proof_commitment(proof)


def test_commitments_of_different_outputs_differ(circuit, proof, other_proof, witnesses):
    assert witness_output(witnesses[PROMPT]) != witness_output(witnesses[OTHER_PROMPT])
    assert aigc_data(proof) != aigc_data(other_proof)


def test_proof_fails_with_another_proofs_commitment_swapped_in(
    circuit, proof, other_proof, tmp_path
):
    swapped = commitment.proof_bytes(other_proof)[:64] + commitment.proof_bytes(proof)[64:]
    tampered = {**proof, "hex_proof": "0x" + swapped.hex(), "proof": list(swapped)}
    path = tmp_path / "proof.json"
    path.write_text(json.dumps(tampered))
    assert not verify(circuit=circuit, proof_path=path)


def test_reencoded_untampered_proof_still_verifies(circuit, proof, tmp_path):
    # Control for the tampering tests: only the changed instance can make them fail.
    assert _verify_with_instances(circuit, proof, proof_instances(proof), tmp_path / "proof.json")


@pytest.mark.parametrize("position", range(PUBLIC_INSTANCE_COUNT))
def test_proof_fails_when_any_single_public_instance_changes(circuit, proof, position, tmp_path):
    instances = proof_instances(proof)
    instances[position] = (instances[position] + 1) % FR_MODULUS
    assert not _verify_with_instances(circuit, proof, instances, tmp_path / "proof.json")


def test_proof_fails_with_another_prompts_instances(circuit, proof, tmp_path):
    other_prompt = prompt_instances(OTHER_PROMPT, circuit.input_scale)
    assert not _verify_with_instances(circuit, proof, other_prompt, tmp_path / "proof.json")


def test_witness_output_matches_the_onnx_model_within_quantization_error(circuit, witnesses):
    session = onnxruntime.InferenceSession(str(circuit.paths.onnx))
    shape = circuit.manifest["output"]["shape"]
    lsb = 2.0**-circuit.output_scale
    for prompt, witness in witnesses.items():
        feed = {circuit.manifest["input"]["name"]: np.array([model_input(prompt)], np.int64)}
        expected = session.run(None, feed)[0]
        assert list(expected.shape) == shape
        expected = expected.reshape(-1)
        actual = np.array(witness_output(witness), np.float64) * lsb
        error = np.abs(actual - expected.astype(np.float64))
        allowed = MAX_ERROR_LSB * lsb + MAX_ERROR_FLOAT32_ULPS * np.spacing(np.abs(expected))
        assert np.all(error <= allowed), (prompt, float(error.max() / lsb))


def _random_prompt(rng: random.Random) -> str:
    letters = PROMPT_ALLOWED_CHARACTERS.replace(" ", "")
    length = rng.choice([1, 2, 8, 31, 63, 64, rng.randint(1, 64)])
    chars = [rng.choice(letters)]
    while len(chars) < length:
        chars.append(
            rng.choice(letters)
            if chars[-1] == " " or len(chars) == length - 1
            else rng.choice(letters + " ")
        )
    return "".join(chars)


def test_random_prompts_stay_inside_the_calibrated_lookup_range(circuit, tmp_path):
    # A safety net under bounds.py: witness generation fails on a range-check overflow, and a
    # lookup input outside the calibrated range would make the prompt unprovable.
    low, high = circuit.manifest["run_args"]["lookup_range"]
    rng = random.Random(7)
    for index in range(16):
        prompt = _random_prompt(rng)
        input_path = write_input(prompt, tmp_path / f"input{index}.json")
        witness = generate_witness(
            circuit=circuit, input_path=input_path, witness_path=tmp_path / f"w{index}.json"
        )
        assert low <= witness["min_lookup_inputs"] <= witness["max_lookup_inputs"] <= high, prompt
