"""Peer: what an analyst would write with polars + fastexcel (calamine).

Reads every list named in the manifest with `polars.read_excel` (engine
calamine, through fastexcel), keeps the rows of each list under its
header's names, adds file, sheet and kind, concatenates (columns aligned by
name), writes one parquet file. Usage: polars_fastexcel.py MANIFEST OUT.parquet
"""

import sys

import polars as pl

from common import column_names, lists_by_sheet


def main(manifest, out):
    frames = []
    for (path, sheet), blocks in lists_by_sheet(manifest).items():
        # Every cell as text, no header, empty rows kept: the frame's rows
        # are the sheet's rows.
        raw = pl.read_excel(
            path,
            sheet_name=sheet,
            engine="calamine",
            has_header=False,
            infer_schema_length=0,
            drop_empty_rows=False,
        )
        for header, first, last, kind in blocks:
            part = raw.slice(first, last - first + 1)
            part.columns = column_names(list(raw.row(header)))
            part = part.with_columns(
                pl.lit(path).alias("file"), pl.lit(sheet).alias("sheet"), pl.lit(kind).alias("kind")
            )
            frames.append(part)
    df = pl.concat(frames, how="diagonal")
    df.write_parquet(out)
    print(f"{df.height} rows")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
