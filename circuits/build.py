"""Builds every circuit artifact of a model from its ONNX file (ezkl 21.0.0).

    .venv/bin/python -m circuits.build [--model sprite] [--srs dev | --srs ceremony --srs-file PATH]

Reads models/<model>/model.onnx, circuits/<model>/config.json and the calibration inputs
(circuits/calibration.py); writes circuits/<model>/{calibration.json, settings.json,
model.compiled, vk.key, kzg<k>.srs (development only), kzg1.srs, output_basis.bin,
manifest.json}, the verifier
contracts/src/generated/Halo2Verifier.sol and the proving key into .cache/circuits/<model>/.
Equal inputs and SRS give byte-equal artifacts; circuits/test_build.py checks that.
"""

import argparse
import asyncio
import json
import math
import sys
import tempfile
import time
from pathlib import Path

import ezkl

from circuits import commitment
from circuits.calibration import CalibrationError, calibration_inputs, write_calibration
from circuits.config import ConfigError, load_config
from circuits.keys import install_proving_key
from circuits.manifest import MANIFEST_VERSION, model_id, onnx_signature, write_manifest
from circuits.paths import DEFAULT_MODEL, ModelPaths, display_path
from circuits.prove import felt_to_signed
from circuits.settings import LayoutError, canonicalize_settings, instance_layout
from circuits.srs import (
    PPOT_SHA256,
    PPOT_URL,
    SrsError,
    check_ceremony_file,
    read_srs_head,
    sha256_file,
    write_verification_srs,
)

GENERATOR = "circuits/build.py"


class BuildError(RuntimeError):
    """The build cannot produce a sound, consistent set of artifacts; the message says why."""


def _calibrate(config, paths: ModelPaths) -> None:
    async def run():
        await ezkl.calibrate_settings(
            str(paths.calibration),
            str(paths.onnx),
            str(paths.settings),
            config.calibration_target,
            lookup_safety_margin=config.lookup_safety_margin,
            # Pinned: ezkl would otherwise search scales 11..13 and pick by its own target.
            scales=[config.run_args["param_scale"]],
            scale_rebase_multiplier=[config.run_args.get("scale_rebase_multiplier", 1)],
            max_logrows=config.max_logrows,
        )

    asyncio.run(run())


def _stale_srs_files(paths: ModelPaths, keep: Path | None):
    for path in paths.circuit_dir.glob("kzg*.srs"):
        if path != paths.verification_srs and path != keep:
            yield path


def _development_srs(paths: ModelPaths, logrows: int, log) -> tuple[Path, dict]:
    srs = paths.srs(logrows)
    for stale in _stale_srs_files(paths, keep=srs):
        log(f"removing {display_path(stale)}: the circuit now needs k={logrows}")
        stale.unlink()
    if srs.exists():
        log(f"reusing the development SRS {display_path(srs)}")
    else:
        log(f"generating an INSECURE development SRS for k={logrows} (whoever keeps it can forge)")
        ezkl.gen_srs(str(srs), logrows)
    read_srs_head(srs)
    return srs, {
        "kind": "development",
        "insecure": True,
        "k": logrows,
        "file": display_path(srs),
        "sha256": sha256_file(srs),
    }


def _ceremony_srs(paths: ModelPaths, logrows: int, srs_file: Path, log) -> tuple[Path, dict]:
    ceremony = check_ceremony_file(srs_file)
    if ceremony.k < logrows:
        raise SrsError(f"{srs_file}: k={ceremony.k} is too small for logrows {logrows}")
    log(f"using the Perpetual Powers of Tau k={ceremony.k} file (SHA-256 checked)")
    for stale in _stale_srs_files(paths, keep=None):
        log(f"removing {display_path(stale)}: ceremony builds do not commit the SRS")
        stale.unlink()
    return ceremony.path, {
        "kind": "ceremony",
        "insecure": False,
        "name": "Perpetual Powers of Tau (halo2 raw format)",
        "k": logrows,
        "url": PPOT_URL.format(k=logrows),
        "sha256": PPOT_SHA256[logrows],
        "file": None,
        "built_from": {"k": ceremony.k, "sha256": ceremony.sha256},
    }


def _write_verifier(paths: ModelPaths, srs: Path, header: str) -> None:
    paths.verifier.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        sol, abi = Path(work) / "Halo2Verifier.sol", Path(work) / "abi.json"

        async def run():
            await ezkl.create_evm_verifier(
                str(paths.vk), str(paths.settings), str(sol), str(abi), str(srs)
            )

        try:
            asyncio.run(run())
        except RuntimeError as error:
            # ezkl writes the contract, then fetches solc to extract an ABI we do not need (it is
            # fixed: verifyProof(bytes, uint256[]) returns (bool)); offline that step fails.
            if "[eth]" not in str(error) or not sol.exists() or sol.stat().st_size == 0:
                raise
        paths.verifier.write_text(header + "\n" + sol.read_text())


