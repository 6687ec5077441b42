#!/usr/bin/env python3
"""How tong-hop.xlsx prints: LibreOffice turns it into a PDF, PyMuPDF reads the
size of every piece of text on every page. Prints, per sheet (named in the
page footer), its pages and the smallest text on them as printed (the font's
size times the page's scale), and the smallest in the whole workbook.

Needs: libreoffice-calc, fonts-crosextra-carlito (the metrics of Calibri, the
workbook's default font, by which Excel and LibreOffice measure columns),
pip install pymupdf.
Usage: python3 scripts/print_check.py [outputs/tong-hop.xlsx]
"""
import collections
import os
import subprocess
import sys
import tempfile

import pymupdf

book = sys.argv[1] if len(sys.argv) > 1 else "outputs/tong-hop.xlsx"
with tempfile.TemporaryDirectory() as tmp:
    subprocess.run(
        ["libreoffice", "--headless", "--convert-to", "pdf", "--outdir", tmp, book],
        check=True,
        capture_output=True,
    )
    pdf = os.path.join(tmp, os.path.splitext(os.path.basename(book))[0] + ".pdf")
    doc = pymupdf.open(pdf)
    sheets = collections.OrderedDict()
    smallest = (99.0, "", 0)
    for page in doc:
        spans = [
            s
            for b in page.get_text("dict")["blocks"]
            for line in b.get("lines", [])
            for s in line["spans"]
            if s["text"].strip()
        ]
        bottom = page.rect.height - 45
        footer = " ".join(s["text"] for s in spans if s["bbox"][1] > bottom and s["bbox"][0] < 500)
        name = footer.replace("tong-hop.xlsx — ", "").strip() or "?"
        entry = sheets.setdefault(name, [0, 99.0])
        entry[0] += 1
        for s in spans:
            entry[1] = min(entry[1], s["size"])
            if s["size"] < smallest[0]:
                smallest = (s["size"], s["text"], page.number + 1)
    print(f"{len(doc)} trang A4; chữ nhỏ nhất {smallest[0]:.1f} pt (trang {smallest[2]}: {smallest[1]!r})")
    for name, (pages, size) in sheets.items():
        print(f"  {name:28s} {pages:4d} trang, chữ nhỏ nhất {size:.1f} pt")
