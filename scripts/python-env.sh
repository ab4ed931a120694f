#!/usr/bin/env bash
# Creates or refreshes the project's Python virtual environment (.venv) from requirements.txt.
# Idempotent: when .venv already matches requirements.txt it returns at once.
# Prints the path of the environment's python on stdout; progress goes to stderr.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="$root/.venv"
stamp="$venv/.requirements.sha256"
want="$(sha256sum "$root/requirements.txt" | cut -d' ' -f1)"

if [[ -x "$venv/bin/python" && -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then
  echo "$venv/bin/python"
  exit 0
fi

python="${PROOFMINT_PYTHON:-python3}"
if ! "$python" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 10) else 1)' 2>/dev/null; then
  echo "python-env: need Python >= 3.10 (set PROOFMINT_PYTHON to one); found: $("$python" -V 2>&1)" >&2
  exit 1
fi
if ! "$python" -c 'import venv, ensurepip' 2>/dev/null; then
  echo "python-env: $python lacks venv/ensurepip; installing python3-venv with apt" >&2
  apt-get update -qq >&2 && apt-get install -y -qq python3-venv >&2
fi

echo "python-env: installing requirements.txt into .venv" >&2
[[ -x "$venv/bin/python" ]] || "$python" -m venv "$venv" >&2
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip >&2
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$root/requirements.txt" >&2
echo "$want" > "$stamp"
echo "$venv/bin/python"
