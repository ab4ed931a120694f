"""Writes the sprite ONNX graph from its Layout, op for op as model.generate computes it.

ezkl sees Gathers of constant tables with computed int64 indices (dynamic lookups, about 3 rows per
value read; the table entries need their own 2^logrows), Gathers with constant indices for shifts
and column picks (free), Concat, Reshape, and Mul/Add/Sub/ReduceSum/MatMul on 0/1 and small
integers at scale 0; per pixel, only one Mul or Add per value. Index arithmetic is int64 so
onnxruntime and ezkl agree exactly on every lookup.
"""

import numpy as np
import onnx
from onnx import TensorProto
from onnx import helper as oh
from onnx import numpy_helper as nh

from models.sprite import model, vocab
from models.sprite.model import (
    CODE_BG_COLOUR,
    CODE_BG_MODIFIER,
    CODE_COLOUR,
    CODE_MODIFIER,
    CODE_SUBJECT,
    CODES,
    FLAG_BACKGROUND,
    FLAG_COLOUR,
    FLAG_MODIFIER,
    FLAG_RELATION,
    FLAG_SIZE,
    FLAG_SUBJECT,
    PROMPT_BYTES,
    SCAN_STEPS,
    SIDE,
    Layout,
)

OPSET = 17
N = PROMPT_BYTES


class _Graph:
    def __init__(self):
        self.nodes, self.inits, self._names = [], [], set()

    def const(self, name: str, value, dtype=None) -> str:
        if name in self._names:
            raise ValueError(f"duplicate name {name}")
        self._names.add(name)
        array = np.asarray(value)
        if dtype is not None:
            array = array.astype(dtype)
        elif array.dtype.kind == "f":
            array = array.astype(np.float32)
        elif array.dtype.kind in "iub":
            array = array.astype(np.int64)
        self.inits.append(nh.from_array(array, name))
        return name

    def op(self, kind: str, inputs: list[str], name: str, **attrs) -> str:
        self.nodes.append(oh.make_node(kind, inputs, [name], name=name, **attrs))
        return name

    def pick(self, x: str, index, axis: int, name: str) -> str:
        return self.op(
            "Gather", [x, self.const(f"{name}_idx", np.asarray(index, np.int64))], name, axis=axis
        )

    def lookup(self, table, index: str, name: str) -> str:
        return self.op("Gather", [self.const(f"{name}_table", table), index], name, axis=0)

    def shift(self, x: str, offset: int, pad, width: int, name: str, dtype=np.int64) -> str:
        """x (64, width) read at p + offset, ``pad`` outside the prompt."""
        padded = self.op(
            "Concat",
            [x, self.const(f"{name}_pad", np.full((1, width), pad), dtype)],
            f"{name}_padded",
            axis=0,
        )
        p = np.arange(N) + offset
        rows = np.where((p >= 0) & (p < N), p, N)
        return self.pick(padded, rows, 0, name)


