from pathlib import Path

import numpy as np
import onnx
import pytest

from models.codec import PROMPT_ALLOWED_CHARACTERS
from models.sprite import model, train, vocab
from models.sprite.evaluate import Reader, encode
from models.sprite.preview import preview

ONNX_PATH = Path(__file__).with_name("model.onnx")


@pytest.fixture(scope="module")
def trained():
    return train.train()


@pytest.fixture(scope="module")
def layout(trained):
    return trained[0]


@pytest.fixture(scope="module")
def reader():
    return Reader()


def test_interface_is_the_agreed_one():
    graph = onnx.load(str(ONNX_PATH)).graph
    (prompt,), (image,) = graph.input, graph.output
    assert prompt.name == "prompt" and prompt.type.tensor_type.elem_type == onnx.TensorProto.INT64
    assert [d.dim_value for d in prompt.type.tensor_type.shape.dim] == [1, 64]
    assert image.name == "image" and image.type.tensor_type.elem_type == onnx.TensorProto.FLOAT
    assert [d.dim_value for d in image.type.tensor_type.shape.dim] == [1, 24, 24, 3]


def test_committed_onnx_is_what_training_writes(trained):
    # train() rebuilds the codebook from the committed atlas: same seed, same bytes.
    assert trained[1].SerializeToString() == ONNX_PATH.read_bytes()


def test_onnx_matches_the_numpy_reference_and_describe(layout):
    prompts = list(vocab.DESCRIBE_EXAMPLES)
    inputs = np.stack([encode(p) for p in prompts])
    reference = model.generate(layout, inputs)
    images = np.stack([preview(p) for p in prompts])
    assert np.array_equal(images, reference.astype(np.float32))
    codes = model.codes(layout, inputs)
    for prompt, code in zip(prompts, codes, strict=True):
        assert vocab.SUBJECTS[code[0]][0] == vocab.describe(prompt)["object"], prompt


def test_required_prompts_are_drawn(reader):
    fox = reader.read(preview("a red fox in front of a dark blue night sky"))
    assert fox["object"] == "fox"
    assert reader.matches(fox["ink"], "red") and reader.matches(fox["background"], "dark blue")
    heart = reader.read(preview("a big orange heart on blue"))
    assert heart["object"] == "heart" and reader.matches(heart["ink"], "orange")
    assert reader.matches(heart["background"], "blue")
    cat = reader.read(preview("a cute orange cat sitting on a blue sofa"))
    assert cat["object"] == "cat" and reader.matches(cat["ink"], "orange")


def test_every_word_changes_the_image():
    base = preview("a red fox on blue")
    for other in ("a red fox on blue!", "the red fox on blue", "a red fox on blue today"):
        assert np.abs(preview(other) - base).mean() > 0.002, other


def test_no_allowed_prompt_breaks_it():
    rng = np.random.default_rng(0)
    alphabet = PROMPT_ALLOWED_CHARACTERS
    prompts = [c * 64 for c in alphabet if c != " "]
    prompts += ["".join(rng.choice(list(alphabet), 64)).strip() or "a" for _ in range(20)]
    prompts += [("huge " * 13).strip(), ("on " * 21).strip(), ("red on " * 9).strip()]
    for prompt in prompts:
        image = preview(" ".join(prompt.split()))
        assert np.isfinite(image).all() and image.min() > -0.2 and image.max() < 1.3
