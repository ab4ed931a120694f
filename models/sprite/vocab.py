"""The words sprite knows, what each one means, and the word spotter's automaton built from them.

    .venv/bin/python -m models.sprite.vocab   # writes vocabulary.json and describe_vectors.json

A word is spotted where it starts after a boundary (start of prompt, space or punctuation) and
its pattern matches: the shortest prefix of at least MIN_PREFIX letters that no word of another
meaning shares ("butterflies" is butterfly), or, for a word of MIN_PREFIX letters or fewer and for a
word that begins another word ("cat" in "caterpillar"), the whole word followed by an END letter
(a boundary or "s", so "cats" and "foxes" still match, "category" does not). The circuit reads
the patterns with a few table lookups per position (model.py); ``describe`` below applies the
same rules in plain Python.
"""

import json
import random
from dataclasses import dataclass
from functools import cache
from pathlib import Path

HERE = Path(__file__).resolve().parent
MIN_PREFIX = 3
BOUNDARY_BYTES = (0, *b" -',.!?")
# Punctuation that closes a phrase: a colour before it belongs to no noun after it.
DELIMITER_BYTES = tuple(b",.!?")
# How far (bytes) the phrase rules look ahead from a colour word for the noun it describes.
LOOKAHEAD = 32
# Letter classes of the automaton: 0 boundary, 1..26 a..z, 27 digit.
CLASSES = 28
END = "#"  # pattern letter: a boundary or "s" (plural); "e" too after x, s, sh, ch, o ("foxes")

# Colours in sRGB [0, 1]; several words may name one colour.
COLOURS: dict[str, tuple[float, float, float]] = {
    "red": (0.88, 0.11, 0.11),
    "orange": (1.00, 0.55, 0.05),
    "yellow": (1.00, 0.88, 0.10),
    "green": (0.15, 0.68, 0.20),
    "blue": (0.12, 0.35, 0.92),
    "cyan": (0.05, 0.82, 0.88),
    "purple": (0.55, 0.18, 0.76),
    "pink": (1.00, 0.52, 0.74),
    "brown": (0.52, 0.32, 0.13),
    "black": (0.04, 0.04, 0.05),
    "white": (0.98, 0.98, 0.98),
    "gray": (0.52, 0.52, 0.54),
    "gold": (0.95, 0.74, 0.15),
    "silver": (0.76, 0.78, 0.82),
    "beige": (0.90, 0.83, 0.66),
    "teal": (0.05, 0.55, 0.55),
    "navy": (0.07, 0.12, 0.42),
    "magenta": (0.90, 0.12, 0.65),
    "turquoise": (0.20, 0.85, 0.75),
    "maroon": (0.48, 0.07, 0.12),
    "violet": (0.62, 0.40, 0.92),
    "lavender": (0.76, 0.67, 0.95),
    "indigo": (0.28, 0.16, 0.60),
    "crimson": (0.80, 0.06, 0.24),
}
COLOUR_WORDS: dict[str, str] = {c: c for c in COLOURS} | {
    "grey": "gray",
    "golden": "gold",
    "scarlet": "red",
    "azure": "blue",
    "lilac": "lavender",
    "olive": "green",
    "emerald": "green",
    "amber": "orange",
}
# The background when a prompt names none (a word, not in COLOURS: it is no colour word).
NEUTRAL = "neutral"
NEUTRAL_RGB = (0.80, 0.80, 0.78)
# Modifiers scale a colour towards white (light, pale) or black (dark) or saturate it (bright).
MODIFIERS = ("none", "light", "dark", "pale", "bright")
MODIFIER_WORDS: dict[str, str] = {
    "light": "light",
    "dark": "dark",
    "deep": "dark",
    "pale": "pale",
    "pastel": "pale",
    "soft": "pale",
    "bright": "bright",
    "vivid": "bright",
    "neon": "bright",
    "night": "dark",
}
# Size levels 1..5 (0 means no size word, drawn as medium).
SIZE_LEVELS = ("tiny", "small", "medium", "big", "huge")
# Sums of the size words' levels that draw the subject small (12 px); any other sum draws it large.
SMALL_SIZE_SUMS = (1, 2)
SIZE_WORDS: dict[str, int] = {
    "tiny": 1,
    "little": 2,
    "small": 2,
    "mini": 1,
    "medium": 3,
    "big": 4,
    "large": 4,
    "huge": 5,
    "giant": 5,
    "enormous": 5,
}
# Words after which an uncommitted colour names the background ("on", "in front of", "with").
RELATION_WORDS = (
    "on",
    "in",
    "at",
    "by",
    "onto",
    "upon",
    "against",
    "over",
    "above",
    "under",
    "below",
    "beneath",
    "behind",
    "before",
    "front",
    "with",
    "across",
    "near",
    "beside",
    "inside",
    "among",
    "through",
)
# Background nouns and the colour each one gives when the prompt names none.
BACKGROUND_WORDS: dict[str, str | None] = {
    "background": None,
    "backdrop": None,
    "bg": None,
    "wall": None,
    "canvas": None,
    "paper": None,
    "floor": None,
    "room": None,
    "sofa": None,
    "couch": None,
    "table": None,
    "sky": "blue",
    "skies": "blue",
    "night": "blue",
    "space": "black",
    "grass": "green",
    "field": "green",
    "meadow": "green",
    "forest": "green",
    "garden": "green",
    "jungle": "green",
    "sea": "blue",
    "ocean": "blue",
    "lake": "blue",
    "river": "blue",
    "snow": "white",
    "sand": "beige",
    "beach": "beige",
    "desert": "beige",
    "sunset": "orange",
    "dusk": "purple",
}
# Light or dark defaults: a named night sky is dark, a plain sky light.
BACKGROUND_MODIFIERS = {"sky": "light", "skies": "light", "sea": "none", "snow": "none"}

