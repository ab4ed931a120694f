"""Worst-case bounds of the glyph graph over every possible input, and its calibration set.

    .venv/bin/python -m models.glyph.bounds [--onnx models/glyph/model.onnx] [--config F]

The circuit has no lookup tables; what can fail is a range check: ezkl decomposes the input of
every Relu and Abs into decomp_legs digits of decomp_base (plus a sign), so it must satisfy
|x| * 2^scale < decomp_base^decomp_legs / 2; and the prompt Gather needs every byte to be a row of
the table. This module proves both for ALL inputs where each of the 64 positions holds any
allowed byte or 0 (a superset of canonical prompts), by interval arithmetic over the ONNX graph:

- every tensor gets an element-wise interval; Gather of the prompt takes, per column, the min and
  max over the allowed bytes; Mul, Add, Sub, Abs, Relu, MatMul, ReduceSum, Concat, Gather with
  constant indices and Reshape propagate intervals soundly;
- relu(x) - relu(x - c) and |x| - |x - c| (the graph's clips) are bounded by c whatever x is;
- one structural fact tightens the box: the word counts z are non-negative and sum to at most
  2 * MAX_DETECTIONS (the graph counts each word twice), because a detection at position p needs a
  boundary at p - 1 and letters at p and p + 1, so detections are at least 3 apart: at most
  MAX_DETECTIONS = 21 in 64 bytes. A MatMul of z by a constant W is then bounded by
  2 * 21 * max(0, max_i W_ij) above and 2 * 21 * min(0, min_i W_ij) below (a linear function over
  a simplex peaks at a vertex).

Fixed-point scales follow ezkl 21's rules for these ops: integer-valued constants have scale 0
(rebase_frac_zero_constants), other constants param_scale; Mul and MatMul add scales; Add, Sub,
Concat take the larger, except that a product with a scalar constant 2^-k (also a Div by 2^k) only
raises the scale by k; the rest keep their input's. ``calibration_inputs()`` returns prompts that
reach the extremes: every word repeated on either side of "on", the densest separators, every
allowed byte repeated, and seeded random prompts.
"""

import argparse
import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import onnx
from onnx import numpy_helper as nh

from models.codec import PROMPT_ALLOWED_CHARACTERS
from models.glyph import model as glyph_model
from models.glyph.vocab import SEPARATOR, build_spotter

HERE = Path(__file__).resolve().parent
CONFIG = HERE.parent.parent / "circuits" / "glyph" / "config.json"
PROMPT_BYTES = 64
MAX_DETECTIONS = 21
COUNTS_TENSOR = "z"
ALLOWED_BYTES = (0, *PROMPT_ALLOWED_CHARACTERS.encode("ascii"))
_RANGE_CHECKED = ("Relu", "Abs")


@dataclass
class Value:
    lo: np.ndarray
    hi: np.ndarray
    scale: int
    const: np.ndarray | None = None
    simplex_total: float | None = None  # lo = 0 and the elements sum to at most this


def _const(array: np.ndarray, param_scale: int) -> Value:
    array = np.asarray(array)
    integral = array.dtype.kind in "iu" or bool(np.all(np.mod(array, 1) == 0))
    scale = 0 if integral else param_scale
    return Value(array.astype(np.float64), array.astype(np.float64), scale, array)


def _product_scale(a: Value, b: Value) -> int:
    """ezkl turns a product with a scalar constant 2^-k into a free scale shift by k."""
    for const, other in ((a, b), (b, a)):
        c = const.const
        if c is not None and c.size == 1 and 0 < float(c) < 1 and np.log2(1 / float(c)) % 1 == 0:
            return other.scale + int(np.log2(1 / float(c)))
    return a.scale + b.scale


def _mul(a: Value, b: Value) -> tuple[np.ndarray, np.ndarray]:
    corners = np.stack(np.broadcast_arrays(a.lo * b.lo, a.lo * b.hi, a.hi * b.lo, a.hi * b.hi))
    return corners.min(0), corners.max(0)


