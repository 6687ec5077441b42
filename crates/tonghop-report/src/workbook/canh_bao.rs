//! *Cảnh báo*: every finding, with where it was found; the messages wrap
//! inside the table.

use super::cells::V;
use super::list::{self, List};
use super::Book;
use rust_xlsxwriter::XlsxError;
use tonghop_core::Severity;

pub(super) fn write(book: &mut Book) -> Result<(), XlsxError> {
    let (report, names) = (book.report, book.names);
    let rows = report
        .findings
        .iter()
        .map(|x| {
            vec![
                x.severity.label().into(),
                x.code.as_str().into(),
                names.period(&x.period).into(),
                x.unit.as_str().into(),
                x.file.as_str().into(),
                x.sheet.as_str().into(),
                x.row.map_or(V::Blank, V::from),
                x.message.as_str().into(),
            ]
        })
        .collect();
    let errors = report
        .findings
        .iter()
        .filter(|x| x.severity == Severity::Error)
        .count();
    let title = format!(
        "CÁC VẤN ĐỀ PHÁT HIỆN ({} mục, trong đó {errors} lỗi)",
        report.findings.len()
    );
    let mut list = List::new(
        "Cảnh báo",
        &title,
        &[
            "Mức độ",
            "Mã",
            "Kỳ",
            "Đơn vị",
            "File",
            "Sheet",
            "Dòng",
            "Nội dung",
        ],
    );
    list.wide = &[7];
    list::add(book, &list, rows)?;
    Ok(())
}