# Common words that would otherwise start like a known word ("draw" like dragon, "standing" like
# star): spotting them as words with no role makes the known word's pattern longer.
NEUTRAL_WORDS = (
    "back",
    "being",
    "cool",
    "corner",
    "draw",
    "for",
    "glossy",
    "glowing",
    "heavy",
    "hot",
    "many",
    "place",
    "plain",
    "plastic",
    "playing",
    "pretty",
    "scary",
    "short",
    "show",
    "standing",
    "stone",
    "three",
    "tint",
    "walking",
)

# Subjects: (name, image source, prompt words). Source "shape:<kind>" is drawn procedurally,
# anything else is a Noto emoji short name in emoji-datasource-google. The first subject is the
# default when a prompt names none.
SUBJECTS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("circle", "shape:circle", ("circle", "disc", "disk", "ball")),
    ("square", "shape:square", ("square", "box", "block", "cube")),
    ("triangle", "shape:triangle", ("triangle", "pyramid")),
    ("diamond", "shape:diamond", ("diamond", "rhombus")),
    ("ring", "shape:ring", ("ring", "hoop")),
    ("cross", "shape:cross", ("cross", "plus")),
    ("star", "shape:star", ("star",)),
    ("heart", "shape:heart", ("heart",)),
    ("stripes", "shape:stripes", ("stripes", "striped", "lines")),
    ("checkers", "shape:checkers", ("checkers", "checkered", "chess", "checkerboard")),
    ("dots", "shape:dots", ("dots", "dotted", "spots", "polka")),
    ("cat", "cat", ("cat", "kitten", "kitty", "kittens")),
    ("dog", "dog", ("dog", "puppy", "puppies", "doggy")),
    ("fox", "fox_face", ("fox", "foxes")),
    ("wolf", "wolf", ("wolf", "wolves")),
    ("lion", "lion_face", ("lion",)),
    ("tiger", "tiger", ("tiger",)),
    ("horse", "horse", ("horse", "pony")),
    ("unicorn", "unicorn_face", ("unicorn",)),
    ("cow", "cow", ("cow", "cattle")),
    ("pig", "pig", ("pig", "piglet")),
    ("mouse", "mouse", ("mouse", "mice")),
    ("rabbit", "rabbit", ("rabbit", "bunny", "bunnies", "hare")),
    ("bear", "bear", ("bear",)),
    ("panda", "panda_face", ("panda",)),
    ("koala", "koala", ("koala",)),
    ("frog", "frog", ("frog", "toad")),
    ("monkey", "monkey_face", ("monkey", "ape")),
    ("chicken", "chicken", ("chicken", "hen")),
    ("penguin", "penguin", ("penguin",)),
    ("bird", "bird", ("bird",)),
    ("eagle", "eagle", ("eagle", "hawk")),
    ("duck", "duck", ("duck",)),
    ("owl", "owl", ("owl",)),
    ("parrot", "parrot", ("parrot",)),
    ("flamingo", "flamingo", ("flamingo",)),
    ("swan", "swan", ("swan",)),
    ("turtle", "turtle", ("turtle", "tortoise")),
    ("snake", "snake", ("snake", "serpent")),
    ("dragon", "dragon_face", ("dragon",)),
    ("dinosaur", "t-rex", ("dinosaur", "dino", "rex")),
    ("whale", "whale", ("whale",)),
    ("dolphin", "dolphin", ("dolphin",)),
    ("shark", "shark", ("shark",)),
    ("fish", "tropical_fish", ("fish", "goldfish")),
    ("octopus", "octopus", ("octopus",)),
    ("crab", "crab", ("crab",)),
    ("snail", "snail", ("snail",)),
    ("butterfly", "butterfly", ("butterfly", "butterflies", "moth")),
    ("bee", "bee", ("bee", "bumblebee")),
    ("ladybug", "ladybug", ("ladybug", "ladybird")),
    ("spider", "spider", ("spider",)),
    ("elephant", "elephant", ("elephant",)),
    ("giraffe", "giraffe_face", ("giraffe",)),
    ("zebra", "zebra_face", ("zebra",)),
    ("bat", "bat", ("bat",)),
    ("deer", "deer", ("deer",)),
    ("camel", "dromedary_camel", ("camel",)),
    ("sheep", "sheep", ("sheep", "lamb")),
    ("hamster", "hamster", ("hamster",)),
    ("raccoon", "raccoon", ("raccoon",)),
    ("llama", "llama", ("llama", "alpaca")),
    ("peacock", "peacock", ("peacock",)),
    ("tree", "deciduous_tree", ("tree",)),
    ("pine", "evergreen_tree", ("pine", "fir", "spruce")),
    ("palm", "palm_tree", ("palm",)),
    ("cactus", "cactus", ("cactus", "cacti")),
    ("flower", "hibiscus", ("flower", "blossom")),
    ("rose", "rose", ("rose",)),
    ("tulip", "tulip", ("tulip",)),
    ("sunflower", "sunflower", ("sunflower",)),
    ("leaf", "maple_leaf", ("leaf", "leaves")),
    ("clover", "four_leaf_clover", ("clover", "shamrock")),
    ("mushroom", "mushroom", ("mushroom",)),
    ("apple", "apple", ("apple",)),
    ("pear", "pear", ("pear",)),
    ("banana", "banana", ("banana",)),
    ("cherry", "cherries", ("cherry", "cherries")),
    ("strawberry", "strawberry", ("strawberry", "strawberries")),
    ("grapes", "grapes", ("grape",)),
    ("watermelon", "watermelon", ("watermelon",)),
    ("lemon", "lemon", ("lemon",)),
    ("tangerine", "tangerine", ("tangerine", "mandarin")),
    ("pineapple", "pineapple", ("pineapple",)),
    ("peach", "peach", ("peach", "peaches")),
    ("avocado", "avocado", ("avocado",)),
    ("carrot", "carrot", ("carrot",)),
    ("corn", "corn", ("corn", "maize")),
    ("pepper", "hot_pepper", ("pepper", "chili", "chilli")),
    ("broccoli", "broccoli", ("broccoli",)),
    ("tomato", "tomato", ("tomato", "tomatoes")),
    ("eggplant", "eggplant", ("eggplant", "aubergine")),
    ("bread", "bread", ("bread", "loaf")),
    ("cheese", "cheese_wedge", ("cheese",)),
    ("egg", "fried_egg", ("egg",)),
    ("burger", "hamburger", ("burger", "hamburger")),
    ("pizza", "pizza", ("pizza",)),
    ("fries", "fries", ("fries", "chips")),
    ("hotdog", "hotdog", ("hotdog", "sausage")),
    ("taco", "taco", ("taco",)),
    ("sushi", "sushi", ("sushi",)),
    ("donut", "doughnut", ("doughnut",)),
    ("cake", "cake", ("cake", "birthday")),
    ("cupcake", "cupcake", ("cupcake", "muffin")),
    ("cookie", "cookie", ("cookie", "biscuit")),
    ("icecream", "ice_cream", ("icecream", "gelato", "sundae")),
    ("lollipop", "lollipop", ("lollipop", "candy", "sweets")),
    ("coffee", "coffee", ("coffee", "tea", "mug", "cup")),
    ("house", "house", ("house", "home", "cottage")),
    ("castle", "european_castle", ("castle", "palace")),
    ("tent", "tent", ("tent",)),
    ("car", "car", ("car", "automobile")),
    ("taxi", "taxi", ("taxi", "cab")),
    ("bus", "bus", ("bus", "buses")),
    ("truck", "truck", ("truck", "lorry")),
    ("tractor", "tractor", ("tractor",)),
    ("bicycle", "bike", ("bicycle", "bike")),
    ("train", "steam_locomotive", ("train", "locomotive")),
    ("airplane", "airplane", ("airplane", "aeroplane", "jet")),
    ("helicopter", "helicopter", ("helicopter",)),
    ("rocket", "rocket", ("rocket",)),
    ("boat", "boat", ("boat", "sailboat", "ship", "yacht")),
    ("ufo", "flying_saucer", ("ufo", "saucer")),
    ("sun", "sunny", ("sun", "sunshine")),
    ("moon", "crescent_moon", ("moon",)),
    ("cloud", "cloud", ("cloud",)),
    ("rain", "rain_cloud", ("rain", "storm")),
    ("lightning", "zap", ("thunder", "bolt", "zap")),
    ("snowflake", "snowflake", ("snowflake",)),
    ("rainbow", "rainbow", ("rainbow",)),
    ("fire", "fire", ("fire", "flame")),
    ("drop", "droplet", ("drop", "droplet", "raindrop")),
    ("planet", "ringed_planet", ("planet", "saturn")),
    ("earth", "earth_africa", ("earth", "globe", "world")),
    ("volcano", "volcano", ("volcano",)),
    ("mountain", "snow_capped_mountain", ("mountain", "hill")),
    ("snowman", "snowman_without_snow", ("snowman",)),
    ("smiley", "smiley", ("smiley", "smile", "emoji")),
    ("ghost", "ghost", ("ghost",)),
    ("alien", "alien", ("alien",)),
    ("robot", "robot_face", ("robot",)),
    ("skull", "skull", ("skull",)),
    ("pumpkin", "jack_o_lantern", ("pumpkin", "halloween")),
    ("balloon", "balloon", ("balloon",)),
    ("gift", "gift", ("gift", "present")),
    ("crown", "crown", ("crown",)),
    ("gem", "gem", ("gem", "jewel", "crystal")),
    ("key", "key", ("key",)),
    ("lock", "lock", ("lock", "padlock")),
    ("bell", "bell", ("bell",)),
    ("bulb", "bulb", ("bulb", "lamp", "idea")),
    ("candle", "candle", ("candle",)),
    ("book", "closed_book", ("book",)),
    ("pencil", "pencil2", ("pencil", "pen")),
    ("scissors", "scissors", ("scissors",)),
    ("hammer", "hammer", ("hammer",)),
    ("umbrella", "umbrella", ("umbrella",)),
    ("guitar", "guitar", ("guitar",)),
    ("drum", "drum_with_drumsticks", ("drum",)),
    ("note", "musical_note", ("note", "music", "song")),
    ("clock", "alarm_clock", ("clock", "watch")),
    ("camera", "camera", ("camera",)),
    ("phone", "iphone", ("phone", "smartphone", "mobile")),
    ("computer", "computer", ("computer", "laptop")),
    ("tv", "tv", ("tv", "television")),
    ("hat", "tophat", ("hat",)),
    ("shirt", "shirt", ("shirt", "tshirt")),
    ("dress", "dress", ("dress",)),
    ("shoe", "athletic_shoe", ("shoe", "sneaker")),
    ("glasses", "eyeglasses", ("glasses", "spectacles")),
    ("football", "soccer", ("football", "soccer")),
    ("basketball", "basketball", ("basketball",)),
    ("trophy", "trophy", ("trophy",)),
    ("kite", "kite", ("kite",)),
    ("teddy", "teddy_bear", ("teddy",)),
    ("anchor", "anchor", ("anchor",)),
)

