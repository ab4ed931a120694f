"""The words glyph knows, and the keyword spotter's structure derived from them.

A word is spotted by its first letters right after a boundary (start of prompt, space or
punctuation): "red" fires on "red" and "reddish", never inside "tired". The separator "on" also
needs a boundary after it, so "one" and "only" do not split the prompt.
"""

from dataclasses import dataclass

# Linear RGB in [0, 1]. gray and grey are one colour spelled two ways.
COLOURS: dict[str, tuple[float, float, float]] = {
    "red": (0.90, 0.10, 0.10),
    "orange": (1.00, 0.55, 0.00),
    "yellow": (1.00, 0.90, 0.10),
    "green": (0.10, 0.70, 0.20),
    "blue": (0.10, 0.30, 0.95),
    "cyan": (0.00, 0.85, 0.90),
    "purple": (0.55, 0.15, 0.75),
    "pink": (1.00, 0.50, 0.75),
    "brown": (0.50, 0.30, 0.10),
    "black": (0.00, 0.00, 0.00),
    "white": (1.00, 1.00, 1.00),
    "gray": (0.50, 0.50, 0.50),
    "grey": (0.50, 0.50, 0.50),
}
SHAPES = (
    "circle",
    "square",
    "triangle",
    "diamond",
    "ring",
    "cross",
    "star",
    "heart",
    "stripes",
    "checkers",
    "dots",
)
# Size words and their level on a 0..4 scale; an absent size word means "medium".
SIZES: dict[str, int] = {"tiny": 0, "small": 1, "medium": 2, "big": 3, "large": 3, "huge": 4}
SIZE_LEVELS = ("tiny", "small", "medium", "big", "huge")
DEFAULT_SIZE = 2
SEPARATOR = "on"

# Bytes that end a word: the end of the prompt (0) and every allowed non-alphanumeric byte.
BOUNDARY_BYTES = (0, *b" -',.!?")
MIN_PREFIX = 3


def colour_names() -> list[str]:
    return list(COLOURS)


def spotted_words() -> list[str]:
    """The spotter's channels, in order: colours, shapes, sizes, separator."""
    return [*COLOURS, *SHAPES, *SIZES, SEPARATOR]


def spotting_prefix(word: str, words: list[str]) -> str:
    """The shortest prefix (at least MIN_PREFIX letters, or the whole word) that no other word
    shares, so each channel fires for exactly one known word."""
    for length in range(min(MIN_PREFIX, len(word)), len(word) + 1):
        prefix = word[:length]
        if not any(other != word and other.startswith(prefix) for other in words):
            return prefix
    raise ValueError(f"{word!r} is a prefix of another word; the spotter cannot separate them")


@dataclass(frozen=True)
class Spotter:
    """Keyword spotter layout.

    letters: the letters used, one indicator column each after the boundary column 0.
    levels: per trie level d (d letters matched), the nodes as (parent index in level d-1, or -1
      for the boundary at level 0, letter column); a node's value at position p is its parent's
      value times the indicator of its letter at p + d - 1.
    channels: per spotted word, (level, node index) of its prefix and whether a boundary must
      follow it (the separator).
    """

    words: tuple[str, ...]
    prefixes: tuple[str, ...]
    letters: tuple[str, ...]
    levels: tuple[tuple[tuple[int, int], ...], ...]
    channels: tuple[tuple[int, int, bool], ...]


def build_spotter() -> Spotter:
    words = spotted_words()
    prefixes = [spotting_prefix(w, words) for w in words]
    letters = sorted({ch for p in prefixes for ch in p})
    column = {ch: i + 1 for i, ch in enumerate(letters)}
    depth = max(len(p) for p in prefixes)
    nodes: list[list[str]] = [
        sorted({p[:d] for p in prefixes if len(p) >= d}) for d in range(1, depth + 1)
    ]
    levels = []
    for d, level in enumerate(nodes):
        entries = []
        for prefix in level:
            parent = -1 if d == 0 else nodes[d - 1].index(prefix[:-1])
            entries.append((parent, column[prefix[-1]]))
        levels.append(tuple(entries))
    channels = tuple(
        (len(p) - 1, nodes[len(p) - 1].index(p), w == SEPARATOR)
        for w, p in zip(words, prefixes, strict=True)
    )
    return Spotter(tuple(words), tuple(prefixes), tuple(letters), tuple(levels), channels)
