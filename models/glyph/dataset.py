"""Training and evaluation data: prompts from a small grammar and their procedural target images.

A prompt describes a subject (optional size, colour and shape words) and, after "on", a
background colour, with articles, punctuation and filler words the model does not know mixed in:
"a big red circle on a blue background", "tiny cyan stars on black", "one fluffy heart".

Targets follow fixed rules: missing shape -> circle, missing size -> medium, missing subject colour
-> white (black on a white background), missing background -> black (white behind a black subject).
The image is background + mask * (subject - background), the mask from ``shapes.render_mask``.

Held out: every (subject colour, background colour, shape) triple whose CRC-32 is 0 mod 5 never
appears in training, and evaluation prompts use their own filler words.
"""

import zlib
from dataclasses import dataclass

import numpy as np

from models.glyph import shapes
from models.glyph.vocab import COLOURS, DEFAULT_SIZE, SHAPES, SIZES, build_spotter

PROMPT_BYTES = 64
SIDE = 16
ARTICLES = ("a", "an", "the", "one", "my", "some")
BG_NOUNS = ("background", "backdrop", "field", "ground", "wall")
# Words the spotter does not know, for training and for evaluation, disjoint.
TRAIN_FILLERS = (
    "cute",
    "shiny",
    "soft",
    "old",
    "new",
    "happy",
    "glowing",
    "floating",
    "simple",
    "bright",
    "dark",
    "pale",
    "neon",
    "pixel",
    "art",
    "with",
    "and",
    "very",
    "of",
    "in",
    "little",
    "lovely",
    "quiet",
    "wooden",
    "metal",
    "glass",
    "paper",
    "vintage",
    "modern",
    "bold",
    "calm",
    "gentle",
    "wild",
    "lonely",
    "sleepy",
    "fuzzy",
    "icon",
    "logo",
    "sticker",
    "drawing",
    "picture",
    "please",
)
EVAL_FILLERS = (
    "fluffy",
    "misty",
    "ancient",
    "frozen",
    "velvet",
    "plain",
    "noisy",
    "silent",
    "dusty",
    "golden",
    "silver",
    "retro",
    "cosmic",
    "lucky",
    "magic",
    "royal",
    "sunny",
    "windy",
    "rainy",
    "foggy",
    "painted",
    "stitched",
    "emblem",
    "badge",
    "symbol",
    "token",
)


@dataclass(frozen=True)
class Scene:
    """What a prompt asks for; None means the word was left out."""

    subject: str | None
    background: str | None
    shape: str | None
    size_word: str | None


def held_out(subject: str | None, background: str | None, shape: str | None) -> bool:
    return zlib.crc32(f"{subject}|{background}|{shape}".encode()) % 5 == 0


def resolved_colours(scene: Scene) -> tuple[np.ndarray, np.ndarray]:
    """Subject and background RGB after the default rules."""
    subject, background = scene.subject, scene.background
    if subject is None:
        subject = "black" if background == "white" else "white"
    if background is None:
        background = "white" if subject == "black" else "black"
    return np.array(COLOURS[subject]), np.array(COLOURS[background])


def size_level(scene: Scene) -> int:
    return DEFAULT_SIZE if scene.size_word is None else SIZES[scene.size_word]


_PREFIXES = build_spotter().prefixes


def spotter_fires(word: str) -> bool:
    """Whether a known-word channel fires on ``word`` (fillers must not)."""
    return any(word.startswith(p) for p in _PREFIXES)


def _random_word(rng: np.random.Generator) -> str:
    while True:
        word = "".join(rng.choice(list("abcdefghijklmnopqrstuvwxyz"), rng.integers(2, 9)))
        if not spotter_fires(word) and word != "on":
            return word


