"""Held-out prompt adherence of the committed sprite model, read back from its images.

    .venv/bin/python -m models.sprite.evaluate [--onnx F] [--prompts F] [--json]

heldout_prompts.txt holds creator-style prompts with the labels a creator means (object, subject
colour, background colour, size), written before the model was built and never seen by it (its
trained part, the tile codebook, sees only images). Each image is read by analysis by synthesis:
for every subject of the atlas (the original sprites, not the model's codebook), both sizes and
both ways of drawing (natural colours, or one tint times the shade), the best background and ink
colours are fitted by least squares; the candidate with the smallest residual gives the
recognised object (top-1 among ALL subjects) and size. A subject colour counts as correct when
the ink fitted by the tinted reading is nearest (with a small slack for near-aliases) to the
named colour with its modifier; a background colour likewise (the neutral default when none is
meant); for prompts naming no colour, the natural reading must win.
"""

import argparse
import json
from pathlib import Path

import numpy as np
import onnxruntime as ort

from models.sprite import dataset, model, vocab

HERE = Path(__file__).resolve().parent
HELDOUT = HERE / "heldout_prompts.txt"
PAIRS = 1000
SEED = 424242
NATURAL_RATIO = 2.0
COLOUR_SLACK = 0.05
FILLERS = ("zebu", "quietly", "wxy", "marvellous", "ok", "retro", "velvet", "q7")


def encode(prompt: str) -> np.ndarray:
    data = list(prompt.encode("ascii"))
    return np.array(data + [0] * (model.PROMPT_BYTES - len(data)), np.int64)


def run_onnx(path: Path, prompts: list[str]) -> np.ndarray:
    session = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    return np.stack([session.run(None, {"prompt": encode(p)[None]})[0][0] for p in prompts])


def read_heldout(path: Path = HELDOUT) -> list[dict]:
    rows = []
    for line in path.read_text().splitlines():
        if not line or line.startswith("#"):
            continue
        prompt, obj, subject, background, size = line.split("\t")
        rows.append(
            {
                "prompt": prompt,
                "object": obj,
                "subject_colour": None if subject == "-" else subject,
                "background_colour": None if background == "-" else background,
                "size": size,
            }
        )
    return rows


def colour_names() -> tuple[list[str], np.ndarray]:
    """Every colour the model can draw, named as describe() names it, and its RGB."""
    names = []
    for base in [vocab.NEUTRAL, *vocab.COLOURS]:
        for modifier in vocab.MODIFIERS:
            names.append(base if modifier == "none" else f"{modifier} {base}")
    return names, model.colour_rows()


