#!/usr/bin/env python3
"""Writes crates/tonghop-text/tests/fixtures/strings.tsv: real-looking Vietnamese
strings with their expected keys and legacy encodings, computed here by an
implementation independent of the Rust one (Python's unicodedata and the CSV
tables in crates/tonghop-text/data/vn-legacy), so the Rust tests compare two implementations.

Usage: python3 scripts/text_fixture.py
"""
import csv
import os
import unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LEGACY = os.path.join(ROOT, "crates", "tonghop-text", "data", "vn-legacy")
OUT = os.path.join(ROOT, "crates", "tonghop-text", "tests", "fixtures", "strings.tsv")

TONES = {"\u0301": "1", "\u0300": "2", "\u0309": "3", "\u0303": "4", "\u0323": "5"}
VOWEL_MARKS = {"\u0302", "\u0306", "\u031b"}


def canonical(s):
    s = unicodedata.normalize("NFC", s).replace("\u00d0", "Đ").replace("\u00f0", "đ")
    for z in ("\u200b", "\u200c", "\u200d", "\ufeff"):
        s = s.replace(z, "")
    for q in "\u2018\u2019\u201a\u2032":
        s = s.replace(q, "'")
    for q in "\u201c\u201d\u201e\u00ab\u00bb":
        s = s.replace(q, '"')
    return " ".join(s.split())


def words(s, keep_marks):
    out, word, tone = [], "", None
    for c in unicodedata.normalize("NFD", canonical(s)):
        if c in TONES:
            if keep_marks and word:
                tone = TONES[c]
        elif c in VOWEL_MARKS:
            if keep_marks and word:
                word += c
        elif c.isalnum():
            low = c.lower()
            word += "d" if (not keep_marks and low == "đ") else low
        elif unicodedata.combining(c):
            pass
        else:
            if word:
                out.append(unicodedata.normalize("NFC", word) + (tone or ""))
            word, tone = "", None
    if word:
        out.append(unicodedata.normalize("NFC", word) + (tone or ""))
    return " ".join(out)


def tables():
    tcvn3 = {}
    for r in csv.DictReader(open(os.path.join(LEGACY, "tcvn3_to_unicode.csv"), encoding="utf-8")):
        tcvn3[r["unicode_char"]] = chr(int(r["byte_hex"], 16))
    vni = {}
    for r in csv.DictReader(open(os.path.join(LEGACY, "vni_to_unicode.csv"), encoding="utf-8")):
        vni[r["unicode_char"]] = r["vni_latin1"]
    return tcvn3, vni


def encode_tcvn3(s, t):
    out = []
    for c in unicodedata.normalize("NFC", s):
        if c in t:
            out.append(t[c])
        elif c.lower() in t:
            out.append(t[c.lower()])  # VN3 has no capital toned letters
        else:
            out.append(c)
    return "".join(out)


def encode_vni(s, v):
    return "".join(v.get(c, c) for c in unicodedata.normalize("NFC", s))


UNITS = """Đảng bộ Sở Y tế|Chi bộ Sở Tư pháp|Đảng bộ Sở Giáo dục và Đào tạo|Chi bộ Sở Văn hóa, Thể thao và Du lịch
Đảng bộ Bệnh viện Đa khoa tỉnh|Chi bộ Trường THPT Chuyên Nguyễn Tất Thành|Đoàn Thanh niên Khối|Hội Cựu chiến binh Khối
Công đoàn Viên chức tỉnh|Hội Phụ nữ Khối|Đảng bộ Công ty Cổ phần Môi trường và Dịch vụ đô thị|Chi bộ Công ty TNHH MTV Xổ số kiến thiết
Đảng bộ Ngân hàng Nông nghiệp và Phát triển nông thôn chi nhánh tỉnh|Chi bộ Ngân hàng TMCP Ngoại thương chi nhánh tỉnh
Đảng ủy Khối cơ quan và doanh nghiệp tỉnh|ĐẢNG UỶ KHỐI CƠ QUAN VÀ DOANH NGHIỆP TỈNH|Ban Tuyên giáo Đảng ủy Khối|Ủy ban nhân dân tỉnh
Hội đồng nhân dân tỉnh|Mặt trận Tổ quốc Việt Nam tỉnh|Sở Tài nguyên và Môi trường|Sở Lao động - Thương binh và Xã hội
Liên minh Hợp tác xã tỉnh|Trung tâm Kiểm soát bệnh tật tỉnh|Bệnh viện Y dược cổ truyền|Trường Cao đẳng Y tế|Báo tỉnh
Đài Phát thanh và Truyền hình tỉnh|Kho bạc Nhà nước tỉnh|Bảo hiểm xã hội tỉnh|Cục Thuế tỉnh|Thanh tra tỉnh
Ban Quản lý các khu công nghiệp|Quỹ Đầu tư phát triển tỉnh|Công ty Điện lực tỉnh|Viễn thông tỉnh|Bưu điện tỉnh
Đảng bộ phường Hoà Bình|Đảng ủy xã Thuỷ Xuân|Chi bộ thôn Khoẻ Lương|Đảng bộ huyện Trấn Yên|Đảng bộ thị xã Nghĩa Lộ""".replace("\n", "|").split("|")

