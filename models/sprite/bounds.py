"""Worst-case bounds of the sprite graph over every possible input, and its calibration set.

    .venv/bin/python -m models.sprite.bounds [--onnx models/sprite/model.onnx] [--config F]

Two things can make an allowed prompt unprovable: a Gather index outside its table (a dynamic
lookup fails) and a value too large for ezkl's decomposition range checks
(|x| * 2^scale < decomp_base^decomp_legs / 2). This module bounds every tensor of the ONNX graph
by interval arithmetic for ALL inputs where each of the 64 positions holds any allowed byte or 0
(a superset of canonical prompts), with ezkl 21's scale rules (integer constants scale 0, others
param_scale; Mul and MatMul add scales, Add, Sub and Concat take the larger). Boxes alone lose
three structural facts, which tighten named tensors:

- rows: at most one spotter level resolves a word at a position (a resolved word ends the
  state), so each position's meaning row is one table row;
- chosen: each first-word channel is 1 at most once (it is x * prod(1 - earlier x) over 0/1 x),
  so each chosen row is one meaning row;
- size: size words are at least 3 letters plus a boundary and add at most 5 each, at most
  MAX_SIZE_WORDS_SUM = 65 in 64 bytes (huge 5 per 5 bytes, big 4 per 4 bytes);
- 0/1 values: a position holds at most one event (a word starts at a letter, punctuation is not
  one, and a word has one meaning), so "events" is 0 or 1; the look-ahead scan's partial results
  are the one-hot kind of the first event in a window (at most one); "to_bg" is 0 or 1 because
  the next event is at most one kind; sums over a first-word channel are 0 or 1; the size
  one-hot has one 1, so "covered" is 0 or 1 and "local" one row of the cell map;
- value_index: stride, start and offsets of the tile values are those of natural tiles or those
  of tinted tiles together (one 0/1 flag), so the index is the larger of the two worst cases;
- bg_code and bg_mod: the noun's default only enters when no background colour (modifier) word
  was found, so each is one code, at most len(COLOURS) and len(MODIFIERS) - 1.

Every Gather with a computed index is checked against its table under these bounds.
``calibration_inputs()`` returns prompts that reach the extremes (every word, densest relations,
size words and punctuation, every byte repeated) and seeded random prompts.
"""

import argparse
import json
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import onnx
from onnx import numpy_helper as nh

from models.codec import PROMPT_ALLOWED_CHARACTERS
from models.sprite import model, vocab

HERE = Path(__file__).resolve().parent
CONFIG = HERE.parent.parent / "circuits" / "sprite" / "config.json"
PROMPT_BYTES = 64
ALLOWED_BYTES = (0, *PROMPT_ALLOWED_CHARACTERS.encode("ascii"))
MAX_SIZE_WORDS_SUM = 65


@dataclass
class Value:
    lo: np.ndarray
    hi: np.ndarray
    scale: int
    const: np.ndarray | None = None


def _const(array: np.ndarray, param_scale: int) -> Value:
    array = np.asarray(array)
    integral = array.dtype.kind in "iu" or bool(np.all(np.mod(array, 1) == 0))
    scale = 0 if integral else param_scale
    return Value(array.astype(np.float64), array.astype(np.float64), scale, array)


def _mul(a: Value, b: Value) -> tuple[np.ndarray, np.ndarray]:
    corners = np.stack(np.broadcast_arrays(a.lo * b.lo, a.lo * b.hi, a.hi * b.lo, a.hi * b.hi))
    return corners.min(0), corners.max(0)


ZERO_ONE = re.compile(
    r"^(events|not_event|next_[ab]0|[ab]_s\d+|ba\d+|[ab]\d+|after_any|after_none|"
    r"open_bg|to_bg|to_s|any|none|group_b|first_b|sides2?|covered)$"
)


