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


def save(wb, name, convert=None, folder=OUT):
    """Saves `name` in `folder` (.xlsx by openpyxl), or converts it with LibreOffice."""
    if convert is None:
        wb.save(os.path.join(folder, name))
        return
    work = tempfile.mkdtemp()
    src = os.path.join(work, os.path.splitext(name)[0] + ".xlsx")
    wb.save(src)
    subprocess.run(
        ["soffice", "--headless", "--convert-to", convert, "--outdir", work, src],
        check=True, capture_output=True,
    )
    shutil.copy(os.path.join(work, name), os.path.join(folder, name))


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


def other_headers():
    """The level and the category under headers worded as no list has them
    (`Phạm vi đăng ký`, `Thuộc nhóm`): told by what the columns hold."""
    wb = Workbook()
    ws = wb.active
    head(ws)
    ws.append(["STT", "Tên mô hình", "Đơn vị thực hiện", "Thuộc nhóm", "Phạm vi đăng ký"])
    ws.append([1, "Một cửa liên thông hiện đại", "Bộ phận một cửa", "CCHC", "Cấp Khối"])
    ws.append([2, "Công sở xanh - sạch - đẹp", "Văn phòng Sở", "Văn hoá công sở", "Cơ sở"])
    ws.append([3, "Tủ sách pháp luật điện tử", "Phòng Phổ biến pháp luật", "GD-ĐT", "Cơ sở"])
    ws.append([4, "Khám sức khoẻ định kỳ cho cán bộ", "Công đoàn Sở", "Y tế", "Tỉnh"])
    save(wb, "tieu-de-cot-viet-khac.ods", convert="ods")


def merged_owners():
    """One owner merged down over the rows of its three models (.xls by
    LibreOffice, which keeps the merge): every model has it."""
    wb = Workbook()
    ws = wb.active
    head(ws)
    ws.append(["STT", "Tên mô hình", "Đơn vị thực hiện", "Cấp"])
    ws.append([1, "Tủ sách pháp luật điện tử", "Phòng Phổ biến pháp luật", "Cơ sở"])
    ws.append([2, "Ngày thứ Bảy pháp luật", None, "Cơ sở"])
    ws.append([3, "Pháp luật với học đường", None, "Khối"])
    ws.append([4, "Trợ giúp pháp lý lưu động", "Trung tâm Trợ giúp pháp lý", "Cơ sở"])
    ws.merge_cells("C7:C9")
    save(wb, "don-vi-thuc-hien-gop-o.xls", convert="xls")


