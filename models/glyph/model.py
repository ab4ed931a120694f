"""The glyph model: a fixed keyword spotter, a trained decoder and a fixed prompt texture.

prompt bytes (64) -> char indicators (one Gather of a 0/1 table) -> word channels (products of
shifted indicators along the prefix trie of vocab.py) -> "on" splits positions into subject and
background (exclusive prefix sum of the separator channel, clipped to 1) -> word counts
z = [subject counts of every word, background counts of the colours]
-> h = relu(z W1 + b1) -> colours = clip(z Wcz + h Wch + bc, 0, 1) (subject RGB, background RGB),
   mask = clip(h Wm + bm, 0, 1) on the left half, mirrored
-> image = A + K * (background + mask * (subject - background)) + texture(prompt).

The texture is a fixed pseudo-random low-resolution pattern driven by a position-signed bag of
all bytes, folded by a triangle wave (a chain of Abs) so it never saturates: every byte of the
prompt, known word or not, changes the image, and |texture| <= A keeps the output in [0, 1].
Every step is a Gather, Mul, Add, Sub, MatMul, ReduceSum, Relu or Abs: no lookup tables, and with
integer spotter tables no rescaling (MODEL.md has the circuit costs).
"""

from dataclasses import dataclass

import numpy as np

from models.glyph.vocab import BOUNDARY_BYTES, COLOURS, SEPARATOR, Spotter, build_spotter

PROMPT_BYTES = 64
SIDE = 16
HALF = SIDE // 2
HIDDEN = 32
TEXTURE_CHANNELS = 4
TEXTURE_SIDE = 8
# Texture amplitude and the contrast left for the picture: output = A + K * image + texture.
# Both are multiples of 2^-7 so that they are exact at the circuit's parameter scale.
TEXTURE_AMPLITUDE = 12 / 128
CONTRAST = 1 - 2 * TEXTURE_AMPLITUDE
# The texture bag (|bag| <= 64 * 2) is divided by this, then folded into [-1, 1] by
# |...||x| - 16| - 8| ... - 2| - 1: a triangle wave of period 4 over the whole range.
TEXTURE_BAG_DIVISOR = 4
TEXTURE_FOLDS = (16, 8, 4, 2)
PARAM_SCALE = 7
TEXTURE_SEED = 7007


@dataclass(frozen=True)
class Layout:
    """Fixed (untrained) structure and constants of the graph."""

    spotter: Spotter
    char_table: np.ndarray  # (128, 1 + letters + TEXTURE_CHANNELS) small integers
    subject_channels: np.ndarray  # channel indices pooled on the subject side
    background_channels: np.ndarray  # colour channels pooled on the background side
    separator_channel: int
    texture_signs: np.ndarray  # (64, TEXTURE_CHANNELS) +-1
    texture_weights: np.ndarray  # (TEXTURE_CHANNELS, TEXTURE_SIDE^2 * 3): one +-A per column

    @property
    def letters(self) -> int:
        return len(self.spotter.letters)

    @property
    def features(self) -> int:
        return len(self.subject_channels) + len(self.background_channels)


def build_layout() -> Layout:
    spotter = build_spotter()
    letters = len(spotter.letters)
    table = np.zeros((128, 1 + letters + TEXTURE_CHANNELS), np.float32)
    table[list(BOUNDARY_BYTES), 0] = 1
    for i, letter in enumerate(spotter.letters):
        table[ord(letter), 1 + i] = 1
    rng = np.random.default_rng(TEXTURE_SEED)
    texture_bytes = rng.choice([-2, -1, 1, 2], (128, TEXTURE_CHANNELS))
    texture_bytes[0] = 0  # padding past the prompt's end adds nothing
    table[:, 1 + letters :] = texture_bytes
    signs = rng.choice([-1.0, 1.0], (PROMPT_BYTES, TEXTURE_CHANNELS)).astype(np.float32)
    # Each low-resolution value follows one channel with a random sign.
    values = TEXTURE_SIDE * TEXTURE_SIDE * 3
    weights = np.zeros((TEXTURE_CHANNELS, values), np.float32)
    weights[rng.integers(TEXTURE_CHANNELS, size=values), np.arange(values)] = rng.choice(
        [-TEXTURE_AMPLITUDE, TEXTURE_AMPLITUDE], values
    )
    separator = spotter.words.index(SEPARATOR)
    colours = [spotter.words.index(c) for c in COLOURS]
    subject = [i for i in range(len(spotter.words)) if i != separator]
    return Layout(
        spotter=spotter,
        char_table=table,
        subject_channels=np.array(subject),
        background_channels=np.array(colours),
        separator_channel=separator,
        texture_signs=signs,
        texture_weights=weights,
    )


def shift_rows(length: int, offset: int) -> np.ndarray:
    """Row indices reading position p + offset, with ``length`` (the padding row) outside."""
    p = np.arange(length) + offset
    return np.where((p >= 0) & (p < length), p, length)


def mirror_index() -> np.ndarray:
    """Full-image pixel -> left-half mask index (row-major, HALF columns per row)."""
    y, x = np.divmod(np.arange(SIDE * SIDE), SIDE)
    return y * HALF + np.where(x < HALF, x, SIDE - 1 - x)


