"""What both peer scripts share: the manifest of lists they are handed.

The manifest (one CSV row per list: path, sheet, header_row, first_row,
last_row, kind; rows counted from 0) tells them where each list is, so they
only read and concatenate: they do not find titles, units, dates, headers,
sections or totals, as tonghop does.
"""

import csv
from collections import defaultdict


def lists_by_sheet(manifest):
    """{(path, sheet): [(header_row, first_row, last_row, kind), ...]}"""
    by_sheet = defaultdict(list)
    with open(manifest, encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            by_sheet[(r["path"], r["sheet"])].append(
                (int(r["header_row"]), int(r["first_row"]), int(r["last_row"]), r["kind"])
            )
    return by_sheet


def column_names(cells):
    """Header cells as unique, non-empty column names."""
    names, seen = [], {}
    for j, c in enumerate(cells):
        name = str(c).strip() if c is not None and str(c) not in ("", "nan", "None") else f"cot_{j + 1}"
        if name in seen:
            seen[name] += 1
            name = f"{name}_{seen[name]}"
        else:
            seen[name] = 1
        names.append(name)
    return names
