#!/usr/bin/env python3
"""Writes the ingest fixtures in crates/tonghop-ingest/tests/fixtures/, each named
for the trap it holds, with producers other than our own writer: openpyxl, and
LibreOffice (soffice) for .xls, .ods and cached formula values; msoffcrypto-tool
for the password-protected file. The committed files are what the tests read;
this script is how they were made.

Needs: pip install openpyxl msoffcrypto-tool; apt-get install libreoffice-calc-nogui
Usage: python3 scripts/make_fixtures.py
"""
import csv
import io
import os
import shutil
import subprocess
import tempfile
import unicodedata
import zipfile

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "crates", "tonghop-ingest", "tests", "fixtures")
LEGACY = os.path.join(ROOT, "crates", "tonghop-text", "data", "vn-legacy")

MODELS = [
    ("Trường học hạnh phúc", "Tổ Ngữ văn, Trường THPT Lý Thường Kiệt", "Giáo dục - Đào tạo", "x", "", "", ""),
    ("Một cửa liên thông hiện đại", "Bộ phận một cửa, Sở Tư pháp", "CCHC", "", "X", "", "Bổ sung"),
    ("Công sở xanh - sạch - đẹp", "Văn phòng, Sở Tư pháp", "Văn hoá công sở", "", "", "✓", ""),
    ("Tiết kiệm điện, nước", "Văn phòng, Sở Tư pháp", "An toàn - tiết kiệm", "", "", "x", "Loại khỏi danh sách (không đạt)"),
]
PEOPLE = [
    ("Nguyễn Thị Thuỷ", "Chuyên viên", "Sở Tư pháp", "", "x", "", ""),
    ("Lê Văn Hoà", "Trưởng phòng", "Sở Tư pháp", "", "", "x", ""),
]


def tables():
    tcvn3, vni = {}, {}
    for r in csv.DictReader(open(os.path.join(LEGACY, "tcvn3_to_unicode.csv"), encoding="utf-8")):
        tcvn3[r["unicode_char"]] = chr(int(r["byte_hex"], 16))
    for r in csv.DictReader(open(os.path.join(LEGACY, "vni_to_unicode.csv"), encoding="utf-8")):
        vni[r["unicode_char"]] = r["vni_latin1"]
    return tcvn3, vni


def encoder(kind):
    tcvn3, vni = tables()
    if kind == "tcvn3":
        return lambda s: "".join(tcvn3.get(c, tcvn3.get(c.lower(), c)) for c in unicodedata.normalize("NFC", s))
    if kind == "vni":
        return lambda s: "".join(vni.get(c, c) for c in unicodedata.normalize("NFC", s))
    return lambda s: s