# Words that would read as a subject but are only scenery or grammar here.
assert not set(BACKGROUND_WORDS) & {w for _, _, ws in SUBJECTS for w in ws}


@dataclass(frozen=True)
class Meaning:
    """What one spotted word contributes. Codes are 0 when the word has no such role."""

    word: str
    subject: int = 0  # 1 + subject index
    colour: int = 0  # 1 + colour index
    modifier: int = 0  # index into MODIFIERS
    size: int = 0  # size level 1..5
    relation: bool = False
    background: bool = False
    background_colour: int = 0  # 1 + default colour index, 0 for the neutral default
    background_modifier: int = 0  # modifier of that default

    def key(self) -> tuple:
        """The meaning without the word: words with equal keys are synonyms."""
        return (
            self.subject,
            self.colour,
            self.modifier,
            self.size,
            self.relation,
            self.background,
            self.background_colour,
            self.background_modifier,
        )


def colour_index(name: str) -> int:
    return list(COLOURS).index(name)


def meanings() -> list[Meaning]:
    """One entry per spotted word, in a fixed order (meaning id = position + 1)."""
    out: list[Meaning] = []
    seen: set[str] = set()

    def add(m: Meaning) -> None:
        if m.word in seen:
            raise ValueError(f"{m.word!r} has two meanings")
        seen.add(m.word)
        out.append(m)

    for word, colour in COLOUR_WORDS.items():
        add(Meaning(word, colour=1 + colour_index(colour)))
    for word, modifier in MODIFIER_WORDS.items():
        if word in BACKGROUND_WORDS:
            continue
        add(Meaning(word, modifier=MODIFIERS.index(modifier)))
    for word, level in SIZE_WORDS.items():
        add(Meaning(word, size=level))
    for word in RELATION_WORDS:
        add(Meaning(word, relation=True))
    for word, default in BACKGROUND_WORDS.items():
        code = 0 if default is None else 1 + colour_index(default)
        modifier = MODIFIER_WORDS.get(word, BACKGROUND_MODIFIERS.get(word, "none"))
        add(
            Meaning(
                word,
                background=True,
                background_colour=code,
                modifier=MODIFIERS.index(MODIFIER_WORDS[word]) if word in MODIFIER_WORDS else 0,
                background_modifier=MODIFIERS.index(modifier),
            )
        )
    for index, (_, _, words) in enumerate(SUBJECTS):
        for word in words:
            add(Meaning(word, subject=1 + index))
    for word in NEUTRAL_WORDS:
        add(Meaning(word))
    return out