def units():
    """don-vi/: a roster and returns naming their unit in other ways than its
    roster name — only by the folder, abbreviated in the title line (`ĐBCS`,
    `CB`) under the parent committee's line, and only by the distinctive part
    two units share (ambiguous: the finding names both)."""
    folder = os.path.join(OUT, "don-vi")
    period = os.path.join(folder, "2023-03")
    os.makedirs(os.path.join(period, "Chi bo So Tu phap"), exist_ok=True)
    wb = Workbook()
    ws = wb.active
    ws.title = "Đơn vị"
    ws.append(["Mã đơn vị", "Tên đơn vị", "Tên gọi khác", "Loại đơn vị", "Trực thuộc"])
    parent = "Đảng bộ Khối Cơ quan tỉnh"
    ws.append(["DV01", "Đảng bộ Sở Y tế", None, "Đảng bộ cơ sở", parent])
    ws.append(["DV02", "Chi bộ Sở Tư pháp", None, "Chi bộ cơ sở", parent])
    ws.append(["DV03", "Công đoàn Sở Y tế", None, "Đoàn thể", parent])
    ws.append(["DV04", "Chi bộ Sở Nội vụ", None, "Chi bộ cơ sở", parent])
    ws.append(["DV05", "Chi bộ Sở Tài chính", None, "Chi bộ cơ sở", parent])
    ws.append(["DV06", "Chi bộ Sở Công Thương", None, "Chi bộ cơ sở", parent])
    ws = wb.create_sheet("Kỳ báo cáo")
    ws.append(["Mã kỳ", "Tên kỳ", "Thư mục", "Hạn nộp"])
    ws.append(["2023-03", "Sơ kết 02 năm", "2023-03", "20/03/2023"])
    wb.save(os.path.join(folder, "danh-muc.xlsx"))

    def a_return(title_lines, model):
        wb = Workbook()
        ws = wb.active
        for line in title_lines:
            ws.append(line)
        ws.append([])
        ws.append(["STT", "Tên mô hình", "Đơn vị thực hiện", "Cấp"])
        ws.append([1, model, "Văn phòng", "Cơ sở"])
        return wb

    # Named only by its folder: a generic file name, no title block.
    wb = a_return([["DANH SÁCH MÔ HÌNH ĐĂNG KÝ", None, None, "Ngày 10/3/2023"]], "Tủ sách pháp luật")
    wb.save(os.path.join(period, "Chi bo So Tu phap", "BC.xlsx"))
    # Abbreviated kind, the parent committee's line above it.
    wb = a_return([
        ["ĐẢNG BỘ KHỐI CƠ QUAN TỈNH", None, None, "ĐẢNG CỘNG SẢN VIỆT NAM"],
        ["ĐBCS SỞ Y TẾ", None, None, "Yên Bái, ngày 10 tháng 3 năm 2023"],
    ], "Bệnh viện xanh - sạch - đẹp")
    wb.save(os.path.join(period, "BC mo hinh 2023 (1).xlsx"))
    wb = a_return([
        ["ĐẢNG BỘ KHỐI CƠ QUAN TỈNH", None, None, "ĐẢNG CỘNG SẢN VIỆT NAM"],
        ["CB SỞ NỘI VỤ", None, None, "Yên Bái, ngày 11 tháng 3 năm 2023"],
    ], "Một cửa điện tử")
    save(wb, "BC mo hinh 2023 (2).ods", convert="ods", folder=period)
    # Only the part two units share: Đảng bộ or Công đoàn of Sở Y tế?
    wb = a_return([["SỞ Y TẾ", None, None, "Yên Bái, ngày 12 tháng 3 năm 2023"]], "Công đoàn cơ sở vững mạnh")
    wb.save(os.path.join(period, "BC mo hinh 2023 (3).xlsx"))
    # Named only in the signature block, below the recipients.
    wb = a_return([["DANH SÁCH MÔ HÌNH ĐĂNG KÝ", None, None, "Ngày 13/3/2023"]], "Mái ấm công đoàn")
    ws = wb.active
    ws.append([])
    ws.append(["Nơi nhận:", None, None, "T/M BAN CHẤP HÀNH CÔNG ĐOÀN SỞ Y TẾ"])
    ws.append(["- Công đoàn Khối (b/c);", None, None, "CHỦ TỊCH"])
    ws.append(["- Lưu.", None, None, None])
    ws.append([None, None, None, "Nguyễn Thị Hoa"])
    wb.save(os.path.join(period, "BC mo hinh 2023 (4).xlsx"))
    # Named only in the document's properties (a title), .ods by LibreOffice.
    wb = a_return([["DANH SÁCH MÔ HÌNH ĐĂNG KÝ", None, None, "Ngày 14/3/2023"]], "Sổ tay quyết toán")
    wb.properties.title = "Báo cáo mô hình - Chi bộ Sở Tài chính"
    save(wb, "BC mo hinh 2023 (5).ods", convert="ods", folder=period)
    # Two places naming two units about as strongly: the folder says Nội vụ,
    # the sheet's name says Tư pháp. Neither wins; the finding names both.
    os.makedirs(os.path.join(period, "Chi bo So Noi vu"), exist_ok=True)
    wb = a_return([["DANH SÁCH MÔ HÌNH ĐĂNG KÝ", None, None, "Ngày 15/3/2023"]], "Sổ tay pháp luật")
    wb.active.title = "CB Sở Tư pháp"
    wb.save(os.path.join(period, "Chi bo So Noi vu", "BC.xlsx"))
    # The name's words in another order, in the file name only.
    wb = a_return([["DANH SÁCH MÔ HÌNH ĐĂNG KÝ", None, None, "Ngày 16/3/2023"]], "Khuyến công nông thôn")
    wb.save(os.path.join(period, "BC mo hinh 2023 (6) - Cong Thuong, So.xlsx"))


