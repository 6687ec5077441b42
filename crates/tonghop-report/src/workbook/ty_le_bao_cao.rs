//! *Tỷ lệ báo cáo*: reporting rates by unit kind, per period (DHIS2's matrix).

use super::cells::V;
use super::list::{self, List};
use super::Book;
use rust_xlsxwriter::XlsxError;

/// A rate as users write it: one decimal, a comma.
fn percent(rate: f64) -> V<'static> {
    format!("{rate:.1}%").replace('.', ",").into()
}

pub(super) fn write(book: &mut Book) -> Result<(), XlsxError> {
    let mut rows = Vec::new();
    for p in &book.summary().periods {
        for (kind, k) in &p.returns.by_kind {
            rows.push(vec![
                p.name.as_str().into(),
                kind.as_str().into(),
                k.expected.into(),
                k.received.into(),
                k.on_time.into(),
                k.late.into(),
                k.timeliness_unknown.into(),
                k.missing.into(),
                k.superseded_files.into(),
                percent(k.rate),
                percent(k.on_time_rate),
            ]);
        }
    }
    let list = List::new(
        "Tỷ lệ báo cáo",
        "TỶ LỆ GỬI BÁO CÁO THEO LOẠI ĐƠN VỊ",
        &[
            "Kỳ báo cáo",
            "Loại đơn vị",
            "Phải gửi",
            "Đã gửi",
            "Đúng hạn",
            "Muộn",
            "Chưa rõ đúng hạn",
            "Chưa gửi",
            "File bị thay thế",
            "Tỷ lệ đã gửi",
            "Tỷ lệ đúng hạn",
        ],
    );
    list::add(book, &list, rows)?;
    Ok(())
}
