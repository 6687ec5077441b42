#!/bin/sh
# Renders what the README shows: every chart of the sample run (PNG) and the
# first page of each sheet of tong-hop.xlsx, the pages of so-lieu.docx, a letter to a unit
# and the reminder (LibreOffice → PDF → pdftoppm).
# Needs: libreoffice-calc-nogui, libreoffice-writer-nogui, poppler-utils. Usage: sh scripts/render_docs.sh
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$root"
cargo run --release -q -- run inputs --out "$tmp/out" >/dev/null
rm -rf docs/bieu-do docs/bang-tinh
mkdir -p docs/bieu-do docs/bang-tinh
cp "$tmp"/out/bieu-do/*.png docs/bieu-do/
soffice --headless --convert-to pdf --outdir "$tmp" "$tmp/out/tong-hop.xlsx" >/dev/null 2>&1
pdf="$tmp/tong-hop.pdf"
pages=$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')
# Each sheet starts with its title row; the first page showing it is the sheet's.
for pair in \
  "tong-hop:TỔNG HỢP MÔ HÌNH" "ty-le-bao-cao:TỶ LỆ GỬI BÁO CÁO" "chi-tieu:CHỈ TIÊU VÀ KẾT QUẢ" \
  "theo-don-vi:TÌNH HÌNH BÁO CÁO VÀ SỐ LIỆU" "mo-hinh:DANH SÁCH MÔ HÌNH" "dien-hinh:DANH SÁCH ĐIỂN HÌNH" \
  "doi-chieu:ĐỐI CHIẾU BIẾN ĐỘNG" "bien-dong-chi-tiet:DANH SÁCH ĐỨNG SAU TỪNG KHOẢN" \
  "doi-chieu-theo-nhom:ĐỐI CHIẾU THEO CẤP" \
  "canh-bao:CÁC VẤN ĐỀ PHÁT HIỆN" "quy-tac:CÁC QUY TẮC KIỂM TRA" "nguon:CÁC FILE ĐÃ ĐỌC"
do
  name=${pair%%:*}; title=${pair#*:}
  i=1
  while [ "$i" -le "$pages" ]; do
    if pdftotext -f "$i" -l "$i" "$pdf" - | grep -q "$title"; then
      # The top of the page, legible: a page is fitted to the A4 width.
      pdftoppm -r 110 -x 0 -y 0 -W 1286 -H 560 -png -f "$i" -l "$i" -singlefile "$pdf" "docs/bang-tinh/$name"
      break
    fi
    i=$((i + 1))
  done
done
# Xét khen thưởng: the sample registers no ratings; the commendation fixture does.
cargo run --release -q -- run tests/fixtures/khen-thuong --out "$tmp/kt" >/dev/null
mkdir -p "$tmp/ktpdf"
soffice --headless --convert-to pdf --outdir "$tmp/ktpdf" "$tmp/kt/tong-hop.xlsx" >/dev/null 2>&1
kpdf="$tmp/ktpdf/tong-hop.pdf"
kpages=$(pdfinfo "$kpdf" | awk '/^Pages:/ {print $2}')
i=1
while [ "$i" -le "$kpages" ]; do
  if pdftotext -f "$i" -l "$i" "$kpdf" - | grep -q "XÉT KHEN THƯỞNG"; then
    pdftoppm -r 110 -x 0 -y 0 -W 1286 -H 700 -png -f "$i" -l "$i" -singlefile "$kpdf" docs/bang-tinh/xet-khen-thuong
    break
  fi
  i=$((i + 1))
done
# The Word documents, whole pages as a reader sees them.
rm -rf docs/van-ban
mkdir -p docs/van-ban
soffice --headless --convert-to pdf --outdir "$tmp" "$tmp/out/so-lieu.docx" >/dev/null 2>&1
pdftoppm -r 80 -png "$tmp/so-lieu.pdf" docs/van-ban/so-lieu
# A letter to a unit (the first by code) and the reminder.
letter=$(ls "$tmp"/out/thu/DV*.docx | head -n 1)
cp "$letter" "$tmp/thu.docx"
cp "$tmp/out/thu/Đôn đốc nộp báo cáo.docx" "$tmp/don-doc.docx"
for d in thu don-doc; do
  soffice --headless --convert-to pdf --outdir "$tmp" "$tmp/$d.docx" >/dev/null 2>&1
  pdftoppm -r 80 -png "$tmp/$d.pdf" "docs/van-ban/$d"
done
ls -la docs/bieu-do docs/bang-tinh docs/van-ban
