"""Render rule: the Python twin of packages/core's renderImage, renderPng and encodePng.

pixel = clamp(round_half_up(q * 255 / 2^output_scale), 0, 255) in exact integers; the PNG is
upscaled by nearest neighbour with factor floor(display_size / max(H, W)) and encoded with IHDR,
one IDAT and IEND only, filter 0 on every row, zlib level 9. CPython's zlib gives the same bytes as
pako (a zlib port) at level 9, so both languages produce identical PNGs; test/vectors/render.json
pins that.
"""

import operator
import struct
import zlib
from collections.abc import Sequence

MAX_SCALE = 64
_SIGNATURE = b"\x89PNG\r\n\x1a\n"


class RenderError(ValueError):
    """Malformed render input; ``code`` matches the TypeScript error codes."""

    def __init__(self, message: str, *, code: str):
        super().__init__(message)
        self.code = code


def _check_dimension(name: str, value: int, minimum: int = 1) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or value < minimum:
        raise RenderError(
            f"{name} must be an integer of at least {minimum}, got {value}",
            code="RENDER_INVALID_DIMENSION",
        )


def _check_length(name: str, actual: int, height: int, width: int) -> None:
    if actual != height * width * 3:
        raise RenderError(
            f"{name} has {actual} values; a {height}x{width} RGB image needs {height * width * 3}",
            code="RENDER_INVALID_LENGTH",
        )


def render_image(output: Sequence[int], height: int, width: int, output_scale: int) -> bytes:
    """Quantized model output (flat HWC integers at ``output_scale``) to RGB8 pixel bytes."""
    _check_dimension("height", height)
    _check_dimension("width", width)
    if (
        not isinstance(output_scale, int)
        or isinstance(output_scale, bool)
        or not 0 <= output_scale <= MAX_SCALE
    ):
        raise RenderError(
            f"output_scale must be an integer from 0 to {MAX_SCALE}, got {output_scale}",
            code="SCALE_INVALID",
        )
    _check_length("output", len(output), height, width)
    half = 1 << output_scale
    pixels = bytearray(len(output))
    for index, value in enumerate(output):
        try:
            q = operator.index(value)  # ints and numpy integers; floats are an error
        except TypeError:
            raise RenderError(
                f"output value at index {index} is not a safe integer: {value}",
                code="RENDER_INVALID_VALUE",
            ) from None
        # round_half_up(q * 255 / 2^s) = floor((510 q + 2^s) / 2^(s + 1))
        pixels[index] = min(255, max(0, (510 * q + half) // (half << 1)))
    return bytes(pixels)


def _upscale(rgb: bytes, width: int, height: int, factor: int) -> bytes:
    rows = []
    for y in range(height):
        row = rgb[y * width * 3 : (y + 1) * width * 3]
        wide = b"".join(row[x * 3 : x * 3 + 3] * factor for x in range(width))
        rows.append(wide * factor)
    return b"".join(rows)


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def encode_png(rgb: bytes, width: int, height: int) -> bytes:
    """RGB8 pixels (row-major, width * height * 3 bytes) to deterministic PNG bytes."""
    _check_dimension("width", width)
    _check_dimension("height", height)
    _check_length("rgb", len(rgb), height, width)
    stride = width * 3
    raw = b"".join(b"\x00" + rgb[y * stride : (y + 1) * stride] for y in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        _SIGNATURE
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(raw, 9))
        + _chunk(b"IEND", b"")
    )


def render_png(
    output: Sequence[int],
    height: int,
    width: int,
    output_scale: int,
    display_size: int = 512,
) -> bytes:
    """The PNG of a model output: render_image, nearest-neighbour upscale, encode_png."""
    rgb = render_image(output, height, width, output_scale)
    side = max(height, width)
    _check_dimension("display_size", display_size, side)
    factor = display_size // side
    if factor > 1:
        rgb = _upscale(rgb, width, height, factor)
    return encode_png(rgb, width * factor, height * factor)
