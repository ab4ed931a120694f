import numpy as np
import onnxruntime as ort

from models.glyph import export, model, train


def test_short_training_run_learns_and_exports_a_matching_graph(tmp_path):
    layout, data, arrays = train.make_training_data(600, seed=5)
    losses = []
    params = train.fit(arrays, seed=5, steps=250, qat_steps=50, batch=128, log=losses.append)
    first, last = (float(line.split()[-1]) for line in (losses[0], losses[-1]))
    assert last < first / 3

    graph_params = model.export_params(params)
    path = tmp_path / "model.onnx"
    path.write_bytes(export.build_graph(layout, graph_params).SerializeToString())
    session = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    got = np.concatenate([session.run(None, {"prompt": row[None]})[0] for row in data.inputs[:20]])
    want = model.generate(layout, graph_params, data.inputs[:20])
    np.testing.assert_allclose(got, want, atol=1e-5)


def test_exported_weights_sit_on_the_parameter_grid():
    rng = np.random.default_rng(0)
    layout = model.build_layout()
    params = {k: rng.normal(size=f(layout.features)) for k, f in model.PARAM_SHAPES.items()}
    for value in model.export_params(params).values():
        scaled = value.astype(np.float64) * 2**model.PARAM_SCALE
        np.testing.assert_array_equal(scaled, np.round(scaled))