def rival_columns():
    """Three columns a header gives the level to: `Cấp ủy quản lý` (a
    committee's name under each), `Cấp` and `Cấp công nhận` (levels both).
    The levels' column wins over the committee's by its content; the two
    columns of levels are as good as each other: the first is read, and a
    finding names both."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Mô hình"
    head(ws)
    ws.append(["STT", "Tên mô hình", "Cấp ủy quản lý", "Cấp", "Cấp công nhận", "Lĩnh vực"])
    ws.append([1, "Bệnh án điện tử", "Đảng ủy Sở Y tế", "Tỉnh", "Khối", "Y tế"])
    ws.append([2, "Thư viện thân thiện", "Chi bộ Trường THPT Lê Lợi", "Cơ sở", "Cơ sở", "Giáo dục"])
    ws.append([3, "Dân vận khéo", "Đảng ủy Sở Nội vụ", "Khối", "Tỉnh", "Dân vận"])
    save(wb, "hai-cot-cung-vai-tro.xlsx")


def fresh_words():
    """Found by the third word pool (`--words moi`), measured once before any
    rule was made from it: levels ticked under a group header no column word
    names (`Mức đăng ký`), an exemplars' header naming the subject only
    (`Cá nhân điển hình`), parts marked with a dash (`I- Mô hình`) — .ods by
    LibreOffice; and an owners' column whose names hold a level's word
    (`Văn phòng, Thanh tra tỉnh`) beside levels written as a committee's name
    (`Đảng bộ Khối CCQ`), categories said in their own pairs of words (`Nếp
    sống công sở`) — .xlsx by openpyxl."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Danh sách"
    head(ws)
    ws.append(["I- Mô hình"])
    ws.append(["STT", "Mô hình đăng ký", "Tập thể đăng ký", "Mức đăng ký", None, None])
    ws.append([None, None, None, "Cấp tỉnh ủy", "Cấp Đảng ủy Khối CCQ", "Cấp chi, đảng bộ cơ sở"])
    ws.append([1, "Hồ sơ bệnh án điện tử", "Khoa Nội, Bệnh viện tỉnh", "x", None, None])
    ws.append([2, "Tủ sách pháp luật", "Phòng Hành chính, Sở Tư pháp", None, None, "x"])
    ws.append(["II- Điển hình"])
    ws.append(["STT", "Cá nhân điển hình", "Cơ quan nơi làm việc", "Mức đăng ký", None, None])
    ws.append([None, None, None, "Cấp tỉnh ủy", "Cấp Đảng ủy Khối CCQ", "Cấp chi, đảng bộ cơ sở"])
    ws.append([1, "Nguyễn Văn An", "Khoa Nội, Bệnh viện tỉnh", None, "x", None])
    ws.append([2, "Trần Thị Bình", "Phòng Hành chính, Sở Tư pháp", None, None, "x"])
    save(wb, "cap-danh-dau-duoi-tieu-de-la.ods", convert="ods")

    wb = Workbook()
    ws = wb.active
    ws.title = "Mô hình"
    head(ws)
    ws.append(["Mô hình đăng ký", "Tập thể đăng ký", "Ngành, lĩnh vực", "Mức đăng ký"])
    ws.append(["Công sở xanh - sạch - đẹp", "Văn phòng, Thanh tra tỉnh", "Nếp sống công sở", "Cơ sở (chi bộ)"])
    ws.append(["Ngày không giấy tờ", "Phòng Nghiệp vụ 1, Thanh tra tỉnh", "Văn hóa nơi làm việc", "Đảng bộ Khối CCQ"])
    ws.append(["Tiếp dân thân thiện", "Phòng Tiếp công dân, Thanh tra tỉnh", "Nếp sống công sở", "UBND tỉnh"])
    save(wb, "don-vi-chua-chu-cap.xlsx")

    # Exemplars under a header no column word names: the subject's word
    # (`Cá nhân được đăng ký`) over people's names, after a part's line.
    wb = Workbook()
    ws = wb.active
    ws.title = "Báo cáo"
    head(ws)
    ws.append(["I- Mô hình"])
    ws.append(["TT mục", "Mô hình đăng ký", "Ngành, lĩnh vực", "Mức đăng ký", "Nơi áp dụng"])
    ws.append([1, "Tuổi trẻ vì cộng đồng", "Mặt trận, đoàn thể", "Cơ sở (chi bộ)", "Chi đoàn Sở Y tế"])
    ws.append(["II- Điển hình"])
    ws.append(["TT mục", "Cá nhân được đăng ký", "Mức đăng ký", "Công tác tại", "Cương vị công tác"])
    ws.append([1, "Hoàng Phương Hà", "Cơ sở (chi bộ)", "Chi đoàn Sở Y tế", "Bí thư chi đoàn"])
    ws.append([2, "Lý Thị Giang", "Đảng bộ Khối CCQ", "Chi hội CCB Cục Thuế", "Hội viên"])
    save(wb, "ca-nhan-duoc-dang-ky.xlsx")


