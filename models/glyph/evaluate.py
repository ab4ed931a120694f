"""Measures how well the committed ONNX model follows held-out prompts, and prints the figures.

    .venv/bin/python -m models.glyph.evaluate [--onnx models/glyph/model.onnx] [--prompts 2000]

Held-out prompts (dataset.py, split "eval") use (subject colour, background colour, shape)
triples and filler words that training never saw. From each generated image:
- colours: the mean output over the target mask's inside (mask >= 0.75) and outside (<= 0.05),
  mapped back through output = A + K * picture, classified to the nearest vocabulary colour
  (gray and grey are one colour);
- shape and size: a mask estimated from the image (each pixel projected onto the line from the
  estimated background to subject colour), matched to the nearest of all shape x size targets;
- IoU of that mask (> 0.5) with the target, and the pixel error against the target image;
- unknown words: one random unknown word inserted into each prompt must change the image
  (texture) and must not change the colours, shape or size read from it;
- distinct prompts: the mean absolute difference between the images of 1,000 random pairs.
"""

import argparse
import json
from pathlib import Path

import numpy as np
import onnxruntime as ort

from models.glyph import model, shapes
from models.glyph.dataset import (
    encode,
    make_dataset,
    resolved_colours,
    size_level,
    spotter_fires,
)
from models.glyph.vocab import COLOURS, SHAPES

HERE = Path(__file__).resolve().parent
EVAL_SEED = 424242
EVAL_PROMPTS = 2000
_PALETTE_NAMES = [name for name in COLOURS if name != "grey"]
_PALETTE = np.array([COLOURS[name] for name in _PALETTE_NAMES])


def run_onnx(path: Path, inputs: np.ndarray) -> np.ndarray:
    session = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    return np.concatenate([session.run(None, {"prompt": row[None]})[0] for row in inputs])


def _colour_name(rgb: np.ndarray) -> str:
    return _PALETTE_NAMES[int(np.argmin(((_PALETTE - rgb) ** 2).sum(1)))]


def _canonical(name: str) -> str:
    return "gray" if name == "grey" else name


def read_image(image: np.ndarray, target_mask: np.ndarray, table: np.ndarray) -> dict:
    """What an image shows: colour names, estimated mask, nearest (shape, size)."""
    picture = (image - model.TEXTURE_AMPLITUDE) / model.CONTRAST
    inside = target_mask >= min(0.75, target_mask.max())
    outside = target_mask <= 0.05
    subject = picture[inside].mean(0)
    background = picture[outside].mean(0) if outside.any() else picture.mean((0, 1))
    axis = subject - background
    norm = float(axis @ axis)
    mask = np.clip((picture - background) @ axis / max(norm, 1e-9), 0, 1)
    flat = table.reshape(-1, *mask.shape)
    best = int(np.argmin(((flat - mask) ** 2).sum((1, 2))))
    shape, size = divmod(best, table.shape[1])
    return {
        "subject": _colour_name(subject),
        "background": _colour_name(background),
        "mask": mask,
        "shape": SHAPES[shape],
        "size": size,
        "contrast": norm,
    }


def _insert_unknown_word(prompt: str, rng: np.random.Generator) -> str | None:
    while True:
        word = "".join(rng.choice(list("abcdefghijklmnopqrstuvwxyz"), rng.integers(3, 8)))
        if not spotter_fires(word):
            break
    words = prompt.split(" ")
    words.insert(int(rng.integers(len(words) + 1)), word)
    text = " ".join(words)
    return text if len(text) <= 64 else None


