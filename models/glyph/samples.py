"""Renders models/glyph/samples.png: a grid of the committed model's images for fixed prompts.

    .venv/bin/python -m models.glyph.samples [--onnx F] [--out F]

Each tile is the ONNX output quantized at the circuit's output scale and drawn with the project's
render rule (models/render.py), so it shows what a minted token shows. Tiles run left to right,
top to bottom in the order of SAMPLE_PROMPTS (listed in MODEL.md).
"""

import argparse
from pathlib import Path

import numpy as np

from models.glyph import model
from models.glyph.dataset import encode
from models.glyph.evaluate import run_onnx
from models.render import encode_png, render_image

HERE = Path(__file__).resolve().parent
OUTPUT_SCALE = 29  # settings.json model_output_scales[0] with circuits/glyph/config.json
COLUMNS = 6
TILE = 8  # upscale factor per pixel
GAP = 4
SAMPLE_PROMPTS = (
    "a red circle on blue",
    "a big yellow star on purple",
    "tiny white square on black",
    "a huge green triangle on a white background",
    "orange diamond on cyan",
    "small pink heart on brown",
    "a blue ring on yellow",
    "black cross on orange",
    "purple stripes on white",
    "big red checkers on gray",
    "tiny yellow dots on blue",
    "huge cyan dots on black",
    "a circle",
    "a fluffy red circle on blue",
    "one small brown star on a pink backdrop!",
    "green",
    "a red circle on blue on yellow",
    "zzz qqq xxx",
)


def grid_png(images: np.ndarray, columns: int = COLUMNS) -> bytes:
    """Quantize, render and tile (N, H, W, 3) images into one PNG."""
    count, height, width, _ = images.shape
    rows = -(-count // columns)
    tile_h, tile_w = height * TILE, width * TILE
    canvas = np.full(
        (rows * (tile_h + GAP) + GAP, columns * (tile_w + GAP) + GAP, 3), 255, np.uint8
    )
    for index, image in enumerate(images):
        q = np.round(image.reshape(-1).astype(np.float64) * 2**OUTPUT_SCALE).astype(np.int64)
        rgb = np.frombuffer(render_image(q.tolist(), height, width, OUTPUT_SCALE), np.uint8)
        tile = rgb.reshape(height, width, 3).repeat(TILE, 0).repeat(TILE, 1)
        r, c = divmod(index, columns)
        y, x = GAP + r * (tile_h + GAP), GAP + c * (tile_w + GAP)
        canvas[y : y + tile_h, x : x + tile_w] = tile
    return encode_png(canvas.tobytes(), canvas.shape[1], canvas.shape[0])


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--onnx", type=Path, default=HERE / "model.onnx")
    parser.add_argument("--out", type=Path, default=HERE / "samples.png")
    args = parser.parse_args(argv)
    inputs = np.stack([encode(p) for p in SAMPLE_PROMPTS])
    images = run_onnx(args.onnx, inputs)
    args.out.write_bytes(grid_png(images))
    print(f"wrote {args.out} ({len(SAMPLE_PROMPTS)} prompts, {model.SIDE}x{model.SIDE} each)")


if __name__ == "__main__":
    main()
