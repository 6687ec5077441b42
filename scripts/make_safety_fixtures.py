#!/usr/bin/env python3
"""Writes tests/fixtures/an-toan/: the files behind the end-to-end checks of what
is read (tests/checked_inputs.rs) and the reference-workbook checks of ingest
(crates/tonghop-ingest/tests/reference.rs), each named for its trap, made by
producers other than our own writer:

- o-dai-40000-ky-tu.xlsx (openpyxl, then the sheet XML patched: openpyxl itself
  cuts a cell at Excel's 32,767 characters): a model name of 40,000 characters;
- khong-ghi-ngay-ky.xls (openpyxl → LibreOffice): a return with no date line,
  whose .xls format carries no saved date either — only the file's modified time;
- kich-thuoc-khai-sai.xlsx (openpyxl, then the zip directory patched): a sheet
  whose declared uncompressed size is a third of its real size — the zip reader
  stops with its own English error, which must reach the user in words;
- danh-muc-loi/danh-muc.xlsx (openpyxl): a reference workbook with one of each
  mistake (impossible dates, two units with one code, a period twice, a folder
  that does not exist, targets that are no numbers or negative, Từ ngày after
  Đến ngày, a misspelt sheet), beside an existing period folder.

Needs: pip install openpyxl; apt-get install libreoffice-calc-nogui
Usage: python3 scripts/make_safety_fixtures.py
"""
import datetime
import os
import struct
import shutil
import subprocess
import tempfile
import zipfile

from openpyxl import Workbook

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "tests", "fixtures", "an-toan")


def a_return(ws, date_line=None, long_name=None):
    ws.append(["ĐẢNG BỘ SỞ Y TẾ", None, None, date_line])
    ws.append([])
    ws.append(["DANH SÁCH MÔ HÌNH ĐĂNG KÝ"])
    ws.append(["STT", "Tên mô hình", "Đơn vị thực hiện", "Cấp"])
    ws.append([1, long_name or "Bệnh viện xanh - sạch - đẹp", "Bệnh viện Đa khoa", "Cơ sở"])
    ws.append([2, "Khám chữa bệnh từ xa", "Trung tâm Y tế", "Tỉnh"])
    ws.append([])
    ws.append(["Tổng số mô hình đăng ký: 2"])


def long_cell():
    marker = "TEN_MO_HINH_DAI"  # ASCII: openpyxl writes other letters as &#…; references
    wb = Workbook()
    a_return(wb.active, "Yên Bái, ngày 10 tháng 3 năm 2023", marker)
    tmp = os.path.join(tempfile.mkdtemp(), "dai.xlsx")
    wb.save(tmp)
    name = "Mô hình " + ("rất dài " * 5000)[:40000 - len("Mô hình ")]
    assert len(name) == 40000
    dst = os.path.join(OUT, "o-dai-40000-ky-tu.xlsx")
    with zipfile.ZipFile(tmp) as src, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            data = src.read(item.filename)
            if marker.encode() in data:
                data = data.replace(marker.encode(), name.encode())
            elif item.filename == "xl/sharedStrings.xml" and marker in data.decode():
                data = data.decode().replace(marker, name).encode()
            out.writestr(item, data)


def undated_xls():
    work = tempfile.mkdtemp()
    src = os.path.join(work, "khong-ghi-ngay-ky.xlsx")
    wb = Workbook()
    a_return(wb.active)
    wb.save(src)
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "xls", "--outdir", work, src],
        check=True, capture_output=True,
    )
    shutil.copy(os.path.join(work, "khong-ghi-ngay-ky.xls"), os.path.join(OUT, "khong-ghi-ngay-ky.xls"))


