"""Procedural target masks: each known shape or pattern at each size level, anti-aliased.

Masks are left-right symmetric (the model computes the left half and mirrors it), in [0, 1],
row-major (y down). Supersampling averages SUPERSAMPLE^2 points per pixel.
"""

import numpy as np

from models.glyph.vocab import SHAPES, SIZE_LEVELS

SUPERSAMPLE = 4
# Radius of the solid shapes per size level, in half-canvas units (1 = from centre to edge).
_RADIUS = (0.36, 0.48, 0.62, 0.78, 0.95)
# Pattern period in pixels per size level, for stripes, checkers and dots.
_PERIOD = (2, 3, 4, 6, 8)


def _grid(side: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Sample points: centred coordinates u, v in [-1, 1] and pixel-space x, y, shape
    (side*S, side*S)."""
    n = side * SUPERSAMPLE
    px = (np.arange(n) + 0.5) / SUPERSAMPLE
    x, y = np.meshgrid(px, px)
    return x / side * 2 - 1, y / side * 2 - 1, x, y


def _polygon(u, v, points) -> np.ndarray:
    """Even-odd point-in-polygon test."""
    inside = np.zeros(u.shape, bool)
    n = len(points)
    for i in range(n):
        (x0, y0), (x1, y1) = points[i], points[(i + 1) % n]
        crosses = (y0 > v) != (y1 > v)
        with np.errstate(divide="ignore", invalid="ignore"):
            xs = x0 + (v - y0) * (x1 - x0) / (y1 - y0)
        inside ^= crosses & (u < xs)
    return inside


def _solid(shape: str, u, v, r: float) -> np.ndarray:
    d = np.hypot(u, v)
    if shape == "circle":
        return d <= r
    if shape == "square":
        return np.maximum(abs(u), abs(v)) <= r * 0.85
    if shape == "diamond":
        return abs(u) + abs(v) <= r * 1.15
    if shape == "triangle":
        return _polygon(u, v, [(0, -r), (r, 0.8 * r), (-r, 0.8 * r)])
    if shape == "ring":
        return abs(d - r * 0.8) <= 0.09 + 0.12 * r
    if shape == "cross":
        w = 0.07 + 0.14 * r
        return ((abs(u) <= w) & (abs(v) <= r)) | ((abs(v) <= w) & (abs(u) <= r))
    if shape == "star":
        angles = -np.pi / 2 + np.arange(10) * np.pi / 5
        radii = np.where(np.arange(10) % 2 == 0, r, 0.42 * r)
        return _polygon(
            u, v, list(zip(radii * np.cos(angles), radii * np.sin(angles) + 0.05 * r, strict=True))
        )
    if shape == "heart":
        s = r * 0.78
        x, y = u / s, -(v / s) + 0.15
        return (x * x + y * y - 1) ** 3 - x * x * y**3 <= 0
    raise ValueError(shape)


def _pattern(shape: str, x, y, side: int, period: int) -> np.ndarray:
    # Cells are counted from the centre (cell 0 straddles it), which keeps patterns symmetric.
    c = side / 2
    if shape == "stripes":
        return np.floor((y - c) / period + 0.5) % 2 == 0
    if shape == "checkers":
        return (np.floor((x - c) / period + 0.5) + np.floor((y - c) / period + 0.5)) % 2 == 0
    if shape == "dots":
        step = period + 2
        dx = (x - c + step / 2) % step - step / 2
        dy = (y - c + step / 2) % step - step / 2
        return np.hypot(dx, dy) <= step * 0.3
    raise ValueError(shape)


def render_mask(shape: str, size: int, side: int) -> np.ndarray:
    """Mask of ``shape`` at size level ``size`` (0..4), shape (side, side), values in [0, 1]."""
    u, v, x, y = _grid(side)
    if shape in ("stripes", "checkers", "dots"):
        hit = _pattern(shape, x, y, side, _PERIOD[size])
    else:
        hit = _solid(shape, abs(u), v, _RADIUS[size])
    s = SUPERSAMPLE
    return hit.astype(np.float64).reshape(side, s, side, s).mean(axis=(1, 3))


def mask_table(side: int) -> np.ndarray:
    """All target masks, shape (len(SHAPES), len(SIZE_LEVELS), side, side)."""
    return np.stack(
        [np.stack([render_mask(s, z, side) for z in range(len(SIZE_LEVELS))]) for s in SHAPES]
    )