def build_graph(layout: Layout) -> onnx.ModelProto:
    g = _Graph()
    i64 = np.int64
    chars = g.lookup(layout.char_table, "prompt", "chars")  # (1, 64, C)
    chars = g.op("Reshape", [chars, g.const("chars_shape", [N, model.CHAR_COLUMNS])], "chars2d")
    classes = g.pick(chars, [0], 1, "classes")  # (64, 1)
    boundary = g.pick(chars, [1], 1, "boundary")
    delimiter = g.pick(chars, [2], 1, "delimiter")

    # Spotter: level-2 state from (boundary before, two letters), then one lookup per letter.
    before = g.shift(boundary, -1, 1, 1, "boundary_before")
    pair = g.op(
        "Add",
        [
            g.op("Mul", [classes, g.const("classes_x", i64(vocab.CLASSES))], "classes_x28"),
            g.shift(classes, 1, 0, 1, "class1"),
        ],
        "pair",
    )
    pair = g.op("Add", [pair, g.const("one", i64(1))], "pair1")
    index = g.op("Mul", [before, pair], "level2_index")
    state = g.lookup(layout.level2, index, "level2")  # (64, 1)
    resolved = []
    for d, (step, split) in enumerate(zip(layout.steps, layout.splits, strict=True)):
        at = g.shift(classes, 2 + d, 0, 1, f"class{2 + d}")
        index = g.op(
            "Add",
            [g.op("Mul", [state, g.const(f"x28_{d}", i64(vocab.CLASSES))], f"state{d}_x28"), at],
            f"step{d}_index",
        )
        value = g.lookup(step, index, f"step{d}")  # (64, 1)
        if d == len(layout.steps) - 1:
            # The last level only resolves words: its split needs no state column.
            resolved.append(g.lookup(split[:, 1], value, f"split{d}"))
            break
        parts = g.lookup(split, value, f"split{d}")  # (64, 1, 2)
        parts = g.op("Reshape", [parts, g.const(f"split{d}_shape", [N, 2])], f"split{d}_2d")
        state = g.pick(parts, [0], 1, f"state{d}")
        resolved.append(g.pick(parts, [1], 1, f"resolved{d}"))
    rows = resolved[0]
    for d, r in enumerate(resolved[1:], start=1):
        rows = g.op("Add", [rows, r], "rows" if d == len(resolved) - 1 else f"rows{d}")
    f = g.lookup(layout.flag_table, rows, "flags")  # (64, 1, 6)
    f = g.op("Reshape", [f, g.const("flags_shape", [N, 6])], "f")

    # Phrase rules.
    kinds = g.pick(f, [FLAG_BACKGROUND, FLAG_SUBJECT], 1, "kinds")  # (64, 2)
    events = g.op(
        "ReduceSum",
        [
            g.pick(f, [FLAG_BACKGROUND, FLAG_SUBJECT, FLAG_RELATION], 1, "event_flags"),
            g.const("axis1", [1]),
        ],
        "event_sum",
        keepdims=1,
    )
    events = g.op("Add", [events, delimiter], "events")  # (64, 1)
    a = g.shift(kinds, 1, 0, 2, "next_a0")
    b = g.shift(g.op("Sub", [g.const("one_b", i64(1)), events], "not_event"), 1, 1, 1, "next_b0")
    for step in model.LOOKAHEAD_STEPS:
        shifted_a = g.shift(a, step, 0, 2, f"a_s{step}")
        a = g.op("Add", [a, g.op("Mul", [b, shifted_a], f"ba{step}")], f"a{step}")
        if step != model.LOOKAHEAD_STEPS[-1]:
            b = g.op("Mul", [b, g.shift(b, step, 1, 1, f"b_s{step}")], f"b{step}")
    after = a  # (64, 2): the next event is a background noun, a subject noun

    def prefix_product(x: str, width: int, name: str) -> str:
        out = g.shift(x, -1, 1, width, f"{name}_p0")
        for step in SCAN_STEPS:
            moved = g.shift(out, -step, 1, width, f"{name}_s{step}")
            out = g.op("Mul", [out, moved], f"{name}{step}")
        return out

    one = g.const("one_i", i64(1))
    group_a = g.pick(f, [FLAG_RELATION, FLAG_SUBJECT, FLAG_BACKGROUND], 1, "group_a")
    product_a = prefix_product(g.op("Sub", [one, group_a], "not_a"), 3, "prod_a")
    first_a = g.op("Mul", [group_a, product_a], "first_a")
    relation_before = g.op("Sub", [one, g.pick(product_a, [0], 1, "no_relation")], "rel_before")
    after_bg = g.pick(after, [0], 1, "after_bg")
    after_none = g.op(
        "Sub",
        [one, g.op("ReduceSum", [after, g.const("axis1b", [1])], "after_any", keepdims=1)],
        "after_none",
    )
    to_bg = g.op("Add", [after_bg, g.op("Mul", [after_none, relation_before], "open_bg")], "to_bg")
    to_s = g.op("Sub", [one, to_bg], "to_s")
    sides = g.pick(g.op("Concat", [to_s, to_bg], "sides2", axis=1), [0, 1, 0, 1], 1, "sides")
    flags_b = g.pick(f, [FLAG_COLOUR, FLAG_COLOUR, FLAG_MODIFIER, FLAG_MODIFIER], 1, "flags_b")
    group_b = g.op("Mul", [flags_b, sides], "group_b")
    product_b = prefix_product(g.op("Sub", [one, group_b], "not_b"), 4, "prod_b")
    first_b = g.op("Mul", [group_b, product_b], "first_b")
    # first: subject, ground, subject colour, background colour, subject/background modifier
    first = g.op("Concat", [g.pick(first_a, [1, 2], 1, "first_a2"), first_b], "first", axis=1)
    chosen = g.op(
        "ReduceSum",
        [g.op("Mul", [first, rows], "first_rows"), g.const("axis0", [0])],
        "chosen",
        keepdims=1,
    )  # (1, 6) meaning rows of the first words, 0 where none
    none = g.op(
        "Sub", [one, g.op("ReduceSum", [first, g.const("axis0b", [0])], "any", keepdims=1)], "none"
    )
    c = g.lookup(layout.code_table, chosen, "codes")  # (1, 6, CODES)
    c = g.op("Reshape", [c, g.const("codes_shape", [1, 6 * CODES])], "codes_flat")

    def code(word: int, column: int, name: str) -> str:
        return g.pick(c, [word * CODES + column], 1, name)  # (1, 1)

    def scalar(x: str, k: int, name: str) -> str:
        return g.pick(x, [k], 1, name)

    modifiers = g.const("modifiers", i64(len(vocab.MODIFIERS)))
    subject = code(0, CODE_SUBJECT, "subject")
    size = g.op(
        "ReduceSum",
        [g.pick(f, [FLAG_SIZE], 1, "size_levels"), g.const("axis0s", [0])],
        "size",
        keepdims=1,
    )  # (1, 1)
    subject_row = g.op(
        "Add",
        [
            g.op("Mul", [code(2, CODE_COLOUR, "colour_s"), modifiers], "colour_s5"),
            code(4, CODE_MODIFIER, "mod_s"),
        ],
        "subject_row",
    )
    no_bg_colour = scalar(none, 3, "no_bg_colour")
    bg_code = g.op(
        "Add",
        [
            code(3, CODE_COLOUR, "colour_b"),
            g.op("Mul", [no_bg_colour, code(1, CODE_BG_COLOUR, "ground_colour")], "ground_c"),
        ],
        "bg_code",
    )
    bg_mod = g.op(
        "Add",
        [
            code(5, CODE_MODIFIER, "mod_b"),
            g.op(
                "Mul",
                [
                    g.op("Mul", [scalar(none, 5, "no_bg_mod"), no_bg_colour], "ground_gate"),
                    code(1, CODE_BG_MODIFIER, "ground_mod"),
                ],
                "ground_m",
            ),
        ],
        "bg_mod",
    )
    background_row = g.op(
        "Add", [g.op("Mul", [bg_code, modifiers], "bg_code5"), bg_mod], "background_row"
    )

    # Decoder.
    sizes = len(model.SIZE_CELLS)
    onehot = g.lookup(layout.size_onehot, size, "size_onehot")  # (1, 1, sizes)
    onehot = g.op("Reshape", [onehot, g.const("onehot_shape", [1, sizes])], "onehot")
    covered = g.op("MatMul", [onehot, g.const("cell_in", layout.cell_in)], "covered")  # (1, 64)
    local = g.op("MatMul", [onehot, g.const("cell_local", layout.cell_local)], "local")
    block = g.op("Mul", [subject, g.const("block", i64(model.CELLS_PER_SUBJECT))], "subject_block")
    cell_index = g.op("Add", [g.op("Mul", [covered, block], "covered_block"), local], "cells")
    tiles = g.lookup(layout.grid, cell_index, "grid")  # (1, 64)
    ink = g.lookup(layout.subject_colour, subject_row, "subject_colour")  # (1, 1, 3)
    ink = g.op("Reshape", [ink, g.const("ink_shape", [1, 3])], "ink")
    tinted = g.lookup(layout.tinted, subject_row, "tinted")  # (1, 1) 0/1
    tinted = g.op("Reshape", [tinted, g.const("tinted_shape", [1, 1])], "tinted2d")
    # Tinted subjects read the compact shade tiles: another start, stride and offsets.
    stride = g.op(
        "Sub",
        [
            g.const("stride_natural", i64(model.TILE_VALUES)),
            g.op(
                "Mul",
                [tinted, g.const("stride_saving", i64(model.TILE_VALUES - model.TINTED_VALUES))],
                "stride_cut",
            ),
        ],
        "tile_stride",
    )
    start = g.op(
        "Mul",
        [tinted, g.const("tinted_start", i64(layout.tile_count * model.TILE_VALUES))],
        "start",
    )
    offsets = g.op(
        "Add",
        [
            g.const("offsets_natural", model.value_offsets(0)[None]),
            g.op(
                "Mul",
                [
                    tinted,
                    g.const(
                        "offsets_delta", (model.value_offsets(1) - model.value_offsets(0))[None]
                    ),
                ],
                "offsets_shift",
            ),
        ],
        "offsets",
    )  # (1, TILE_VALUES)
    tiles = g.op("Reshape", [tiles, g.const("tiles_shape", [N, 1])], "tiles")
    base = g.op("Add", [g.op("Mul", [tiles, stride], "tile_base"), start], "tile_start")
    value_index = g.op("Add", [base, offsets], "value_index")  # (64, TILE_VALUES)
    values = g.lookup(layout.tiles, value_index, "tile_values")
    values = g.op(
        "Reshape", [values, g.const("values_shape", [1, N * model.TILE_VALUES])], "values_flat"
    )
    clear = g.pick(values, model.pixel_index()[:, 0], 1, "clear_flat")
    clear = g.op("Reshape", [clear, g.const("clear_shape", [SIDE * SIDE, 1])], "clear")
    paint = g.pick(values, model.pixel_index()[:, 1:].reshape(-1), 1, "paint_flat")
    paint = g.op("Reshape", [paint, g.const("paint_shape", [SIDE * SIDE, 3])], "paint")
    bg = g.lookup(layout.background_colour, background_row, "background_colour")
    bg = g.op("Reshape", [bg, g.const("bg_shape", [1, 3])], "bg")

    # Texture: four position-signed bags of the bytes' texture values, looked up in a wave.
    tex_values = g.pick(chars, [3], 1, "tex_values")  # (64, 1)
    signed = g.op("Mul", [tex_values, g.const("tex_signs", layout.texture_signs)], "tex_signed")
    bag = g.op("ReduceSum", [signed, g.const("axis0t", [0])], "bag_sum", keepdims=1)  # (1, 4)
    bag = g.op("Add", [bag, g.const("bag_offset", i64(model.TEXTURE_RANGE))], "bag_index")
    bag = g.lookup(layout.wave, bag, "wave")  # (1, 4)
    drawn = g.op("Mul", [paint, ink], "drawn")  # (576, 3)
    low = g.op(
        "Mul",
        [
            g.pick(bag, layout.texture_channel, 1, "wave_spread"),
            g.const("tex_weight", layout.texture_weight[None].astype(np.float32)),
        ],
        "tex_low",
    )
    low = g.op(
        "Reshape",
        [low, g.const("low_shape", [model.TEXTURE_SIDE * model.TEXTURE_SIDE, 3])],
        "tex_low3",
    )
    base = g.op("Add", [low, bg], "base_low")
    base = g.pick(base, model.upsample_index(), 0, "base")  # (576, 3)
    out = g.op("Add", [g.op("Mul", [clear, base], "behind"), drawn], "image_flat")
    g.op("Reshape", [out, g.const("image_shape", [1, SIDE, SIDE, 3])], "image")

    graph = oh.make_graph(
        g.nodes,
        "sprite",
        [oh.make_tensor_value_info("prompt", TensorProto.INT64, [1, N])],
        [oh.make_tensor_value_info("image", TensorProto.FLOAT, [1, SIDE, SIDE, 3])],
        g.inits,
    )
    onnx_model = oh.make_model(
        graph, opset_imports=[oh.make_opsetid("", OPSET)], producer_name="proofmint-sprite"
    )
    onnx_model.ir_version = 8
    onnx_model.doc_string = "Generated by models/sprite/train.py (export.py); do not edit."
    onnx.checker.check_model(onnx_model, full_check=True)
    return onnx_model
