import json
from pathlib import Path

import numpy as np
import onnx
import onnxruntime as ort

from models.codec import PROMPT_ALLOWED_CHARACTERS
from models.glyph import bounds, model

HERE = Path(__file__).resolve().parent
CONFIG = json.loads((HERE.parent.parent / "circuits" / "glyph" / "config.json").read_text())


def test_worst_case_fits_ezkl_range_checks():
    report = bounds.analyse(HERE / "model.onnx", CONFIG)
    assert report["all_within_limit"], report
    assert report["min_headroom"] > 4
    assert report["range_limit"] == CONFIG["decomp_base"] ** CONFIG["decomp_legs"] // 2
    assert {c["op"] for c in report["range_checks"]} <= {"Relu", "Abs"}


def test_bounds_contain_the_values_real_prompts_reach(tmp_path):
    """Soundness spot check: run the graph on the calibration set and random byte strings with
    every range-checked tensor exposed, and compare with the computed intervals."""
    proto = onnx.load(str(HERE / "model.onnx"))
    values, checks = bounds.propagate(proto.graph, CONFIG["param_scale"])
    checked = {n.input[0] for n in proto.graph.node if n.op_type in ("Relu", "Abs")}
    names = sorted(checked | {"z", "image"})
    del proto.graph.output[:]
    proto.graph.output.extend(onnx.helper.make_empty_tensor_value_info(n) for n in names)
    path = tmp_path / "exposed.onnx"
    onnx.save(proto, str(path))
    session = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    rows = bounds.calibration_inputs()
    rng = np.random.default_rng(1)
    allowed = np.frombuffer(PROMPT_ALLOWED_CHARACTERS.encode(), np.uint8)
    rows += [list(rng.choice(allowed, 64)) for _ in range(50)]
    for row in rows:
        outputs = session.run(names, {"prompt": np.array([row], np.int64)})
        for name, out in zip(names, outputs, strict=True):
            v = values[name]
            assert np.all(out >= v.lo - 1e-4) and np.all(out <= v.hi + 1e-4), name
        z = outputs[names.index("z")]
        assert z.min() >= 0 and z.sum() <= 2 * bounds.MAX_DETECTIONS


def test_detections_are_at_most_max_detections():
    layout = model.build_layout()
    dense = [b"on " * 22, b"red " * 16, b"on" + b" on" * 21, b"big on " * 10]
    for text in dense:
        row = np.zeros((1, 64), np.int64)
        row[0, : min(64, len(text))] = np.frombuffer(text[:64], np.uint8)
        assert model.word_channels(layout, row).sum() <= bounds.MAX_DETECTIONS


def test_calibration_inputs_are_valid_model_inputs():
    rows = bounds.calibration_inputs()
    allowed = set(PROMPT_ALLOWED_CHARACTERS.encode()) | {0}
    assert len(rows) > 50
    for row in rows:
        assert len(row) == 64 and set(row) <= allowed
        assert all(isinstance(v, int) for v in row)