class Reader:
    """Analysis by synthesis against the atlas's original sprites on the model's canvas."""

    def __init__(self):
        atlas = dataset.load_atlas()
        layout_cells = model.cell_maps()[0]
        candidates = []
        for s, side in enumerate(dataset.SPRITE_SIDES):
            sprites = atlas[f"s{side}"]
            canvas = np.zeros((len(sprites), model.SIDE, model.SIDE, dataset.CHANNELS))
            start = (model.SIDE - side) // 2
            canvas[:, start : start + side, start : start + side] = sprites
            candidates.append(canvas.reshape(len(sprites), -1, dataset.CHANNELS))
            assert layout_cells[s].sum() == (side // model.TILE) ** 2
        self.channels = np.stack(candidates, 1)  # (subjects, sizes, pixels, 5)
        self.names, self.rgb = colour_names()

    def nearest(self, rgb: np.ndarray) -> str:
        return self.names[int(((self.rgb - rgb) ** 2).sum(1).argmin())]

    def matches(self, rgb: np.ndarray, name: str) -> bool:
        """The nearest named colour, counting near-aliases (pale vs light grey, navy vs dark
        indigo: within COLOUR_SLACK of the nearest) as equal."""
        distance = np.sqrt(((self.rgb - rgb) ** 2).sum(1))
        return bool(distance[self.names.index(name)] <= distance.min() + COLOUR_SLACK)

    def _fits(self, image: np.ndarray):
        """Residuals (subjects, sizes) and fitted colours of both readings."""
        y = image.reshape(-1, 3)
        ch = self.channels
        clear = 1 - ch[..., 0]  # (S, Z, P)
        # Natural colours: y = clear * bg + premultiplied RGB, bg per channel in closed form.
        target = y[None, None] - ch[..., 1:4]
        bg_n = (clear[..., None] * target).sum(2) / np.maximum((clear**2).sum(2)[..., None], 1e-9)
        fit = clear[..., None] * bg_n[:, :, None] + ch[..., 1:4]
        res_n = ((fit - y[None, None]) ** 2).sum((2, 3))
        # Tinted: y = clear * bg + shade * ink, two unknowns per channel.
        shade = ch[..., 4]
        a11, a12, a22 = (clear**2).sum(2), (clear * shade).sum(2), (shade**2).sum(2)
        b1 = np.einsum("szp,pc->szc", clear, y)
        b2 = np.einsum("szp,pc->szc", shade, y)
        det = np.maximum(a11 * a22 - a12**2, 1e-9)[..., None]
        bg_t = (a22[..., None] * b1 - a12[..., None] * b2) / det
        ink = (a11[..., None] * b2 - a12[..., None] * b1) / det
        fit = clear[..., None] * bg_t[:, :, None] + shade[..., None] * ink[:, :, None]
        res_t = ((fit - y[None, None]) ** 2).sum((2, 3))
        return res_n, bg_n, res_t, bg_t, ink

    def read(self, image: np.ndarray) -> dict:
        """Recognised object and size (best of both readings; the tinted one has three more
        free values, so it must beat the natural one by NATURAL_RATIO), the subject's fitted
        ink, whether it reads as natural colours, and the fitted background."""
        res_n, bg_n, res_t, bg_t, ink = self._fits(image)
        sn = np.unravel_index(res_n.argmin(), res_n.shape)
        st = np.unravel_index(res_t.argmin(), res_t.shape)
        natural = bool(res_n[sn] < NATURAL_RATIO * res_t[st])
        s, z = sn if natural else st
        return {
            "object": vocab.SUBJECTS[s][0],
            "size": model.SIZE_NAMES[z],
            "natural": natural,
            "ink": ink[st],
            "background": bg_n[sn] if natural else bg_t[st],
        }


def _insert_filler(prompt: str, rng: np.random.Generator) -> str | None:
    words = prompt.split(" ")
    words.insert(int(rng.integers(0, len(words) + 1)), str(rng.choice(FILLERS)))
    text = " ".join(words)
    return text if len(text) <= model.PROMPT_BYTES else None


def evaluate(onnx_path: Path, heldout: Path = HELDOUT, seed: int = SEED) -> dict:
    rows = read_heldout(heldout)
    prompts = [r["prompt"] for r in rows]
    images = run_onnx(onnx_path, prompts)
    reader = Reader()
    tallies: dict[str, list[bool]] = {}

    def tally(key: str, ok: bool) -> None:
        tallies.setdefault(key, []).append(bool(ok))

    failures = []
    for row, image in zip(rows, images, strict=True):
        seen = reader.read(image)
        expected_bg = row["background_colour"] or vocab.NEUTRAL
        checks = {
            "object top-1 among all subjects": seen["object"] == row["object"],
            "size": seen["size"] == row["size"],
            "background colour": reader.matches(seen["background"], expected_bg),
        }
        if row["subject_colour"]:
            checks["subject colour (prompts naming one)"] = reader.matches(
                seen["ink"], row["subject_colour"]
            )
        else:
            checks["natural colours kept (prompts naming none)"] = seen["natural"]
        for key, ok in checks.items():
            tally(key, ok)
        if not all(checks.values()):
            failures.append(
                {
                    "prompt": row["prompt"],
                    "failed": [k for k, ok in checks.items() if not ok],
                    "object": seen["object"],
                    "ink": reader.nearest(seen["ink"]),
                    "background": reader.nearest(seen["background"]),
                }
            )
    rng = np.random.default_rng(seed)
    flat = images.reshape(len(images), -1)
    pairs = rng.integers(0, len(images), (PAIRS, 2))
    pairs = pairs[pairs[:, 0] != pairs[:, 1]]
    pair_diff = np.abs(flat[pairs[:, 0]] - flat[pairs[:, 1]]).mean(1)
    variants = [(i, _insert_filler(p, rng)) for i, p in enumerate(prompts[:300])]
    variants = [(i, v) for i, v in variants if v]
    changed = run_onnx(onnx_path, [v for _, v in variants])
    delta = np.abs(changed - images[[i for i, _ in variants]]).reshape(len(variants), -1)
    change, largest = delta.mean(1), delta.max(1)
    report = {
        "prompts": len(rows),
        **{f"{k}": round(float(np.mean(v)), 4) for k, v in tallies.items()},
        "counts": {k: len(v) for k, v in tallies.items()},
        "random pairs: median mean abs difference": round(float(np.median(pair_diff)), 4),
        "random pairs: smallest mean abs difference": round(float(pair_diff.min()), 4),
        "one unknown word inserted: mean abs change": round(float(change.mean()), 4),
        "one unknown word inserted: smallest change": round(float(change.min()), 4),
        "one unknown word inserted: smallest largest-pixel change": round(float(largest.min()), 4),
        "output range": [round(float(images.min()), 4), round(float(images.max()), 4)],
    }
    return {"report": report, "failures": failures}


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--onnx", type=Path, default=HERE / "model.onnx")
    parser.add_argument("--prompts", type=Path, default=HELDOUT)
    parser.add_argument("--failures", action="store_true", help="also list misread prompts")
    args = parser.parse_args(argv)
    result = evaluate(args.onnx, args.prompts)
    print(json.dumps(result if args.failures else result["report"], indent=2))


if __name__ == "__main__":
    main()
