#!/usr/bin/env python3
"""Writes tests/fixtures/word/: a return sent as a Word table, with a cell
merged across columns (`w:gridSpan`), an owner merged down the rows
(`w:vMerge`) and a line typed in a legacy font (`.VnTime`) — once by
python-docx, once re-saved by LibreOffice, so the reader is not tuned to one
producer. The tests are crates/tonghop-docx/tests/read.rs.

Needs: pip install python-docx; apt-get install libreoffice-writer-nogui
Usage: python3 scripts/make_word_fixtures.py
"""
import os
import shutil
import subprocess
import tempfile

from docx import Document

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "tests", "fixtures", "word")


def return_document():
    doc = Document()
    for line in [
        "ĐẢNG BỘ KHỐI CƠ QUAN TỈNH",
        "CHI BỘ SỞ TƯ PHÁP",
        "Yên Bái, ngày 12 tháng 3 năm 2023",
        "",
        "DANH SÁCH MÔ HÌNH ĐĂNG KÝ",
    ]:
        doc.add_paragraph(line)
    rows = [
        ["STT", "Tên mô hình", "Đơn vị thực hiện", "Cấp"],
        ["1", "Tủ sách pháp luật", "Văn phòng Sở", "Cơ sở"],
        ["2", "Một cửa điện tử", "", "Khối"],
        ["Tổng cộng", "", "", "2"],
    ]
    table = doc.add_table(rows=len(rows), cols=4)
    for r, values in enumerate(rows):
        for c, v in enumerate(values):
            if v:
                table.cell(r, c).text = v
    # The owner merged down rows 2 and 3; the total's label across three columns.
    table.cell(1, 2).merge(table.cell(2, 2))
    label = table.cell(3, 0).merge(table.cell(3, 2))
    label.text = "Tổng cộng"
    p = doc.add_paragraph()
    run = p.add_run("Nguoi lap bieu")
    run.font.name = ".VnTime"
    return doc


def main():
    os.makedirs(OUT, exist_ok=True)
    first = os.path.join(OUT, "bang-o-gop-python-docx.docx")
    return_document().save(first)
    work = tempfile.mkdtemp()
    src = os.path.join(work, "bang-o-gop-libreoffice.docx")
    shutil.copy(first, src)
    out = os.path.join(work, "lo")
    os.makedirs(out)
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "docx:MS Word 2007 XML", "--outdir", out, src],
        check=True, capture_output=True,
    )
    shutil.copy(os.path.join(out, "bang-o-gop-libreoffice.docx"), os.path.join(OUT, "bang-o-gop-libreoffice.docx"))
    print("written:", sorted(os.listdir(OUT)))


if __name__ == "__main__":
    main()
