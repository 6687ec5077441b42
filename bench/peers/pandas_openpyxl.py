"""Peer: what an analyst would write with pandas + openpyxl.

Reads every list named in the manifest (xlsx with openpyxl, xls with xlrd,
ods with odfpy: pandas' own engines), keeps the rows of each list under
its header's names, adds file, sheet and kind, concatenates, writes one
parquet file. Usage: pandas_openpyxl.py MANIFEST OUT.parquet
"""

import os
import sys
import warnings

import pandas as pd

from common import column_names, lists_by_sheet

ENGINES = {".xlsx": "openpyxl", ".xlsm": "openpyxl", ".xls": "xlrd", ".ods": "odf"}


def main(manifest, out):
    # pandas warns that xlrd is deprecated, once per .xls file.
    warnings.simplefilter("ignore")
    frames = []
    for (path, sheet), blocks in lists_by_sheet(manifest).items():
        engine = ENGINES[os.path.splitext(path)[1].lower()]
        raw = pd.read_excel(path, sheet_name=sheet, header=None, dtype=str, engine=engine)
        for header, first, last, kind in blocks:
            part = raw.iloc[first : last + 1].copy()
            part.columns = column_names(raw.iloc[header].tolist())
            part.insert(0, "kind", kind)
            part.insert(0, "sheet", sheet)
            part.insert(0, "file", path)
            frames.append(part)
    df = pd.concat(frames, ignore_index=True)
    df.to_parquet(out)
    print(f"{len(df)} rows")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
