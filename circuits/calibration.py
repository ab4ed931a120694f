"""The calibration set: the model inputs ezkl sizes its lookup tables and range checks from.

A lookup or range check that a real prompt pushes out of range makes that prompt unprovable, so
the set must contain every prompt's worst case. Only the model knows its worst cases:
``models/<model>/bounds.py`` provides them as ``calibration_inputs()``, a list of 64-integer
model inputs, and may prove them with ``analyse(onnx_path, config) -> dict``: interval bounds over
every possible input, whose ``all_within_limit`` must be true or the build stops. Without
bounds.py the build falls back to a generic set (every allowed byte repeated at every position,
the empty input and seeded random prompts) and the manifest says the worst case is not covered.
"""

import importlib
import importlib.util
import json
import random
from pathlib import Path

from models.codec import PROMPT_ALLOWED_CHARACTERS, PROMPT_INSTANCE_COUNT

_GENERIC_RANDOM_PROMPTS = 32


class CalibrationError(ValueError):
    """The calibration inputs are malformed."""


def _bounds_module(model: str):
    name = f"models.{model}.bounds"
    try:
        found = importlib.util.find_spec(name)
    except ModuleNotFoundError:
        return None
    return importlib.import_module(name) if found else None


def _generic_inputs() -> list[list[int]]:
    alphabet = PROMPT_ALLOWED_CHARACTERS.encode("ascii")
    rows = [[0] * PROMPT_INSTANCE_COUNT]
    rows += [[byte] * PROMPT_INSTANCE_COUNT for byte in alphabet]
    rng = random.Random(0)
    for _ in range(_GENERIC_RANDOM_PROMPTS):
        length = rng.randint(1, PROMPT_INSTANCE_COUNT)
        row = [rng.choice(alphabet) for _ in range(length)]
        rows.append(row + [0] * (PROMPT_INSTANCE_COUNT - length))
    return rows


def _check_rows(rows, origin: str) -> list[list[int]]:
    rows = [list(row) for row in rows]
    if not rows:
        raise CalibrationError(f"{origin} returned no calibration inputs")
    for index, row in enumerate(rows):
        if len(row) != PROMPT_INSTANCE_COUNT or not all(
            isinstance(v, int) and not isinstance(v, bool) and 0 <= v < 256 for v in row
        ):
            raise CalibrationError(
                f"{origin}: calibration input {index} must be {PROMPT_INSTANCE_COUNT} integers "
                "in 0..255"
            )
    return rows


def _worst_case_analysis(module, origin: str, onnx_path: Path, config_path: Path) -> dict | None:
    if not hasattr(module, "analyse"):
        return None
    report = module.analyse(Path(onnx_path), json.loads(Path(config_path).read_text()))
    if report.get("all_within_limit") is not True:
        raise CalibrationError(
            f"{origin}: some prompt can push a range check out of range: {json.dumps(report)}"
        )
    return {
        key: report[key]
        for key in ("input_domain", "range_limit", "min_headroom", "all_within_limit")
        if key in report
    }


def calibration_inputs(
    model: str, *, onnx_path: Path, config_path: Path
) -> tuple[list[list[int]], dict]:
    """The model's calibration inputs and a description of where they come from, with the
    model's worst-case analysis when it has one."""
    module = _bounds_module(model)
    if module is None:
        rows = _generic_inputs()
        return rows, {"source": "generic", "inputs": len(rows), "covers_worst_case": False}
    origin = f"models/{model}/bounds.py"
    rows = _check_rows(module.calibration_inputs(), origin)
    description = {"source": origin, "inputs": len(rows), "covers_worst_case": True}
    analysis = _worst_case_analysis(module, origin, onnx_path, config_path)
    if analysis is not None:
        description["worst_case_analysis"] = analysis
    return rows, description


def write_calibration(rows: list[list[int]], path: Path) -> None:
    """ezkl's data format: one flat list per model input; ezkl splits it into batches of the
    input's size, so the rows are concatenated."""
    flat = [value for row in rows for value in row]
    Path(path).write_text(json.dumps({"input_data": [flat]}) + "\n")