def upsample_index() -> np.ndarray:
    """Full-image (pixel, channel) -> low-resolution texture (pixel, channel) index."""
    y, rest = np.divmod(np.arange(SIDE * SIDE * 3), SIDE * 3)
    x, c = np.divmod(rest, 3)
    f = SIDE // TEXTURE_SIDE
    return ((y // f) * TEXTURE_SIDE + x // f) * 3 + c


def word_channels(layout: Layout, inputs: np.ndarray) -> np.ndarray:
    """(N, 64) bytes -> (N, 64, channels) 0/1 word detections at each word's first letter."""
    spotter = layout.spotter
    chars = layout.char_table[inputs]  # (N, 64, cols)
    padded = np.concatenate([chars, np.broadcast_to(layout.char_table[0], chars[:, :1].shape)], 1)

    def shifted(offset: int) -> np.ndarray:
        return padded[:, shift_rows(PROMPT_BYTES, offset)]

    level = shifted(-1)[:, :, [0]]  # boundary before the word
    values = []
    for depth, nodes in enumerate(spotter.levels):
        parents = np.array([p for p, _ in nodes])
        columns = np.array([c for _, c in nodes])
        base = level if depth == 0 else level[:, :, parents]
        level = base * shifted(depth)[:, :, columns]
        values.append(level)
    out = []
    for depth, node, needs_boundary in spotter.channels:
        channel = values[depth][:, :, node]
        if needs_boundary:
            channel = channel * shifted(depth + 1)[:, :, 0]
        out.append(channel)
    return np.stack(out, -1)


def background_gate(layout: Layout, channels: np.ndarray) -> np.ndarray:
    """(N, 64, C) -> (N, 64): 1 at positions after a separator, else 0."""
    separator = channels[:, :, layout.separator_channel]
    before = np.concatenate([np.zeros_like(separator[:, :1]), np.cumsum(separator, 1)[:, :-1]], 1)
    return np.minimum(before, 1)


def word_counts(layout: Layout, inputs: np.ndarray) -> np.ndarray:
    """(N, 64) bytes -> (N, features) z: subject counts, then background colour counts."""
    channels = word_channels(layout, inputs)
    gate = background_gate(layout, channels)
    subject = np.einsum("np,npc->nc", 1 - gate, channels[:, :, layout.subject_channels])
    background = np.einsum("np,npc->nc", gate, channels[:, :, layout.background_channels])
    return np.concatenate([subject, background], 1).astype(np.float32)


def triangle(x, xp=np):
    """Triangle wave of period 4 with values in [-1, 1], exact for |x| <= 2 * TEXTURE_FOLDS[0]."""
    folded = xp.abs(x)
    for fold in TEXTURE_FOLDS:
        folded = xp.abs(folded - fold)
    return folded - 1


def texture(layout: Layout, inputs: np.ndarray) -> np.ndarray:
    """(N, 64) bytes -> (N, SIDE, SIDE, 3) texture term including the offset A."""
    letters = layout.letters
    values = layout.char_table[inputs][:, :, 1 + letters :]
    bag = (values * layout.texture_signs).sum(1) / TEXTURE_BAG_DIVISOR
    bag = triangle(bag)
    low = bag @ layout.texture_weights + TEXTURE_AMPLITUDE
    return low[:, upsample_index()].reshape(-1, SIDE, SIDE, 3)


PARAM_SHAPES = {
    "W1": lambda f: (f, HIDDEN),
    "b1": lambda f: (HIDDEN,),
    "Wcz": lambda f: (f, 6),
    "Wch": lambda f: (HIDDEN, 6),
    "bc": lambda f: (6,),
    "Wm": lambda f: (HIDDEN, SIDE * HALF),
    "bm": lambda f: (SIDE * HALF,),
}


def decode(params: dict, z, xp=np):
    """Trained decoder, for numpy or jax (``xp``): z (N, F) -> colours (N, 6) in [0, 1] and the
    left-half mask (N, SIDE * HALF) in [0, 1]."""
    h = xp.maximum(z @ params["W1"] + params["b1"], 0)
    colours = xp.clip(z @ params["Wcz"] + h @ params["Wch"] + params["bc"], 0, 1)
    mask = xp.clip(h @ params["Wm"] + params["bm"], 0, 1)
    return colours, mask


def compose(colours, half_mask, xp=np):
    """Colours (N, 6) and left-half mask -> picture (N, SIDE, SIDE, 3) in [0, 1]."""
    mask = half_mask[:, mirror_index()].reshape(-1, SIDE, SIDE, 1)
    subject, background = colours[:, None, None, :3], colours[:, None, None, 3:]
    return background + mask * (subject - background)


def quantize(params: dict, scale: int = PARAM_SCALE) -> dict:
    """Weights rounded to the circuit's fixed point (what ezkl uses with param_scale)."""
    return {k: np.round(np.asarray(v, np.float64) * 2**scale) / 2**scale for k, v in params.items()}


def export_params(params: dict) -> dict:
    """Trained params as the ONNX graph holds them, quantized to the parameter scale.

    The colour head is scaled by the contrast K (clip(K x, 0, K) = K clip(x, 0, 1)), and the
    weights that read word counts are halved because the graph counts every word twice (its
    gate is 2 min(count, 1), see export.py).
    """
    folded = {k: np.asarray(v, np.float64) for k, v in params.items()}
    for key in ("Wcz", "Wch", "bc"):
        folded[key] = folded[key] * CONTRAST
    for key in ("W1", "Wcz"):
        folded[key] = folded[key] / 2
    return {k: v.astype(np.float32) for k, v in quantize(folded).items()}


def generate(layout: Layout, graph_params: dict, inputs: np.ndarray) -> np.ndarray:
    """Reference forward of the exported graph in numpy: (N, 64) bytes -> (N, SIDE, SIDE, 3)."""
    z2 = 2 * word_counts(layout, inputs)
    p = {k: np.asarray(v, np.float64) for k, v in graph_params.items()}
    h = np.maximum(z2 @ p["W1"] + p["b1"], 0)
    colours = np.clip(z2 @ p["Wcz"] + h @ p["Wch"] + p["bc"], 0, CONTRAST)
    mask = np.clip(h @ p["Wm"] + p["bm"], 0, 1)
    return compose(colours, mask) + texture(layout, inputs)
