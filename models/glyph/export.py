"""Writes the glyph ONNX graph from the layout and the exported (folded, quantized) params.

The graph is written op by op so that ezkl sees only cheap operations: one Gather of the prompt
into an integer table (ezkl: a dynamic lookup, scale 0), constant-index Gathers for shifts,
channel picks and mirroring (static, free), Mul/Add/Sub/MatMul/ReduceSum (one cell per element
or multiply-accumulate) and Relu for the few clips. Integer-valued constants keep scale 0
(``rebase_frac_zero_constants``), so word counts stay integers and no rescaling Div is needed.
"""

import numpy as np
import onnx
from onnx import TensorProto
from onnx import helper as oh
from onnx import numpy_helper as nh

from models.glyph.model import (
    CONTRAST,
    PROMPT_BYTES,
    SIDE,
    TEXTURE_AMPLITUDE,
    TEXTURE_BAG_DIVISOR,
    TEXTURE_FOLDS,
    TEXTURE_SIDE,
    Layout,
    mirror_index,
    shift_rows,
    upsample_index,
)

OPSET = 17


class _Graph:
    def __init__(self):
        self.nodes, self.inits, self._names = [], [], set()

    def const(self, name: str, value) -> str:
        if name in self._names:
            raise ValueError(f"duplicate name {name}")
        self._names.add(name)
        array = np.asarray(value)
        if array.dtype.kind == "f":
            array = array.astype(np.float32)
        self.inits.append(nh.from_array(array, name))
        return name

    def op(self, kind: str, inputs: list[str], name: str, **attrs) -> str:
        self.nodes.append(oh.make_node(kind, inputs, [name], name=name, **attrs))
        return name

    def pick(self, x: str, index, axis: int, name: str) -> str:
        return self.op(
            "Gather", [x, self.const(f"{name}_idx", np.asarray(index, np.int64))], name, axis=axis
        )

    def double_clip(self, x: str, high: float, name: str) -> str:
        """2 clip(x, 0, high) = |x| - |x - high| + high: two Abs (about 17 cells each in ezkl)
        are cheaper than two Relu (about 22); callers fold the factor 2 away."""
        shifted = self.op("Sub", [x, self.const(f"{name}_high", np.float32(high))], f"{name}_sub")
        diff = self.op(
            "Sub",
            [self.op("Abs", [x], f"{name}_abs"), self.op("Abs", [shifted], f"{name}_abs_high")],
            f"{name}_diff",
        )
        return self.op("Add", [diff, self.const(f"{name}_offset", np.float32(high))], name)

    def clip(self, x: str, high: float, name: str) -> str:
        """clip(x, 0, high) = relu(x) - relu(x - high)."""
        low = self.op("Relu", [x], f"{name}_pos")
        over = self.op("Sub", [x, self.const(f"{name}_high", np.float32(high))], f"{name}_sub")
        return self.op("Sub", [low, self.op("Relu", [over], f"{name}_over")], name)


