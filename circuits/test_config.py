import json
import random

import pytest

from circuits.config import ConfigError, load_config
from circuits.manifest import model_id
from circuits.settings import LayoutError, canonicalize_settings, instance_layout

BASE = {
    "input_visibility": "public",
    "output_visibility": "polycommit",
    "param_visibility": "fixed",
    "input_scale": 0,
    "param_scale": 7,
}


def _config(tmp_path, **changes):
    path = tmp_path / "config.json"
    path.write_text(json.dumps({**BASE, **changes}))
    return path


def test_config_becomes_run_args_and_calibration_options(tmp_path):
    config = load_config(_config(tmp_path, decomp_base=1024, decomp_legs=3, _note="why"))
    assert config.run_args == {
        "input_scale": 0,
        "param_scale": 7,
        "decomp_base": 1024,
        "decomp_legs": 3,
    }
    assert config.lookup_safety_margin == 2.0
    args = config.py_run_args()
    assert (args.param_visibility, args.decomp_base) == ("fixed", 1024)


@pytest.mark.parametrize(
    "changes",
    [
        {"param_visibility": "private"},
        {"param_visibility": "hashed/public"},
        {"output_visibility": "public"},
        {"output_visibility": "hashed"},
        {"input_visibility": "hashed"},
    ],
)
def test_config_rejects_visibilities_that_break_the_proof_chain(tmp_path, changes):
    with pytest.raises(ConfigError, match="must be"):
        load_config(_config(tmp_path, **changes))


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"logrows": 17}, "unknown keys"),
        ({"param_scal": 7}, "unknown keys"),
        ({"param_scale": "7"}, "must be int"),
        ({"num_inner_cols": True}, "must be int"),
        ({"lookup_safety_margin": 0.5}, "at least 1"),
    ],
)
def test_config_rejects_unknown_keys_and_bad_values(tmp_path, changes, message):
    with pytest.raises(ConfigError, match=message):
        load_config(_config(tmp_path, **changes))


def test_settings_canonical_form_ignores_hashset_order_and_time(tmp_path):
    settings = {
        "timestamp": 1795267870879,
        "required_lookups": [{"Sigmoid": {"scale": 128.0}}, "Abs", {"Exp": {"scale": 2.0}}],
        "required_range_checks": [[0, 16383], [-1, 1], [-8, 8]],
    }
    outputs = set()
    for seed in range(5):
        shuffled = json.loads(json.dumps(settings))
        random.Random(seed).shuffle(shuffled["required_lookups"])
        random.Random(seed).shuffle(shuffled["required_range_checks"])
        shuffled["timestamp"] += seed
        path = tmp_path / f"settings{seed}.json"
        path.write_text(json.dumps(shuffled))
        canonicalize_settings(path)
        outputs.add(path.read_bytes())
    assert len(outputs) == 1


def _settings(input_shapes, poseidon, polycommit):
    return {
        "model_instance_shapes": input_shapes,
        "module_sizes": {"polycommit": polycommit, "poseidon": poseidon},
        "model_input_scales": [0],
    }


def test_instance_layout_is_the_64_prompt_instances_alone():
    layout = instance_layout(_settings([[1, 64]], [0, [0]], [768]))
    assert layout["count"] == 64
    assert (layout["prompt"]["offset"], layout["prompt"]["count"]) == (0, 64)
    assert set(layout) == {"count", "prompt"}


@pytest.mark.parametrize(
    ("shapes", "poseidon", "polycommit"),
    [
        ([[1, 64], [1, 768]], [0, [0]], [768]),
        ([[1, 32]], [0, [0]], [768]),
        ([[1, 64]], [31490, [1]], []),
        ([[1, 64]], [0, [0]], []),
    ],
)
def test_instance_layout_rejects_hashed_or_public_outputs_and_other_shapes(
    shapes, poseidon, polycommit
):
    with pytest.raises(LayoutError):
        instance_layout(_settings(shapes, poseidon, polycommit))


# SHA-256("proofmint/model-id/v3\n" || 0x11 * 32 || 0x22 * 32 || 0x33 * 32 || 0x44 * 32
# || 0x55 * 32), via sha256sum.
PINNED_DIGEST = "87da3ae24c22044ad7992e69355a96574a8d7a8da5e52ac96c1bf72f5675d8c5"


def test_model_id_rule_is_pinned():
    digests = {
        "onnx_sha256": "11" * 32,
        "settings_sha256": "22" * 32,
        "vk_sha256": "33" * 32,
        "verification_srs_sha256": "44" * 32,
        "output_basis_sha256": "55" * 32,
    }
    secure = model_id(model="glyph", insecure=False, **digests)
    assert secure == "glyph-v3-" + PINNED_DIGEST
    assert model_id(model="glyph", insecure=True, **digests) == "glyph-v3-dev-" + PINNED_DIGEST
    for name in digests:
        changed = model_id(model="glyph", insecure=False, **{**digests, name: "66" * 32})
        assert changed != secure, name