MODELS = """Trường học hạnh phúc|Phòng khám thân thiện, người bệnh hài lòng|Nụ cười Thầy thuốc|Chi bộ "4 tốt"
Một cửa liên thông hiện đại|Giải quyết thủ tục hành chính đúng hẹn|Công sở xanh - sạch - đẹp|Nói lời hay, làm việc tốt
Ngày thứ Bảy tình nguyện|Mái ấm công đoàn|Thực hành 5S tại nơi làm việc|Tiết kiệm điện, nước|An toàn lao động trong sản xuất
Doanh nghiệp vì cộng đồng|Dân vận khéo|Hoà nhập cộng đồng|Tủ sách pháp luật|Điều dưỡng tận tâm|Bệnh viện xanh - sạch - đẹp
Đổi mới phương pháp dạy học|Bồi dưỡng học sinh giỏi|Cải tiến quy trình sản xuất tăng năng suất|Sinh hoạt chi bộ chuyên đề hiệu quả
Đảng viên gương mẫu, nói đi đôi với làm|Thanh niên xung kích, sáng tạo|Phụ nữ giúp nhau phát triển kinh tế|Cựu chiến binh gương mẫu
Dịch vụ công trực tuyến mức độ 4|Số hóa hồ sơ thủ tục hành chính|Ứng xử văn minh nơi công sở|Cán bộ thân thiện, tận tụy
Nói không với tiêu cực|Không gây phiền hà cho người dân|Vận hành an toàn lưới điện|Chung tay vì người nghèo|Xây nhà tình nghĩa
Điển hình tiên tiến trong thực hiện nội dung “5S” để nói không với tiêu cực|Mô hình thi đua thực hiện văn hoá công sở
Mô hình tiên tiến trong lĩnh vực y tế, chăm sóc sức khỏe nhân dân|Mô hình tổ chức hội, đoàn thể điển hình tiên tiến
Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh|Khám chữa bệnh chu đáo, tận tình|Lớp học thân thiện, học sinh tích cực""".replace("\n", "|").split("|")

PEOPLE = """Nguyễn Văn An|Trần Thị Thu Hương|Lê Thị Hường|Lệ Thị Hương|Phạm Minh Tuấn|Hoàng Thị Thuỷ|Hoàng Thị Thủy
Huỳnh Ngọc Quyên|Phan Thanh Hoà|Vũ Đức Thắng|Võ Thị Thúy|Võ Thị Thuý|Đặng Quang Huy|Bùi Thị Yến|Đỗ Hữu Nghĩa
Hồ Thị Phương|Ngô Xuân Trường|Dương Thị Liên|Lý Văn Lộc|Đinh Công Khoa|Hà Thị Ngọc Trâm|Lương Mạnh Hùng
Triệu Thị Hằng|Nông Văn Dũng|Mai Thị Lan|Tạ Quang Vinh|Lò Văn Páo|Nguyễn Thị Huyền Trang|Trần Trọng Nghĩa|Lê Quý Đôn""".replace("\n", "|").split("|")

DATES = """Yên Bái, ngày 20 tháng 10 năm 2022|Hà Nội, ngày 02 tháng 4 năm 2021|ngày 02/4/2021|10/06/2022
Yên Bái, ngày 15 tháng 3 năm 2023|Nghĩa Lộ, ngày 05 tháng 11 năm 2022|Trấn Yên, ngày 31 tháng 12 năm 2022""".replace("\n", "|").split("|")

OTHER = """BÁO CÁO|DANH SÁCH|Tổng số mô hình đăng ký: 7|I. MÔ HÌNH TẬP THỂ|II. ĐIỂN HÌNH CÁ NHÂN|Nơi nhận:|T/M BAN THƯỜNG VỤ
BÍ THƯ|PHÓ BÍ THƯ|Tên mô hình, cách làm|Đơn vị thực hiện|Họ và tên|Chức vụ|Đơn vị công tác|Cấp đăng ký|Ghi chú
Loại khỏi danh sách (không đạt tiêu chí)|Bổ sung|Hoàn thành xuất sắc nhiệm vụ|Hoàn thành tốt nhiệm vụ|Khen thưởng""".replace("\n", "|").split("|")


def variants(s):
    yield s
    yield unicodedata.normalize("NFD", s)
    swapped = s
    for a, b in (("òa", "oà"), ("óa", "oá"), ("ỏe", "oẻ"), ("ỏa", "oả"), ("ủy", "uỷ"), ("úy", "uý"),
                 ("oà", "òa"), ("oá", "óa"), ("oẻ", "ỏe"), ("uỷ", "ủy"), ("uý", "úy"), ("UỶ", "ỦY")):
        swapped = swapped.replace(a, b)
    if swapped != s:
        yield swapped
    yield "  " + s.upper().replace("Đ", "\u00d0") + " "


def main():
    t, v = tables()
    rows, seen = [], set()
    for s in UNITS + MODELS + PEOPLE + DATES + OTHER:
        for x in variants(s):
            if x in seen:
                continue
            seen.add(x)
            nfc = unicodedata.normalize("NFC", x)
            rows.append((x, words(x, True), words(x, False), encode_tcvn3(nfc, t), encode_vni(nfc, v)))
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w", encoding="utf-8", newline="") as f:
        f.write("# text\tmatch_key\tfold_key\ttcvn3\tvni  (written by scripts/text_fixture.py; tabs separate, \\u escapes none)\n")
        for r in rows:
            assert all("\t" not in c and "\n" not in c for c in r)
            f.write("\t".join(r) + "\n")
    print(f"{len(rows)} strings -> {OUT}")


if __name__ == "__main__":
    main()
