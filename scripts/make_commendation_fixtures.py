#!/usr/bin/env python3
"""Writes tests/fixtures/khen-thuong/: a small inputs folder (roster, two
periods) whose returns hold the yearly ratings and commendation stages of
issue 20, in three layouts, each file named for its trap. Written by openpyxl,
and by LibreOffice (soffice) for the .ods, so no rule is tuned to one producer.

Layouts:
- one column a year, the year in the header (`Xếp loại năm 2021`);
- a two-row header, `Kết quả xếp loại` merged over `Năm 2021 | Năm 2022`;
- one column holding every year (`2021: HTXSNV; 2022: HTXSNV`), .ods.

Traps (tests/commendation.rs checks each):
- an individual with an excellent year (eligible) and one with two (ranked first);
- a leader (Trưởng phòng) rated as a party member, no excellent year
  (not eligible) yet proposed (PROPOSAL_INELIGIBLE);
- a member with a missing year (not decidable);
- an unreadable rating (`khá`: RATING_UNREADABLE, not decidable);
- a year rated differently by two periods (RATING_CONFLICT);
- an honour-book entry rated below «hoàn thành xuất sắc» (HONOUR_BOOK_INELIGIBLE);
- stages at their levels: honoured, proposed, awarded by the committee and
  proposed to the province (the funnel), an honour-book entry at the branch
  and a proposal to the level above (Sổ ghi danh);
- replacement obligations (sheet `Yêu cầu bổ sung`): one met by new
  exemplars, one short of a new health model (OBLIGATION_SHORT);
- a director whose collective (the model of his workplace) is only
  «hoàn thành tốt» (not eligible by the leader-and-collective rule).

Needs: pip install openpyxl; apt-get install libreoffice-calc
Usage: python3 scripts/make_commendation_fixtures.py
"""
import datetime
import os
import shutil
import sys

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_fixtures import soffice_convert  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "tests", "fixtures", "khen-thuong")

UNITS = [
    ("KT01", "Chi bộ Sở Tư pháp", "CB Sở Tư pháp"),
    ("KT02", "Đảng bộ Trung tâm Y tế", "ĐB Trung tâm Y tế"),
]
PERIODS = [
    ("2021-12", "Báo cáo năm 2021", "2021-12", datetime.date(2021, 12, 20)),
    ("2023-03", "Sơ kết 02 năm", "2023-03", datetime.date(2023, 3, 10)),
]


def danh_muc(path):
    wb = Workbook()
    ws = wb.active
    ws.title = "Đơn vị"
    ws.append(["Mã đơn vị", "Tên đơn vị", "Tên gọi khác", "Loại đơn vị"])
    for code, name, alias in UNITS:
        ws.append([code, name, alias, "Chi bộ cơ sở" if code == "KT01" else "Đảng bộ cơ sở"])
    ws = wb.create_sheet("Kỳ báo cáo")
    ws.append(["Mã kỳ", "Tên kỳ", "Thư mục", "Hạn nộp"])
    for row in PERIODS:
        ws.append(list(row))
        ws.cell(ws.max_row, 4).number_format = "dd/mm/yyyy"
    ws = wb.create_sheet("Yêu cầu bổ sung")
    ws.append(["Đơn vị", "Đối tượng", "Cấp", "Loại mô hình", "Số lượng", "Kỳ", "Căn cứ"])
    # Two new health models asked, one listed: short by one.
    ws.append(["Đảng bộ Trung tâm Y tế", "Mô hình", "Cấp Khối", "Y tế", 2, "Sơ kết 02 năm", "Công văn số 999-CV/ĐUK"])
    # One new exemplar asked, three listed that the 2021 return did not have: met.
    ws.append(["KT01", "Điển hình", None, None, 1, "2023-03", "Công văn số 999-CV/ĐUK"])
    wb.save(path)


def head(ws, unit, date, title):
    ws["A1"] = "ĐẢNG BỘ KHỐI CƠ QUAN TỈNH"
    ws["A2"] = unit.upper()
    ws["E2"] = f"Yên Bái, ngày {date.day} tháng {date.month} năm {date.year}"
    ws["A4"] = title
    ws["A4"].font = Font(bold=True)


