#!/usr/bin/env python3
"""Writes tests/fixtures/khen-thuong-so-neu/: returns that state their
commendation stages in words as well as listing them, each file named for
its trap. Written by python-docx (Word) and openpyxl re-saved by LibreOffice
(.ods), so no rule is tuned to one producer.

- so-neu-khop-danh-sach (Word, KT01): «Chi bộ đã tuyên dương 04 cá nhân,
  đề nghị Đảng ủy Khối khen thưởng 03 cá nhân» and a passive sentence
  «01 cá nhân được Đảng ủy Khối tặng Giấy khen», each as the list says
  (the one awarded was proposed, and honoured, first): no finding.
- so-neu-lon-hon-giai-doan-truoc (.ods, KT02): «Đảng bộ đã tuyên dương 02
  tập thể và 04 cá nhân; đề nghị khen thưởng 03 tập thể» while the list has
  two collectives (one proposed) and three individuals: the proposal is
  larger than the honour (STAGE_EXCEEDS) and than the list (STAGE_MISMATCH),
  four individuals honoured is more than the three registered (STAGE_EXCEEDS)
  and than the list (STAGE_MISMATCH); a label and its figure in two cells
  (`Số tập thể được tuyên dương` | `02`), as the list says.

The test is tests/stated_stages.rs.

Needs: pip install openpyxl python-docx; apt-get install libreoffice-calc
Usage: python3 scripts/make_stage_fixtures.py
"""
import datetime
import os
import shutil
import sys

from docx import Document
from openpyxl import Workbook

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_fixtures import soffice_convert  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "tests", "fixtures", "khen-thuong-so-neu")


def danh_muc(path):
    wb = Workbook()
    ws = wb.active
    ws.title = "Đơn vị"
    ws.append(["Mã đơn vị", "Tên đơn vị", "Tên gọi khác", "Loại đơn vị"])
    ws.append(["KT01", "Chi bộ Sở Tư pháp", "CB Sở Tư pháp", "Chi bộ cơ sở"])
    ws.append(["KT02", "Đảng bộ Trung tâm Y tế", "ĐB Trung tâm Y tế", "Đảng bộ cơ sở"])
    ws = wb.create_sheet("Kỳ báo cáo")
    ws.append(["Mã kỳ", "Tên kỳ", "Thư mục", "Hạn nộp"])
    ws.append(["2023-03", "Sơ kết 02 năm", "2023-03", datetime.date(2023, 3, 10)])
    ws.cell(2, 4).number_format = "dd/mm/yyyy"
    wb.save(path)


def word_return(path):
    doc = Document()
    for line in [
        "ĐẢNG BỘ KHỐI CƠ QUAN TỈNH",
        "CHI BỘ SỞ TƯ PHÁP",
        "Yên Bái, ngày 08 tháng 3 năm 2023",
        "",
        "BÁO CÁO SƠ KẾT ĐIỂN HÌNH TIÊN TIẾN",
        "Qua sơ kết, Chi bộ đã tuyên dương 04 cá nhân, đề nghị Đảng ủy Khối khen thưởng 03 cá nhân.",
        "Trong năm, có 01 cá nhân được Đảng ủy Khối tặng Giấy khen.",
        "Danh sách cụ thể như sau:",
    ]:
        doc.add_paragraph(line)
    rows = [
        ["STT", "Họ và tên", "Chức vụ", "Cấp", "Khen thưởng"],
        ["1", "Nguyễn Văn An", "Chuyên viên", "Cơ sở", "Tuyên dương"],
        ["2", "Trần Thị Bình", "Chuyên viên", "Cơ sở", "Đề nghị Đảng ủy Khối khen thưởng"],
        ["3", "Lê Văn Cường", "Chuyên viên", "Cơ sở", "Tuyên dương; đề nghị ĐUK khen thưởng"],
        ["4", "Phạm Thị Dung", "Chuyên viên", "Cơ sở", "Giấy khen của Đảng ủy Khối"],
        ["5", "Hoàng Văn Em", "Chuyên viên", "Cơ sở", ""],
    ]
    table = doc.add_table(rows=len(rows), cols=len(rows[0]))
    for r, values in enumerate(rows):
        for c, v in enumerate(values):
            table.cell(r, c).text = v
    doc.save(path)


def ods_return(path_ods):
    wb = Workbook()
    ws = wb.active
    ws.title = "Báo cáo"
    ws["A1"] = "ĐẢNG BỘ KHỐI CƠ QUAN TỈNH"
    ws["A2"] = "ĐẢNG BỘ TRUNG TÂM Y TẾ"
    ws["E2"] = "Yên Bái, ngày 09 tháng 3 năm 2023"
    ws["A4"] = "BÁO CÁO SƠ KẾT MÔ HÌNH, ĐIỂN HÌNH"
    ws["A5"] = "Đảng bộ đã tuyên dương 02 tập thể và 04 cá nhân; đề nghị khen thưởng 03 tập thể."
    ws.append(["Số tập thể được tuyên dương", "02"])
    ws.append([])
    ws.append(["I. MÔ HÌNH TẬP THỂ"])
    ws.append(["TT", "Tên mô hình", "Đơn vị thực hiện", "Cấp", "Khen thưởng"])
    ws.append([1, "Khám bệnh không chờ đợi", "Khoa Khám bệnh", "Khối", "Tuyên dương"])
    ws.append([2, "Bệnh viện xanh sạch đẹp", "Trung tâm Y tế", "Khối", "Đề nghị khen thưởng"])
    ws.append([])
    ws.append(["II. ĐIỂN HÌNH CÁ NHÂN"])
    ws.append(["TT", "Họ và tên", "Chức vụ", "Cấp", "Khen thưởng"])
    ws.append([1, "Đỗ Văn Phúc", "Bác sĩ", "Cơ sở", "Tuyên dương"])
    ws.append([2, "Ngô Thị Hạnh", "Điều dưỡng", "Cơ sở", "Tuyên dương"])
    ws.append([3, "Bùi Văn Khánh", "Dược sĩ", "Cơ sở", "Tuyên dương"])
    tmp = path_ods[: -len(".ods")] + ".xlsx"
    wb.save(tmp)
    soffice_convert(tmp, "ods", path_ods)
    os.remove(tmp)


def main():
    if os.path.isdir(OUT):
        shutil.rmtree(OUT)
    os.makedirs(os.path.join(OUT, "2023-03"))
    danh_muc(os.path.join(OUT, "danh-muc.xlsx"))
    word_return(os.path.join(OUT, "2023-03", "so-neu-khop-danh-sach - CB So Tu phap.docx"))
    ods_return(os.path.join(OUT, "2023-03", "so-neu-lon-hon-giai-doan-truoc - DB Trung tam Y te.ods"))


if __name__ == "__main__":
    main()
