from pathlib import Path

import numpy as np
import onnx
import onnxruntime as ort
import pytest
from onnx import numpy_helper as nh

from models.glyph import model
from models.glyph.dataset import encode
from models.glyph.evaluate import _colour_name
from models.glyph.vocab import COLOURS

ONNX_PATH = Path(__file__).with_name("model.onnx")
MAIN_COLOURS = ("red", "orange", "yellow", "green", "blue", "purple", "black", "white")


@pytest.fixture(scope="module")
def session():
    return ort.InferenceSession(str(ONNX_PATH), providers=["CPUExecutionProvider"])


def generate(session, prompt: str) -> np.ndarray:
    return session.run(None, {"prompt": encode(prompt)[None]})[0][0]


def colour_at(image: np.ndarray, ys: slice, xs: slice) -> str:
    picture = (image[ys, xs].mean((0, 1)) - model.TEXTURE_AMPLITUDE) / model.CONTRAST
    return _colour_name(picture)


def centre(image):
    return colour_at(image, slice(6, 10), slice(6, 10))


def corner(image):
    return colour_at(image, slice(0, 2), slice(0, 2))


def test_interface_is_the_agreed_one():
    graph = onnx.load(str(ONNX_PATH)).graph
    (prompt,) = graph.input
    (image,) = graph.output
    assert prompt.name == "prompt" and prompt.type.tensor_type.elem_type == onnx.TensorProto.INT64
    assert [d.dim_value for d in prompt.type.tensor_type.shape.dim] == [1, 64]
    assert image.name == "image" and image.type.tensor_type.elem_type == onnx.TensorProto.FLOAT
    assert [d.dim_value for d in image.type.tensor_type.shape.dim] == [1, 16, 16, 3]
    ops = {node.op_type for node in graph.node}
    assert ops <= {
        "Gather",
        "Reshape",
        "Concat",
        "Mul",
        "Add",
        "Sub",
        "Div",
        "MatMul",
        "ReduceSum",
        "Relu",
        "Abs",
    }


def test_runs_deterministically(session):
    first = generate(session, "a red circle on blue")
    again = ort.InferenceSession(str(ONNX_PATH), providers=["CPUExecutionProvider"])
    np.testing.assert_array_equal(first, generate(again, "a red circle on blue"))
    assert first.shape == (16, 16, 3) and first.dtype == np.float32


def test_matches_the_numpy_reference_of_its_own_weights(session):
    weights = {i.name: nh.to_array(i) for i in onnx.load(str(ONNX_PATH)).graph.initializer}
    params = {name: weights[name] for name in model.PARAM_SHAPES}
    prompts = ["a big red circle on blue", "tiny dots", "on on on", "?", "x" * 64]
    inputs = np.stack([encode(p) for p in prompts])
    want = model.generate(model.build_layout(), params, inputs)
    got = np.stack([generate(session, p) for p in prompts])
    np.testing.assert_allclose(got, want, atol=1e-5)


@pytest.mark.parametrize("subject", MAIN_COLOURS)
def test_subject_colour_word_colours_the_shape(session, subject):
    background = "blue" if subject != "blue" else "yellow"
    image = generate(session, f"a big {subject} circle on {background}")
    assert centre(image) == subject and corner(image) == background


@pytest.mark.parametrize("background", MAIN_COLOURS)
def test_background_colour_word_colours_the_background(session, background):
    subject = "red" if background != "red" else "green"
    image = generate(session, f"a {subject} square on a {background} background")
    assert corner(image) == background and centre(image) == subject


def test_swapping_subject_and_background_swaps_the_colours(session):
    a = generate(session, "a red circle on blue")
    b = generate(session, "a blue circle on red")
    assert (centre(a), corner(a)) == ("red", "blue") == (corner(b), centre(b))


def test_shape_and_size_words_change_the_mask(session):
    images = {
        p: generate(session, p)
        for p in (
            "a big red circle on blue",
            "a big red square on blue",
            "a tiny red circle on blue",
            "red stripes on blue",
        )
    }
    values = list(images.values())
    for i in range(len(values)):
        for j in range(i + 1, len(values)):
            assert np.abs(values[i] - values[j]).mean() > 0.05
    tiny, big = images["a tiny red circle on blue"], images["a big red circle on blue"]
    red = np.array(COLOURS["red"]) * model.CONTRAST + model.TEXTURE_AMPLITUDE
    assert (np.abs(tiny - red).sum(-1) < 0.3).sum() < (np.abs(big - red).sum(-1) < 0.3).sum()


def test_unknown_words_change_the_image_but_not_what_it_shows(session):
    plain = generate(session, "a red circle on blue")
    for extra in (
        "a fluffy red circle on blue",
        "a red circle qzx on blue",
        "wow a red circle on blue!",
    ):
        image = generate(session, extra)
        assert np.abs(image - plain).mean() > 0.01
        assert (centre(image), corner(image)) == ("red", "blue")
        assert image.min() >= 0 and image.max() <= 1


def test_any_bytes_stay_in_range(session):
    rng = np.random.default_rng(0)
    allowed = np.frombuffer(b"abcdefghijklmnopqrstuvwxyz0123456789 -',.!?", np.uint8)
    for _ in range(200):
        row = np.zeros(64, np.int64)
        length = rng.integers(1, 65)
        row[:length] = rng.choice(allowed, length)
        image = session.run(None, {"prompt": row[None]})[0]
        assert image.min() >= 0 and image.max() <= 1
