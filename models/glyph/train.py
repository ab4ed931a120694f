"""Trains the glyph decoder and writes models/glyph/model.onnx.

    .venv/bin/python -m models.glyph.train [--steps N] [--qat-steps N] [--out DIR]

One seeded run on the CPU: generate the dataset (dataset.py), compute word counts with the fixed
spotter, fit the decoder with Adam, then fine-tune with the weights rounded to the circuit's fixed
point (straight-through), so the exported, quantized graph is exactly what was trained.
"""

import argparse
import json
import time
from pathlib import Path

import jax
import jax.numpy as jnp
import numpy as np
import optax

from models.glyph import export, model
from models.glyph.dataset import make_dataset

SEED = 20250101
TRAIN_PROMPTS = 30000
STEPS = 6000
QAT_STEPS = 2000
BATCH = 512
LEARNING_RATE = 3e-3
HERE = Path(__file__).resolve().parent


def init_params(key, features: int) -> dict:
    params = {}
    for name, shape_of in model.PARAM_SHAPES.items():
        key, sub = jax.random.split(key)
        shape = shape_of(features)
        if name.startswith("b"):
            params[name] = jnp.zeros(shape, jnp.float32)
        else:
            params[name] = jax.random.normal(sub, shape, jnp.float32) / np.sqrt(shape[0])
    params["b1"] = params["b1"] + 0.1
    params["bm"] = params["bm"] + 0.5
    params["bc"] = params["bc"] + 0.5
    return params


def _round_ste(x, factor):
    """x rounded to the grid the graph stores it on (x * factor at 2^-scale), gradient of x."""
    step = 2.0**-model.PARAM_SCALE
    q = jnp.round(x * factor / step) * step / factor
    return x + jax.lax.stop_gradient(q - x)


def quantized_view(params: dict) -> dict:
    """The decoder as the exported graph computes it (see model.export_params)."""
    k = model.CONTRAST
    factors = {"W1": 0.5, "Wcz": k / 2, "Wch": k, "bc": k}
    return {name: _round_ste(v, factors.get(name, 1.0)) for name, v in params.items()}


def _clip_loss(pre, target):
    """Squared error of clip(pre, 0, 1) against target, with gradient outside [0, 1] too: a
    target of 1 only asks pre >= 1, a target of 0 only pre <= 0."""
    above = jnp.where(target < 1, jnp.maximum(pre - target, 0), 0)
    below = jnp.where(target > 0, jnp.maximum(target - pre, 0), 0)
    return jnp.mean(above**2 + below**2)


def loss_fn(params, z, colours, half_masks, images):
    h = jnp.maximum(z @ params["W1"] + params["b1"], 0)
    colour_pre = z @ params["Wcz"] + h @ params["Wch"] + params["bc"]
    mask_pre = h @ params["Wm"] + params["bm"]
    picture = model.compose(jnp.clip(colour_pre, 0, 1), jnp.clip(mask_pre, 0, 1), xp=jnp)
    return (
        2 * _clip_loss(colour_pre, colours)
        + _clip_loss(mask_pre, half_masks)
        + jnp.mean((picture - images) ** 2)
    )


def make_training_data(count: int, seed: int):
    layout = model.build_layout()
    data = make_dataset(count, seed, "train")
    z = model.word_counts(layout, data.inputs)
    half_masks = data.masks[:, :, : model.HALF].reshape(count, -1)
    arrays = (z, data.colours, half_masks, data.images)
    return layout, data, tuple(jnp.asarray(a, jnp.float32) for a in arrays)


def fit(arrays, seed: int, steps: int, qat_steps: int, batch: int = BATCH, log=print) -> dict:
    """Adam on the float decoder, then on its quantized view; returns float params."""
    key = jax.random.PRNGKey(seed)
    key, sub = jax.random.split(key)
    params = init_params(sub, arrays[0].shape[1])
    count = arrays[0].shape[0]

    def run(params, steps, lr, view, key):
        schedule = optax.cosine_decay_schedule(lr, max(steps, 1))
        optimizer = optax.adam(schedule)
        state = optimizer.init(params)

        @jax.jit
        def step(params, state, idx):
            batch_arrays = [a[idx] for a in arrays]
            loss, grads = jax.value_and_grad(lambda p: loss_fn(view(p), *batch_arrays))(params)
            updates, state = optimizer.update(grads, state, params)
            return optax.apply_updates(params, updates), state, loss

        for i in range(steps):
            key, sub = jax.random.split(key)
            idx = jax.random.randint(sub, (batch,), 0, count)
            params, state, loss = step(params, state, idx)
            if i % 1000 == 0 or i == steps - 1:
                log(f"step {i:5d} loss {float(loss):.5f}")
        return params, key

    params, key = run(params, steps, LEARNING_RATE, lambda p: p, key)
    params, key = run(params, qat_steps, LEARNING_RATE / 3, quantized_view, key)
    return {k: np.asarray(v) for k, v in params.items()}


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=STEPS)
    parser.add_argument("--qat-steps", type=int, default=QAT_STEPS)
    parser.add_argument("--prompts", type=int, default=TRAIN_PROMPTS)
    parser.add_argument("--out", type=Path, default=HERE)
    args = parser.parse_args(argv)

    start = time.perf_counter()
    layout, _, arrays = make_training_data(args.prompts, SEED)
    data_seconds = time.perf_counter() - start
    params = fit(arrays, SEED, args.steps, args.qat_steps)
    graph_params = model.export_params(params)
    onnx_model = export.build_graph(layout, graph_params)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "model.onnx").write_bytes(onnx_model.SerializeToString())
    seconds = time.perf_counter() - start
    report = {
        "seed": SEED,
        "train_prompts": args.prompts,
        "steps": args.steps,
        "qat_steps": args.qat_steps,
        "data_seconds": round(data_seconds, 1),
        "total_seconds": round(seconds, 1),
        "trained_parameters": int(sum(np.size(v) for v in params.values())),
    }
    print(json.dumps(report))


if __name__ == "__main__":
    main()
