import hashlib
import json
import struct
import zlib
from pathlib import Path

import numpy as np
import pytest

from models.render import RenderError, encode_png, render_image, render_png

VECTORS = json.loads(
    (Path(__file__).parent.parent / "test" / "vectors" / "render.json").read_text("utf-8")
)
CASES = VECTORS["cases"]


def _decode(png: bytes) -> tuple[int, int, bytes]:
    """Width, height and RGB8 pixels of a PNG from encode_png (IHDR, one IDAT, IEND)."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    chunks, offset = [], 8
    while offset < len(png):
        (length,) = struct.unpack(">I", png[offset : offset + 4])
        kind, data = png[offset + 4 : offset + 8], png[offset + 8 : offset + 8 + length]
        (crc,) = struct.unpack(">I", png[offset + 8 + length : offset + 12 + length])
        assert crc == zlib.crc32(kind + data)
        chunks.append((kind, data))
        offset += 12 + length
    assert [kind for kind, _ in chunks] == [b"IHDR", b"IDAT", b"IEND"]
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", chunks[0][1])
    assert (depth, colour, interlace) == (8, 2, 0)
    raw = zlib.decompress(chunks[1][1])
    stride = width * 3 + 1
    assert all(raw[y * stride] == 0 for y in range(height))
    return width, height, b"".join(raw[y * stride + 1 : (y + 1) * stride] for y in range(height))


def test_vectors_hold_a_dozen_cases():
    assert len(CASES) >= 12


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_render_image_matches_vectors(case):
    pixels = render_image(case["output"], case["height"], case["width"], case["outputScale"])
    assert "0x" + pixels.hex() == case["pixels"]


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_render_png_is_byte_identical_to_typescript(case):
    # CPython's zlib and pako (a port of zlib) produce the same deflate stream at level 9.
    png = render_png(
        case["output"], case["height"], case["width"], case["outputScale"], case["displaySize"]
    )
    width, height, rgb = _decode(png)
    assert {"width": width, "height": height} == {
        "width": case["png"]["width"],
        "height": case["png"]["height"],
    }
    factor = width // case["width"]
    pixels = bytes.fromhex(case["pixels"][2:])
    for y, x in [(0, 0), (height - 1, width - 1), (height // 2, width // 3)]:
        source = ((y // factor) * case["width"] + x // factor) * 3
        assert rgb[(y * width + x) * 3 : (y * width + x) * 3 + 3] == pixels[source : source + 3]
    assert len(png) == case["png"]["length"]
    assert "0x" + hashlib.sha256(png).hexdigest() == case["png"]["sha256"]


def test_render_image_accepts_numpy_integers_and_rejects_floats():
    assert render_image(np.array([0, 64, 128], dtype=np.int64), 1, 1, 7) == bytes([0, 128, 255])
    with pytest.raises(RenderError) as caught:
        render_image([0, 0.5, 0], 1, 1, 7)
    assert caught.value.code == "RENDER_INVALID_VALUE"


def test_render_image_is_exact_for_large_integers():
    # (2^59 - 1) * 255 / 2^60 is just below 127.5.
    assert render_image([2**59 - 1, 2**59, -(2**200)], 1, 1, 60) == bytes([127, 128, 0])


@pytest.mark.parametrize(
    ("call", "code"),
    [
        (lambda: render_image([0, 0, 0], 0, 1, 0), "RENDER_INVALID_DIMENSION"),
        (lambda: render_image([0, 0, 0], 2, 1, 0), "RENDER_INVALID_LENGTH"),
        (lambda: render_image([0, 0, 0], 1, 1, -1), "SCALE_INVALID"),
        (lambda: render_png([0, 0, 0] * 4, 2, 2, 0, display_size=1), "RENDER_INVALID_DIMENSION"),
        (lambda: encode_png(b"\x00" * 5, 1, 2), "RENDER_INVALID_LENGTH"),
    ],
)
def test_rejects_malformed_input(call, code):
    with pytest.raises(RenderError) as caught:
        call()
    assert caught.value.code == code


def test_encode_png_round_trips():
    rgb = bytes(range(0, 2 * 3 * 3 * 13, 13))
    assert _decode(encode_png(rgb, 3, 2)) == (3, 2, rgb)