def patterns(entries: list[Meaning]) -> list[str]:
    """Each word's spotting pattern: a prefix no word of another meaning shares, or the whole
    word followed by END."""
    out = []
    for m in entries:
        word = m.word
        others = [o.word for o in entries if o.key() != m.key()]
        if len(word) <= MIN_PREFIX or any(o.startswith(word) for o in others):
            out.append(word + END)
            continue
        for length in range(MIN_PREFIX, len(word) + 1):
            prefix = word[:length]
            if not any(o.startswith(prefix) for o in others):
                out.append(prefix)
                break
    return out


def char_class(byte: int) -> int:
    if ord("a") <= byte <= ord("z"):
        return 1 + byte - ord("a")
    if ord("0") <= byte <= ord("9"):
        return 27
    return 0


def end_letters(word: str, others: list[str]) -> str:
    """The letters that may follow a whole word: boundary (" "), plural s, and e after x, s,
    sh, ch, o; a letter is dropped where it would run into another word ("sun" + s: sunset)."""
    letters = " s" + ("e" if word.endswith(("x", "s", "sh", "ch", "o")) else "")
    return "".join(
        ch for ch in letters if ch == " " or not any(o.startswith(word + ch) for o in others)
    )


def pattern_classes(entries: list[Meaning]) -> list[list[tuple[int, ...]]]:
    out = []
    for m, pattern in zip(entries, patterns(entries), strict=True):
        word = pattern.rstrip(END)
        classes: list[tuple[int, ...]] = [(char_class(ord(ch)),) for ch in word]
        if pattern.endswith(END):
            others = [o.word for o in entries if o.key() != m.key()]
            classes.append(tuple(char_class(ord(ch)) for ch in end_letters(word, others)))
        out.append(classes)
    return out


