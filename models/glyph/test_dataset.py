import numpy as np

from models.glyph import shapes
from models.glyph.dataset import (
    EVAL_FILLERS,
    TRAIN_FILLERS,
    held_out,
    make_dataset,
    spotter_fires,
)
from models.glyph.vocab import SHAPES, build_spotter


def test_same_seed_gives_the_same_data():
    a, b = make_dataset(200, seed=11), make_dataset(200, seed=11)
    assert a.prompts == b.prompts
    np.testing.assert_array_equal(a.inputs, b.inputs)
    np.testing.assert_array_equal(a.images, b.images)


def test_different_seeds_give_different_prompts():
    assert make_dataset(50, seed=1).prompts != make_dataset(50, seed=2).prompts


def test_evaluation_triples_never_appear_in_training():
    train, evaluation = make_dataset(2000, seed=3), make_dataset(500, seed=3, split="eval")
    assert not any(held_out(s.subject, s.background, s.shape) for s in train.scenes)
    assert all(held_out(s.subject, s.background, s.shape) for s in evaluation.scenes)
    assert not set(train.prompts) & set(evaluation.prompts)


def test_filler_words_are_unknown_to_the_spotter_and_disjoint():
    assert not set(TRAIN_FILLERS) & set(EVAL_FILLERS)
    assert not any(spotter_fires(w) or w == "on" for w in TRAIN_FILLERS + EVAL_FILLERS)


def test_prompts_are_canonical_and_fit():
    data = make_dataset(500, seed=4)
    allowed = set(b"abcdefghijklmnopqrstuvwxyz0123456789 -',.!?")
    for prompt, row in zip(data.prompts, data.inputs, strict=True):
        raw = prompt.encode()
        assert 1 <= len(raw) <= 64 and set(raw) <= allowed
        assert prompt == prompt.strip() and "  " not in prompt
        assert list(row[: len(raw)]) == list(raw) and not row[len(raw) :].any()


def test_masks_are_mirror_symmetric_and_distinct():
    table = shapes.mask_table(16)
    np.testing.assert_array_equal(table, table[..., ::-1])
    flat = table.reshape(-1, 256)
    distances = ((flat[:, None] - flat[None]) ** 2).sum(-1) + np.eye(len(flat)) * 1e9
    assert distances.min() > 0.5  # tiny circle and tiny square are the closest pair
    assert table.shape == (len(SHAPES), 5, 16, 16)


def test_spotter_prefixes_are_unique():
    spotter = build_spotter()
    prefixes = spotter.prefixes
    assert len(set(prefixes)) == len(prefixes)
    for a in prefixes:
        assert not any(b != a and b.startswith(a) for b in prefixes)
