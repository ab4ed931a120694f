"""Session fixtures: the committed circuit, and one proof made by a real prover worker.

The suite checks the committed build of the product's model (sprite). CIRCUITS_TEST_PATHS, a
JSON object of ModelPaths fields (model, onnx, config, circuit_dir, verifier, cache_dir), points
it at another build.
"""

import json
import os
import subprocess
import sys

import pytest

from circuits.manifest import read_manifest
from circuits.paths import DEFAULT_MODEL, REPO_ROOT, ModelPaths
from circuits.prove import Circuit

PROMPT = "a lighthouse at dusk, 2 birds!"
OTHER_PROMPT = "zebra"


@pytest.fixture(scope="session")
def model_paths() -> ModelPaths:
    overrides = json.loads(os.environ.get("CIRCUITS_TEST_PATHS", "{}"))
    paths = ModelPaths.default(overrides.pop("model", DEFAULT_MODEL))
    paths = paths.with_changes(**overrides)
    if not paths.manifest.exists():
        pytest.fail(f"{paths.manifest} is missing: run .venv/bin/python -m circuits.build")
    return paths


@pytest.fixture(scope="session")
def manifest(model_paths) -> dict:
    return read_manifest(model_paths.manifest)


@pytest.fixture(scope="session")
def worker_session(model_paths, tmp_path_factory):
    """Starts ``python -m circuits.prover_worker``, asks it for proofs of PROMPT and OTHER_PROMPT
    and a few bad requests, and returns the responses; every proof test shares those proofs."""
    work = tmp_path_factory.mktemp("worker")
    proof_path = work / "proof.json"
    other_proof_path = work / "other-proof.json"
    requests = [
        {"id": "bad-prompt", "input": "Not Canonical ", "proof_path": str(work / "x.json")},
        {"id": "no-proof-path", "input": PROMPT},
        {"id": "proof", "input": PROMPT, "proof_path": str(proof_path)},
        {"id": "other-proof", "input": OTHER_PROMPT, "proof_path": str(other_proof_path)},
    ]
    command = [
        sys.executable,
        "-m",
        "circuits.prover_worker",
        "--model",
        model_paths.model,
        "--circuit-dir",
        str(model_paths.circuit_dir),
        "--cache-dir",
        str(model_paths.cache_dir),
    ]
    stdin = "not json\n" + "".join(json.dumps(request) + "\n" for request in requests)
    result = subprocess.run(
        command,
        input=stdin,
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
        timeout=900,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    return {
        "ready": lines[0],
        "responses": {str(line["id"]): line for line in lines[1:]},
        "proof_path": proof_path,
        "other_proof_path": other_proof_path,
    }


@pytest.fixture(scope="session")
def circuit(model_paths, worker_session) -> Circuit:
    # After the worker, which derives the proving key if the cache lacks it.
    return Circuit.load(paths=model_paths, log=lambda message: None)


@pytest.fixture(scope="session")
def proof(worker_session) -> dict:
    assert worker_session["responses"]["proof"]["ok"], worker_session["responses"]["proof"]
    return json.loads(worker_session["proof_path"].read_text())


@pytest.fixture(scope="session")
def other_proof(worker_session) -> dict:
    response = worker_session["responses"]["other-proof"]
    assert response["ok"], response
    return json.loads(worker_session["other_proof_path"].read_text())
