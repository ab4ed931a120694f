"""Learns sprite's tile codebook and writes models/sprite/model.onnx.

    .venv/bin/python -m models.sprite.train [--from-npm] [--tiles K] [--subjects N] [--out DIR]

One seeded run on the CPU. With --from-npm the atlas is first rebuilt from the emoji tarball
(dataset.py); otherwise the committed atlas.npz is used. Every 3 x 3 cell of every subject at
every size (alpha, premultiplied RGB, shade) is a 45-value vector; k-means (k-means++ start,
float64, fixed seed) learns TILES - 1 tiles beside a fixed empty tile 0, and each cell stores the
id of its nearest tile. The text side has no trained weights: it is derived from vocab.py.
"""

import argparse
import json
import time
from pathlib import Path

import numpy as np

from models.sprite import dataset, export, model

SEED = 20261206
TILES = 96
ITERATIONS = 40
HERE = Path(__file__).resolve().parent


def cell_vectors(sprites: np.ndarray) -> np.ndarray:
    """(N, side, side, C) -> (N, cells, TILE_VALUES) in the tile table's value order."""
    count, side = sprites.shape[:2]
    n = side // model.TILE
    cells = sprites.reshape(count, n, model.TILE, n, model.TILE, dataset.CHANNELS)
    return cells.transpose(0, 1, 3, 2, 4, 5).reshape(count, n * n, -1)


def _nearest(x: np.ndarray, centres: np.ndarray) -> np.ndarray:
    distance = (x**2).sum(1)[:, None] - 2 * x @ centres.T + (centres**2).sum(1)[None]
    return distance.argmin(1)


def kmeans(x: np.ndarray, k: int, seed: int, iterations: int = ITERATIONS) -> np.ndarray:
    """Centres (k, D) with centre 0 pinned to the empty tile (all zeros)."""
    rng = np.random.default_rng(seed)
    centres = [np.zeros(x.shape[1])]
    closest = (x**2).sum(1)
    for _ in range(1, k):
        pick = rng.choice(len(x), p=closest / closest.sum())
        centres.append(x[pick])
        closest = np.minimum(closest, ((x - x[pick]) ** 2).sum(1))
    centres = np.stack(centres)
    for _ in range(iterations):
        label = _nearest(x, centres)
        for j in range(1, k):
            members = x[label == j]
            if len(members):
                centres[j] = members.mean(0)
    return centres


def fit(atlas: dict[str, np.ndarray], tiles: int, subjects: int, seed: int = SEED):
    """(grid, tile values) for the first ``subjects`` subjects."""
    blocks = [cell_vectors(atlas[f"s{side}"][:subjects]) for side in dataset.SPRITE_SIDES]
    per_subject = np.concatenate(blocks, 1)  # (N, CELLS_PER_SUBJECT, TILE_VALUES)
    x = per_subject.reshape(-1, per_subject.shape[-1])
    centres = kmeans(x, tiles, seed)
    label = _nearest(x, centres)
    grid = np.concatenate([[0], label]).astype(np.int64)
    return grid, np.clip(centres, 0, None)


def train(tiles: int = TILES, subjects: int | None = None, from_npm: bool = False, log=print):
    if from_npm:
        dataset.write_atlas(dataset.build_atlas())
    atlas = dataset.load_atlas()
    subjects = subjects or len(atlas["s24"])
    grid, centres = fit(atlas, tiles, subjects)
    layout = model.build_layout(grid, centres)
    return layout, export.build_graph(layout)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--from-npm", action="store_true", help="rebuild atlas.npz first")
    parser.add_argument("--tiles", type=int, default=TILES)
    parser.add_argument("--subjects", type=int, default=None)
    parser.add_argument("--out", type=Path, default=HERE)
    args = parser.parse_args(argv)
    start = time.perf_counter()
    layout, onnx_model = train(args.tiles, args.subjects, args.from_npm)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "model.onnx").write_bytes(onnx_model.SerializeToString())
    report = {
        "seed": SEED,
        "tiles": args.tiles,
        "subjects": layout.subjects,
        "seconds": round(time.perf_counter() - start, 1),
    }
    print(json.dumps(report))


if __name__ == "__main__":
    main()