def _write_output_basis(
    paths: ModelPaths, srs: Path, pk: Path, rows: list[list[int]], count: int
) -> tuple[dict, int]:
    """Cuts the output commitment's basis out of the SRS (circuits/commitment.py) and checks it
    three ways on one calibration input: against ezkl's kzg_commit of an all-zero output, against
    its kzg_commit of the real output, and against the first point of a real proof. Returns the
    manifest's commitment fields and the proof's size in bytes (fixed for a circuit)."""

    def ezkl_commit(felts: list[str]) -> tuple[int, int]:
        points = ezkl.kzg_commit(felts, str(paths.vk), str(paths.settings), str(srs))
        return commitment.from_ezkl(points[0])

    blind = ezkl_commit(["00" * 32] * count)
    unusable = commitment.unusable_rows(srs, blind)
    basis, blind_from_srs = commitment.basis_from_srs(srs, count, unusable)
    if blind_from_srs != blind:
        raise BuildError("the SRS's last Lagrange points do not give ezkl's blinding commitment")

    with tempfile.TemporaryDirectory() as work:
        data, witness = Path(work) / "input.json", Path(work) / "witness.json"
        proof_path = Path(work) / "proof.json"
        data.write_text(json.dumps({"input_data": [rows[-1]]}))

        async def run():
            await ezkl.gen_witness(str(data), str(paths.compiled), str(witness))

        asyncio.run(run())
        felts = json.loads(witness.read_text())["outputs"][0]
        ezkl.prove(str(witness), str(paths.compiled), str(pk), str(proof_path), "single", str(srs))
        proof = json.loads(proof_path.read_text())
    output = [felt_to_signed(felt) for felt in felts]
    point = commitment.commit(output, basis, blind)
    if point != ezkl_commit(felts):
        raise BuildError("the basis does not recompute ezkl's commitment of a real output")
    if point != commitment.proof_commitment(proof):
        raise BuildError("the proof's first point is not the commitment of its output")
    commitment.write_basis(basis, blind, paths.output_basis)
    return {"count": count, "unusable_rows": unusable}, len(commitment.proof_bytes(proof))


def _timed(log, label: str, step):
    started = time.monotonic()
    result = step()
    log(f"{label}: {time.monotonic() - started:.1f}s")
    return result


