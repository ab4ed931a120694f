"""A long-lived native prover that serves JSON lines on stdin/stdout, one request at a time.

    .venv/bin/python -m circuits.prover_worker [--model sprite] [--srs-file PATH] [--cache-dir DIR]
                                               [--warm-up]

On start it finds the cached proving key (deriving it if missing); with ``--warm-up`` it proves
one fixed prompt and discards the proof, so the key and SRS are read and the prover's first real
request takes no longer than later ones. Then it writes one line
``{"ready": true, "model_id": ..., "pid": ..., "warm_up_ms": ...}``. Then, per request line:

    {"id": 7, "witness_path": "/w.json", "proof_path": "/p.json"}
    {"id": 8, "input": "a red fox", "proof_path": "/p.json"}        (a canonical prompt)
    {"id": 9, "input": {"input_data": [[...64 ints]]}, "proof_path": "/p.json"}
 -> {"id": 7, "ok": true, "proof_path": "/p.json", "ms": 41250}
 -> {"id": 8, "ok": false, "error": {"code": "PROMPT_INVALID_CHARACTER", "message": "..."}}

Error codes: BAD_REQUEST, a prompt error's own code, WITNESS_FAILED, PROVE_FAILED. The worker
exits on end of input. ezkl 21's prove takes paths, so every proof re-reads the compiled circuit,
proving key and SRS; from the page cache that costs about a second per GB of key, and a warm
worker saves the interpreter start and imports on top.
"""

import argparse
import json
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

from circuits.paths import DEFAULT_MODEL, ModelPaths
from circuits.prove import Circuit, generate_witness, prove, write_input
from models.codec import PromptError

WARM_UP_PROMPT = "warm-up"


class RequestError(Exception):
    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code


def _witness_for(request: dict, circuit: Circuit, work: Path) -> Path:
    if "witness_path" in request:
        return Path(request["witness_path"])
    data = request.get("input")
    input_path = work / "input.json"
    if isinstance(data, str):
        try:
            write_input(data, input_path)
        except PromptError as error:
            raise RequestError(error.code, str(error)) from error
    elif isinstance(data, dict) and "input_data" in data:
        input_path.write_text(json.dumps(data))
    else:
        raise RequestError("BAD_REQUEST", 'give "witness_path" or "input" (prompt or input data)')
    witness = work / "witness.json"
    try:
        generate_witness(circuit=circuit, input_path=input_path, witness_path=witness)
    except RuntimeError as error:
        raise RequestError("WITNESS_FAILED", str(error)) from error
    return witness


def handle(request: dict, circuit: Circuit) -> dict:
    """Serves one request; every failure becomes an error response."""
    started = time.monotonic()
    proof_path = request.get("proof_path")
    if not isinstance(proof_path, str):
        raise RequestError("BAD_REQUEST", '"proof_path" (a string) is required')
    with tempfile.TemporaryDirectory() as work:
        witness = _witness_for(request, circuit, Path(work))
        try:
            prove(circuit=circuit, witness_path=witness, proof_path=Path(proof_path))
        except RuntimeError as error:
            raise RequestError("PROVE_FAILED", str(error)) from error
    ms = round((time.monotonic() - started) * 1000)
    return {"id": request.get("id"), "ok": True, "proof_path": proof_path, "ms": ms}


def serve(circuit: Circuit, requests, respond) -> None:
    for line in requests:
        if not line.strip():
            continue
        request_id = None
        try:
            request = json.loads(line)
            if not isinstance(request, dict):
                raise RequestError("BAD_REQUEST", "a request is a JSON object")
            request_id = request.get("id")
            response = handle(request, circuit)
        except json.JSONDecodeError as error:
            response = {"code": "BAD_REQUEST", "message": f"not JSON: {error}"}
        except RequestError as error:
            response = {"code": error.code, "message": str(error)}
        if "ok" not in response:
            response = {"id": request_id, "ok": False, "error": response}
        respond(response)


def exit_with_parent(interval: float = 0.5) -> None:
    """Exits this process as soon as its parent dies. ezkl's prove blocks the main thread for
    seconds, so end of input is noticed only between proofs; a watchdog thread notices a parent
    killed with SIGKILL (this process is re-parented) within ``interval`` and stops the proof,
    instead of leaving an orphan that uses the cores to finish work nobody will read."""
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(interval)
        os._exit(1)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m circuits.prover_worker", description=__doc__)
    parser.add_argument("--model", default=DEFAULT_MODEL)
    parser.add_argument("--srs-file", type=Path, help="ceremony SRS (ceremony builds only)")
    parser.add_argument("--cache-dir", type=Path, help="default: .cache/circuits/<model>")
    parser.add_argument("--circuit-dir", type=Path, help="artifacts; default: circuits/<model>")
    parser.add_argument("--warm-up", action="store_true", help="prove once before ready")
    args = parser.parse_args(argv)

    exit_with_parent()
    # The protocol owns the real stdout; anything ezkl prints goes to stderr.
    protocol = os.fdopen(os.dup(sys.stdout.fileno()), "w", buffering=1)
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())

    def respond(message: dict) -> None:
        protocol.write(json.dumps(message) + "\n")

    paths = ModelPaths.default(args.model)
    if args.cache_dir:
        paths = paths.with_changes(cache_dir=args.cache_dir)
    if args.circuit_dir:
        paths = paths.with_changes(circuit_dir=args.circuit_dir)
    log = lambda message: print(message, file=sys.stderr, flush=True)  # noqa: E731
    circuit = Circuit.load(paths=paths, srs_file=args.srs_file, log=log)
    ready = {"ready": True, "model_id": circuit.manifest["model_id"], "pid": os.getpid()}
    if args.warm_up:
        started = time.monotonic()
        with tempfile.TemporaryDirectory() as work:
            handle({"input": WARM_UP_PROMPT, "proof_path": str(Path(work) / "proof.json")}, circuit)
        ready["warm_up_ms"] = round((time.monotonic() - started) * 1000)
    respond(ready)
    serve(circuit, sys.stdin, respond)
    return 0


if __name__ == "__main__":
    sys.exit(main())