def evaluate(onnx_path: Path, count: int = EVAL_PROMPTS, seed: int = EVAL_SEED) -> dict:
    data = make_dataset(count, seed, "eval")
    images = run_onnx(onnx_path, data.inputs)
    table = shapes.mask_table(model.SIDE)
    tallies = {k: [0, 0] for k in ("subject", "background", "default_colours", "shape", "size")}
    ious, errors, unknown_changes, unknown_kept = [], [], [], [0, 0]
    rng = np.random.default_rng(seed + 1)
    session = ort.InferenceSession(str(onnx_path), providers=["CPUExecutionProvider"])

    def tally(key: str, ok: bool) -> None:
        tallies[key][0] += int(ok)
        tallies[key][1] += 1

    for prompt, scene, image, mask, target in zip(
        data.prompts, data.scenes, images, data.masks, data.images, strict=True
    ):
        seen = read_image(image, mask, table)
        subject, background = resolved_colours(scene)
        explicit = scene.subject is not None and scene.background is not None
        if scene.subject is not None:
            tally("subject", seen["subject"] == _canonical(scene.subject))
        if scene.background is not None:
            tally("background", seen["background"] == _canonical(scene.background))
        if not explicit:
            tally(
                "default_colours",
                seen["subject"] == _colour_name(subject)
                and seen["background"] == _colour_name(background),
            )
        expected = output_space(target)
        errors.append(float(np.mean((image - expected) ** 2)))
        if np.sum((subject - background) ** 2) < 0.09:
            continue  # subject and background too alike to read a shape
        tally("shape", seen["shape"] == (scene.shape or "circle"))
        tally("size", seen["size"] == size_level(scene))
        hit, want = seen["mask"] > 0.5, mask > 0.5
        ious.append(float((hit & want).sum() / max((hit | want).sum(), 1)))
        changed = _insert_unknown_word(prompt, rng)
        if changed is not None and len(unknown_changes) < 300:
            other = session.run(None, {"prompt": encode(changed)[None]})[0][0]
            unknown_changes.append(float(np.abs(other - image).mean()))
            again = read_image(other, mask, table)
            unknown_kept[0] += int(
                all(again[k] == seen[k] for k in ("subject", "background", "shape", "size"))
            )
            unknown_kept[1] += 1

    pairs = rng.integers(0, count, (1000, 2))
    pairs = pairs[[data.prompts[i] != data.prompts[j] for i, j in pairs]]
    pair_changes = np.abs(images[pairs[:, 0]] - images[pairs[:, 1]]).mean((1, 2, 3))

    def rate(key: str) -> float:
        hits, total = tallies[key]
        return round(hits / max(total, 1), 4)

    return {
        "prompts": count,
        "subject_colour_accuracy": rate("subject"),
        "background_colour_accuracy": rate("background"),
        "default_colour_accuracy": rate("default_colours"),
        "shape_accuracy": rate("shape"),
        "size_accuracy": rate("size"),
        "mask_iou": round(float(np.mean(ious)), 4),
        "pixel_mse": round(float(np.mean(errors)), 5),
        "unknown_word_mean_abs_change": round(float(np.mean(unknown_changes)), 4),
        "unknown_word_min_abs_change": round(float(np.min(unknown_changes)), 4),
        "unknown_word_reading_unchanged": round(unknown_kept[0] / max(unknown_kept[1], 1), 4),
        "distinct_prompt_pairs_min_abs_change": round(float(pair_changes.min()), 4),
        "distinct_prompt_pairs_median_abs_change": round(float(np.median(pair_changes)), 4),
        "output_min": round(float(images.min()), 4),
        "output_max": round(float(images.max()), 4),
        "counts": {k: v[1] for k, v in tallies.items()},
    }


def output_space(picture: np.ndarray) -> np.ndarray:
    """Target picture in output space, without the texture's zero-mean part."""
    return model.TEXTURE_AMPLITUDE + model.CONTRAST * picture


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--onnx", type=Path, default=HERE / "model.onnx")
    parser.add_argument("--prompts", type=int, default=EVAL_PROMPTS)
    parser.add_argument("--seed", type=int, default=EVAL_SEED)
    args = parser.parse_args(argv)
    print(json.dumps(evaluate(args.onnx, args.prompts, args.seed), indent=2))


if __name__ == "__main__":
    main()
