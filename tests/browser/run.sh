#!/usr/bin/env bash
# The real-browser test (issue 22): `tonghop run` on the sample inputs into a
# folder of its own, then tests/browser/check.py drives Debian's Chromium over
# the page written. Needs /usr/bin/chromium (Debian package `chromium`; .ci/run
# installs it) and python3 with venv; playwright comes from PyPI into a virtual
# environment outside the clone, and drives that Chromium (it downloads none).
#
#   tests/browser/run.sh             screenshots into a temporary folder
#   tests/browser/run.sh docs/trang  refresh the committed screenshots
set -euo pipefail
cd "$(dirname "$0")/../.."

if [ -z "${CARGO_TARGET_DIR:-}" ]; then
  export CARGO_TARGET_DIR="${TONGHOP_TARGET_DIR:-$HOME/.cache/tonghop-target}"
fi
if [ ! -x /usr/bin/chromium ]; then
  echo "không thấy /usr/bin/chromium: cài gói Debian chromium (apt-get install chromium)" >&2
  exit 1
fi

venv="${TONGHOP_BROWSER_VENV:-$HOME/.cache/tonghop-browser-venv}"
stamp="$venv/.requirements"
if [ ! -x "$venv/bin/python" ] || ! cmp -s tests/browser/requirements.txt "$stamp"; then
  echo "== virtual environment $venv"
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet -r tests/browser/requirements.txt
  cp tests/browser/requirements.txt "$stamp"
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
shots="${1:-$work/shots}"

echo "== tonghop run (sample inputs → $work/out)"
cargo run --release --quiet -- -q run inputs --out "$work/out"

echo "== Chromium: tong-hop.html"
"$venv/bin/python" tests/browser/check.py "$work/out" "$shots"