def _sample_scene(rng: np.random.Generator, want_held_out: bool) -> Scene:
    colours = list(COLOURS)
    while True:
        subject = None if rng.random() < 0.1 else colours[rng.integers(len(colours))]
        background = None if rng.random() < 0.15 else colours[rng.integers(len(colours))]
        shape = None if rng.random() < 0.05 else SHAPES[rng.integers(len(SHAPES))]
        if subject is not None and subject == background:
            continue
        if held_out(subject, background, shape) == want_held_out:
            break
    size_word = None if rng.random() < 0.3 else list(SIZES)[rng.integers(len(SIZES))]
    return Scene(subject, background, shape, size_word)


def _phrase(scene: Scene, rng: np.random.Generator, fillers: list[str]) -> str:
    subject = []
    if rng.random() < 0.6:
        subject.append(ARTICLES[rng.integers(len(ARTICLES))])
    adjectives = [w for w in (scene.size_word, scene.subject) if w is not None]
    if len(adjectives) == 2 and rng.random() < 0.3:
        adjectives.reverse()
    subject += adjectives
    if scene.shape is not None:
        subject.append(scene.shape)
    elif not subject or rng.random() < 0.5:
        subject.append("thing" if rng.random() < 0.5 else "blob")
    words = subject
    if scene.background is not None:
        words = [*words, "on"]
        if rng.random() < 0.5:
            words.append(ARTICLES[rng.integers(len(ARTICLES))])
        words.append(scene.background)
        if rng.random() < 0.4:
            words.append(BG_NOUNS[rng.integers(len(BG_NOUNS))])
    for _ in range(rng.choice([0, 0, 1, 1, 2, 3])):
        filler = fillers[rng.integers(len(fillers))] if rng.random() < 0.7 else _random_word(rng)
        words.insert(int(rng.integers(len(words) + 1)), filler)
    text = " ".join(words)
    if rng.random() < 0.3:
        text += "!.?"[rng.integers(3)]
    return text


def encode(text: str) -> np.ndarray:
    """The model input for a prompt: its bytes, 0 past the end (the codec's instance rule)."""
    data = text.encode("ascii")
    if not 1 <= len(data) <= PROMPT_BYTES:
        raise ValueError(f"prompt must be 1..{PROMPT_BYTES} bytes: {text!r}")
    row = np.zeros(PROMPT_BYTES, np.int64)
    row[: len(data)] = np.frombuffer(data, np.uint8)
    return row


@dataclass(frozen=True)
class Dataset:
    prompts: list[str]
    scenes: list[Scene]
    inputs: np.ndarray  # int64 (N, 64)
    colours: np.ndarray  # float (N, 6): subject RGB, background RGB
    masks: np.ndarray  # float (N, SIDE, SIDE)
    images: np.ndarray  # float (N, SIDE, SIDE, 3)


def target_image(scene: Scene, table: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    subject, background = resolved_colours(scene)
    shape = SHAPES.index(scene.shape or "circle")
    mask = table[shape, size_level(scene)]
    image = background + mask[..., None] * (subject - background)
    return np.concatenate([subject, background]), mask, image


def make_dataset(count: int, seed: int, split: str = "train") -> Dataset:
    """``count`` prompts of ``split`` ("train" or "eval"), deterministic in ``seed``."""
    if split not in ("train", "eval"):
        raise ValueError(split)
    rng = np.random.default_rng(seed)
    fillers = TRAIN_FILLERS if split == "train" else EVAL_FILLERS
    table = shapes.mask_table(SIDE)
    prompts, scenes, colours, masks, images = [], [], [], [], []
    while len(prompts) < count:
        scene = _sample_scene(rng, want_held_out=split == "eval")
        text = _phrase(scene, rng, fillers)
        if len(text) > PROMPT_BYTES:
            continue
        c, m, im = target_image(scene, table)
        prompts.append(text)
        scenes.append(scene)
        colours.append(c)
        masks.append(m)
        images.append(im)
    return Dataset(
        prompts,
        scenes,
        np.stack([encode(p) for p in prompts]),
        np.array(colours),
        np.array(masks),
        np.array(images),
    )
