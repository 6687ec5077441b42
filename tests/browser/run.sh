#!/usr/bin/env bash
# The real-browser test (issue 22): `tonghop run` on the sample inputs into a
# folder of its own, then tests/browser/check.py drives Debian's Chromium over
# the page written; then `tonghop serve` on a copy of tests/fixtures/hop-nhat,
# whose pages tests/browser/check_serve.py opens and uses. Needs /usr/bin/chromium (Debian package `chromium`; .ci/run
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
shots=$(realpath -m "${1:-$work/shots}")

echo "== tonghop run (sample inputs → $work/out)"
cargo run --release --quiet -- -q run inputs --out "$work/out"

echo "== Chromium: tong-hop.html"
"$venv/bin/python" tests/browser/check.py "$work/out" "$shots"

# The served pages, on a copy of inputs with pairs to review
# (tests/fixtures/hop-nhat): decisions and uploads are written into the copy.
echo "== Chromium: tonghop serve"
cp -r tests/fixtures/hop-nhat "$work/inputs"
port=${TONGHOP_BROWSER_PORT:-18181}
"$CARGO_TARGET_DIR/release/tonghop" serve "$work/inputs" --out "$work/out-serve" --addr "127.0.0.1:$port" 2>"$work/serve.log" &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$work"' EXIT
# Ready when the first run is done (its outputs are listed).
python3 - "$port" <<'PY'
import sys, time, urllib.request, urllib.error
for _ in range(600):
    try:
        if urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[1]}/tai-ve", timeout=2).status == 200:
            break
    except (urllib.error.URLError, OSError):
        pass
    time.sleep(0.1)
PY
(cd tests/browser && "$venv/bin/python" check_serve.py "http://127.0.0.1:$port" "$work/inputs" "$shots")