def _structural(name: str, value: Value, values: dict) -> None:
    if name == "value_index":
        table = len(values["tile_values_table"].const)
        tiles = table // (model.TILE_VALUES + model.TINTED_VALUES)
        stride, start, offsets = model.tile_addressing(tiles, np.array([0, 1]))
        worst = (start + (tiles - 1) * stride + offsets.max(1)).max()
        value.lo, value.hi = np.maximum(value.lo, 0), np.minimum(value.hi, worst)
    if name == "local":
        value.lo, value.hi = (
            np.maximum(value.lo, 0),
            np.minimum(value.hi, values["cell_local"].hi.max()),
        )
    if name == "bg_code":
        value.hi = np.minimum(value.hi, len(vocab.COLOURS))
    if name == "bg_mod":
        value.hi = np.minimum(value.hi, len(vocab.MODIFIERS) - 1)
    if ZERO_ONE.match(name):
        value.lo, value.hi = np.clip(value.lo, 0, 1), np.clip(value.hi, 0, 1)
    if name in ("rows", "chosen"):
        table = "flags_table" if name == "rows" else "codes_table"
        last = len(values[table].const) - 1
        value.lo, value.hi = np.maximum(value.lo, 0), np.minimum(value.hi, last)
    elif name == "size":
        value.lo, value.hi = np.maximum(value.lo, 0), np.minimum(value.hi, MAX_SIZE_WORDS_SUM)


def propagate(graph: onnx.GraphProto, param_scale: int) -> tuple[dict[str, Value], list[dict]]:
    """Intervals and scales of every tensor, and every computed-index lookup with its range."""
    values = {i.name: _const(nh.to_array(i), param_scale) for i in graph.initializer}
    allowed = np.array(ALLOWED_BYTES, np.float64)
    values["prompt"] = Value(
        np.full((1, PROMPT_BYTES), allowed.min()), np.full((1, PROMPT_BYTES), allowed.max()), 0
    )
    lookups = []
    for node in graph.node:
        ins = [values[name] for name in node.input]
        attrs = {a.name: onnx.helper.get_attribute_value(a) for a in node.attribute}
        kind = node.op_type
        if kind == "Gather" and ins[1].const is None:
            table, index = ins[0].const, ins[1]
            lookups.append(
                {
                    "node": node.name,
                    "index": [float(index.lo.min()), float(index.hi.max())],
                    "rows": int(table.shape[0]),
                    "within": bool(index.lo.min() >= 0 and index.hi.max() < table.shape[0]),
                }
            )
            lo_rows = int(max(index.lo.min(), 0))
            hi_rows = int(min(index.hi.max(), table.shape[0] - 1))
            part = table[lo_rows : hi_rows + 1].astype(np.float64)
            shape = index.lo.shape + table.shape[1:]
            out = Value(
                np.broadcast_to(part.min(0), shape).copy(),
                np.broadcast_to(part.max(0), shape).copy(),
                ins[0].scale,
            )
        elif kind == "Gather":
            index, axis = ins[1].const.astype(np.int64), attrs.get("axis", 0)
            out = Value(
                np.take(ins[0].lo, index, axis), np.take(ins[0].hi, index, axis), ins[0].scale
            )
        elif kind == "Reshape":
            shape = ins[1].const.astype(np.int64)
            out = Value(ins[0].lo.reshape(shape), ins[0].hi.reshape(shape), ins[0].scale)
        elif kind == "Concat":
            axis = attrs["axis"]
            out = Value(
                np.concatenate([v.lo for v in ins], axis),
                np.concatenate([v.hi for v in ins], axis),
                max(v.scale for v in ins),
            )
        elif kind == "Add":
            out = Value(
                ins[0].lo + ins[1].lo, ins[0].hi + ins[1].hi, max(ins[0].scale, ins[1].scale)
            )
        elif kind == "Sub":
            out = Value(
                ins[0].lo - ins[1].hi, ins[0].hi - ins[1].lo, max(ins[0].scale, ins[1].scale)
            )
        elif kind == "Mul":
            lo, hi = _mul(*ins)
            out = Value(lo, hi, ins[0].scale + ins[1].scale)
        elif kind == "MatMul":
            a, b = ins
            lo_terms, hi_terms = _mul(
                Value(a.lo[..., :, None], a.hi[..., :, None], 0),
                Value(b.lo[None], b.hi[None], 0),
            )
            out = Value(lo_terms.sum(-2), hi_terms.sum(-2), a.scale + b.scale)
        elif kind == "ReduceSum":
            axes = tuple(int(x) for x in ins[1].const)
            keep = bool(attrs.get("keepdims", 1))
            out = Value(
                ins[0].lo.sum(axes, keepdims=keep), ins[0].hi.sum(axes, keepdims=keep), ins[0].scale
            )
        else:
            raise ValueError(f"bounds.py does not know the op {kind} ({node.name})")
        _structural(node.output[0], out, values)
        values[node.output[0]] = out
    return values, lookups


