#!/usr/bin/env python3
"""tonghop against the calamine floor and the scripts an analyst would write.

For each corpus size (returns, about 50 list rows each, the sample's mix of
layouts and of .xlsx / .xls / .ods), on the same files, one run each:

- the floor: every cell of every file read with calamine, nothing else
  (`crates/tonghop-ingest/examples/calamine_floor.rs`, all cores);
- `tonghop run` (release build): the whole pipeline, and its stages;
- pandas + openpyxl, and polars + fastexcel: read the lists and concatenate
  them into one parquet file, handed where each list is (`bench/peers/`),
  installed from PyPI into a virtual environment by this script.

Prints per corpus: wall time, files/s, rows/s, peak memory (`/usr/bin/time
-v`) and the ratios; writes `results.json` in the work folder and, with
`--chart`, the scaling chart.

Usage: python3 bench/run.py [--sizes 100,2000,20000] [--dir /tmp/tonghop-bench]
       [--peers-up-to N] [--chart docs/hieu-nang/quy-mo.png]

Corpora are generated once (tonghop-gen, LibreOffice for the .xls/.ods share
when `soffice` is on the PATH) and kept in the work folder for later runs.
"""

import argparse
import csv
import hashlib
import json
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BENCH = os.path.join(ROOT, "bench")


def log(*a):
    print(*a, file=sys.stderr, flush=True)


def check(cmd, **kw):
    log("$", " ".join(cmd))
    subprocess.run(cmd, check=True, **kw)


