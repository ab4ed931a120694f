"""The subject atlas: every subject drawn at sprite's three sizes, from Noto emoji or procedurally.

    .venv/bin/python -m models.sprite.dataset [--tarball F]   # rewrites atlas.npz

Emoji come from the npm package emoji-datasource-google 16.0.0 (Apache-2.0 images; get it with
``npm pack emoji-datasource-google@16.0.0`` into .cache/sprite-data/): the 64 px PNG of each
subject is read straight from the tarball, kept premultiplied by its alpha and area-averaged to
12 and 24 px. Shapes and patterns are drawn at 64 px with 4x4 supersampling. Each pixel holds
five channels in [0, 1]: alpha, premultiplied R, G, B, and a premultiplied shade (luminance
normalised per subject) that tints a subject in the colour a prompt names. atlas.npz stores them
as uint8 so tests and CI run without the tarball.
"""

import argparse
import io
import json
import struct
import tarfile
import zipfile
import zlib
from pathlib import Path

import numpy as np

from models.sprite.vocab import SUBJECTS

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
TARBALL = ROOT / ".cache" / "sprite-data" / "emoji-datasource-google-16.0.0.tgz"
ATLAS = HERE / "atlas.npz"
SOURCE_SIDE = 64
SPRITE_SIDES = (12, 24)  # small, large
CHANNELS = 5  # alpha, premultiplied R, G, B, premultiplied shade
# Shade = clip(SHADE_FLOOR + SHADE_GAIN * luminance / reference, 0, SHADE_CAP): keeps an emoji's
# drawing visible when it is tinted; the reference is the subject's 75th luminance percentile.
SHADE_FLOOR, SHADE_GAIN, SHADE_CAP = 0.25, 0.8, 1.1
SHAPE_COLOURS = {"heart": (0.90, 0.12, 0.20), "star": (1.00, 0.80, 0.10)}
SHAPE_DEFAULT_COLOUR = (0.96, 0.96, 0.96)


def decode_png(data: bytes) -> np.ndarray:
    """8-bit non-interlaced PNG (grey+alpha, RGB, RGBA or palette) -> (H, W, 4) float RGBA."""
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    pos, chunks, header, palette, alpha = 8, [], None, None, None
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"PLTE":
            palette = np.frombuffer(body, np.uint8).reshape(-1, 3)
        elif kind == b"tRNS":
            alpha = np.frombuffer(body, np.uint8)
        elif kind == b"IDAT":
            chunks.append(body)
    width, height, depth, colour, _, _, interlace = header
    if depth != 8 or interlace:
        raise ValueError("only 8-bit non-interlaced PNGs are read")
    samples = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}[colour]
    raw = np.frombuffer(zlib.decompress(b"".join(chunks)), np.uint8)
    stride = width * samples
    rows = raw.reshape(height, stride + 1)
    out = np.zeros((height, stride), np.int64)
    previous = np.zeros(stride, np.int64)
    for y in range(height):
        kind, line = rows[y, 0], rows[y, 1:].astype(np.int64)
        current = np.zeros(stride, np.int64)
        for x in range(stride):
            left = current[x - samples] if x >= samples else 0
            up = previous[x]
            corner = previous[x - samples] if x >= samples else 0
            if kind == 0:
                predictor = 0
            elif kind == 1:
                predictor = left
            elif kind == 2:
                predictor = up
            elif kind == 3:
                predictor = (left + up) // 2
            else:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                predictor = left if pa <= pb and pa <= pc else (up if pb <= pc else corner)
            current[x] = (line[x] + predictor) & 255
        out[y], previous = current, current
    pixels = out.reshape(height, width, samples)
    if colour == 3:
        index = pixels[..., 0]
        rgb = palette[index]
        a = np.full(index.shape, 255) if alpha is None else np.append(alpha, [255] * 256)[index]
        pixels = np.concatenate([rgb, a[..., None]], -1)
    elif colour == 4:
        pixels = np.concatenate([pixels[..., :1].repeat(3, -1), pixels[..., 1:]], -1)
    elif colour in (0, 2):
        grey_or_rgb = pixels if colour == 2 else pixels.repeat(3, -1)
        pixels = np.concatenate([grey_or_rgb, np.full((height, width, 1), 255)], -1)
    return pixels.astype(np.float64) / 255


def area_matrix(source: int, target: int) -> np.ndarray:
    """(target, source) weights of an exact area average from ``source`` to ``target`` pixels."""
    m = np.zeros((target, source))
    for t in range(target):
        lo, hi = t * source / target, (t + 1) * source / target
        for s in range(int(np.floor(lo)), int(np.ceil(hi))):
            m[t, s] = min(hi, s + 1) - max(lo, s)
    return m / m.sum(1, keepdims=True)