@dataclass(frozen=True)
class Automaton:
    """Level-by-level spotter over letter classes.

    level2[b * (28 * c0 + c1 + 1)] (b: a boundary precedes c0) is the state after two letters.
    For each later level d: step[d][state * 28 + c] is a value v; split[d][v] = (next state,
    meaning id resolved at this letter). State 0 and meaning 0 mean nothing.
    """

    level2: tuple[int, ...]
    steps: tuple[tuple[int, ...], ...]
    splits: tuple[tuple[tuple[int, int], ...], ...]

    @property
    def depth(self) -> int:
        return 2 + len(self.steps)


def build_automaton(entries: list[Meaning] | None = None) -> Automaton:
    entries = entries if entries is not None else meanings()
    words = [m.word for m in entries]
    pats = pattern_classes(entries)
    # A state is the set of patterns still alive after d letters.
    first: dict[tuple[int, int], frozenset[int]] = {}
    for i, pat in enumerate(pats):
        if len(pat) < 3:
            raise ValueError(f"pattern of {words[i]!r} is shorter than three letters")
        for c0 in pat[0]:
            for c1 in pat[1]:
                first.setdefault((c0, c1), frozenset())
                first[(c0, c1)] = first[(c0, c1)] | {i}
    states = sorted(set(first.values()), key=lambda s: sorted(s))
    ids = {s: k + 1 for k, s in enumerate(states)}
    level2 = [0] * (CLASSES * CLASSES + 1)
    for (c0, c1), alive in first.items():
        level2[CLASSES * c0 + c1 + 1] = ids[alive]
    steps, splits = [], []
    depth = 2
    while states:
        values: dict[tuple[int, int], int] = {}
        next_states: list[frozenset[int]] = []
        resolved: list[int] = []
        table = [0] * ((len(states) + 1) * CLASSES)
        for sid, alive in enumerate(states, start=1):
            for c in range(CLASSES):
                done = [i for i in alive if len(pats[i]) == depth + 1 and c in pats[i][depth]]
                going = frozenset(
                    i for i in alive if len(pats[i]) > depth + 1 and c in pats[i][depth]
                )
                if len({entries[i].key() for i in done}) > 1:
                    raise ValueError(f"ambiguous words {[words[i] for i in done]}")
                if done:
                    key = (1, done[0] + 1)
                    if key not in values:
                        resolved.append(done[0] + 1)
                        values[key] = -len(resolved)
                    table[sid * CLASSES + c] = values[key]
                elif going:
                    key = (0, going)
                    if key not in values:
                        next_states.append(going)
                        values[key] = len(next_states)
                    table[sid * CLASSES + c] = values[key]
        # Value layout: 0 nothing, 1..n next states, n+1.. resolved meanings.
        n = len(next_states)
        table = [v if v >= 0 else n - v for v in table]
        split = [(0, 0)] + [(k, 0) for k in range(1, n + 1)] + [(0, m) for m in resolved]
        steps.append(tuple(table))
        splits.append(tuple(split))
        states = next_states
        depth += 1
    return Automaton(tuple(level2), tuple(steps), tuple(splits))


