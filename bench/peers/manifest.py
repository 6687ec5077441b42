"""The manifest handed to the peers: where each list of each return is.

Taken from a tonghop run's lineage (`data/rows.parquet`: every row read, its
sheet, row and kind): for each run of consecutive model or exemplar rows of a
sheet, the header row above it and its first and last rows, counted from 0.
Usage: manifest.py INPUTS OUT_DIR_OF_A_RUN MANIFEST.csv
"""

import csv
import os
import sys

import polars as pl


def main(inputs, run_out, manifest):
    rows = pl.read_parquet(os.path.join(run_out, "data", "rows.parquet")).sort(
        ["source_file", "source_sheet", "source_row"]
    )
    out, n = [], 0
    for (path, sheet), g in rows.group_by(["source_file", "source_sheet"], maintain_order=True):
        header, block, previous = None, None, None
        for row, kind in zip(g["source_row"], g["kind"]):
            # A header on two rows (merged cells above, sub-headers below):
            # its first row names the columns.
            if kind == "header" and previous != "header":
                header = row
            previous = kind
            data = kind in ("model", "exemplar")
            if block and (not data or kind != block[3] or row != block[2] + 1):
                out.append(block)
                block = None
            if data and header is not None:
                if block is None:
                    block = [header, row, row, kind]
                else:
                    block[2] = row
        if block:
            out.append(block)
        for b in out[n:]:
            b.insert(0, sheet)
            b.insert(0, os.path.join(inputs, path))
        n = len(out)
    with open(manifest, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["path", "sheet", "header_row", "first_row", "last_row", "kind"])
        for path, sheet, header, first, last, kind in out:
            # tonghop counts rows from 1, the peers' frames from 0.
            w.writerow([path, sheet, header - 1, first - 1, last - 1, kind])
    print(f"{len(out)} lists, {sum(b[4] - b[3] + 1 for b in out)} rows")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3])
