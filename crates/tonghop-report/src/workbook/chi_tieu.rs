//! *Chỉ tiêu*: each target of the campaign and what was achieved (no sheet
//! when the campaign sets none).

use super::list::{self, List};
use super::{level_name, subject_label, Book};
use rust_xlsxwriter::XlsxError;

pub(super) fn write(book: &mut Book) -> Result<(), XlsxError> {
    let (s, names) = (book.summary(), book.names);
    if s.targets.is_empty() {
        return Ok(());
    }
    let rows = s
        .targets
        .iter()
        .map(|t| {
            vec![
                names.period(&t.period).into(),
                subject_label(&t.subject).into(),
                t.category
                    .as_deref()
                    .map_or_else(|| "Tất cả".to_owned(), |c| names.category(c))
                    .into(),
                t.level.as_deref().map_or("Tất cả", level_name).into(),
                t.unit_kind.as_deref().unwrap_or("Toàn Khối").into(),
                t.unit
                    .as_deref()
                    .map_or_else(String::new, |u| names.unit(u))
                    .into(),
                t.target.into(),
                t.achieved.into(),
                t.gap.into(),
                (if t.gap < 0 { "Chưa đạt" } else { "Đạt" }).into(),
            ]
        })
        .collect();
    let list = List::new(
        "Chỉ tiêu",
        "CHỈ TIÊU VÀ KẾT QUẢ THỰC HIỆN",
        &[
            "Kỳ",
            "Đối tượng",
            "Loại mô hình",
            "Cấp",
            "Áp dụng cho",
            "Đơn vị",
            "Chỉ tiêu",
            "Đạt",
            "Chênh lệch",
            "Đánh giá",
        ],
    );
    list::add(book, &list, rows)?;
    Ok(())
}