@cache
def _default_automaton() -> tuple[list[Meaning], Automaton]:
    entries = meanings()
    return entries, build_automaton(entries)


def spot(text: str) -> list[tuple[int, Meaning]]:
    """(position, meaning) of every spotted word, by the automaton the circuit runs."""
    entries, auto = _default_automaton()
    data = text.encode("ascii")
    classes = [char_class(b) for b in data] + [0] * (auto.depth + 2)
    out = []
    for p in range(len(data)):
        boundary_before = p == 0 or data[p - 1] in BOUNDARY_BYTES
        if not boundary_before:
            continue
        state = auto.level2[CLASSES * classes[p] + classes[p + 1] + 1]
        for d, (step, split) in enumerate(zip(auto.steps, auto.splits, strict=True)):
            if state == 0:
                break
            state, meaning = split[step[state * CLASSES + classes[p + 2 + d]]]
            if meaning:
                out.append((p, entries[meaning - 1]))
                break
    return out


def describe(prompt: str) -> dict:
    """What the model draws for ``prompt``: the same rules as the circuit, in plain Python.

    Events are subject nouns, background nouns and phrase ends (relation words, , . ! ?). A colour
    or modifier word belongs to the background when the next event after it (within 31 bytes) is
    a background noun, or when it follows a relation word and that next event is not a subject
    noun; otherwise to the subject. The first subject noun is the object (the first subject,
    circle, when there is none); on each side the first colour and the first modifier count.
    Without a background colour, the first background noun's default colour is used. Size words
    add their levels (tiny 1, small 2, medium 3, big 4, huge 5): a sum of 1 or 2 draws the subject
    small (12 px), anything else large (24 px).
    """
    spotted = spot(prompt)
    data = prompt.encode("ascii")
    events: list[tuple[int, str]] = [
        (p, "delimiter") for p, b in enumerate(data) if b in DELIMITER_BYTES
    ]
    for p, m in spotted:
        if m.subject:
            events.append((p, "subject"))
        elif m.background:
            events.append((p, "background"))
        elif m.relation:
            events.append((p, "delimiter"))
    events.sort()
    relations = [p for p, m in spotted if m.relation]

    def side(p: int) -> str:
        after = [kind for q, kind in events if p < q < p + LOOKAHEAD]
        nxt = after[0] if after else "none"
        if nxt == "background":
            return "background"
        if nxt != "subject" and any(q < p for q in relations):
            return "background"
        return "subject"

    subject = next((m.subject for _, m in spotted if m.subject), 0)
    size_sum = sum(m.size for _, m in spotted)
    first: dict[tuple[str, str], int] = {}
    for p, m in spotted:
        s = side(p)
        if m.colour:
            first.setdefault((s, "colour"), m.colour)
        if m.modifier:
            first.setdefault((s, "modifier"), m.modifier)
    ground = next((m for _, m in spotted if m.background), None)
    background_colour = first.get(("background", "colour"), 0)
    background_modifier = first.get(("background", "modifier"), 0)
    if not background_colour and ground is not None:
        background_colour = ground.background_colour
        background_modifier = background_modifier or ground.background_modifier
    names = list(COLOURS)

    def colour_name(code: int, modifier: int) -> str | None:
        if not code:
            return None if not modifier else f"{MODIFIERS[modifier]} {NEUTRAL}"
        base = names[code - 1]
        return base if not modifier else f"{MODIFIERS[modifier]} {base}"

    subject_index = (subject or 1) - 1
    return {
        "object": SUBJECTS[subject_index][0],
        "subject_colour": colour_name(
            first.get(("subject", "colour"), 0),
            first.get(("subject", "modifier"), 0) if first.get(("subject", "colour")) else 0,
        ),
        "background_colour": colour_name(background_colour, background_modifier),
        "size": "small" if size_sum in SMALL_SIZE_SUMS else "large",
    }


