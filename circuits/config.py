"""circuits/<model>/config.json: the ezkl run arguments and calibration options the model chose.

Keys (all optional except param_scale; keys starting with "_" are comments):
  run arguments: input_scale, param_scale, scale_rebase_multiplier, num_inner_cols, decomp_base,
    decomp_legs, bounded_log_lookup, rebase_frac_zero_constants,
    ignore_range_check_inputs_outputs, and the three visibilities, which must be
    input "public", output "polycommit", param "fixed" (the 64 prompt instances the contract
    computes, the output as the proof's first commitment, and weights that are constants of the
    circuit; "private" params would let a prover pick them);
  calibration: lookup_safety_margin (default 2, at least 1), calibration_target (default
    "resources"), max_logrows.
logrows and lookup_range are not accepted: calibration sets them.
"""

import json
from dataclasses import dataclass
from pathlib import Path

import ezkl

REQUIRED_VISIBILITY = {
    "input_visibility": "public",
    "output_visibility": "polycommit",
    "param_visibility": "fixed",
}
_RUN_ARG_TYPES = {
    "input_scale": int,
    "param_scale": int,
    "scale_rebase_multiplier": int,
    "num_inner_cols": int,
    "decomp_base": int,
    "decomp_legs": int,
    "bounded_log_lookup": bool,
    "rebase_frac_zero_constants": bool,
    "ignore_range_check_inputs_outputs": bool,
}
_CALIBRATION_TYPES = {
    "lookup_safety_margin": (int, float),
    "calibration_target": str,
    "max_logrows": int,
}


class ConfigError(ValueError):
    """config.json is missing, malformed or asks for something the circuit must not be."""


@dataclass(frozen=True)
class CircuitConfig:
    run_args: dict
    lookup_safety_margin: float
    calibration_target: str
    max_logrows: int | None

    def py_run_args(self) -> "ezkl.PyRunArgs":
        args = ezkl.PyRunArgs()
        for key, value in {**self.run_args, **REQUIRED_VISIBILITY}.items():
            setattr(args, key, value)
        return args


def _check_type(key: str, value, expected) -> None:
    types = expected if isinstance(expected, tuple) else (expected,)
    # bool is an int in Python; keep true/false out of integer fields and vice versa.
    if isinstance(value, bool) != (bool in types) or not isinstance(value, types):
        names = " or ".join(t.__name__ for t in types)
        raise ConfigError(f"config key {key!r} must be {names}, got {value!r}")


def load_config(path: Path) -> CircuitConfig:
    path = Path(path)
    try:
        raw = json.loads(path.read_text())
    except FileNotFoundError as error:
        raise ConfigError(f"{path} does not exist; the model's run arguments go there") from error
    except json.JSONDecodeError as error:
        raise ConfigError(f"{path} is not valid JSON: {error}") from error
    if not isinstance(raw, dict):
        raise ConfigError(f"{path} must hold a JSON object")
    entries = {key: value for key, value in raw.items() if not key.startswith("_")}

    for key, required in REQUIRED_VISIBILITY.items():
        if entries.pop(key, required) != required:
            raise ConfigError(f"{path}: {key} must be {required!r}, got {raw[key]!r}")
    unknown = sorted(set(entries) - set(_RUN_ARG_TYPES) - set(_CALIBRATION_TYPES))
    if unknown:
        allowed = sorted([*REQUIRED_VISIBILITY, *_RUN_ARG_TYPES, *_CALIBRATION_TYPES])
        raise ConfigError(f"{path}: unknown keys {unknown}; allowed: {allowed}")
    for key, value in entries.items():
        _check_type(key, value, {**_RUN_ARG_TYPES, **_CALIBRATION_TYPES}[key])
    if "param_scale" not in entries:
        raise ConfigError(f"{path}: param_scale is required (calibration is pinned to it)")

    margin = float(entries.get("lookup_safety_margin", 2.0))
    if margin < 1.0:
        raise ConfigError(f"{path}: lookup_safety_margin must be at least 1, got {margin}")
    return CircuitConfig(
        run_args={key: value for key, value in entries.items() if key in _RUN_ARG_TYPES},
        lookup_safety_margin=margin,
        calibration_target=entries.get("calibration_target", "resources"),
        max_logrows=entries.get("max_logrows"),
    )