def range_limit(config: dict) -> int:
    """The largest |quantized value| a decomposition range check accepts (conservatively)."""
    return config["decomp_base"] ** config["decomp_legs"] // 2


def analyse(onnx_path: Path, config: dict) -> dict:
    graph = onnx.load(str(onnx_path)).graph
    values, lookups = propagate(graph, config["param_scale"])
    limit = range_limit(config)
    computed = {n.output[0] for n in graph.node}
    worst = {
        name: int(np.ceil(max(abs(v.lo).max(), abs(v.hi).max()) * 2**v.scale))
        for name, v in values.items()
        if name in computed
    }
    largest = max(worst, key=worst.get)
    image = values["image"]
    return {
        "input_domain": "every position any allowed byte or 0",
        "range_limit": limit,
        "largest_tensor": {"name": largest, "worst_quantized": worst[largest]},
        "lookups": lookups,
        "all_within_limit": all(v < limit for v in worst.values())
        and all(entry["within"] for entry in lookups),
        "min_headroom": round(limit / max(worst[largest], 1), 2),
        "image_interval": [float(image.lo.min()), float(image.hi.max())],
        "output_scale": values["image_flat"].scale,
    }


def _pad(row: bytes) -> list[int]:
    row = row[:PROMPT_BYTES]
    return list(row) + [0] * (PROMPT_BYTES - len(row))


def calibration_inputs() -> list[list[int]]:
    """Model inputs reaching the graph's extremes, for ezkl's calibration."""
    rows: list[bytes] = [b""]
    # Every known word, packed into prompts, alone and after a relation word.
    for prefix in ("", "on "):
        line = prefix
        for m in vocab.meanings():
            if len(line) + len(m.word) + 1 > PROMPT_BYTES:
                rows.append(line.strip().encode())
                line = prefix
            line += m.word + " "
        rows.append(line.strip().encode())
    rows.append(("on " * PROMPT_BYTES).encode())
    rows.append(("huge " * PROMPT_BYTES).encode())
    rows.append(("a, " * PROMPT_BYTES).encode())
    rows += [bytes([b]) * PROMPT_BYTES for b in PROMPT_ALLOWED_CHARACTERS.encode()]
    rows += [p.encode() for p in vocab.DESCRIBE_EXAMPLES]
    allowed = np.frombuffer(PROMPT_ALLOWED_CHARACTERS.encode(), np.uint8)
    rng = np.random.default_rng(7)
    for _ in range(24):
        length = int(rng.integers(1, PROMPT_BYTES + 1))
        rows.append(bytes(rng.choice(allowed, length).tolist()))
    return [_pad(row) for row in rows]


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--onnx", type=Path, default=HERE / "model.onnx")
    parser.add_argument("--config", type=Path, default=CONFIG)
    args = parser.parse_args(argv)
    config = json.loads(args.config.read_text())
    report = analyse(args.onnx, config)
    report["lookups"] = [e for e in report["lookups"] if not e["within"]] or "all within"
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
