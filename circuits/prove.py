"""Witness, proof and verification for one prompt, from Python (tests and the native prover).

ezkl 21's Python ``prove`` takes file paths only: every call re-reads the compiled circuit, the
proving key and the SRS. ``prover_worker`` keeps the process warm and makes that reload cheap.

Field elements in ezkl's JSON (witness and proof ``instances``) are 64 hex digits, little-endian,
no 0x; a negative integer x is stored as p - |x| with p the BN254 scalar field modulus.
"""

import asyncio
import json
from dataclasses import dataclass
from pathlib import Path

import ezkl

from circuits import commitment
from circuits.bn254 import FR_MODULUS
from circuits.keys import ensure_proving_key, prover_srs
from circuits.manifest import read_manifest
from circuits.paths import DEFAULT_MODEL, ModelPaths
from models.codec import prompt_instances


def felt_to_int(felt: str) -> int:
    """A field element from ezkl JSON to its integer in [0, p)."""
    return int.from_bytes(bytes.fromhex(felt), "little")


def int_to_felt(value: int) -> str:
    return (value % FR_MODULUS).to_bytes(32, "little").hex()


def felt_to_signed(felt: str) -> int:
    """Quantized values: x > p/2 stands for x - p."""
    value = felt_to_int(felt)
    return value - FR_MODULUS if value > FR_MODULUS // 2 else value


@dataclass(frozen=True)
class Circuit:
    """A built model: its committed artifacts, manifest and the SRS and cached key to prove with."""

    paths: ModelPaths
    manifest: dict
    srs: Path
    pk: Path

    @classmethod
    def load(
        cls,
        model: str = DEFAULT_MODEL,
        *,
        paths: ModelPaths | None = None,
        srs_file: Path | None = None,
        check_digest: bool = False,
        log=print,
    ) -> "Circuit":
        """Reads the manifest and derives the proving key into the cache if it is not there."""
        paths = paths or ModelPaths.default(model)
        manifest = read_manifest(paths.manifest)
        pk = ensure_proving_key(paths=paths, srs_file=srs_file, check_digest=check_digest, log=log)
        return cls(paths=paths, manifest=manifest, srs=prover_srs(manifest, paths, srs_file), pk=pk)

    @property
    def input_scale(self) -> int:
        return self.manifest["input"]["scale"]

    @property
    def output_scale(self) -> int:
        return self.manifest["output"]["scale"]


def model_input(prompt: str) -> list[int]:
    """The ONNX input for a canonical prompt: its bytes, 0 past the end (int64, no scaling)."""
    return prompt_instances(prompt, 0)


def write_input(prompt: str, path: Path) -> Path:
    Path(path).write_text(json.dumps({"input_data": [model_input(prompt)]}) + "\n")
    return Path(path)


def generate_witness(*, circuit: Circuit, input_path: Path, witness_path: Path) -> dict:
    async def run():
        return await ezkl.gen_witness(
            str(input_path), str(circuit.paths.compiled), str(witness_path)
        )

    return asyncio.run(run())


def prove(*, circuit: Circuit, witness_path: Path, proof_path: Path) -> dict:
    return ezkl.prove(
        str(witness_path),
        str(circuit.paths.compiled),
        str(circuit.pk),
        str(proof_path),
        "single",
        str(circuit.srs),
    )


def verify(*, circuit: Circuit, proof_path: Path) -> bool:
    """Checks a proof.json with the committed vk and the k=1 verification SRS, as browsers do.
    False for any proof ezkl rejects; missing artifacts still raise."""
    for artifact in (circuit.paths.settings, circuit.paths.vk, circuit.paths.verification_srs):
        if not artifact.exists():
            raise FileNotFoundError(artifact)
    try:
        return ezkl.verify(
            str(proof_path),
            str(circuit.paths.settings),
            str(circuit.paths.vk),
            str(circuit.paths.verification_srs),
            True,
        )
    except RuntimeError:
        return False


def expected_instances(*, circuit: Circuit, prompt: str) -> list[int]:
    """The 64 public instances the contract computes for ``prompt``."""
    return prompt_instances(prompt, circuit.input_scale)


def proof_instances(proof: dict) -> list[int]:
    return [felt_to_int(felt) for felt in proof["instances"][0]]


def aigc_data(proof: dict) -> int:
    """The output commitment the proof carries (its first G1 point), compressed: aigcData."""
    return commitment.aigc_data(proof)


def witness_output(witness: dict) -> list[int]:
    """The quantized model output (flat, row-major) from a witness."""
    return [felt_to_signed(felt) for felt in witness["outputs"][0]]


def prove_prompt(*, circuit: Circuit, prompt: str, work_dir: Path) -> dict:
    """Input, witness and proof for a prompt in ``work_dir``; returns the proof JSON."""
    work_dir = Path(work_dir)
    input_path = write_input(prompt, work_dir / "input.json")
    generate_witness(circuit=circuit, input_path=input_path, witness_path=work_dir / "witness.json")
    prove(
        circuit=circuit, witness_path=work_dir / "witness.json", proof_path=work_dir / "proof.json"
    )
    return json.loads((work_dir / "proof.json").read_text())