def build_graph(layout: Layout, params: dict) -> onnx.ModelProto:
    """The glyph ONNX model for ``params`` as returned by model.export_params."""
    g = _Graph()
    spotter = layout.spotter
    letters = layout.letters
    cols = layout.char_table.shape[1]

    chars = g.op("Gather", [g.const("char_table", layout.char_table), "prompt"], "chars", axis=0)
    chars = g.op(
        "Reshape", [chars, g.const("chars_shape", np.array([PROMPT_BYTES, cols]))], "chars2d"
    )
    # Row 64 stands for every position outside the prompt: byte 0, a boundary.
    padded = g.op(
        "Concat", [chars, g.const("pad_row", layout.char_table[:1])], "chars_padded", axis=0
    )
    shifted: dict[int, str] = {}

    def shift(offset: int) -> str:
        if offset not in shifted:
            shifted[offset] = g.pick(padded, shift_rows(PROMPT_BYTES, offset), 0, f"shift{offset}")
        return shifted[offset]

    # A Gather of one constant index re-assigns its whole input in ezkl 21 (thousands of cells);
    # two or more indices are free, so single columns are always picked twice.
    levels = []
    for depth, nodes in enumerate(spotter.levels):
        columns = g.pick(shift(depth), [c for _, c in nodes], 1, f"letters{depth}")
        if depth == 0:
            base = g.pick(shift(-1), [0] * len(nodes), 1, "boundary_before")
        else:
            base = g.pick(levels[-1], [p for p, _ in nodes], 1, f"parents{depth}")
        levels.append(g.op("Mul", [base, columns], f"prefix{depth}"))
    # Word channels (all but the separator) grouped by trie depth; position[i] is channel i's
    # column in the concatenation.
    groups, position = [], {}
    for depth, level in enumerate(levels):
        members = [
            (index, node)
            for index, (d, node, needs_boundary) in enumerate(spotter.channels)
            if d == depth and not needs_boundary
        ]
        if not members:
            continue
        start = sum(width for _, width in groups)
        position.update({index: start + k for k, (index, _) in enumerate(members)})
        nodes = [node for _, node in members]
        nodes = nodes * 2 if len(nodes) == 1 else nodes
        groups.append((g.pick(level, nodes, 1, f"words{depth}"), len(nodes)))
    words = g.op("Concat", [name for name, _ in groups], "words_by_depth", axis=1)
    ((sep_depth, sep_node, _),) = [c for c in spotter.channels if c[2]]
    separator_pair = g.op(
        "Mul",
        [
            g.pick(levels[sep_depth], [sep_node, sep_node], 1, "separator_prefix"),
            g.pick(shift(sep_depth + 1), [0, 0], 1, "boundary_after"),
        ],
        "separator_pair",
    )
    separator = g.op(
        "MatMul",
        [separator_pair, g.const("first_of_pair", np.array([[1.0], [0.0]], np.float32))],
        "separator",
    )

    # Exclusive prefix sum of the separator channel by doubling steps (shifts are free).
    zero = g.const("zero_row", np.zeros((1, 1), np.float32))
    count = g.pick(
        g.op("Concat", [separator, zero], "sep_pad", axis=0),
        shift_rows(PROMPT_BYTES, -1),
        0,
        "sep_prev",
    )
    step = 1
    while step < PROMPT_BYTES:
        padded_count = g.op("Concat", [count, zero], f"scan{step}_pad", axis=0)
        moved = g.pick(padded_count, shift_rows(PROMPT_BYTES, -step), 0, f"scan{step}_moved")
        count = g.op("Add", [count, moved], f"scan{step}")
        step *= 2
    # gate2 = 2 min(count, 1): 2 after a separator, else 0. Counts come out doubled; the export
    # halves the weights that read them (model.export_params).
    gate2 = g.double_clip(count, 1.0, "gate2")
    gate_row = g.op(
        "Reshape", [gate2, g.const("gate_shape", np.array([1, PROMPT_BYTES]))], "gate_row"
    )
    subject_gate = g.op("Sub", [g.const("two", np.float32(2.0)), gate_row], "subject_gate")
    subject = g.op(
        "MatMul",
        [
            subject_gate,
            g.pick(words, [position[i] for i in layout.subject_channels], 1, "subject_words"),
        ],
        "subject_counts",
    )
    background = g.op(
        "MatMul",
        [
            gate_row,
            g.pick(words, [position[i] for i in layout.background_channels], 1, "background_words"),
        ],
        "background_counts",
    )
    z = g.op("Concat", [subject, background], "z", axis=1)  # (1, F)

    hidden = g.op(
        "Relu",
        [
            g.op(
                "Add",
                [
                    g.op("MatMul", [z, g.const("W1", params["W1"])], "zW1"),
                    g.const("b1", params["b1"]),
                ],
                "h_pre",
            )
        ],
        "h",
    )
    colour_pre = g.op(
        "Add",
        [
            g.op(
                "Add",
                [
                    g.op("MatMul", [z, g.const("Wcz", params["Wcz"])], "zWc"),
                    g.op("MatMul", [hidden, g.const("Wch", params["Wch"])], "hWc"),
                ],
                "c_sum",
            ),
            g.const("bc", params["bc"]),
        ],
        "c_pre",
    )
    colours = g.clip(colour_pre, CONTRAST, "colours")  # (1, 6) in [0, K]
    mask_pre = g.op(
        "Add",
        [g.op("MatMul", [hidden, g.const("Wm", params["Wm"])], "hWm"), g.const("bm", params["bm"])],
        "m_pre",
    )
    half_mask2 = g.double_clip(mask_pre, 1.0, "half_mask2")  # (1, SIDE * HALF), 2 mask
    mask2 = g.pick(half_mask2, mirror_index(), 1, "mask2")  # (1, SIDE * SIDE)
    mask2 = g.op("Reshape", [mask2, g.const("mask_shape", np.array([SIDE * SIDE, 1]))], "mask2_col")
    subject_rgb = g.pick(colours, [0, 1, 2], 1, "subject_rgb")
    background_rgb = g.pick(colours, [3, 4, 5], 1, "background_rgb")
    difference = g.op("Sub", [subject_rgb, background_rgb], "difference")
    # Div by a constant keeps the scale in ezkl (a rescale of 3 values, not of 768).
    half_difference = g.op(
        "Div", [difference, g.const("two_div", np.float32(2.0))], "half_difference"
    )

    texture_bytes = g.pick(shift(0), np.arange(1 + letters, cols), 1, "texture_bytes")
    signed = g.op(
        "Mul", [texture_bytes, g.const("texture_signs", layout.texture_signs)], "texture_signed"
    )
    bag = g.op("ReduceSum", [signed, g.const("bag_axes", np.array([0]))], "bag_sum", keepdims=1)
    bag = g.op(
        "Mul", [bag, g.const("bag_scale", np.float32(1 / TEXTURE_BAG_DIVISOR))], "bag_scaled"
    )
    for fold in TEXTURE_FOLDS:
        bag = g.op(
            "Sub",
            [g.op("Abs", [bag], f"bag_abs{fold}"), g.const(f"bag_fold{fold}", np.float32(fold))],
            f"bag_fold{fold}_sub",
        )
    bag = g.op(
        "Sub", [g.op("Abs", [bag], "bag_abs_last"), g.const("bag_one", np.float32(1.0))], "bag"
    )
    low = g.op("MatMul", [bag, g.const("texture_weights", layout.texture_weights)], "texture_low")
    low = g.op(
        "Add", [low, g.const("texture_offset", np.float32(TEXTURE_AMPLITUDE))], "texture_low_offset"
    )
    # Background and texture are added at low resolution (192 values), then upsampled for free.
    low = g.op(
        "Reshape",
        [low, g.const("low_shape", np.array([TEXTURE_SIDE * TEXTURE_SIDE, 3]))],
        "texture_low_rgb",
    )
    base = g.op("Add", [low, background_rgb], "base_low")
    base = g.op(
        "Reshape",
        [base, g.const("base_flat", np.array([1, TEXTURE_SIDE * TEXTURE_SIDE * 3]))],
        "base_low_flat",
    )
    base = g.pick(base, upsample_index(), 1, "base_full")
    base = g.op("Reshape", [base, g.const("base_shape", np.array([SIDE * SIDE, 3]))], "base")
    out = g.op("Add", [g.op("Mul", [mask2, half_difference], "mask_diff"), base], "image_flat")
    g.op("Reshape", [out, g.const("image_shape", np.array([1, SIDE, SIDE, 3]))], "image")

    graph = oh.make_graph(
        g.nodes,
        "glyph",
        [oh.make_tensor_value_info("prompt", TensorProto.INT64, [1, PROMPT_BYTES])],
        [oh.make_tensor_value_info("image", TensorProto.FLOAT, [1, SIDE, SIDE, 3])],
        g.inits,
    )
    model = oh.make_model(
        graph, opset_imports=[oh.make_opsetid("", OPSET)], producer_name="proofmint-glyph"
    )
    model.ir_version = 8
    model.doc_string = "Generated by models/glyph/train.py (export.py); do not edit."
    onnx.checker.check_model(model, full_check=True)
    return model
