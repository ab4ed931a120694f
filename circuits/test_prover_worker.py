import os
import signal
import subprocess
import sys
import time

from circuits.paths import REPO_ROOT

# A parent (a shell) starts a worker-like child that blocks as a proof does, then is killed with
# SIGKILL: the child must exit on its own, as an orphaned prover must.
CHILD = """
import time
from circuits.prover_worker import exit_with_parent
exit_with_parent(interval=0.05)
print("watching", flush=True)
time.sleep(60)
"""


def test_worker_exits_when_its_parent_is_killed():
    parent = subprocess.Popen(
        ["sh", "-c", f"\"{sys.executable}\" -c '{CHILD}' & echo $!; wait"],
        stdout=subprocess.PIPE,
        text=True,
        cwd=REPO_ROOT,
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
    )
    child = int(parent.stdout.readline())
    assert parent.stdout.readline().strip() == "watching"
    os.kill(parent.pid, signal.SIGKILL)
    parent.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            os.kill(child, 0)
        except ProcessLookupError:
            return
        time.sleep(0.05)
    os.kill(child, signal.SIGKILL)
    raise AssertionError("the child outlived its parent by more than 10 s")