def target_dir():
    meta = subprocess.run(
        ["cargo", "metadata", "--format-version", "1", "--no-deps"],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(meta.stdout)["target_directory"]


def build():
    # The target directory `.ci/run` reuses, when there is one.
    shared = os.environ.get("TONGHOP_TARGET_DIR", os.path.expanduser("~/.cache/tonghop-target"))
    if "CARGO_TARGET_DIR" not in os.environ and os.path.isdir(shared):
        os.environ["CARGO_TARGET_DIR"] = shared
    check(["cargo", "build", "--release", "-p", "tonghop", "-p", "tonghop-gen"], cwd=ROOT)
    check(
        ["cargo", "build", "--release", "-p", "tonghop-ingest", "--example", "calamine_floor"],
        cwd=ROOT,
    )
    t = os.path.join(target_dir(), "release")
    return {
        "tonghop": os.path.join(t, "tonghop"),
        "gen": os.path.join(t, "tonghop-gen"),
        "floor": os.path.join(t, "examples", "calamine_floor"),
    }


def venv(work):
    """The peers' virtual environment, (re)installed when the pins change."""
    env = os.path.join(work, "venv")
    python = os.path.join(env, "bin", "python")
    req = os.path.join(BENCH, "requirements.txt")
    stamp = os.path.join(env, "requirements.txt")
    wanted = open(req, encoding="utf-8").read()
    if not os.path.exists(stamp) or open(stamp, encoding="utf-8").read() != wanted:
        if not os.path.exists(python):
            check([sys.executable, "-m", "venv", env])
        check([python, "-m", "pip", "install", "-q", "-r", req])
        shutil.copyfile(req, stamp)
    return python


def corpus(bins, work, returns):
    """Returns over three periods, ~50 rows each; written once."""
    out = os.path.join(work, f"returns-{returns}")
    truth = out + "-truth.json"
    if os.path.exists(truth):
        return out
    units = math.ceil(returns / 3)
    cmd = [bins["gen"], "--out", out, "--truth", truth, "--units", str(units), "--rows", "50"]
    if shutil.which("soffice"):
        cmd.append("--libreoffice")
    else:
        log("soffice not found: the corpus is .xlsx only")
    check(cmd)
    return out


def timed(cmd, cwd=None):
    """Runs `cmd` under /usr/bin/time -v: wall s, peak MB, stdout, stderr."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as t:
        log("$", " ".join(cmd))
        p = subprocess.run(
            ["/usr/bin/time", "-v", "-o", t.name] + cmd,
            cwd=cwd,
            capture_output=True,
            text=True,
        )
        report = t.read()
    if p.returncode != 0:
        raise SystemExit(f"{cmd[0]} failed ({p.returncode}):\n{p.stderr[-3000:]}")
    wall = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)", report)
    h, m, s = wall.groups()
    peak = re.search(r"Maximum resident set size \(kbytes\): (\d+)", report)
    return {
        "wall": int(h or 0) * 3600 + int(m) * 60 + float(s),
        "peak_mb": int(peak.group(1)) / 1024,
        "stdout": p.stdout,
        "stderr": p.stderr,
    }


def checksum(out):
    """sha256 of `summary.json` and every parquet file of an output folder, in
    name order: the figures a run produced, so that a change made for speed is
    seen to change none of them (issue 21)."""
    h = hashlib.sha256()
    names = ["summary.json"] + sorted(
        os.path.join("data", f) for f in os.listdir(os.path.join(out, "data")) if f.endswith(".parquet")
    )
    for name in names:
        h.update(name.encode())
        with open(os.path.join(out, name), "rb") as f:
            h.update(hashlib.sha256(f.read()).digest())
    return h.hexdigest()[:16]


def stages(stderr):
    """tonghop's own `Thời gian:` line: {stage: seconds}."""
    line = next((l for l in stderr.splitlines() if l.startswith("Thời gian:")), "")
    return {
        name.strip(): float(secs.replace(",", "."))
        for name, secs in re.findall(r"([^:;]+?) ([\d,]+) s", line.removeprefix("Thời gian:"))
    }


def measure(bins, python, work, returns, peers):
    inputs = corpus(bins, work, returns)
    files = sum(
        1
        for d, _, fs in os.walk(inputs)
        for f in fs
        if f.rsplit(".", 1)[-1] in ("xlsx", "xlsm", "xls", "ods") and f != "danh-muc.xlsx"
    )
    size = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(inputs) for f in fs)
    # A first run, untimed: the page cache is warm for every tool after it,
    # and its lineage tells the peers where the lists are.
    warm = os.path.join(work, f"out-{returns}-warm")
    check([bins["tonghop"], "run", inputs, "--out", warm], capture_output=True)
    manifest = os.path.join(work, f"manifest-{returns}.csv")
    check(
        [python, os.path.join(BENCH, "peers", "manifest.py"), inputs, warm, manifest],
        capture_output=True,
    )
    with open(manifest, encoding="utf-8", newline="") as f:
        rows = sum(int(l["last_row"]) - int(l["first_row"]) + 1 for l in csv.DictReader(f))

    r = {"returns": returns, "files": files, "mb": size / 1e6, "rows": rows}
    floor = timed([bins["floor"], inputs])
    floor["inner"] = float(re.search(r"([\d.]+) s", floor["stdout"]).group(1))
    r["floor"] = floor
    out = os.path.join(work, f"out-{returns}")
    run = timed([bins["tonghop"], "run", "-v", inputs, "--out", out])
    run["stages"] = stages(run["stderr"])
    r["checksum"] = checksum(out)
    if checksum(warm) != r["checksum"]:
        raise SystemExit(f"two runs on the same {returns} returns gave different outputs")
    r["tonghop"] = run
    if peers:
        for name in ("polars_fastexcel", "pandas_openpyxl"):
            out = os.path.join(work, f"{name}-{returns}.parquet")
            p = timed([python, os.path.join(BENCH, "peers", f"{name}.py"), manifest, out])
            got = int(p["stdout"].split()[0])
            if got != rows:
                raise SystemExit(f"{name} read {got} rows, the lists have {rows}")
            r[name] = p
    for k in ("floor", "tonghop", "polars_fastexcel", "pandas_openpyxl"):
        if k in r:
            for drop in ("stdout", "stderr"):
                r[k].pop(drop, None)
    return r