DESCRIBE_EXAMPLES = (
    "a red fox in front of a dark blue night sky",
    "a big orange heart on blue",
    "a cute orange cat sitting on a blue sofa",
    "a red circle on blue",
    "cats",
    "two foxes in the snow",
    "a tiny yellow bird against a light green background",
    "blue background, a pink pig",
    "on a black background, a white ghost",
    "a green dragon with a purple background",
    "huge golden crown on dark red",
    "a small caterpillar",
    "a category of things",
    "pale blue sky with a white cloud",
    "a dark green pine tree in a snowy field",
    "a rocket over a night sky",
    "a lighthouse",
    "green",
    "a unicorn",
    "zzz qqq xxx",
    "a big red apple on a white table",
    "a cat and a dog",
    "bright yellow sun in a blue sky",
    "a grey elephant on grass",
    "the moon at night",
    "a purple octopus under the sea",
    "a brown bear in the forest",
    "a large white sheep on a green meadow",
    "a neon pink flamingo on a beach",
    "a tiny ladybug on a leaf",
    "an orange tangerine on a blue plate",
    "a red car on a grey road",
    "a blue bus",
    "a slice of pizza on a red background",
    "a huge rainbow over the sky",
    "a yellow star on a navy background",
    "white stripes on a red background",
    "black and white checkers",
    "pink dots on a light blue background",
    "a ghost in a dark room",
    "a violet butterfly, pale yellow background",
    "an old key on a brown wooden table",
    "snowflakes falling on a dark blue sky",
    "a little red robot on the moon",
)


def spotter() -> dict:
    """The spotter and phrase rules as data, for the TypeScript twin (packages/core/src/vocabulary,
    generated by scripts/generate-vocabulary.mjs): every spotted word in meaning-id order with its
    pattern (``end``: the letters that may follow a whole-word pattern, " " for any boundary or the
    end of the prompt) and the non-empty fields of its meaning, by name."""
    entries = meanings()
    names = list(COLOURS)
    words = []
    for m, pattern in zip(entries, patterns(entries), strict=True):
        entry: dict = {"word": m.word, "pattern": pattern.rstrip(END)}
        if pattern.endswith(END):
            others = [o.word for o in entries if o.key() != m.key()]
            entry["end"] = end_letters(entry["pattern"], others)
        if m.subject:
            entry["subject"] = SUBJECTS[m.subject - 1][0]
        if m.colour:
            entry["colour"] = names[m.colour - 1]
        if m.modifier:
            entry["modifier"] = MODIFIERS[m.modifier]
        if m.size:
            entry["size"] = m.size
        if m.relation:
            entry["relation"] = True
        if m.background:
            entry["background"] = True
            entry["background_colour"] = (
                names[m.background_colour - 1] if m.background_colour else None
            )
            if m.background_modifier:
                entry["background_modifier"] = MODIFIERS[m.background_modifier]
        words.append(entry)
    return {
        "boundaries": bytes(BOUNDARY_BYTES[1:]).decode("ascii"),
        "delimiters": bytes(DELIMITER_BYTES).decode("ascii"),
        "lookahead": LOOKAHEAD,
        "default_subject": SUBJECTS[0][0],
        "neutral": NEUTRAL,
        "small_size_sums": list(SMALL_SIZE_SUMS),
        "words": words,
    }


def vocabulary() -> dict:
    """Words grouped by kind, for the website's hints and token attributes."""
    return {
        "_generated": "by models/sprite/vocab.py; do not edit",
        "subjects": {name: list(words) for name, _, words in SUBJECTS},
        "colours": {name: [w for w, c in COLOUR_WORDS.items() if c == name] for name in COLOURS},
        "colour_modifiers": {
            name: [w for w, m in MODIFIER_WORDS.items() if m == name] for name in MODIFIERS[1:]
        },
        "sizes": {
            level: [w for w, v in SIZE_WORDS.items() if v == i + 1]
            for i, level in enumerate(SIZE_LEVELS)
        },
        "relations": list(RELATION_WORDS),
        "backgrounds": dict(BACKGROUND_WORDS),
        "matching": (
            "a word counts where it starts after a space or punctuation and its first letters "
            f"match (at least {MIN_PREFIX}); short words and words that begin other words must "
            "end there, or continue with s (es after x, s, sh, ch, o)"
        ),
        "spotter": spotter(),
    }