def unseen_words():
    """Headers in words no list of the reader holds (`Tên đồng chí`, `Nơi làm
    việc`, `Tên gọi mô hình`, `Nơi thực hiện`), a level ticked under `Cấp xét
    chọn` with sub-headers in phrases (`Tỉnh ủy`), titles before names (`Cô
    giáo`), an owner merged down three rows, a total row `Tất cả` and a
    signature block typed in the name column: .xlsx by openpyxl and the same
    as .ods by LibreOffice."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Báo cáo"
    head(ws)
    ws.append(["A. CÁC MÔ HÌNH, CÁCH LÀM HAY"])
    ws.append(["Số hiệu", "Tên gọi mô hình", "Nơi thực hiện", "Phân loại", "Cấp xét chọn", None, None])
    ws.append([None, None, None, None, "Tỉnh ủy", "ĐU Khối", "Đảng ủy cơ sở"])
    ws.append(["01", "Ngày thứ Bảy pháp luật", "Phòng Phổ biến pháp luật", "Xây dựng Đảng", None, "x", None])
    ws.append(["02", "Tủ sách pháp luật điện tử", None, "Cải cách hành chánh", None, None, "x"])
    ws.append(["03", "Pháp luật với học đường", None, "Ngành giáo dục", "x", None, None])
    ws.append(["Tất cả", 3])
    for col in "ABCD":
        ws.merge_cells(f"{col}7:{col}8")
    ws.merge_cells("E7:G7")
    ws.merge_cells("C9:C11")
    ws.append([])
    ws.append(["B. CÁC GƯƠNG CÁ NHÂN TIÊU BIỂU"])
    ws.append(["Số hiệu", "Tên đồng chí", "Vị trí công tác", "Nơi làm việc", "Cấp độ"])
    ws.append(["1.", "Cô giáo TRẦN THỊ HOA", "Giáo viên", "Trường THPT Chu Văn An", "Đảng bộ Khối"])
    ws.append(["2.", "Nhà báo Lê Văn Tám", "Phóng viên", "Báo Pháp luật tỉnh", "Tỉnh ủy"])
    ws.append([])
    ws.append([None, "Người tổng hợp", None, "THỦ TRƯỞNG ĐƠN VỊ"])
    ws.append([])
    ws.append([None, "Hoàng Thị Mai", None, "Vũ Đức Long"])
    wb.save(os.path.join(OUT, "tu-ngu-chua-gap.xlsx"))
    save(wb, "tu-ngu-chua-gap.ods", convert="ods")


if __name__ == "__main__":
    import sys
    os.makedirs(OUT, exist_ok=True)
    # One maker by name (`python3 … units`) rewrites only that fixture.
    makers = {
        f.__name__: f
        for f in (
            key_row,
            nothing_row,
            honorifics,
            two_subjects_total,
            other_headers,
            merged_owners,
            rival_columns,
            fresh_words,
            units,
            unseen_words,
        )
    }
    for name in sys.argv[1:] or makers:
        makers[name]()
    print("written:", sorted(os.listdir(OUT)))