def year_columns(path):
    """KT01, 2021: a column per year, the year in the header."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Danh sách"
    head(ws, "Chi bộ Sở Tư pháp", datetime.date(2021, 12, 15), "DANH SÁCH ĐIỂN HÌNH TIÊN TIẾN")
    ws.append([])
    ws.append(["STT", "Họ và tên", "Chức vụ", "Đơn vị công tác", "Cấp đăng ký", "Xếp loại năm 2021"])
    people = [
        ("Nguyễn Văn An", "Chuyên viên", "Phòng Hành chính", "Cơ sở", "HTXSNV"),
        ("Trần Thị Bình", "Trưởng phòng Kế hoạch", "Phòng Kế hoạch", "Cơ sở", "ĐVHTTNV"),
        # 2021 rated excellent here, «tốt» by the next period's return.
        ("Lê Văn Cường", "Chuyên viên", "Phòng Kế hoạch", "Cơ sở", "Hoàn thành xuất sắc nhiệm vụ"),
    ]
    for i, p in enumerate(people, 1):
        ws.append([i] + list(p))
    wb.save(path)


def two_row_header(path):
    """KT01, 2023: `Kết quả xếp loại` merged over the years; stages."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Điển hình"
    head(ws, "Chi bộ Sở Tư pháp", datetime.date(2023, 3, 8), "DANH SÁCH CÁ NHÂN ĐIỂN HÌNH TIÊN TIẾN")
    ws.append([])
    ws.append(["STT", "Họ và tên", "Chức vụ", "Đơn vị công tác", "Cấp đăng ký", "Kết quả xếp loại", None, "Hình thức khen thưởng"])
    top = ws.max_row
    ws.append([None, None, None, None, None, "Năm 2021", "Năm 2022", None])
    ws.merge_cells(start_row=top, start_column=6, end_row=top, end_column=7)
    for c in (1, 2, 3, 4, 5, 8):
        ws.merge_cells(start_row=top, start_column=c, end_row=top + 1, end_column=c)
    for cell in ws[top] + ws[top + 1]:
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    people = [
        ("Nguyễn Văn An", "Chuyên viên", "Phòng Hành chính", "Cơ sở", "HTXSNV", "HTTNV", "Đề nghị khen thưởng"),
        ("Trần Thị Bình", "Trưởng phòng Kế hoạch", "Phòng Kế hoạch", "Cơ sở", "ĐVHTTNV", "Đảng viên hoàn thành tốt nhiệm vụ", "Đề nghị khen thưởng"),
        ("Lê Văn Cường", "Chuyên viên", "Phòng Kế hoạch", "Cơ sở", "HTTNV", None, "Tuyên dương"),
        ("Phạm Thị Dung", "Bí thư Chi đoàn", "Văn phòng Sở", "Cơ sở", "ĐVHTXSNV", "ĐVHTTNV", "Ghi danh"),
        ("Hoàng Văn Em", "Chuyên viên", "Thanh tra Sở", "Cơ sở", "HTXSNV", "Hoàn thành xuất sắc nhiệm vụ",
         "Giấy khen của Đảng ủy Khối; đề nghị UBND tỉnh tặng Bằng khen"),
        ("Vũ Thị Giang", "Chuyên viên", "Văn phòng Sở", "Cơ sở", "HTTNV", "khá", None),
    ]
    for i, p in enumerate(people, 1):
        ws.append([i] + list(p))
    wb.save(path)


def one_column(path_xlsx):
    """KT02, 2023: every year in one column; a models list with its own
    ratings (the director's collective)."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Báo cáo"
    head(ws, "Đảng bộ Trung tâm Y tế", datetime.date(2023, 3, 9), "DANH SÁCH MÔ HÌNH, ĐIỂN HÌNH")
    ws.append([])
    ws.append(["I. MÔ HÌNH TẬP THỂ"])
    ws.append(["TT", "Tên mô hình", "Đơn vị thực hiện", "Lĩnh vực", "Cấp", "Xếp loại", "Khen thưởng"])
    ws.append([1, "Mô hình khám bệnh không chờ đợi", "Trung tâm Y tế", "Y tế", "Khối", "2021: HTXSNV; 2022: HTTNV",
               "Bằng khen của Đảng ủy Khối"])
    ws.append([])
    ws.append(["II. ĐIỂN HÌNH CÁ NHÂN"])
    ws.append(["TT", "Họ và tên", "Chức vụ", "Nơi công tác", "Cấp", "Xếp loại", "Khen thưởng"])
    ws.append([1, "Đỗ Văn Phúc", "Giám đốc", "Trung tâm Y tế", "Khối", "2021: ĐVHTXSNV; 2022: ĐVHTXSNV", "Tuyên dương"])
    ws.append([2, "Ngô Thị Hạnh", "Điều dưỡng", "Khoa Nội", "Cơ sở", "Năm 2021 - HTXS, năm 2022 - HTT",
               "Đề nghị Đảng ủy phường ghi danh"])
    wb.save(path_xlsx)


def main():
    if os.path.isdir(OUT):
        shutil.rmtree(OUT)
    for _, _, folder, _ in PERIODS:
        os.makedirs(os.path.join(OUT, folder), exist_ok=True)
    danh_muc(os.path.join(OUT, "danh-muc.xlsx"))
    year_columns(os.path.join(OUT, "2021-12", "xep-loai-cot-tung-nam - CB So Tu phap.xlsx"))
    two_row_header(os.path.join(OUT, "2023-03", "xep-loai-tieu-de-hai-dong - CB So Tu phap.xlsx"))
    tmp = os.path.join(OUT, "2023-03", "tmp.xlsx")
    one_column(tmp)
    soffice_convert(tmp, "ods", os.path.join(OUT, "2023-03", "xep-loai-mot-cot - DB Trung tam Y te.ods"))
    os.remove(tmp)


if __name__ == "__main__":
    main()
