import json
import string
from functools import cache
from pathlib import Path

import pytest

from models.sprite import vocab

HERE = Path(__file__).resolve().parent


def objects(prompt: str) -> list[str]:
    return [
        vocab.SUBJECTS[m.subject - 1][0] if m.subject else m.word for _, m in vocab.spot(prompt)
    ]


def test_required_prompts_are_understood():
    assert vocab.describe("a red fox in front of a dark blue night sky") == {
        "object": "fox",
        "subject_colour": "red",
        "background_colour": "dark blue",
        "size": "large",
    }
    heart = vocab.describe("a big orange heart on blue")
    assert (heart["object"], heart["subject_colour"], heart["background_colour"]) == (
        "heart",
        "orange",
        "blue",
    )
    cat = vocab.describe("a cute orange cat sitting on a blue sofa")
    assert (cat["object"], cat["subject_colour"], cat["background_colour"]) == (
        "cat",
        "orange",
        "blue",
    )


@pytest.mark.parametrize(
    ("prompt", "background"),
    [
        ("blue background, a pink pig", "blue"),
        ("on a black background, a white pig", "black"),
        ("a pig against green", "green"),
        ("a pig with a yellow background", "yellow"),
        ("a pig, red backdrop", "red"),
        ("a pig under a purple sky", "purple"),
        ("a pig at night", "dark blue"),
        ("a pig in the snow", "white"),
        ("a pig", None),
    ],
)
def test_background_however_it_is_said(prompt, background):
    described = vocab.describe(prompt)
    assert described["object"] == "pig"
    assert described["background_colour"] == background


def test_plurals_and_whole_words():
    assert objects("cats foxes puppies mice") == ["cat", "fox", "dog", "mouse"]
    assert objects("caterpillar category cathedral") == []
    assert objects("draw standing for") == ["draw", "standing", "for"]  # role-less words
    assert vocab.describe("draw me a dog")["object"] == "dog"
    assert vocab.describe("a starfish")["object"] == "star"  # prefix rule: documented limit


def test_sizes_add_up():
    assert vocab.describe("a tiny cat")["size"] == "small"
    assert vocab.describe("a small cat")["size"] == "small"
    assert vocab.describe("a cat")["size"] == "large"
    assert vocab.describe("a huge cat")["size"] == "large"


def test_every_subject_word_names_its_subject():
    for name, _, words in vocab.SUBJECTS:
        for word in words:
            assert vocab.describe(f"a {word}")["object"] == name, word


def test_generated_files_are_current():
    vectors = json.loads((HERE / "describe_vectors.json").read_text())
    assert vectors == json.loads(json.dumps(vocab.describe_vectors()))
    assert len(vectors["vectors"]) >= 300
    prompts = [entry["prompt"] for entry in vectors["vectors"]]
    assert set(vocab.DESCRIBE_EXAMPLES) <= set(prompts)
    assert any(len(prompt) == 64 for prompt in prompts)
    committed = json.loads((HERE / "vocabulary.json").read_text())
    assert committed == json.loads(json.dumps(vocab.vocabulary()))
    assert next(iter(committed)) == "_generated"


@cache
def spotter() -> dict:
    return vocab.spotter()


def spot_by_patterns(prompt: str) -> list[tuple[int, str]]:
    """The TypeScript twin's reading of vocabulary.json's spotter: at each word start, the
    shortest matching pattern wins ("end": letters that may follow, " " for any non-alphanumeric
    byte or the end of the prompt)."""
    out = []
    for p in range(len(prompt)):
        if p > 0 and prompt[p - 1] not in spotter()["boundaries"]:
            continue
        best = None
        for entry in spotter()["words"]:
            length = len(entry["pattern"])
            if not prompt.startswith(entry["pattern"], p):
                continue
            if "end" in entry:
                following = prompt[p + length : p + length + 1]
                letter = following != "" and following in string.ascii_lowercase + string.digits
                if not (following in entry["end"] if letter else " " in entry["end"]):
                    continue
                length += 1
            if best is None or length < best[0]:
                best = (length, entry["word"])
        if best is not None:
            out.append((p, best[1]))
    return out


def test_spotter_data_reads_as_the_automaton():
    meaning = {m.word: m.key() for m in vocab.meanings()}
    for entry in vocab.describe_vectors()["vectors"]:
        prompt = entry["prompt"]
        by_automaton = [(p, m.key()) for p, m in vocab.spot(prompt)]
        assert [(p, meaning[w]) for p, w in spot_by_patterns(prompt)] == by_automaton, prompt