def sectioned_return(path, tx=lambda s: s, font=None):
    """The layout of plan 46's return: header block, two sections, each with a
    two-row header (`Cấp đăng ký` merged over three tick columns), a numbering
    row, `Cộng` rows, a stated total in words, and the footer."""
    wb = Workbook()
    ws = wb.active
    ws.title = tx("Báo cáo")
    f = Font(name=font) if font else None

    def put(cell, value):
        ws[cell] = tx(value) if isinstance(value, str) else value
        if f:
            ws[cell].font = f

    put("A1", "ĐẢNG ỦY KHỐI CƠ QUAN VÀ DOANH NGHIỆP TỈNH")
    ws.merge_cells("A1:C1")
    put("A2", "CHI BỘ SỞ TƯ PHÁP")
    ws.merge_cells("A2:C2")
    put("B3", "*")
    put("F1", "ĐẢNG CỘNG SẢN VIỆT NAM")
    ws.merge_cells("F1:H1")
    put("F3", "Yên Bái, ngày 20 tháng 10 năm 2022")
    ws.merge_cells("F3:H3")
    put("A5", "DANH SÁCH")
    ws.merge_cells("A5:H5")
    ws["A5"].alignment = Alignment(horizontal="center")
    put("A6", "Mô hình, điển hình tiên tiến học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh")
    ws.merge_cells("A6:H6")
    put("A8", "Tổng số mô hình đăng ký: 3")
    r = 9
    for section, heads, rows in (
        ("I. MÔ HÌNH TẬP THỂ", ("STT", "Tên mô hình", "Đơn vị thực hiện", "Lĩnh vực"), MODELS),
        ("II. ĐIỂN HÌNH CÁ NHÂN", ("STT", "Họ và tên", "Chức vụ", "Đơn vị công tác"), PEOPLE),
    ):
        put(f"A{r}", section)
        r += 1
        for j, h in enumerate(heads):
            col = "ABCD"[j]
            put(f"{col}{r}", h)
            ws.merge_cells(f"{col}{r}:{col}{r + 1}")
        put(f"E{r}", "Cấp đăng ký")
        ws.merge_cells(f"E{r}:G{r}")
        for col, h in zip("EFG", ("Tỉnh", "Khối", "Cơ sở")):
            put(f"{col}{r + 1}", h)
        put(f"H{r}", "Ghi chú")
        ws.merge_cells(f"H{r}:H{r + 1}")
        r += 2
        for j in range(8):
            put(f"{'ABCDEFGH'[j]}{r}", f"({j + 1})")
        r += 1
        for i, row in enumerate(rows):
            put(f"A{r}", i + 1)
            for col, v in zip("BCDEFGH", row):
                if v:
                    put(f"{col}{r}", v)
            r += 1
        put(f"A{r}", "Cộng")
        put(f"B{r}", sum(1 for row in rows if not row[6].startswith("Loại")))
        r += 2
    put(f"A{r}", "Nơi nhận:")
    put(f"F{r}", "T/M CHI ỦY")
    put(f"A{r + 1}", "- Ban Tuyên giáo ĐUK;")
    put(f"F{r + 1}", "BÍ THƯ")
    put(f"F{r + 4}", "Trần Văn Bình")
    wb.save(path)


def soffice_convert(src, fmt, dest):
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            ["soffice", "--headless", "--calc", "--convert-to", fmt, "--outdir", tmp, src],
            check=True,
            capture_output=True,
        )
        produced = [p for p in os.listdir(tmp)]
        shutil.move(os.path.join(tmp, produced[0]), dest)


def formulas_and_errors(path):
    """Numbers stored as text, totals as formulas (cached values written by
    LibreOffice), error cells, and the date as an Excel date cell."""
    import datetime

    wb = Workbook()
    ws = wb.active
    ws.title = "Danh sách"
    ws["A1"] = "CHI BỘ SỞ TƯ PHÁP"
    ws["E1"] = "Ngày lập:"
    ws["F1"] = datetime.date(2022, 10, 20)
    ws["F1"].number_format = "dd/mm/yyyy"
    ws["A3"] = "DANH SÁCH MÔ HÌNH"
    for j, h in enumerate(("STT", "Tên mô hình", "Chủ thể", "Lĩnh vực", "Cấp", "Tỷ lệ", "Số thành viên")):
        ws.cell(row=5, column=j + 1, value=h)
    rows = [
        ("1", "Trường học hạnh phúc", "Tổ Ngữ văn", "GD-ĐT", "Cơ sở", "=1/0", 12),
        ("2", "Dân vận khéo", "Chi đoàn", "Khác", "Khối", "=NA()", 30),
        ("3", "Ngày thứ Bảy tình nguyện", "Chi đoàn", "Đoàn thể", "Tỉnh", "=#REF!", 25),
    ]
    for i, row in enumerate(rows):
        for j, v in enumerate(row):
            ws.cell(row=6 + i, column=j + 1, value=v)
    ws["A9"] = "Tổng cộng"
    ws["B9"] = "=COUNTA(B6:B8)"
    tmp = path + ".tmp.xlsx"
    wb.save(tmp)
    # LibreOffice recalculates and stores the cached values calamine reads.
    soffice_convert(tmp, "xlsx:Calc MS Excel 2007 XML", path)
    os.remove(tmp)


