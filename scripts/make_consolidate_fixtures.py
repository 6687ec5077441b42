#!/usr/bin/env python3
"""Writes tests/fixtures/hop-nhat/: a small inputs folder (roster and two
periods) whose returns hold the traps of consolidation, each file named for
its trap. Written by openpyxl, and by LibreOffice (soffice) for the .ods and
for one .xlsx re-saved by Calc, so that no rule is tuned to one producer.

Traps (tests/consolidate.rs checks each):
- the same model twice in one return (merged, DUPLICATE_MERGED);
- a typo of a model's name (POSSIBLE_DUPLICATE, not merged);
- the seed's ambiguous category label (CATEGORY_AMBIGUOUS);
- a blank category read from the model's name (`tên mô hình`);
- two people of one name in two workplaces (two people);
- one person listed by two units' returns (one person, two sources);
- in the next period: punctuation, case, spacing and tone placement fixed,
  text in decomposed Unicode (same ids); a model removed (`Loại`);
- an older return of the same unit and period (RETURN_SUPERSEDED).

Needs: pip install openpyxl; apt-get install libreoffice-calc-nogui
Usage: python3 scripts/make_consolidate_fixtures.py
"""
import datetime
import os
import shutil
import sys
import unicodedata

from openpyxl import Workbook

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_fixtures import soffice_convert  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "tests", "fixtures", "hop-nhat")

SEED_LABEL = "Điển hình tiên tiến trong thực hiện nội dung “5S” để nói không với tiêu cực"

UNITS = [
    ("DV01", "Chi bộ Trường THCS Lê Lợi", "Trường THCS Lê Lợi"),
    ("DV02", "Chi bộ Trường THCS Chu Văn An", "Trường THCS Chu Văn An"),
    ("DV03", "Đảng bộ Phòng Giáo dục và Đào tạo", "Phòng Giáo dục và Đào tạo; Phòng GD-ĐT"),
]


def roster(path):
    wb = Workbook()
    ws = wb.active
    ws.title = "Đơn vị"
    ws.append(["Mã đơn vị", "Tên đơn vị", "Tên gọi khác", "Loại đơn vị", "Trực thuộc"])
    for code, name, alias in UNITS:
        kind = "Đảng bộ cơ sở" if name.startswith("Đảng bộ") else "Chi bộ cơ sở"
        ws.append([code, name, alias, kind, "Huyện ủy"])
    ws = wb.create_sheet("Kỳ báo cáo")
    ws.append(["Mã kỳ", "Tên kỳ", "Thư mục", "Hạn nộp", "Loại kỳ"])
    ws.append(["2022-10", "Sơ kết 01 năm", "2022-10", datetime.datetime(2022, 10, 31), "Sơ kết"])
    ws.append(["2023-03", "Sơ kết 02 năm", "2023-03", datetime.datetime(2023, 3, 20), "Sơ kết"])
    # The campaign's checks: one that holds, one per unit that fails for some,
    # one that cannot be read, and a built-in check made an error.
    ws = wb.create_sheet("Quy tắc")
    ws.append(["Mã", "Tên quy tắc", "Vế trái", "So sánh", "Vế phải", "Phạm vi", "Mức độ", "Khi thiếu số liệu", "Thông báo"])
    ws.append(["QT01", "Mô hình cấp tỉnh không nhiều hơn tổng số", "mô_hình.tỉnh", "≤", "mo_hinh", "Toàn khối", "Lỗi", "", ""])
    ws.append(["QT02", "Mỗi đơn vị có ít nhất hai mô hình", "mo_hinh", ">=", "2", "Từng đơn vị", "Cảnh báo", "Bỏ qua nếu thiếu tất cả", "{don_vi} mới có {trai} mô hình trong kỳ {ky}; đề nghị đăng ký thêm"])
    ws.append(["QT03", "Cấp huyện không có trong danh mục", "mo_hinh.cap_huyen", "<=", "mo_hinh", "", "", "", ""])
    ws.append(["RETURN_MISSING", "", "", "", "", "", "Lỗi", "", ""])
    wb.save(path)


def ret(path, unit, date, models, people, nfd=False):
    """A return in the usual layout: heading block with the unit and the
    signing date, a model section and an exemplar section, each with its
    header row, level tick columns and a notes column."""
    tx = (lambda s: unicodedata.normalize("NFD", s)) if nfd else (lambda s: s)
    wb = Workbook()
    ws = wb.active
    ws.title = "Danh sách"
    ws["A1"] = tx("HUYỆN ỦY")
    ws["A2"] = tx(unit.upper())
    ws["E1"] = tx("ĐẢNG CỘNG SẢN VIỆT NAM")
    ws["E3"] = tx(f"Yên Bái, ngày {date.day} tháng {date.month} năm {date.year}")
    ws["A5"] = tx("DANH SÁCH MÔ HÌNH, ĐIỂN HÌNH TIÊN TIẾN")
    r = 7
    for section, heads, rows in (
        ("I. MÔ HÌNH TẬP THỂ", ("STT", "Tên mô hình", "Đơn vị thực hiện", "Lĩnh vực"), models),
        ("II. ĐIỂN HÌNH CÁ NHÂN", ("STT", "Họ và tên", "Chức vụ", "Đơn vị công tác"), people),
    ):
        ws[f"A{r}"] = tx(section)
        r += 1
        for col, h in zip("ABCDEFGH", heads + ("Tỉnh", "Khối", "Cơ sở", "Ghi chú")):
            ws[f"{col}{r}"] = tx(h)
        r += 1
        for i, (a, b, c, level, note) in enumerate(rows):
            ws[f"A{r}"] = i + 1
            for col, v in zip("BCD", (a, b, c)):
                if v:
                    ws[f"{col}{r}"] = tx(v)
            ws[f"{'EFG'[('Tỉnh', 'Khối', 'Cơ sở').index(level)]}{r}"] = "x"
            if note:
                ws[f"H{r}"] = tx(note)
            r += 1
        r += 1
    ws[f"E{r}"] = tx("T/M CHI ỦY")
    ws[f"E{r + 3}"] = tx("Nguyễn Văn Hải")
    wb.save(path)


