"""The sprite model: a table-driven word spotter, phrase rules and a tile-codebook decoder.

prompt bytes (64) -> letter class, boundary, punctuation and texture values (one Gather)
-> spotter: per position, a level-2 state from (boundary before, two letters), then one lookup per
   further letter (vocab.Automaton) until a word resolves; the word's meaning row gives its flags
   (one Gather): relation, subject, size level, background noun, colour, modifier
-> phrase rules (products of 0/1 values only): a suffix scan finds the next event after every
   position (background noun, subject noun or phrase end), a prefix product says whether a
   relation word came before; colour and modifier words go to the background or the subject
   (vocab.describe); prefix products keep the first word of each role, whose codes are read once
-> codes: subject index, subject colour x modifier, background colour x modifier (or the
   background noun's default), sum of size levels
-> decoder: size class (Gather), tile ids of the subject's 8 x 8 cells at that size (Gather),
   3 x 3 x 4 tile values per cell (Gather): 1 - alpha and premultiplied RGB, or for a tinted
   subject 1 - alpha and the shade (compact tinted tiles)
-> image = (1 - alpha) * (background + texture) + paint * ink, ink = (1, 1, 1) or the named
   colour; the texture is a wave table looked up with four position-signed bags of the bytes.

Everything before the decoder is integer at scale 0 in the circuit; the decoder's tables hold
fixed-point values on the 2^-7 grid. No Relu, Abs or Div: no range checks at all.
"""

from dataclasses import dataclass

import numpy as np

from models.sprite import vocab
from models.sprite.dataset import SPRITE_SIDES

