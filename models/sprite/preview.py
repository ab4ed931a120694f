"""Preview of a prompt's image with onnxruntime (floats; the minted image is the circuit's
quantized output drawn by models/render.py).

    .venv/bin/python -m models.sprite.preview "a red fox in front of a dark blue night sky"
"""

import argparse
from functools import cache
from pathlib import Path

import numpy as np
import onnxruntime as ort

from models.sprite.model import PROMPT_BYTES

ONNX_PATH = Path(__file__).with_name("model.onnx")


@cache
def _session(path: str) -> ort.InferenceSession:
    return ort.InferenceSession(path, providers=["CPUExecutionProvider"])


def encode(prompt: str) -> np.ndarray:
    """Canonical prompt -> the model input: int64 (1, 64) bytes, 0 past the end."""
    data = prompt.encode("ascii")
    if not 1 <= len(data) <= PROMPT_BYTES:
        raise ValueError(f"a prompt has 1 to {PROMPT_BYTES} bytes, got {len(data)}")
    return np.array([list(data) + [0] * (PROMPT_BYTES - len(data))], np.int64)


def preview(prompt: str, onnx_path: Path = ONNX_PATH) -> np.ndarray:
    """The float image (S, S, 3), nominally in [0, 1] (values slightly outside are clamped by the
    render rule)."""
    return _session(str(onnx_path)).run(None, {"prompt": encode(prompt)})[0][0]


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("prompt")
    parser.add_argument("--out", type=Path, default=Path("preview.png"))
    args = parser.parse_args(argv)
    from models.render import encode_png

    image = np.clip(np.round(preview(args.prompt) * 255), 0, 255).astype(np.uint8)
    big = image.repeat(8, 0).repeat(8, 1)
    args.out.write_bytes(encode_png(big.tobytes(), big.shape[1], big.shape[0]))
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
