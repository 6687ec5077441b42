#!/usr/bin/env bash
# The load test of `tonghop serve` (issue 22), on loopback: the server on the
# sample inputs (outputs into a temporary folder), then
#   1. each page alone, one client, 200 requests: the time of a page;
#   2. 50 clients for 10 s over the pages, mixed (wrk, Debian package `wrk`),
#      with latency percentiles; no request may fail;
#   3. a run started from the page (POST /chay with the session's CSRF token,
#      answered when the run is done), five times.
# Numbers go to BENCHMARKS.md by hand.
#
#   bench/serve-load.sh            (needs a release build: cargo build --release)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${CARGO_TARGET_DIR:-}" ]; then
  export CARGO_TARGET_DIR="${TONGHOP_TARGET_DIR:-$HOME/.cache/tonghop-target}"
fi
bin="$CARGO_TARGET_DIR/release/tonghop"
command -v wrk >/dev/null || { echo "cần wrk: apt-get install wrk" >&2; exit 1; }
[ -x "$bin" ] || { echo "cần bản release: cargo build --release" >&2; exit 1; }

work=$(mktemp -d)
port=${PORT:-18080}
"$bin" serve inputs --out "$work/out" --addr "127.0.0.1:$port" 2>"$work/serve.log" &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$work"' EXIT
url="http://127.0.0.1:$port"
for _ in $(seq 1 200); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' "$url/tai-ve")" = 200 ] && break
  sleep 0.1
done

echo "== 1. each page alone (200 requests, one client): mean and max, ms"
for p in / /don-vi /don-vi/DV021 /xem-xet /nop /tai-ve /tai-ve/summary.json; do
  for _ in $(seq 1 200); do curl -s -o /dev/null -w '%{time_total}\n' "$url$p"; done |
    awk -v p="$p" '{s+=$1; if($1>m)m=$1} END {printf "%-22s mean %6.2f  max %6.2f\n", p, s/NR*1000, m*1000}'
done

echo "== 2. 50 clients for 10 s, the pages mixed"
cat > "$work/mix.lua" <<'LUA'
local paths = {"/", "/don-vi", "/don-vi/DV021", "/xem-xet", "/nop", "/tai-ve", "/tai-ve/summary.json", "/kieu.css"}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end
done = function(summary, latency, requests)
  io.write(string.format("requests %d, errors: connect %d read %d write %d status %d timeout %d\n",
    summary.requests, summary.errors.connect, summary.errors.read, summary.errors.write,
    summary.errors.status, summary.errors.timeout))
  for _, q in ipairs({50, 90, 99, 99.9}) do
    io.write(string.format("p%-5s %8.2f ms\n", q, latency:percentile(q) / 1000))
  end
  io.write(string.format("max    %8.2f ms\n", latency.max / 1000))
end
LUA
wrk -t2 -c50 -d10s --timeout 5s -s "$work/mix.lua" "$url"

echo "== 3. a run started from the page (POST /chay, answered when done), s"
jar="$work/jar"
for _ in 1 2 3 4 5; do
  token=$(curl -s -c "$jar" -b "$jar" "$url/nop" | sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' | head -1)
  curl -s -o /dev/null -b "$jar" -c "$jar" -w '%{http_code} %{time_total}\n' -d "csrf=$token" "$url/chay"
done
