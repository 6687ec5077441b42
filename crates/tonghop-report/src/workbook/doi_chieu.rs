//! *Đối chiếu*: each bridge between periods, term by term, and whether its
//! arithmetic holds.

use super::list::{self, List, HEADER_ROW};
use super::{subject_label, Book};
use rust_xlsxwriter::XlsxError;

pub(super) fn write(book: &mut Book) -> Result<(), XlsxError> {
    let (s, names, f) = (book.summary(), book.names, book.f);
    let rows: Vec<_> = s
        .bridges
        .iter()
        .map(|b| {
            let check = i64::try_from(b.opening + b.added).unwrap_or(0)
                - i64::try_from(b.removed + b.transferred_out + b.not_reported + b.unexplained)
                    .unwrap_or(0);
            vec![
                names.period(&b.from).into(),
                names.period(&b.to).into(),
                subject_label(&b.subject).into(),
                b.opening.into(),
                b.added.into(),
                b.removed.into(),
                b.transferred_out.into(),
                b.not_reported.into(),
                b.unexplained.into(),
                b.closing.into(),
                (if check == i64::try_from(b.closing).unwrap_or(-1) {
                    "Khớp"
                } else {
                    "Lệch"
                })
                .into(),
            ]
        })
        .collect();
    let n = u32::try_from(rows.len()).unwrap_or(0);
    let list = List::new(
        "Đối chiếu",
        "ĐỐI CHIẾU BIẾN ĐỘNG GIỮA CÁC KỲ: ĐẦU KỲ + BỔ SUNG − LOẠI − CHUYỂN ĐI − CHƯA BÁO CÁO − KHÔNG RÕ = CUỐI KỲ",
        &[
            "Từ kỳ",
            "Đến kỳ",
            "Đối tượng",
            "Đầu kỳ",
            "Bổ sung",
            "Loại khỏi danh sách",
            "Đơn vị chuyển đi",
            "Đơn vị chưa báo cáo",
            "Không rõ lý do",
            "Cuối kỳ",
            "Kiểm tra",
        ],
    );
    let ws = list::add_here(book, &list, &rows)?;
    ws.write_string_with_format(
        HEADER_ROW + n.max(1) + 2,
        0,
        "Danh sách mô hình, điển hình đứng sau từng khoản: sheet \"Biến động chi tiết\"",
        &f.title,
    )?;
    Ok(())
}
