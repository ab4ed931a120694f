"""Renders models/sprite/samples.png: a grid of the committed model's images for fixed prompts.

    .venv/bin/python -m models.sprite.samples [--onnx F] [--out F]

Each tile is the ONNX output quantized at the circuit's output scale and drawn with the project's
render rule (models/render.py), so it shows what a minted token shows. Tiles run left to right,
top to bottom in the order of SAMPLE_PROMPTS (listed in MODEL.md).
"""

import argparse
from pathlib import Path

import numpy as np

from models.render import encode_png, render_image
from models.sprite.evaluate import run_onnx

HERE = Path(__file__).resolve().parent
OUTPUT_SCALE = 21  # settings.json model_output_scales[0] with circuits/sprite/config.json
COLUMNS = 8
TILE = 6  # upscale factor per pixel
GAP = 4
SAMPLE_PROMPTS = (
    "a red fox in front of a dark blue night sky",
    "a big orange heart on blue",
    "a cute orange cat sitting on a blue sofa",
    "a fox",
    "cats",
    "a tiny yellow bird against a light green background",
    "blue background, a pink pig",
    "on a black background, a white ghost",
    "a green dragon with a purple background",
    "huge golden crown on dark red",
    "pale blue sky with a white cloud",
    "a dark green pine tree in a snowy field",
    "a rocket over a night sky",
    "a unicorn",
    "a big red apple on a white table",
    "bright yellow sun in a blue sky",
    "a grey elephant on grass",
    "the moon at night",
    "a purple octopus under the sea",
    "a brown bear in the forest",
    "a large white sheep on a green meadow",
    "a neon pink flamingo on a beach",
    "a small ladybug",
    "a red car on a grey road",
    "a blue bus",
    "a slice of pizza on a red background",
    "a rainbow in the sky",
    "a yellow star on a navy background",
    "white stripes on a red background",
    "black checkers on white",
    "pink dots on a light blue background",
    "a violet butterfly, pale yellow background",
    "a penguin in the snow",
    "a tiger",
    "a strawberry on a pink background",
    "a cup of coffee on a brown table",
    "a castle against a purple sky",
    "a lighthouse",
    "a small white boat on the ocean",
    "a green frog on a lily pad",
    "a watermelon slice on yellow",
    "a red rose on black",
    "a snowman in front of a dark blue sky",
    "a robot",
    "a guitar on an orange background",
    "a blue diamond on white",
    "a small red circle on yellow",
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
    args.out.write_bytes(grid_png(run_onnx(args.onnx, list(SAMPLE_PROMPTS))))
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