def table(results):
    lines = [
        "| returns | files | MB | list rows | tool | wall s | files/s | rows/s | peak MB | ratio |",
        "|---:|---:|---:|---:|---|---:|---:|---:|---:|---|",
    ]
    for r in results:
        floor, run = r["floor"], r["tonghop"]
        read = run["stages"].get("đọc", float("nan"))
        rows = [
            ("calamine floor (every cell, all cores)", floor, "1.00 (in-process " f"{floor['inner']:.2f} s)"),
            (
                "tonghop run (" + ", ".join(f"{k} {v:.2f}" for k, v in run["stages"].items()) + ")",
                run,
                f"×floor {run['wall'] / floor['wall']:.2f} end to end; ingest ×floor "
                f"{read / floor['inner']:.2f}; outputs {r['checksum']}",
            ),
        ]
        for k, name in (
            ("polars_fastexcel", "polars + fastexcel script"),
            ("pandas_openpyxl", "pandas + openpyxl script"),
        ):
            if k in r:
                rows.append((name, r[k], f"{r[k]['wall'] / run['wall']:.1f}× tonghop's time"))
        for i, (name, m, ratio) in enumerate(rows):
            head = (
                f"| {r['returns']:,} | {r['files']:,} | {r['mb']:.1f} | {r['rows']:,} "
                if i == 0
                else "| | | | "
            )
            lines.append(
                head
                + f"| {name} | {m['wall']:.2f} | {r['files'] / m['wall']:,.0f} | "
                f"{r['rows'] / m['wall']:,.0f} | {m['peak_mb']:,.0f} | {ratio} |"
            )
    return "\n".join(lines)


CHART = r"""
import json, sys
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
results = json.load(open(sys.argv[1]))
fig, (a, b) = plt.subplots(1, 2, figsize=(11, 4.2))
tools = [("floor", "sàn calamine", "o", "-"), ("tonghop", "tonghop run", "s", "-"),
         ("polars_fastexcel", "polars + fastexcel", "^", "--"), ("pandas_openpyxl", "pandas + openpyxl", "v", ":")]
for key, label, marker, style in tools:
    pts = [(r["returns"], r[key]) for r in results if key in r]
    if not pts:
        continue
    x = [p[0] for p in pts]
    a.plot(x, [p[1]["wall"] for p in pts], marker=marker, linestyle=style, color="black", label=label)
    b.plot(x, [p[1]["peak_mb"] for p in pts], marker=marker, linestyle=style, color="black", label=label)
for ax, title, unit in ((a, "Thời gian (giây)", "giây"), (b, "Bộ nhớ tối đa (MB)", "MB")):
    ax.set_xscale("log"); ax.set_yscale("log")
    ax.set_xlabel("Số báo cáo (khoảng 50 dòng mỗi báo cáo)")
    ax.set_title(title)
    ax.grid(True, which="both", color="#cccccc", linewidth=0.5)
b.axhline(1024, color="gray", linewidth=0.8)
b.text(min(r["returns"] for r in results), 1100, "1 GB", color="gray")
a.legend(loc="upper left", fontsize=8)
fig.tight_layout()
fig.savefig(sys.argv[2], dpi=110)
"""


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="100,2000,20000")
    ap.add_argument("--dir", default=os.environ.get("TONGHOP_BENCH_DIR", "/tmp/tonghop-bench"))
    ap.add_argument(
        "--peers-up-to",
        type=int,
        default=None,
        help="run the peer scripts only on corpora of at most this many returns",
    )
    ap.add_argument("--chart", help="write the scaling chart (PNG) here")
    args = ap.parse_args()
    os.makedirs(args.dir, exist_ok=True)
    bins = build()
    python = venv(args.dir)
    results = []
    for n in [int(s) for s in args.sizes.split(",")]:
        peers = args.peers_up_to is None or n <= args.peers_up_to
        results.append(measure(bins, python, args.dir, n, peers))
        log(table(results[-1:]))
    path = os.path.join(args.dir, "results.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(results, f, ensure_ascii=False, indent=1)
    if args.chart:
        chart = os.path.join(ROOT, args.chart)
        os.makedirs(os.path.dirname(chart), exist_ok=True)
        check([python, "-c", CHART, path, chart])
    print(f"machine: {os.cpu_count()} cores; results: {path}\n")
    print(table(results))


if __name__ == "__main__":
    main()
