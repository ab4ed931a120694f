"""The proving key: derived from the committed artifacts on first use and cached, never committed.

``python -m circuits.keys [--model sprite] [--cache-dir DIR] [--srs-file PATH]`` prints the path
of a proving key whose SHA-256 equals the manifest's, deriving it (ezkl setup on the committed
compiled circuit and SRS) only when the cache does not already hold it. Setup also re-derives the
verifying key, which must equal the committed vk.key byte for byte. Safe to run concurrently.
"""

import argparse
import fcntl
import json
import os
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import ezkl

from circuits.manifest import read_manifest
from circuits.paths import DEFAULT_MODEL, ModelPaths
from circuits.srs import SrsError, check_ceremony_file, sha256_file


class KeyMismatchError(RuntimeError):
    """A re-derived key or an input artifact differs from what the manifest records."""


def _stamp(manifest: dict) -> dict:
    return {"model_id": manifest["model_id"], **manifest["proving_key"]}


def _check_artifact(path: Path, expected: str, what: str) -> None:
    actual = sha256_file(path)
    if actual != expected:
        raise KeyMismatchError(
            f"{path}: {what} SHA-256 is {actual}, manifest says {expected}; rebuild the circuit"
        )


def prover_srs(manifest: dict, paths: ModelPaths, srs_file: Path | None) -> Path:
    """The SRS setup and proving use: the committed development SRS, or a ceremony file given by
    the caller and checked against the published digests (ezkl downsizes a larger one)."""
    srs = manifest["srs"]
    logrows = manifest["logrows"]
    if srs["kind"] == "development":
        path = paths.circuit_dir / Path(srs["file"]).name
        _check_artifact(path, srs["sha256"], "development SRS")
        return path
    if srs_file is None:
        raise SrsError(
            f"this circuit uses the Perpetual Powers of Tau SRS; pass the k>={logrows} file "
            f"({srs['url']}, SHA-256 {srs['sha256']})"
        )
    ceremony = check_ceremony_file(srs_file)
    if ceremony.k < logrows:
        raise SrsError(f"{srs_file}: k={ceremony.k} is too small for logrows {logrows}")
    return ceremony.path


@contextmanager
def _locked(directory: Path):
    directory.mkdir(parents=True, exist_ok=True)
    with open(directory / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def cached_proving_key(manifest: dict, paths: ModelPaths, *, check_digest=False) -> Path | None:
    """The cached proving key if its stamp and size (and, if asked, SHA-256) match the manifest."""
    try:
        stamp = json.loads(paths.pk_stamp.read_text())
        size = paths.pk.stat().st_size
    except (FileNotFoundError, json.JSONDecodeError):
        return None
    expected = _stamp(manifest)
    if stamp != expected or size != expected["bytes"]:
        return None
    if check_digest and sha256_file(paths.pk) != expected["sha256"]:
        return None
    return paths.pk


def install_proving_key(pk: Path, manifest_pk: dict, model_id: str, paths: ModelPaths) -> Path:
    """Moves a freshly set-up proving key into the cache and stamps it."""
    paths.cache_dir.mkdir(parents=True, exist_ok=True)
    os.replace(pk, paths.pk)
    stamp = {"model_id": model_id, **manifest_pk}
    paths.pk_stamp.write_text(json.dumps(stamp, indent=2) + "\n")
    return paths.pk


def ensure_proving_key(
    *,
    model: str = DEFAULT_MODEL,
    paths: ModelPaths | None = None,
    srs_file=None,
    check_digest: bool = False,
    log=print,
) -> Path:
    """The cached proving key, derived first if missing, stale or (with ``check_digest``)
    corrupt."""
    paths = paths or ModelPaths.default(model)
    manifest = read_manifest(paths.manifest)
    with _locked(paths.cache_dir):
        cached = cached_proving_key(manifest, paths, check_digest=check_digest)
        if cached:
            return cached
        artifacts = manifest["artifacts"]
        _check_artifact(paths.compiled, artifacts["compiled_circuit"]["sha256"], "compiled circuit")
        _check_artifact(paths.vk, artifacts["vk"]["sha256"], "verifying key")
        srs = prover_srs(manifest, paths, Path(srs_file) if srs_file else None)
        log(f"deriving the proving key for {manifest['model_id']} into {paths.cache_dir} ...")
        started = time.monotonic()
        with tempfile.TemporaryDirectory(dir=paths.cache_dir) as work:
            vk, pk = Path(work) / "vk.key", Path(work) / "pk.key"
            ezkl.setup(str(paths.compiled), str(vk), str(pk), srs_path=str(srs))
            if vk.read_bytes() != paths.vk.read_bytes():
                raise KeyMismatchError(
                    f"setup re-derived a verifying key that differs from {paths.vk}: the compiled "
                    "circuit, SRS and vk.key do not belong together; rebuild the circuit"
                )
            _check_artifact(pk, manifest["proving_key"]["sha256"], "derived proving key")
            installed = install_proving_key(
                pk, manifest["proving_key"], manifest["model_id"], paths
            )
        log(f"proving key ready in {time.monotonic() - started:.1f}s")
        return installed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m circuits.keys", description=__doc__)
    parser.add_argument("--model", default=DEFAULT_MODEL)
    parser.add_argument("--cache-dir", type=Path, help="default: .cache/circuits/<model>")
    parser.add_argument("--circuit-dir", type=Path, help="artifacts; default: circuits/<model>")
    parser.add_argument("--srs-file", type=Path, help="ceremony SRS (ceremony builds only)")
    parser.add_argument("--check-digest", action="store_true", help="re-hash a cached key")
    args = parser.parse_args(argv)
    paths = ModelPaths.default(args.model)
    if args.cache_dir:
        paths = paths.with_changes(cache_dir=args.cache_dir)
    if args.circuit_dir:
        paths = paths.with_changes(circuit_dir=args.circuit_dir)
    try:
        pk = ensure_proving_key(
            paths=paths,
            srs_file=args.srs_file,
            check_digest=args.check_digest,
            log=lambda m: print(m, file=sys.stderr),
        )
    except (KeyMismatchError, SrsError, FileNotFoundError) as error:
        print(f"circuits.keys: {error}", file=sys.stderr)
        return 1
    print(pk)
    return 0


if __name__ == "__main__":
    sys.exit(main())