def build(
    *,
    model: str = DEFAULT_MODEL,
    srs_mode: str = "dev",
    srs_file: Path | None = None,
    paths: ModelPaths | None = None,
    log=print,
) -> dict:
    """Runs every step and returns the manifest it wrote."""
    paths = paths or ModelPaths.default(model)
    if srs_mode not in ("dev", "ceremony"):
        raise BuildError(f"srs mode must be dev or ceremony, got {srs_mode!r}")
    if (srs_mode == "ceremony") != (srs_file is not None):
        raise BuildError("--srs-file goes with --srs ceremony, and only with it")
    if not paths.onnx.exists():
        raise BuildError(f"{paths.onnx} does not exist; export the model first")
    config = load_config(paths.config)
    paths.circuit_dir.mkdir(parents=True, exist_ok=True)
    signature = onnx_signature(paths.onnx)

    rows, calibration = calibration_inputs(model, onnx_path=paths.onnx, config_path=paths.config)
    write_calibration(rows, paths.calibration)
    if not calibration["covers_worst_case"]:
        log(
            f"WARNING: no models/{model}/bounds.py; "
            "the generic calibration set may miss worst cases"
        )

    def settings_step():
        ezkl.gen_settings(str(paths.onnx), str(paths.settings), py_run_args=config.py_run_args())
        _calibrate(config, paths)
        return canonicalize_settings(paths.settings)

    settings = _timed(log, f"settings and calibration ({len(rows)} inputs)", settings_step)
    run_args = settings["run_args"]
    if run_args["param_scale"] != config.run_args["param_scale"]:
        raise BuildError(f"calibration moved param_scale to {run_args['param_scale']}")
    layout = instance_layout(settings)
    logrows = run_args["logrows"]
    log(f"logrows {logrows}, lookup range {run_args['lookup_range']}, rows {settings['num_rows']}")

    _timed(
        log,
        "compile",
        lambda: ezkl.compile_circuit(str(paths.onnx), str(paths.compiled), str(paths.settings)),
    )
    if srs_mode == "dev":
        srs, srs_info = _development_srs(paths, logrows, log)
    else:
        srs, srs_info = _ceremony_srs(paths, logrows, Path(srs_file), log)
    write_verification_srs(srs, paths.verification_srs)
    if srs_mode == "ceremony" and sha256_file(paths.verification_srs) != PPOT_SHA256[1]:
        raise BuildError("the k=1 SRS cut from the ceremony file differs from the public k=1 file")

    paths.cache_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=paths.cache_dir) as work:
        pk = Path(work) / "pk.key"
        _timed(
            log,
            "setup",
            lambda: ezkl.setup(str(paths.compiled), str(paths.vk), str(pk), srs_path=str(srs)),
        )
        proving_key = {"sha256": sha256_file(pk), "bytes": pk.stat().st_size}
        output_count = math.prod(signature["output"]["shape"])
        basis_info, proof_bytes = _timed(
            log,
            "output basis and a check proof",
            lambda: _write_output_basis(paths, srs, pk, rows, output_count),
        )

        identifier = model_id(
            model=model,
            onnx_sha256=sha256_file(paths.onnx),
            settings_sha256=sha256_file(paths.settings),
            vk_sha256=sha256_file(paths.vk),
            verification_srs_sha256=sha256_file(paths.verification_srs),
            output_basis_sha256=sha256_file(paths.output_basis),
            insecure=srs_info["insecure"],
        )
        header = (
            f"// Generated by {GENERATOR} (ezkl {ezkl.__version__} create_evm_verifier) "
            f"for model {identifier}; do not edit."
        )
        _timed(log, "verifier", lambda: _write_verifier(paths, srs, header))
        install_proving_key(pk, proving_key, identifier, paths)

    artifact_files = {
        "onnx": paths.onnx,
        "settings": paths.settings,
        "compiled_circuit": paths.compiled,
        "vk": paths.vk,
        "verification_srs": paths.verification_srs,
        "output_basis": paths.output_basis,
        "verifier": paths.verifier,
        "calibration": paths.calibration,
    }
    if srs_info["file"]:
        artifact_files["srs"] = srs
    manifest = {
        "_generated": f"Generated by {GENERATOR}; do not edit. Schema: circuits/README.md",
        "manifest_version": MANIFEST_VERSION,
        "model": model,
        "model_id": identifier,
        "model_id_rule": "circuits/README.md#model-id",
        "ezkl_version": ezkl.__version__,
        "srs": srs_info,
        "logrows": logrows,
        "instances": layout,
        "output_commitment": {
            "rule": "circuits/README.md#output-commitment",
            "proof_offset": 0,
            "encoding": "aigcData = x | (y mod 2) << 255, 32 bytes big-endian",
            "basis": display_path(paths.output_basis),
            **basis_info,
        },
        "input": {**signature["input"], "scale": settings["model_input_scales"][0]},
        "output": {**signature["output"], "scale": settings["model_output_scales"][0]},
        "proof": {"bytes": proof_bytes},
        "run_args": run_args,
        "calibration": calibration,
        "proving_key": proving_key,
        "artifacts": {
            name: {"path": display_path(path), "sha256": sha256_file(path)}
            for name, path in artifact_files.items()
        },
    }
    write_manifest(manifest, paths.manifest)
    log(f"model id {identifier}")
    return manifest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m circuits.build", description=__doc__)
    parser.add_argument("--model", default=DEFAULT_MODEL)
    parser.add_argument("--srs", choices=("dev", "ceremony"), default="dev")
    parser.add_argument("--srs-file", type=Path, help="Perpetual Powers of Tau file (ceremony)")
    parser.add_argument("--onnx", type=Path, help="default: models/<model>/model.onnx")
    parser.add_argument("--config", type=Path, help="default: circuits/<model>/config.json")
    parser.add_argument("--out", type=Path, help="artifact folder; default: circuits/<model>")
    parser.add_argument("--verifier", type=Path, help="default: contracts/src/generated/...")
    parser.add_argument("--cache-dir", type=Path, help="default: .cache/circuits/<model>")
    args = parser.parse_args(argv)

    overrides = {
        "onnx": args.onnx,
        "config": args.config,
        "circuit_dir": args.out,
        "verifier": args.verifier,
        "cache_dir": args.cache_dir,
    }
    paths = ModelPaths.default(args.model).with_changes(
        **{key: value for key, value in overrides.items() if value is not None}
    )
    started = time.monotonic()
    try:
        build(
            model=args.model,
            srs_mode=args.srs,
            srs_file=args.srs_file,
            paths=paths,
            log=lambda message: print(message, file=sys.stderr, flush=True),
        )
    except (BuildError, CalibrationError, ConfigError, LayoutError, SrsError) as error:
        print(f"circuits.build: {error}", file=sys.stderr)
        return 1
    print(f"built {args.model} in {time.monotonic() - started:.1f}s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