def _matmul(a: Value, b: Value) -> tuple[np.ndarray, np.ndarray]:
    if b.const is not None and a.simplex_total is not None:
        w = b.const.astype(np.float64)
        lo = a.simplex_total * np.minimum(w.min(0), 0)
        hi = a.simplex_total * np.maximum(w.max(0), 0)
        return np.broadcast_to(lo, a.lo.shape[:-1] + lo.shape), np.broadcast_to(
            hi, a.lo.shape[:-1] + hi.shape
        )
    lo_terms, hi_terms = _mul(
        Value(a.lo[..., :, None], a.hi[..., :, None], 0), Value(b.lo[None], b.hi[None], 0)
    )
    return lo_terms.sum(-2), hi_terms.sum(-2)


def _clip_bound(node, origins: dict, values: dict) -> tuple[float, float] | None:
    """relu(x) - relu(x - c) lies in [0, c] and |x| - |x - c| in [-|c|, |c|] for every x; boxes
    alone would lose that the two terms share x."""
    a, b = (origins.get(name) for name in node.input)
    if a is None or b is None or a.op_type != b.op_type or a.op_type not in ("Relu", "Abs"):
        return None
    shifted = origins.get(b.input[0])
    if shifted is None or shifted.op_type != "Sub" or shifted.input[0] != a.input[0]:
        return None
    c = values[shifted.input[1]].const
    if c is None or c.size != 1:
        return None
    c = float(c)
    if a.op_type == "Relu":
        return (0.0, c) if c >= 0 else None
    return (-abs(c), abs(c))


def propagate(graph: onnx.GraphProto, param_scale: int) -> tuple[dict[str, Value], list[dict]]:
    """Intervals and scales of every tensor, and the range checks with their worst cases."""
    values: dict[str, Value] = {
        i.name: _const(nh.to_array(i), param_scale) for i in graph.initializer
    }
    allowed = np.array(ALLOWED_BYTES)
    values["prompt"] = Value(
        np.full((1, PROMPT_BYTES), allowed.min(), np.float64),
        np.full((1, PROMPT_BYTES), allowed.max(), np.float64),
        0,
    )
    checks = []
    origins = {}
    for node in graph.node:
        origins[node.output[0]] = node
        ins = [values[name] for name in node.input]
        attrs = {a.name: onnx.helper.get_attribute_value(a) for a in node.attribute}
        kind = node.op_type
        if kind == "Gather" and node.input[1] == "prompt":
            table = ins[0].const
            rows = table[allowed]
            shape = (1, PROMPT_BYTES, table.shape[1])
            lo = np.broadcast_to(rows.min(0), shape)
            hi = np.broadcast_to(rows.max(0), shape)
            out = Value(lo, hi, ins[0].scale)
            if allowed.max() >= table.shape[0]:
                raise ValueError("a prompt byte has no row in the Gather table")
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
        elif kind in ("Add", "Sub"):
            a, b = ins
            if kind == "Add":
                lo, hi = a.lo + b.lo, a.hi + b.hi
            else:
                lo, hi = a.lo - b.hi, a.hi - b.lo
                clip = _clip_bound(node, origins, values)
                if clip is not None:
                    lo, hi = np.maximum(lo, clip[0]), np.minimum(hi, clip[1])
            out = Value(lo, hi, max(a.scale, b.scale))
        elif kind == "Mul":
            lo, hi = _mul(*ins)
            out = Value(lo, hi, _product_scale(*ins))
        elif kind == "Div":
            d = float(ins[1].const)
            if d <= 0:
                raise ValueError(f"{node.name}: only positive divisors are handled")
            reciprocal = _const(np.float32(1 / d), param_scale)
            lo, hi = _mul(ins[0], reciprocal)
            out = Value(lo, hi, _product_scale(ins[0], reciprocal))
        elif kind == "MatMul":
            lo, hi = _matmul(*ins)
            out = Value(lo, hi, ins[0].scale + ins[1].scale)
        elif kind == "ReduceSum":
            axes = tuple(int(a) for a in ins[1].const)
            keep = bool(attrs.get("keepdims", 1))
            out = Value(
                ins[0].lo.sum(axes, keepdims=keep), ins[0].hi.sum(axes, keepdims=keep), ins[0].scale
            )
        elif kind == "Relu":
            out = Value(np.maximum(ins[0].lo, 0), np.maximum(ins[0].hi, 0), ins[0].scale)
        elif kind == "Abs":
            a = ins[0]
            lo = np.where((a.lo <= 0) & (a.hi >= 0), 0, np.minimum(abs(a.lo), abs(a.hi)))
            out = Value(lo, np.maximum(abs(a.lo), abs(a.hi)), a.scale)
        else:
            raise ValueError(f"bounds.py does not know the op {kind} ({node.name})")
        if kind in _RANGE_CHECKED:
            worst = float(max(np.abs(ins[0].lo).max(), np.abs(ins[0].hi).max()))
            checks.append(
                {"node": node.name, "op": kind, "worst_abs": worst, "scale": ins[0].scale}
            )
        if node.output[0] == COUNTS_TENSOR:
            out.lo = np.maximum(out.lo, 0)
            out.simplex_total = 2.0 * MAX_DETECTIONS
            out.hi = np.minimum(out.hi, out.simplex_total)
        values[node.output[0]] = out
    return values, checks


