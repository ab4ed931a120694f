"""ezkl's settings.json: its canonical form and the public-instance layout it implies."""

import json
from pathlib import Path

from models.codec import PROMPT_INSTANCE_COUNT, PUBLIC_INSTANCE_COUNT


class LayoutError(ValueError):
    """The circuit's public instances are not the 64 prompt instances, or its output is not
    committed by polycommit."""


def canonicalize_settings(path: Path) -> dict:
    """Rewrites settings.json so equal inputs give equal bytes, and returns it.

    ezkl 21 stamps the wall-clock time into ``timestamp`` and fills ``required_lookups`` and
    ``required_range_checks`` from Rust HashSets, whose order changes from process to process.
    The order also decides the circuit's column layout, so the compiled circuit and the
    verifying key inherit it: compile and set up only from the canonical file.
    """
    path = Path(path)
    settings = json.loads(path.read_text())
    settings["timestamp"] = None
    settings["required_lookups"] = sorted(
        settings["required_lookups"], key=lambda op: json.dumps(op, sort_keys=True)
    )
    settings["required_range_checks"] = sorted(settings["required_range_checks"])
    path.write_text(json.dumps(settings, indent=2) + "\n")
    return settings


def instance_layout(settings: dict) -> dict:
    """The layout ezkl lays out for input "public", output "polycommit": one instance column
    holding the flattened prompt input and nothing else (the output is committed in the proof, not
    in an instance). Raises LayoutError for any other shape, since the contract and packages/core
    compute exactly this."""
    input_shapes = settings["model_instance_shapes"]
    prompt_count = sum(_product(shape) for shape in input_shapes)
    poseidon = settings["module_sizes"].get("poseidon") or [0, [0]]
    polycommit = settings["module_sizes"].get("polycommit") or []
    if (
        len(input_shapes) != 1
        or prompt_count != PROMPT_INSTANCE_COUNT
        or prompt_count != PUBLIC_INSTANCE_COUNT
        or poseidon[0]
        or not polycommit
    ):
        raise LayoutError(
            f"expected {PROMPT_INSTANCE_COUNT} prompt instances and a polycommit output; settings "
            f"have input shapes {input_shapes}, poseidon {poseidon}, polycommit {polycommit}"
        )
    return {
        "count": PUBLIC_INSTANCE_COUNT,
        "prompt": {
            "offset": 0,
            "count": PROMPT_INSTANCE_COUNT,
            "scale": settings["model_input_scales"][0],
            "rule": "byte i of the prompt (0 past its end) << scale",
        },
    }


def _product(shape: list[int]) -> int:
    result = 1
    for size in shape:
        result *= size
    return result
