import numpy as np

from models.render import encode_png
from models.sprite import dataset, vocab


def test_decode_png_reads_what_the_render_rule_writes():
    rgb = np.arange(5 * 7 * 3, dtype=np.uint8).reshape(5, 7, 3)
    decoded = dataset.decode_png(encode_png(rgb.tobytes(), 7, 5))
    assert np.allclose(decoded[..., :3] * 255, rgb) and np.all(decoded[..., 3] == 1)


def test_area_matrix_averages():
    m = dataset.area_matrix(64, 24)
    assert np.allclose(m.sum(1), 1) and np.allclose(m.sum(0), 24 / 64)


def test_committed_atlas_has_every_subject():
    atlas = dataset.load_atlas()
    for side in dataset.SPRITE_SIDES:
        assert atlas[f"s{side}"].shape == (len(vocab.SUBJECTS), side, side, dataset.CHANNELS)
    big = atlas["s24"]
    assert (big[..., 0] > 0.5).mean((1, 2)).min() > 0.05  # nothing drew empty