# Edge cases of the rules, for the cross-language vectors (beyond DESCRIBE_EXAMPLES); the x runs
# put the noun 30, 31 and 32 bytes after the colour, either side of the LOOKAHEAD window.
EDGE_PROMPTS = (
    "cat,dog",
    "a red-fox",
    "the fox's red tail",
    "3 cats",
    "cats!",
    "a cat?",
    "red.",
    "a cat on a sofa",
    "a cat on a dark wall",
    "a cat on dark",
    "a pig at night",
    "a starfish",
    "a sunset",
    "suns and sunsets",
    "a bus and two buses",
    "a caterpillar on a cat",
    "a greenish cat",
    "draw me a dog",
    "a standing star",
    "a tiny small cat",
    "mini",
    "a medium cat",
    "a tiny huge cat",
    "a little mouse",
    "red, cat",
    "red! cat",
    "a cat. blue",
    "a cat - blue",
    "a cat's blue hat",
    "on blue, a red cat",
    "a cat with blue",
    "a red cat in a blue sky",
    "light",
    "dark",
    "a light cat",
    "a light blue light red cat",
    "a dark sky",
    "a night sky over a pale sea",
    "quasar nebula",
    "zzz",
    "a",
    "1",
    "-",
    "a red xxxxxxxxxxxxxxxxxxxxxxxxxx cat",
    "a red xxxxxxxxxxxxxxxxxxxxxxxxxxx cat",
    "on a red xxxxxxxxxxxxxxxxxxxxxxxxx cat",
    "on a red xxxxxxxxxxxxxxxxxxxxxxxxxx cat",
    "on a red xxxxxxxxxxxxxxxxxxxxxxxxxxx cat",
    "red xxxxxxxxxxxxxxxxxxxxxxxxxx sky",
    "red xxxxxxxxxxxxxxxxxxxxxxxxxxx sky",
    "a blue cat in the grass next to a tiny yellow duck, a green sky",
    "a pink pig on grass, a big red barn behind it, under blue sky",
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa cat",
    "scarlet azure lilac olive emerald amber golden grey",
    "pastel soft vivid neon deep night",
    "skies over deserts, beaches and oceans",
    "a tv in a room",
    "a bg",
    "on",
    "in front",
)
# Pieces the pseudo-random prompts are made of: unknown words, words that start like known ones,
# fillers, plural-looking and numeric tokens.
RANDOM_FILLERS = (
    "a",
    "an",
    "the",
    "two",
    "3",
    "cute",
    "old",
    "happy",
    "sitting",
    "flying",
    "and",
    "of",
    "next",
    "to",
    "me",
    "it",
    "very",
    "its",
    "some",
    "s",
    "es",
    "x",
)
RANDOM_LOOKALIKES = (
    "caterpillar",
    "category",
    "starfish",
    "sunset",
    "scatter",
    "greenish",
    "blueberry",
    "catalog",
    "pinky",
    "cathedral",
    "dogma",
    "bigger",
    "ants",
    "redwood",
    "tinsel",
    "reddish",
    "ongoing",
    "into",
    "inn",
    "bats",
    "onto",
    "bye",
    "atlas",
    "withered",
    "frontier",
    "skyline",
    "pale-blue",
    "sea-green",
    "lightly",
    "darker",
    "tinyest",
    "boxes",
    "foxy",
    "bussing",
    "keys",
    "tvs",
)
RANDOM_SEPARATORS = (" ",) * 12 + (", ", ". ", "! ", "? ", "-", "'", ",", " - ")


def random_prompt(rng: random.Random) -> str:
    """A canonical prompt (1..64 bytes) mixing known words, their plurals, look-alikes and noise."""
    known = [m.word for m in meanings()]
    target = rng.choice((8, 16, 24, 32, 48, 64, 64, 80))
    parts: list[str] = []
    while sum(len(p) + 1 for p in parts) < target:
        roll = rng.random()
        if roll < 0.45:
            word = rng.choice(known)
            if rng.random() < 0.2:
                word += rng.choice(("s", "es", "ish", "y", "er"))
        elif roll < 0.65:
            word = rng.choice(RANDOM_FILLERS)
        elif roll < 0.85:
            word = rng.choice(RANDOM_LOOKALIKES)
        else:
            word = "".join(
                rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(1, 8))
            )
        parts.append(word)
        parts.append(rng.choice(RANDOM_SEPARATORS))
    text = "".join(parts[:-1])[:64].strip(" ")
    if target >= 64 and len(text) < 64:
        text = (text + " " + "z" * 64)[:63] + "z"
    return text


def describe_prompts() -> list[str]:
    """The prompts of describe_vectors.json: examples, edge cases, every vocabulary word after
    "a ", and 320 pseudo-random prompts (seeded, so the file is reproducible)."""
    rng = random.Random(7007)
    prompts = [*DESCRIBE_EXAMPLES, *EDGE_PROMPTS]
    prompts += [f"a {m.word}" for m in meanings()]
    prompts += [random_prompt(rng) for _ in range(320)]
    return list(dict.fromkeys(prompts))


def describe_vectors() -> dict:
    return {
        "_generated": "by models/sprite/vocab.py; do not edit",
        "vectors": [{"prompt": p, "describe": describe(p)} for p in describe_prompts()],
    }


def main() -> None:
    (HERE / "vocabulary.json").write_text(json.dumps(vocabulary(), indent=2) + "\n")
    (HERE / "describe_vectors.json").write_text(json.dumps(describe_vectors(), indent=2) + "\n")


if __name__ == "__main__":
    main()
