import json
from pathlib import Path

from models.sprite import bounds

HERE = Path(__file__).resolve().parent
CONFIG = HERE.parent.parent / "circuits" / "sprite" / "config.json"


def test_every_prompt_is_provable_under_the_committed_config():
    report = bounds.analyse(HERE / "model.onnx", json.loads(CONFIG.read_text()))
    assert report["all_within_limit"] is True
    assert report["min_headroom"] > 1
    assert all(entry["within"] for entry in report["lookups"])
    assert report["output_scale"] == 21


def test_calibration_inputs_are_model_inputs():
    rows = bounds.calibration_inputs()
    assert len(rows) > 100
    assert all(len(r) == 64 and all(0 <= v < 128 for v in r) for r in rows)
