#!/usr/bin/env bash
# Runs `tonghop run` on the sample inputs, then every notebook headless against those
# fresh outputs; fails if a notebook raises or was committed with cell outputs.
# The virtual environment lives outside the clone (reused between clones) unless
# TONGHOP_NOTEBOOK_VENV says otherwise; it is rebuilt when requirements.txt changes.
set -euo pipefail
cd "$(dirname "$0")/.."

# The same target directory as .ci/run, so that polars is not built a second time.
if [ -z "${CARGO_TARGET_DIR:-}" ]; then
  export CARGO_TARGET_DIR="${TONGHOP_TARGET_DIR:-$HOME/.cache/tonghop-target}"
fi

venv="${TONGHOP_NOTEBOOK_VENV:-$HOME/.cache/tonghop-notebooks-venv}"
stamp="$venv/.requirements"
if [ ! -x "$venv/bin/python" ] || ! cmp -s notebooks/requirements.txt "$stamp"; then
  echo "== virtual environment $venv"
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --upgrade pip
  "$venv/bin/pip" install --quiet -r notebooks/requirements.txt
  cp notebooks/requirements.txt "$stamp"
fi

echo "== tonghop run (sample inputs → outputs/)"
cargo run --release --quiet -- run

echo "== notebooks"
TONGHOP_OUT="$PWD/outputs" TONGHOP_INPUTS="$PWD/inputs" "$venv/bin/python" notebooks/execute.py
