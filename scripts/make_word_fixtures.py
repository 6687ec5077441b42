#!/usr/bin/env python3
"""Writes tests/fixtures/word/, returns sent as Word documents, each named for
its trap:
- bang-o-gop-*: a table with a cell merged across columns (`w:gridSpan`), an
  owner merged down the rows (`w:vMerge`) and a line in a legacy font name —
  once by python-docx, once re-saved by LibreOffice;
- phong-vntime-python-docx: typed in TCVN3, the title block in `.VnTimeH`
  (lowercase codes drawn as capitals), the rest in `.VnTime` given only by
  the Normal style (no run names it), one note in Unicode;
- phong-vni-libreoffice: an exemplars' list typed in VNI-Times, re-saved by
  LibreOffice;
- chi-co-loi-van-python-docx: the figures in sentences, no list at all.
The tests are crates/tonghop-docx/tests/read.rs and
crates/tonghop-ingest/tests/word.rs.

Needs: pip install python-docx; apt-get install libreoffice-writer-nogui
Usage: python3 scripts/make_word_fixtures.py
"""
import os
import shutil
import subprocess
import tempfile

import sys

from docx import Document

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "tests", "fixtures", "word")
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_fixtures import encoder  # noqa: E402  (the legacy tables of the project)


def fill(doc, rows, tx=lambda s: s, font=None):
    """A table of `rows`, each text through `tx`, its runs in `font` when given."""
    table = doc.add_table(rows=len(rows), cols=len(rows[0]))
    for r, values in enumerate(rows):
        for c, v in enumerate(values):
            if not v:
                continue
            if font:
                table.cell(r, c).paragraphs[0].add_run(tx(v)).font.name = font
            else:
                table.cell(r, c).text = tx(v)
    return table


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
    table = fill(doc, rows)
    # The owner merged down rows 2 and 3; the total's label across three columns.
    table.cell(1, 2).merge(table.cell(2, 2))
    label = table.cell(3, 0).merge(table.cell(3, 2))
    label.text = "Tổng cộng"
    p = doc.add_paragraph()
    run = p.add_run("Nguoi lap bieu")
    run.font.name = ".VnTime"
    return doc


def typed_in_vntime():
    """TCVN3 throughout: capitals fonts for the title block (their codes are
    lowercase), `.VnTime` from the Normal style for the rest."""
    tcvn3 = encoder("tcvn3")
    doc = Document()
    doc.styles["Normal"].font.name = ".VnTime"
    for line in ["đảng bộ khối cơ quan tỉnh", "chi bộ sở tư pháp"]:
        run = doc.add_paragraph().add_run(tcvn3(line))
        run.font.name = ".VnTimeH"
    doc.add_paragraph(tcvn3("Yên Bái, ngày 12 tháng 3 năm 2023"))
    title = doc.add_paragraph().add_run(tcvn3("danh sách mô hình đăng ký"))
    title.font.name = ".VnTimeH"
    rows = [
        ["STT", "Tên mô hình", "Đơn vị thực hiện", "Cấp"],
        ["1", "Tủ sách pháp luật", "Văn phòng Sở", "Cơ sở"],
        ["2", "Một cửa điện tử liên thông", "Phòng Hành chính tư pháp", "Khối"],
        ["3", "Dân vận khéo trong trợ giúp pháp lý", "Trung tâm Trợ giúp pháp lý", "Cơ sở"],
    ]
    fill(doc, rows, tcvn3)
    note = doc.add_paragraph().add_run("Ghi chú: danh sách gửi kèm bản ký.")
    note.font.name = "Times New Roman"
    return doc


def typed_in_vni():
    vni = encoder("vni")
    doc = Document()
    for line in ["ĐẢNG BỘ KHỐI CƠ QUAN TỈNH", "CHI BỘ SỞ TƯ PHÁP", "Yên Bái, ngày 20 tháng 3 năm 2023",
                 "DANH SÁCH ĐIỂN HÌNH TIÊN TIẾN"]:
        run = doc.add_paragraph().add_run(vni(line))
        run.font.name = "VNI-Times"
    rows = [
        ["STT", "Họ và tên", "Chức vụ", "Cấp"],
        ["1", "Nguyễn Thị Hường", "Chuyên viên", "Cơ sở"],
        ["2", "Trần Văn Đức", "Trưởng phòng", "Khối"],
    ]
    fill(doc, rows, vni, "VNI-Times")
    return doc


def prose_only():
    doc = Document()
    for line in [
        "ĐẢNG BỘ KHỐI CƠ QUAN TỈNH",
        "CHI BỘ SỞ TƯ PHÁP",
        "Yên Bái, ngày 15 tháng 3 năm 2023",
        "BÁO CÁO",
        "Kết quả đăng ký mô hình, điển hình tiên tiến",
        "Thực hiện Kế hoạch số 12-KH/ĐU của Đảng ủy Khối, Chi bộ đã quán triệt đến toàn thể đảng viên.",
        "Năm 2023, Chi bộ đăng ký 03 mô hình: Tủ sách pháp luật; Một cửa điện tử liên thông; "
        "Dân vận khéo trong trợ giúp pháp lý.",
        "Về điển hình tiên tiến, Chi bộ lựa chọn 05 cá nhân tiêu biểu để theo dõi, bồi dưỡng.",
        "T/M CHI BỘ",
        "BÍ THƯ",
    ]:
        doc.add_paragraph(line)
    return doc


def libreoffice(src_doc, name):
    work = tempfile.mkdtemp()
    src = os.path.join(work, name)
    src_doc.save(src)
    out = os.path.join(work, "lo")
    os.makedirs(out)
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "docx:MS Word 2007 XML", "--outdir", out, src],
        check=True, capture_output=True,
    )
    shutil.copy(os.path.join(out, name), os.path.join(OUT, name))


def main():
    os.makedirs(OUT, exist_ok=True)
    return_document().save(os.path.join(OUT, "bang-o-gop-python-docx.docx"))
    libreoffice(return_document(), "bang-o-gop-libreoffice.docx")
    typed_in_vntime().save(os.path.join(OUT, "phong-vntime-python-docx.docx"))
    libreoffice(typed_in_vni(), "phong-vni-libreoffice.docx")
    prose_only().save(os.path.join(OUT, "chi-co-loi-van-python-docx.docx"))
    print("written:", sorted(os.listdir(OUT)))


if __name__ == "__main__":
    main()