def cover_letter_only(path):
    wb = Workbook()
    ws = wb.active
    ws.title = "Công văn"
    ws["A1"] = "ĐẢNG ỦY KHỐI CƠ QUAN VÀ DOANH NGHIỆP TỈNH"
    ws["A3"] = "Kính gửi: Ban Tuyên giáo Đảng ủy Khối"
    ws["A5"] = "Chi bộ xin gửi kèm danh sách mô hình, điển hình tiên tiến năm 2022."
    wb.save(path)


def rewrite_zip(src, dest, edit):
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            data = edit(item.filename, data)
            zout.writestr(item, data)


def main():
    os.makedirs(OUT, exist_ok=True)
    p = lambda name: os.path.join(OUT, name)
    base = p("openpyxl-sections-two-row-header-ticks.xlsx")
    sectioned_return(base)
    sectioned_return(p("openpyxl-tcvn3-vntime.xlsx"), encoder("tcvn3"), font=".VnTime")
    sectioned_return(p("openpyxl-vni-times.xlsx"), encoder("vni"), font="VNI-Times")
    soffice_convert(base, "xls:MS Excel 97", p("libreoffice-legacy-biff8.xls"))
    soffice_convert(base, "ods", p("libreoffice-open-document.ods"))
    formulas_and_errors(p("libreoffice-formulas-errors-dates.xlsx"))
    cover_letter_only(p("openpyxl-cover-letter-no-list.xlsx"))
    # Password-protected: encrypted with msoffcrypto-tool (password 1234).
    from msoffcrypto.format.ooxml import OOXMLFile

    with open(base, "rb") as fin, open(p("encrypted-password-1234.xlsx"), "wb") as fout:
        OOXMLFile(fin).encrypt("1234", fout)
    # Truncated in transit: the first 1,500 bytes.
    with open(base, "rb") as fin:
        head = fin.read(1500)
    with open(p("truncated-download.xlsx"), "wb") as fout:
        fout.write(head)
    # Empty file.
    open(p("empty-zero-bytes.xlsx"), "wb").close()
    # The sheet's <dimension> claims a million rows.
    rewrite_zip(
        base,
        p("dimension-claims-a-million-rows.xlsx"),
        lambda n, d: d.replace(b'<dimension ref="A1:H', b'<dimension ref="A1:H1048576"/><!--', 1).replace(b"<sheetViews>", b"--><sheetViews>", 1)
        if n == "xl/worksheets/sheet1.xml"
        else d,
    )
    # A stray blank cell at the last row Excel has (a dense reader would
    # allocate a million rows for it).
    rewrite_zip(
        base,
        p("far-blank-cell-row-1048576.xlsx"),
        lambda n, d: d.replace(
            b"</sheetData>",
            b'<row r="1048576"><c r="Z1048576" t="inlineStr"><is><t> </t></is></c></row></sheetData>',
        )
        if n == "xl/worksheets/sheet1.xml"
        else d,
    )
    # A million blank rows after the list (formatting dragged down a column).
    rewrite_zip(
        base,
        p("a-million-blank-rows.xlsx"),
        lambda n, d: d.replace(
            b"</sheetData>",
            b'<row r="40"/>' + b'<row spans="1:8"/>' * 1_000_000 + b"</sheetData>",
        )
        if n == "xl/worksheets/sheet1.xml"
        else d,
    )
    # An XML entity bomb in the shared strings ("billion laughs").
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        + b"".join(
            b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10) for i in range(1, 10)
        )
        + b']><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>&lol9;</t></si></sst>'
    )
    rewrite_zip(base, p("xml-entity-bomb.xlsx"), lambda n, d: bomb if n == "xl/sharedStrings.xml" else d)
    # A zip bomb: a sheet of 300 MB of spaces inflated from a few hundred kB.
    def zip_bomb(n, d):
        if n != "xl/worksheets/sheet1.xml":
            return d
        head, tail = d.split(b"<sheetData>", 1)
        return head + b"<sheetData>" + b" " * (300 * 1024 * 1024) + tail

    rewrite_zip(base, p("zip-bomb-300mb-inflated.xlsx"), zip_bomb)
    for name in sorted(os.listdir(OUT)):
        print(f"{os.path.getsize(os.path.join(OUT, name)):>9}  {name}")


if __name__ == "__main__":
    main()