def range_limit(config: dict) -> int:
    """The largest |quantized value| a decomposition range check accepts (conservatively)."""
    return config["decomp_base"] ** config["decomp_legs"] // 2


def analyse(onnx_path: Path, config: dict) -> dict:
    graph = onnx.load(str(onnx_path)).graph
    values, checks = propagate(graph, config["param_scale"])
    limit = range_limit(config)
    for check in checks:
        check["worst_quantized"] = int(np.ceil(check["worst_abs"] * 2 ** check["scale"]))
        check["headroom"] = round(limit / max(check["worst_quantized"], 1), 2)
    image = values["image"]
    output_scale = values["image_flat"].scale
    return {
        "input_domain": "every position any allowed byte or 0",
        "range_limit": limit,
        "range_checks": checks,
        "all_within_limit": all(c["worst_quantized"] < limit for c in checks),
        "min_headroom": min(c["headroom"] for c in checks),
        "image_interval": [float(image.lo.min()), float(image.hi.max())],
        "output_scale": output_scale,
    }


def calibration_inputs() -> list[list[int]]:
    """Model inputs reaching the graph's extremes, for ezkl's calibration."""
    rows: list[bytes] = [b""]
    words = list(build_spotter().words)
    for word in words:
        if word == SEPARATOR:
            continue
        rows.append(((word + " ") * PROMPT_BYTES)[:PROMPT_BYTES].encode())
        rows.append((("on " + (word + " ") * PROMPT_BYTES)[:PROMPT_BYTES]).encode())
        rows.append(((word + " on ") * PROMPT_BYTES)[:PROMPT_BYTES].encode())
    rows.append(("on " * PROMPT_BYTES)[:PROMPT_BYTES].encode())
    rows.append(("on" + " on" * PROMPT_BYTES)[:PROMPT_BYTES].encode())
    rows += [bytes([b]) * PROMPT_BYTES for b in PROMPT_ALLOWED_CHARACTERS.encode()]
    # Texture extremes: bytes whose signed texture values line up at every position.
    layout = glyph_model.build_layout()
    texture = layout.char_table[:, 1 + layout.letters :]
    allowed = np.frombuffer(PROMPT_ALLOWED_CHARACTERS.encode(), np.uint8)
    for channel in range(texture.shape[1]):
        for sign in (1, -1):
            score = sign * texture[allowed, channel][None, :] * layout.texture_signs[:, [channel]]
            rows.append(bytes(allowed[np.argmax(score, 1)].tolist()))
    rng = np.random.default_rng(7)
    for _ in range(24):
        length = int(rng.integers(1, PROMPT_BYTES + 1))
        rows.append(bytes(rng.choice(allowed, length).tolist()))
    out = []
    for row in rows:
        padded = list(row[:PROMPT_BYTES]) + [0] * (PROMPT_BYTES - len(row[:PROMPT_BYTES]))
        out.append(padded)
    return out


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--onnx", type=Path, default=HERE / "model.onnx")
    parser.add_argument("--config", type=Path, default=CONFIG)
    args = parser.parse_args(argv)
    config = json.loads(args.config.read_text())
    print(json.dumps(analyse(args.onnx, config), indent=2))


if __name__ == "__main__":
    main()
