#!/usr/bin/env python3
"""Writes tests/fixtures/thu/: the reference workbook behind the letters'
details (crates/tonghop-ingest/tests/reference.rs), named for its traps and
made by openpyxl (our own writer makes the sample's):

- thong-tin-openpyxl/danh-muc.xlsx: a `Thông tin` sheet with no header row,
  its details named in other words and cases (`TÊN CẤP ỦY`, `Ký hiệu văn
  bản`), the letters' date an Excel date and the resend date typed as text,
  the period named by its name rather than its code, which letters to write
  as `Lỗi`, the reminder refused with `Không`, recipients on two lines, and
  three mistakes: a detail tonghop does not use, a number of days that is no
  number, a period that does not exist (written after the good one, so the
  good one must stand).

Needs: pip install openpyxl
Usage: python3 scripts/make_letter_fixtures.py
"""
import datetime
import os

from openpyxl import Workbook

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "tests", "fixtures", "thu", "thong-tin-openpyxl")


def main():
    os.makedirs(OUT, exist_ok=True)
    wb = Workbook()
    ws = wb.active
    ws.title = "Kỳ báo cáo"
    ws.append(["Mã kỳ", "Tên kỳ", "Thư mục", "Hạn nộp"])
    ws.append(["SK1", "Sơ kết 01 năm", "so-ket-1", "31/10/2022"])
    info = wb.create_sheet("Thông tin")
    rows = [
        ["Cấp ủy cấp trên", "Đảng bộ tỉnh Lào Cai"],
        ["TÊN CẤP ỦY", "Đảng ủy Khối các cơ quan tỉnh"],
        ["Ký hiệu văn bản", "ĐUK"],
        ["Địa danh", "Lào Cai"],
        ["Ngày viết thư", datetime.date(2022, 11, 5)],
        ["Hạn gửi lại", "20/11/2022"],
        ["Kỳ", "Sơ kết 01 năm"],
        ["Viết thư cho đơn vị có", "Lỗi"],
        ["Thư đôn đốc", "Không"],
        ["Người ký", "Nguyễn Văn An"],
        ["Nơi nhận", "Thường trực Đảng ủy Khối;\nLưu Văn phòng"],
        ["Số điện thoại", "0214 3840 000"],
        ["Số ngày gửi lại", "mười"],
        ["Kỳ", "Tổng kết"],
    ]
    for r in rows:
        info.append(r)
    info.cell(row=5, column=2).number_format = "dd/mm/yyyy"
    wb.save(os.path.join(OUT, "danh-muc.xlsx"))


if __name__ == "__main__":
    main()
