import json
import os

from circuits.keys import cached_proving_key, ensure_proving_key


def _fake_cache(manifest, model_paths, tmp_path, **stamp_changes):
    paths = model_paths.with_changes(cache_dir=tmp_path)
    with open(paths.pk, "wb") as pk:
        pk.truncate(manifest["proving_key"]["bytes"])  # sparse: right size, wrong bytes
    stamp = {"model_id": manifest["model_id"], **manifest["proving_key"], **stamp_changes}
    paths.pk_stamp.write_text(json.dumps(stamp))
    return paths


def test_cached_key_is_reused_without_setup_when_its_stamp_matches(manifest, model_paths, tmp_path):
    paths = _fake_cache(manifest, model_paths, tmp_path)
    messages = []
    assert ensure_proving_key(paths=paths, log=messages.append) == paths.pk
    assert messages == []


def test_cached_key_is_stale_when_the_stamp_or_size_differs(manifest, model_paths, tmp_path):
    paths = _fake_cache(manifest, model_paths, tmp_path, model_id="glyph-v2-dev-00")
    assert cached_proving_key(manifest, paths) is None
    paths = _fake_cache(manifest, model_paths, tmp_path)
    os.truncate(paths.pk, manifest["proving_key"]["bytes"] - 1)
    assert cached_proving_key(manifest, paths) is None


def test_digest_check_catches_a_corrupt_cached_key(manifest, model_paths, tmp_path):
    paths = _fake_cache(manifest, model_paths, tmp_path)
    assert cached_proving_key(manifest, paths) == paths.pk
    assert cached_proving_key(manifest, paths, check_digest=True) is None
