#!/usr/bin/env python3
"""Writes tests/fixtures/nhan-dang/: returns written the way units we had not met
write them (issue 18), each named for what the reader used to get wrong, made by
openpyxl and by LibreOffice (.ods, .xls) so the reader is not tuned to one producer.
The tests are crates/tonghop-ingest/tests/recognition.rs.

Needs: pip install openpyxl; apt-get install libreoffice-calc-nogui
Usage: python3 scripts/make_recognition_fixtures.py
"""
import os
import shutil
import subprocess
import tempfile

from openpyxl import Workbook

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "tests", "fixtures", "nhan-dang")


def head(ws, unit="CHI BỘ SỞ TƯ PHÁP", date="Yên Bái, ngày 12 tháng 3 năm 2023"):
    ws.append(["ĐẢNG BỘ KHỐI CƠ QUAN TỈNH", None, None, "ĐẢNG CỘNG SẢN VIỆT NAM"])
    ws.append([unit, None, None, date])
    ws.append([])
    ws.append(["DANH SÁCH MÔ HÌNH, ĐIỂN HÌNH TIÊN TIẾN ĐĂNG KÝ"])
    ws.append([])


def save(wb, name, convert=None):
    """Saves `name` (.xlsx by openpyxl), or converts it with LibreOffice."""
    if convert is None:
        wb.save(os.path.join(OUT, name))
        return
    work = tempfile.mkdtemp()
    src = os.path.join(work, os.path.splitext(name)[0] + ".xlsx")
    wb.save(src)
    subprocess.run(
        ["soffice", "--headless", "--convert-to", convert, "--outdir", work, src],
        check=True, capture_output=True,
    )
    shutil.copy(os.path.join(work, name), os.path.join(OUT, name))


def key_row():
    """A column-key row `A | B | 1 | 2 | 3` under the header (the template of
    some committees): it is no model."""
    wb = Workbook()
    ws = wb.active
    head(ws)
    ws.append(["STT", "Tên mô hình", "Đơn vị thực hiện", "Lĩnh vực", "Cấp đăng ký"])
    ws.append(["A", "B", "1", "2", "3"])
    ws.append([1, "Một cửa liên thông hiện đại", "Bộ phận một cửa", "CCHC", "Khối"])
    ws.append([2, "Công sở xanh - sạch - đẹp", "Văn phòng Sở", "Văn hoá công sở", "Cơ sở"])
    ws.append([3, "Trợ giúp pháp lý lưu động", "Trung tâm Trợ giúp pháp lý", "Cơ quan, đơn vị", "Cơ sở"])
    save(wb, "hang-ky-hieu-cot-A-B-1-2-3.xlsx")


def nothing_row():
    """The exemplars list holds one row `Không có`: no exemplar."""
    wb = Workbook()
    ws = wb.active
    head(ws)
    ws.append(["I. MÔ HÌNH TẬP THỂ"])
    ws.append(["STT", "Tên mô hình", "Đơn vị thực hiện", "Cấp"])
    ws.append([1, "Tủ sách pháp luật điện tử", "Phòng Phổ biến pháp luật", "Cơ sở"])
    ws.append([2, "Ngày thứ Bảy pháp luật", "Chi đoàn Sở", "Cơ sở"])
    ws.append([])
    ws.append(["II. ĐIỂN HÌNH CÁ NHÂN"])
    ws.append(["STT", "Họ và tên", "Chức vụ", "Đơn vị công tác", "Cấp"])
    ws.append([1, "Không có", None, None, None])
    ws.append([])
    ws.append(["Nơi nhận:"])
    save(wb, "dong-khong-co.ods", convert="ods")


def honorifics():
    """Names written with an honorific or a title before them."""
    wb = Workbook()
    ws = wb.active
    head(ws)
    ws.append(["STT", "Họ và tên", "Chức vụ", "Đơn vị công tác", "Cấp"])
    ws.append([1, "Đ/c Nguyễn Văn An", "Chánh Văn phòng", "Văn phòng Sở", "Khối"])
    ws.append([2, "Đồng chí Lê Thị Hoà", "Chuyên viên", "Phòng Hành chính tư pháp", "Cơ sở"])
    ws.append([3, "TS. Trần Minh Đức", "Phó Giám đốc", "Ban Giám đốc", "Tỉnh"])
    ws.append([4, "Bà Phạm Thu Hà", "Trưởng phòng", "Phòng Bổ trợ tư pháp", "Cơ sở"])
    save(wb, "danh-xung-trong-ho-ten.xls", convert="xls")


def two_subjects_total():
    """One cell states both totals: `Tổng số: 02 mô hình, 03 điển hình`."""
    wb = Workbook()
    ws = wb.active
    head(ws)
    ws.append(["STT", "Tên mô hình", "Đơn vị thực hiện", "Cấp"])
    ws.append([1, "Tủ sách pháp luật điện tử", "Phòng Phổ biến pháp luật", "Cơ sở"])
    ws.append([2, "Ngày thứ Bảy pháp luật", "Chi đoàn Sở", "Cơ sở"])
    ws.append([])
    ws.append(["STT", "Họ và tên", "Chức vụ", "Đơn vị công tác", "Cấp"])
    ws.append([1, "Nguyễn Văn An", "Chánh Văn phòng", "Văn phòng Sở", "Khối"])
    ws.append([2, "Lê Thị Hoà", "Chuyên viên", "Phòng Hành chính tư pháp", "Cơ sở"])
    ws.append([3, "Trần Minh Đức", "Phó Giám đốc", "Ban Giám đốc", "Cơ sở"])
    ws.append([])
    ws.append(["Tổng số: 02 mô hình, 03 điển hình"])
    save(wb, "tong-so-hai-doi-tuong-mot-o.xlsx")


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    key_row()
    nothing_row()
    honorifics()
    two_subjects_total()
    print("written:", sorted(os.listdir(OUT)))
