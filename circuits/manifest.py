"""manifest.json: what was built, from what, with which SRS, and the model id.

Model id rule (v3). With d(f) the raw 32-byte SHA-256 of file f:

    digest   = SHA-256("proofmint/model-id/v3\\n" || d(model.onnx) || d(settings.json)
                       || d(vk.key) || d(kzg1.srs) || d(output_basis.bin))
    model_id = "<model>-v3-" + ("dev-" if the SRS is insecure) + hex(digest)

e.g. ``sprite-v3-dev-3f…`` for a development SRS, ``sprite-v3-3f…`` for the ceremony. The vk
commits to the weights (fixed columns), the settings to scales and layout, kzg1.srs to the g2
and s_g2 that off-chain verification reads (the vk does not hold them, and a verifier given
another s_g2 could be made to accept forged proofs), and output_basis.bin to the Lagrange points
that recompute the output commitment from the raw output (a wrong basis would let another output
pass as this token's). v2 ids (hashed outputs, no basis) are in packages/core's modelIdDigest.
"""

import hashlib
import json
import re
from pathlib import Path

import onnx

MANIFEST_VERSION = 1
MODEL_ID_DOMAIN = b"proofmint/model-id/v3\n"
MODEL_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


def model_id(
    *,
    model: str,
    onnx_sha256: str,
    settings_sha256: str,
    vk_sha256: str,
    verification_srs_sha256: str,
    output_basis_sha256: str,
    insecure: bool,
):
    """The model id of an ONNX file, settings, verifying key, k=1 verification SRS and output
    commitment basis (hex SHA-256 digests)."""
    if not MODEL_NAME.match(model):
        raise ValueError(f"model name {model!r} must match {MODEL_NAME.pattern}")
    parts = [
        onnx_sha256,
        settings_sha256,
        vk_sha256,
        verification_srs_sha256,
        output_basis_sha256,
    ]
    digest = hashlib.sha256(MODEL_ID_DOMAIN + b"".join(bytes.fromhex(p) for p in parts))
    return f"{model}-v3-{'dev-' if insecure else ''}{digest.hexdigest()}"


def onnx_signature(path: Path) -> dict:
    """Name, dtype and shape of the model's single input and single output."""
    graph = onnx.load(str(path), load_external_data=False).graph
    initializers = {init.name for init in graph.initializer}
    inputs = [value for value in graph.input if value.name not in initializers]

    def describe(value) -> dict:
        tensor = value.type.tensor_type
        return {
            "name": value.name,
            "dtype": onnx.helper.tensor_dtype_to_np_dtype(tensor.elem_type).name,
            "shape": [dim.dim_value for dim in tensor.shape.dim],
        }

    if len(inputs) != 1 or len(graph.output) != 1:
        raise ValueError(f"{path}: expected one input and one output")
    return {"input": describe(inputs[0]), "output": describe(graph.output[0])}


def write_manifest(manifest: dict, path: Path) -> None:
    Path(path).write_text(json.dumps(manifest, indent=2) + "\n")


def read_manifest(path: Path) -> dict:
    manifest = json.loads(Path(path).read_text())
    if manifest.get("manifest_version") != MANIFEST_VERSION:
        raise ValueError(f"{path}: unsupported manifest_version {manifest.get('manifest_version')}")
    return manifest