def lying_sizes():
    wb = Workbook()
    a_return(wb.active, "Yên Bái, ngày 10 tháng 3 năm 2023")
    for i in range(50):
        wb.active.append([i + 3, f"Mô hình số {i + 3}", f"Phòng {i}", "Cơ sở"])
    tmp = os.path.join(tempfile.mkdtemp(), "sai.xlsx")
    wb.save(tmp)
    data = bytearray(open(tmp, "rb").read())
    info = zipfile.ZipFile(tmp).getinfo("xl/worksheets/sheet1.xml")
    fake = info.file_size // 3
    struct.pack_into("<I", data, info.header_offset + 22, fake)  # local header
    i = 0
    while (i := data.find(b"PK\x01\x02", i)) >= 0:  # central directory
        n = struct.unpack_from("<H", data, i + 28)[0]
        if bytes(data[i + 46:i + 46 + n]) == b"xl/worksheets/sheet1.xml":
            struct.pack_into("<I", data, i + 24, fake)
        i += 4
    open(os.path.join(OUT, "kich-thuoc-khai-sai.xlsx"), "wb").write(data)


def bad_reference():
    folder = os.path.join(OUT, "danh-muc-loi")
    os.makedirs(os.path.join(folder, "2023-03"), exist_ok=True)
    with open(os.path.join(folder, "2023-03", "DOC-TRUOC.txt"), "w", encoding="utf-8") as f:
        f.write("Thư mục kỳ 2023-03 của danh mục lỗi (chỉ cần có mặt).\n")
    wb = Workbook()
    ws = wb.active
    ws.title = "Đơn vị"
    ws.append(["Mã đơn vị", "Tên đơn vị", "Tên gọi khác", "Loại đơn vị", "Trực thuộc", "Từ ngày", "Đến ngày"])
    ws.append(["DV01", "Đảng bộ Sở Y tế", "Sở Y tế", "Đảng bộ cơ sở", None, None, None])
    ws.append(["DV02", "Chi bộ Sở Tư pháp", None, "Chi bộ cơ sở", None, None, "31/02/2023"])
    ws.append(["DV01", "Chi bộ Sở Nội vụ", None, "Chi bộ cơ sở", None, None, None])
    ws.append(["DV03", "Chi bộ Thanh tra", None, "Chi bộ cơ sở", None,
               datetime.datetime(2023, 6, 1), datetime.datetime(2023, 1, 1)])
    ws.append([None, "Chi bộ không mã", None, "Chi bộ cơ sở", None, None, None])
    ws = wb.create_sheet("Kỳ báo cáo")
    ws.append(["Mã kỳ", "Tên kỳ", "Thư mục", "Hạn nộp", "Loại kỳ"])
    ws.append(["2022-10", "Sơ kết 01 năm", "2022-10", "31/02/2022", "Sơ kết"])
    ws.append(["2023-03", "Sơ kết 02 năm", "2023-03", datetime.datetime(2023, 3, 20), "Sơ kết"])
    ws.append(["2023-03", "Sơ kết 02 năm (nhập lại)", "2023-03b", datetime.datetime(2023, 3, 20), "Sơ kết"])
    ws.append(["2023-12", "Tổng kết", "2023-03", datetime.datetime(2023, 12, 20), "Tổng kết"])
    ws = wb.create_sheet("Chỉ tiêu")
    ws.append(["Kỳ", "Đối tượng", "Loại mô hình", "Cấp", "Loại đơn vị", "Số lượng"])
    ws.append([None, "Mô hình", "y_te", "Khối", None, "ba"])
    ws.append([None, "Mô hình", "giao_duc", "Khối", None, -5])
    ws.append([None, "Điển hình", None, "Tỉnh", None, 2.5])
    ws.append(["2024-06", "Mô hình", None, None, None, 4])
    ws.append([None, "Mô hình", None, None, "Hợp tác xã", 1])
    ws.append([None, "Mô hình", None, None, "Đảng bộ cơ sở", 2])
    wb.create_sheet("Don vi cu").append(["Mã", "Tên"])
    wb.save(os.path.join(folder, "danh-muc.xlsx"))


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    long_cell()
    undated_xls()
    lying_sizes()
    bad_reference()
    print("written:", sorted(os.listdir(OUT)))