def main():
    shutil.rmtree(OUT, ignore_errors=True)
    for p in ("2022-10", "2023-03"):
        os.makedirs(os.path.join(OUT, p))
    roster(os.path.join(OUT, "danh-muc.xlsx"))
    at = lambda *p: os.path.join(OUT, *p)

    # 2022-10
    ret(
        at("2022-10", "DV01-dong-lap-sai-chinh-ta-loai-mo-ho.xlsx"),
        "Chi bộ Trường THCS Lê Lợi",
        datetime.date(2022, 10, 20),
        [
            ("Trường học hạnh phúc", "Tổ Ngữ văn", "", "Cơ sở", ""),
            ("Trường học hạnh phúc", "Tổ Ngữ văn", "Giáo dục", "Cơ sở", ""),
            ("Trường học hạnh phcú", "Tổ Ngữ văn", "Giáo dục", "Cơ sở", ""),
            ("Thực hiện 5S tại văn phòng trường", "Văn phòng nhà trường", SEED_LABEL, "Khối", ""),
        ],
        [
            ("Nguyễn Thị Hoà", "Giáo viên", "Trường THCS Lê Lợi", "Cơ sở", ""),
            ("Trần Văn Bình", "Hiệu trưởng", "Trường THCS Lê Lợi", "Khối", ""),
        ],
    )
    # Calc writes the .ods; the same person's name as above, another school.
    src = at("2022-10", "tmp-dv02.xlsx")
    ret(
        src,
        "Chi bộ Trường THCS Chu Văn An",
        datetime.date(2022, 10, 25),
        [("Thư viện xanh", "Tổ Thư viện", "Giáo dục", "Cơ sở", "")],
        [("Nguyễn Thị Hoà", "Giáo viên", "Trường THCS Chu Văn An", "Cơ sở", "")],
    )
    soffice_convert(src, "ods", at("2022-10", "DV02-trung-ten-khac-noi-cong-tac.ods"))
    os.remove(src)
    # Re-saved by Calc: the principal DV01 lists, listed again by the office.
    src = at("2022-10", "tmp-dv03.xlsx")
    ret(
        src,
        "Đảng bộ Phòng Giáo dục và Đào tạo",
        datetime.date(2022, 10, 28),
        [("Chuyển đổi số trong quản lý giáo dục", "Bộ phận văn phòng", "Giáo dục", "Khối", "")],
        [("Trần Văn Bình", "Hiệu trưởng", "Trường THCS Lê Lợi", "Khối", "")],
    )
    soffice_convert(src, "xlsx:Calc MS Excel 2007 XML", at("2022-10", "DV03-cung-nguoi-don-vi-khac-ke.xlsx"))
    os.remove(src)

    # 2023-03: spelling fixed, decomposed Unicode, one model removed.
    ret(
        at("2023-03", "DV01-sua-dau-cau-vi-tri-dau-nfd.xlsx"),
        "Chi bộ Trường THCS Lê Lợi",
        datetime.date(2023, 3, 15),
        [
            ("Trường học  Hạnh phúc.", "Tổ Ngữ Văn", "Giáo dục", "Cơ sở", ""),
            ("Thực hiện 5S tại văn phòng trường", "Văn phòng nhà trường", "Cải cách hành chính", "Khối", "Loại (không duy trì)"),
        ],
        [("Nguyễn Thị Hòa", "Giáo viên", "Trường THCS Lê Lợi", "Cơ sở", "")],
        nfd=True,
    )
    ret(
        at("2023-03", "DV01-ban-cu-bi-thay.xlsx"),
        "Chi bộ Trường THCS Lê Lợi",
        datetime.date(2023, 3, 5),
        [("Mô hình ghi nhầm ở bản cũ", "Tổ Toán", "Giáo dục", "Cơ sở", "")],
        [],
    )
    src = at("2023-03", "tmp-dv02.xlsx")
    ret(
        src,
        "Chi bộ Trường THCS Chu Văn An",
        datetime.date(2023, 3, 18),
        [("Thư viện xanh", "Tổ Thư viện", "Giáo dục", "Cơ sở", "")],
        [("Nguyễn Thị Hoà", "Giáo viên", "Trường THCS Chu Văn An", "Cơ sở", "")],
    )
    soffice_convert(src, "ods", at("2023-03", "DV02-giu-nguyen.ods"))
    os.remove(src)
    for d, _, files in sorted(os.walk(OUT)):
        for f in sorted(files):
            p = os.path.join(d, f)
            print(f"{os.path.getsize(p):>7}  {os.path.relpath(p, OUT)}")


if __name__ == "__main__":
    main()