PROMPT_BYTES = 64
SIDE = 24
TILE = 3
GRID = SIDE // TILE  # 8 x 8 cells
SIZE_CELLS = tuple(s // TILE for s in SPRITE_SIDES)  # 4, 6, 8 cells across
CELLS_PER_SUBJECT = sum(n * n for n in SIZE_CELLS)
# Size words add their levels (tiny 1 .. huge 5); the sum picks the drawn size: 1 or 2 (tiny,
# small) is small (12 px), anything else, also no size word (0), large (24 px).
MAX_SIZE_SUM = 5 * 21  # at most 21 words start in 64 bytes
SIZE_NAMES = ("small", "large")
CHANNELS = 4  # 1 - alpha, then premultiplied RGB (or the shade thrice, tinted variant)
TILE_VALUES = TILE * TILE * CHANNELS
# A tinted tile stores (1 - alpha, shade) per pixel; its shade is read three times.
TINTED_VALUES = TILE * TILE * 2
PARAM_SCALE = 7
TEXTURE_CHANNELS = 4
TEXTURE_SIDE = 8
TEXTURE_AMPLITUDE = 8 / 128
# Every byte has a texture value in {-2, -1, 1, 2}; a bag sums them with fixed position signs,
# so |bag| <= 128, and a random wave table turns each bag value into a texture weight.
TEXTURE_RANGE = 128
TEXTURE_SEED = 7007
SCAN_STEPS = (1, 2, 4, 8, 16, 32)
# The next-event scan looks 31 characters ahead: a colour word belongs to a noun within that.
LOOKAHEAD_STEPS = (1, 2, 4, 8, 16)
# Columns of the flag table (read at every position) and the code table (read only for the
# first word of each role: a lookup costs about 3 rows per value).
# FLAG_SIZE holds the size level itself (size words add up; no first-word scan).
FLAG_RELATION, FLAG_SUBJECT, FLAG_SIZE, FLAG_BACKGROUND, FLAG_COLOUR, FLAG_MODIFIER = range(6)
CODE_SUBJECT, CODE_BG_COLOUR, CODE_BG_MODIFIER, CODE_COLOUR, CODE_MODIFIER = range(5)
CODES = 5
# First-word channels.
X_SUBJECT, X_COLOUR_S, X_COLOUR_B, X_MOD_S, X_MOD_B, X_SIZE, X_BACKGROUND = range(7)
CHAR_COLUMNS = 4  # letter class, boundary, delimiter, texture value


def _quantize(x) -> np.ndarray:
    return np.round(np.asarray(x, np.float64) * 2**PARAM_SCALE) / 2**PARAM_SCALE


def modify(rgb, modifier: str) -> np.ndarray:
    rgb = np.asarray(rgb, np.float64)
    if modifier == "light":
        return rgb + (1 - rgb) * 0.5
    if modifier == "dark":
        return rgb * 0.42
    if modifier == "pale":
        grey = rgb.mean()
        return (rgb * 0.5 + grey * 0.5) + (1 - (rgb * 0.5 + grey * 0.5)) * 0.6
    if modifier == "bright":
        return np.clip((rgb - rgb.mean()) * 1.35 + rgb.mean() + 0.06, 0, 1)
    return rgb


def colour_rows() -> np.ndarray:
    """((colours + 1) * modifiers, 3) RGB: row code * 5 + modifier; code 0 is the neutral."""
    bases = [vocab.NEUTRAL_RGB, *vocab.COLOURS.values()]
    return np.array([modify(b, m) for b in bases for m in vocab.MODIFIERS])


@dataclass(frozen=True)
class Layout:
    """Every constant table of the graph (the codebook and grid come from training)."""

    char_table: np.ndarray  # (128, CHAR_COLUMNS) integers
    level2: np.ndarray  # (785,)
    steps: tuple[np.ndarray, ...]
    splits: tuple[np.ndarray, ...]  # (values, 2): next state, meaning row
    flag_table: np.ndarray  # (rows, 6) 0/1
    code_table: np.ndarray  # (rows, 6) small integers
    subject_colour: np.ndarray  # (rows, 3): ink RGB, 1 when untinted
    tinted: np.ndarray  # (rows,) 1 when the prompt names the subject's colour
    background_colour: np.ndarray  # (rows, 3)
    size_onehot: np.ndarray  # (MAX_SIZE_SUM + 1, 2)
    cell_in: np.ndarray  # (2, 64): cell covered by the sprite at that size
    cell_local: np.ndarray  # (2, 64): 1 + cell's row in the subject's block, 0 outside
    grid: np.ndarray  # (1 + subjects * CELLS_PER_SUBJECT,) tile ids
    tiles: np.ndarray  # natural tiles (K * TILE_VALUES), then tinted tiles (K * TINTED_VALUES)
    tile_count: int
    texture_signs: np.ndarray  # (64, TEXTURE_CHANNELS)
    wave: np.ndarray  # (2 * TEXTURE_RANGE + 1,) values in [-1, 1] on the 2^-3 grid
    texture_channel: np.ndarray  # (TEXTURE_SIDE^2 * 3,) which wave each texture value follows
    texture_weight: np.ndarray  # (TEXTURE_SIDE^2 * 3,) +-A

    @property
    def subjects(self) -> int:
        return (len(self.grid) - 1) // CELLS_PER_SUBJECT


def meaning_rows() -> tuple[np.ndarray, np.ndarray, dict[tuple, int]]:
    """Flag and code tables (row 0: no word) and each meaning key's row."""
    flags, codes, index = [np.zeros(6, np.int64)], [np.zeros(CODES, np.int64)], {}
    for m in vocab.meanings():
        if m.key() in index:
            continue
        index[m.key()] = len(flags)
        flags.append(
            np.array(
                [m.relation, m.subject > 0, m.size, m.background, m.colour > 0, m.modifier > 0],
                np.int64,
            )
        )
        codes.append(
            np.array(
                [
                    max(m.subject - 1, 0),
                    m.background_colour,
                    m.background_modifier,
                    m.colour,
                    m.modifier,
                ],
                np.int64,
            )
        )
    return np.stack(flags), np.stack(codes), index


def char_table(rng: np.random.Generator) -> np.ndarray:
    table = np.zeros((128, CHAR_COLUMNS), np.int64)
    for b in range(128):
        table[b, 0] = vocab.char_class(b)
    table[list(vocab.BOUNDARY_BYTES), 1] = 1
    table[list(vocab.DELIMITER_BYTES), 2] = 1
    table[:, 3] = rng.choice([-2, -1, 1, 2], 128)
    table[0, 3] = 0  # padding adds nothing
    return table


def cell_maps() -> tuple[np.ndarray, np.ndarray]:
    sizes = len(SIZE_CELLS)
    cell_in = np.zeros((sizes, GRID * GRID), np.int64)
    cell_local = np.zeros((sizes, GRID * GRID), np.int64)
    offset = 0
    for s, n in enumerate(SIZE_CELLS):
        start = (GRID - n) // 2
        for k in range(n * n):
            y, x = divmod(k, n)
            cell = (start + y) * GRID + start + x
            cell_in[s, cell] = 1
            cell_local[s, cell] = 1 + offset + k
        offset += n * n
    return cell_in, cell_local


def tile_variants(centres: np.ndarray) -> np.ndarray:
    """(K, TILE*TILE*5) learned tiles (alpha, premultiplied RGB, shade) -> flat table: natural
    tiles (1 - alpha, RGB per pixel), then tinted tiles (1 - alpha, shade per pixel)."""
    c = centres.reshape(len(centres), TILE * TILE, 5)
    clear = 1 - c[..., :1]
    natural = np.concatenate([clear, c[..., 1:4]], -1).reshape(-1)
    tinted = np.concatenate([clear, c[..., 4:]], -1).reshape(-1)
    return np.concatenate([natural, tinted])


def value_offsets(tinted: int) -> np.ndarray:
    """Offsets of a tile's TILE_VALUES reads (pixel-major, CHANNELS each) from its start."""
    pixel, channel = np.divmod(np.arange(TILE_VALUES), CHANNELS)
    if tinted:
        return pixel * 2 + np.minimum(channel, 1)
    return np.arange(TILE_VALUES)


def tile_addressing(tile_count: int, tinted: np.ndarray):
    """Per prompt: (stride, start, offsets) so that value j of tile id k is at
    start + k * stride + offsets[j]; tinted is 0 or 1."""
    stride = TILE_VALUES - (TILE_VALUES - TINTED_VALUES) * tinted
    start = tile_count * TILE_VALUES * tinted
    delta = value_offsets(1) - value_offsets(0)
    offsets = value_offsets(0)[None] + tinted[:, None] * delta[None]
    return stride, start, offsets


def build_layout(grid: np.ndarray, tiles: np.ndarray) -> Layout:
    rng = np.random.default_rng(TEXTURE_SEED)
    chars = char_table(rng)
    flag_table, code_table, key_row = meaning_rows()
    entries = vocab.meanings()
    auto = vocab.build_automaton(entries)
    splits = []
    for split in auto.splits:
        rows = [(s, key_row[entries[m - 1].key()] if m else 0) for s, m in split]
        splits.append(np.array(rows, np.int64))
    colours = colour_rows()
    t = np.ones((len(colours), 1))
    t[: len(vocab.MODIFIERS)] = 0  # code 0: no colour named, natural colours
    subject_colour = t * colours + (1 - t)
    size_class = [0 if total in (1, 2) else 1 for total in range(MAX_SIZE_SUM + 1)]
    size_onehot = np.eye(len(SIZE_CELLS), dtype=np.int64)[size_class]
    cell_in, cell_local = cell_maps()
    signs = rng.choice([-1, 1], (PROMPT_BYTES, TEXTURE_CHANNELS)).astype(np.int64)
    values = TEXTURE_SIDE * TEXTURE_SIDE * 3
    channel = rng.integers(TEXTURE_CHANNELS, size=values)
    wave = rng.integers(-8, 9, 2 * TEXTURE_RANGE + 1) / 8
    weight = rng.choice([-TEXTURE_AMPLITUDE, TEXTURE_AMPLITUDE], values)
    return Layout(
        char_table=chars,
        level2=np.array(auto.level2, np.int64),
        steps=tuple(np.array(s, np.int64) for s in auto.steps),
        splits=tuple(splits),
        flag_table=flag_table,
        code_table=code_table,
        subject_colour=_quantize(subject_colour),
        tinted=t[:, 0].astype(np.int64),
        background_colour=_quantize(colours),
        size_onehot=size_onehot,
        cell_in=cell_in,
        cell_local=cell_local,
        grid=np.asarray(grid, np.int64),
        tiles=_quantize(tile_variants(tiles)).reshape(-1),
        tile_count=len(tiles),
        texture_signs=signs,
        wave=wave,
        texture_channel=channel,
        texture_weight=weight,
    )


# ---- reference forward in numpy, op for op what export.py writes ----


def shifted(x: np.ndarray, offset: int, pad) -> np.ndarray:
    """x[:, p + offset] along axis 1, ``pad`` outside."""
    out = np.full_like(x, pad)
    n = x.shape[1]
    if offset >= 0:
        out[:, : n - offset] = x[:, offset:]
    else:
        out[:, -offset:] = x[:, : n + offset]
    return out


def spot_rows(layout: Layout, inputs: np.ndarray) -> np.ndarray:
    """(N, 64) bytes -> (N, 64) meaning row of the word starting at each position (0: none)."""
    chars = layout.char_table[inputs]
    classes = chars[:, :, 0]
    boundary_before = shifted(chars[:, :, 1], -1, 1)
    index = boundary_before * (vocab.CLASSES * classes + shifted(classes, 1, 0) + 1)
    state = layout.level2[index]
    meaning = np.zeros_like(state)
    for d, (step, split) in enumerate(zip(layout.steps, layout.splits, strict=True)):
        value = step[state * vocab.CLASSES + shifted(classes, 2 + d, 0)]
        state, resolved = split[value, 0], split[value, 1]
        meaning = meaning + resolved
    return meaning


def prefix_product(x: np.ndarray) -> np.ndarray:
    """Exclusive prefix product along axis 1 (1 at position 0)."""
    out = shifted(x, -1, 1)
    for step in SCAN_STEPS:
        out = out * shifted(out, -step, 1)
    return out


def next_event(events: np.ndarray, kinds: np.ndarray) -> np.ndarray:
    """events (N, 64) 0/1, kinds (N, 64, K) one-hot of each event -> (N, 64, K): the kind of the
    first event strictly after each position (all 0 if none)."""
    a = shifted(kinds, 1, 0)
    b = shifted(1 - events, 1, 1)[..., None]
    for step in LOOKAHEAD_STEPS:
        a = a + b * shifted(a, step, 0)
        b = b * shifted(b, step, 1)
    return a


def codes(layout: Layout, inputs: np.ndarray) -> np.ndarray:
    """(N, 64) bytes -> (N, 5): subject, subject colour row, background colour row, sum of the
    size levels, and the number of words spotted (for tests)."""
    rows = spot_rows(layout, inputs)
    f = layout.flag_table[rows]  # (N, 64, 6)
    delimiter = layout.char_table[inputs][:, :, 2]
    kinds = f[..., [FLAG_BACKGROUND, FLAG_SUBJECT]]
    events = f[..., [FLAG_BACKGROUND, FLAG_SUBJECT, FLAG_RELATION]].sum(-1) + delimiter
    after = next_event(events, kinds)
    group_a = f[..., [FLAG_RELATION, FLAG_SUBJECT, FLAG_BACKGROUND]]
    product_a = prefix_product(1 - group_a)
    first_a = group_a * product_a
    relation_before = 1 - product_a[..., 0]
    to_bg = after[..., 0] + (1 - after.sum(-1)) * relation_before
    sides = np.stack([1 - to_bg, to_bg, 1 - to_bg, to_bg], -1)
    group_b = f[..., [FLAG_COLOUR, FLAG_COLOUR, FLAG_MODIFIER, FLAG_MODIFIER]] * sides
    first_b = group_b * prefix_product(1 - group_b)
    first = np.concatenate([first_a[..., 1:], first_b], -1)  # subject, ground, cs, cb, ms, mb
    chosen = (first * rows[..., None]).sum(1)  # (N, 6) rows of the first words
    none = 1 - first.sum(1)
    c = layout.code_table[chosen]  # (N, 6, CODES)
    modifiers = len(vocab.MODIFIERS)
    subject = c[:, 0, CODE_SUBJECT]
    size = f[..., FLAG_SIZE].sum(1)
    subject_row = c[:, 2, CODE_COLOUR] * modifiers + c[:, 4, CODE_MODIFIER]
    no_bg_colour = none[:, 3]
    bg_code = c[:, 3, CODE_COLOUR] + no_bg_colour * c[:, 1, CODE_BG_COLOUR]
    bg_mod = c[:, 5, CODE_MODIFIER] + none[:, 5] * no_bg_colour * c[:, 1, CODE_BG_MODIFIER]
    background_row = bg_code * modifiers + bg_mod
    return np.stack([subject, subject_row, background_row, size, (rows > 0).sum(1)], 1)


def waves(layout: Layout, inputs: np.ndarray) -> np.ndarray:
    """(N, 64) bytes -> (N, TEXTURE_CHANNELS) wave values in [-1, 1]: four position-signed bags
    of the bytes' texture values, each looked up in the wave table."""
    values = layout.char_table[inputs][:, :, 3:]
    bag = (values * layout.texture_signs).sum(1)
    return layout.wave[bag + TEXTURE_RANGE]


def texture_low(layout: Layout, inputs: np.ndarray) -> np.ndarray:
    """(N, 64) bytes -> (N, TEXTURE_SIDE^2, 3) background texture values in [-A, A]."""
    low = waves(layout, inputs)[:, layout.texture_channel] * layout.texture_weight
    return low.reshape(-1, TEXTURE_SIDE * TEXTURE_SIDE, 3)


def upsample_index() -> np.ndarray:
    """Image pixel -> texture cell (row-major)."""
    y, x = np.divmod(np.arange(SIDE * SIDE), SIDE)
    f = SIDE // TEXTURE_SIDE
    return (y // f) * TEXTURE_SIDE + x // f


def pixel_index() -> np.ndarray:
    """(pixel, channel) -> index into the (cells * TILE_VALUES) flat tile values."""
    y, x = np.divmod(np.arange(SIDE * SIDE), SIDE)
    cell = (y // TILE) * GRID + x // TILE
    inner = (y % TILE) * TILE + x % TILE
    return (cell * TILE_VALUES + inner * CHANNELS)[:, None] + np.arange(CHANNELS)


def tile_ids(layout: Layout, subject: np.ndarray, size: np.ndarray) -> np.ndarray:
    onehot = layout.size_onehot[size]  # (N, 3)
    covered = onehot @ layout.cell_in
    local = onehot @ layout.cell_local
    return layout.grid[covered * (subject[:, None] * CELLS_PER_SUBJECT) + local]


def pixels(layout: Layout, tiles: np.ndarray, tinted: np.ndarray) -> np.ndarray:
    """(N, 64) tile ids, (N,) 0/1 -> (N, SIDE * SIDE, CHANNELS) decoded channels."""
    stride, start, offsets = tile_addressing(layout.tile_count, tinted)
    base = tiles * stride[:, None] + start[:, None]
    flat = layout.tiles[base[:, :, None] + offsets[:, None, :]]
    return flat.reshape(len(tiles), -1)[:, pixel_index()]


def generate(layout: Layout, inputs: np.ndarray) -> np.ndarray:
    """Reference forward: (N, 64) bytes -> (N, SIDE, SIDE, 3) float images."""
    c = codes(layout, inputs)
    tinted = layout.tinted[c[:, 1]]
    channels = pixels(layout, tile_ids(layout, c[:, 0], c[:, 3]), tinted)
    ink = layout.subject_colour[c[:, 1]]  # (N, 3)
    bg = layout.background_colour[c[:, 2]]  # (N, 3)
    base = (bg[:, None, :] + texture_low(layout, inputs))[:, upsample_index()]
    image = channels[..., :1] * base + channels[..., 1:] * ink[:, None, :]
    return image.reshape(len(inputs), SIDE, SIDE, 3)