def _shape_alpha(kind: str, side: int = SOURCE_SIDE, supersample: int = 4) -> np.ndarray:
    n = side * supersample
    y, x = (np.mgrid[0:n, 0:n] + 0.5) / n * 2 - 1  # [-1, 1]
    r = np.hypot(x, y)
    if kind == "circle":
        mask = r <= 0.9
    elif kind == "square":
        mask = np.maximum(abs(x), abs(y)) <= 0.8
    elif kind == "triangle":
        mask = (y <= 0.75) & (abs(x) <= (y + 0.85) / 1.6 * 0.95)
    elif kind == "diamond":
        mask = abs(x) + abs(y) <= 0.92
    elif kind == "ring":
        mask = (r <= 0.9) & (r >= 0.55)
    elif kind == "cross":
        mask = ((abs(x) <= 0.25) & (abs(y) <= 0.85)) | ((abs(y) <= 0.25) & (abs(x) <= 0.85))
    elif kind == "star":
        angle = np.arctan2(x, -y)
        spoke = np.cos(5 * angle) * 0.5 + 0.5
        mask = r <= 0.42 + 0.5 * spoke**2
    elif kind == "heart":
        hx, hy = x * 1.15, -(y - 0.05) * 1.15
        mask = (hx**2 + hy**2 - 0.8) ** 3 - hx**2 * hy**3 * 1.6 <= 0
    elif kind == "stripes":
        mask = np.floor((x + 1) * 3.5) % 2 == 0
    elif kind == "checkers":
        mask = (np.floor((x + 1) * 2.5) + np.floor((y + 1) * 2.5)) % 2 == 0
    elif kind == "dots":
        cx, cy = (x + 1) * 2 % 1 - 0.5, (y + 1) * 2 % 1 - 0.5
        mask = np.hypot(cx, cy) <= 0.3
    else:
        raise ValueError(f"unknown shape {kind}")
    return mask.reshape(side, supersample, side, supersample).mean((1, 3))


def _shape_rgba(kind: str) -> np.ndarray:
    alpha = _shape_alpha(kind)
    colour = np.array(SHAPE_COLOURS.get(kind, SHAPE_DEFAULT_COLOUR))
    return np.concatenate([np.broadcast_to(colour, alpha.shape + (3,)), alpha[..., None]], -1)


def _emoji_images(tarball: Path, names: list[str]) -> dict[str, np.ndarray]:
    with tarfile.open(tarball) as tar:
        index = json.load(tar.extractfile("package/emoji.json"))
        files = {e["short_name"]: e["image"] for e in index}
        return {
            name: decode_png(tar.extractfile(f"package/img/google/64/{files[name]}").read())
            for name in names
        }


def channels(rgba: np.ndarray) -> np.ndarray:
    """(64, 64, 4) straight RGBA -> (64, 64, 5) premultiplied channels with the shade."""
    alpha = rgba[..., 3]
    luminance = rgba[..., :3] @ np.array([0.299, 0.587, 0.114])
    solid = alpha > 0.5
    reference = np.percentile(luminance[solid], 75) if solid.any() else 1.0
    shade = np.clip(SHADE_FLOOR + SHADE_GAIN * luminance / max(reference, 0.05), 0, SHADE_CAP)
    return np.concatenate(
        [alpha[..., None], rgba[..., :3] * alpha[..., None], (shade * alpha)[..., None]], -1
    )


def downsample(image: np.ndarray, side: int) -> np.ndarray:
    m = area_matrix(image.shape[0], side)
    return np.einsum("ys,sxc->yxc", m, np.einsum("xs,ysc->yxc", m, image))


def build_atlas(tarball: Path = TARBALL) -> dict[str, np.ndarray]:
    """{"s12": (N, 12, 12, 5), "s18": ..., "s24": ...} uint8 sprites in SUBJECTS order."""
    emoji = [src for _, src, _ in SUBJECTS if not src.startswith("shape:")]
    images = _emoji_images(tarball, emoji)
    sources = []
    for _, src, _ in SUBJECTS:
        rgba = _shape_rgba(src[6:]) if src.startswith("shape:") else images[src]
        sources.append(channels(rgba))
    out = {}
    for side in SPRITE_SIDES:
        sprites = np.stack([downsample(s, side) for s in sources])
        out[f"s{side}"] = np.clip(np.round(sprites / SHADE_CAP * 255), 0, 255).astype(np.uint8)
    return out


def load_atlas(path: Path = ATLAS) -> dict[str, np.ndarray]:
    """Sprites as float channels (shade rescaled back to [0, SHADE_CAP])."""
    with np.load(path) as data:
        return {k: data[k].astype(np.float64) / 255 * SHADE_CAP for k in data.files}


def write_atlas(atlas: dict[str, np.ndarray], path: Path = ATLAS) -> None:
    """An .npz (np.load reads it) with fixed member times, so equal data give equal bytes."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(atlas):
            buffer = io.BytesIO()
            np.lib.format.write_array(buffer, np.ascontiguousarray(atlas[name]))
            info = zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, buffer.getvalue())


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tarball", type=Path, default=TARBALL)
    parser.add_argument("--out", type=Path, default=ATLAS)
    args = parser.parse_args(argv)
    write_atlas(build_atlas(args.tarball), args.out)
    print(f"wrote {args.out} ({args.out.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
