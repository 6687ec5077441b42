//! *Quy tắc*: every check, as data, and how it fared in each period.

use super::cells::V;
use super::list::{self, List};
use super::Book;
use rust_xlsxwriter::XlsxError;
use tonghop_reconcile::rules::Check;

pub(super) fn write(book: &mut Book) -> Result<(), XlsxError> {
    let (report, s, names) = (book.report, book.summary(), book.names);
    let mut rows: Vec<Vec<V>> = Vec::new();
    for r in &report.reconciled.rules.list {
        match &r.check {
            Check::Builtin(code) => {
                for p in &s.periods {
                    let failed = report
                        .findings
                        .iter()
                        .filter(|x| x.code == *code && x.period == p.id)
                        .count() as u64;
                    rows.push(vec![
                        r.code.as_str().into(),
                        r.name.as_str().into(),
                        "Có sẵn".into(),
                        r.severity.label().into(),
                        "(kiểm tra trong chương trình)".into(),
                        V::Blank,
                        V::Blank,
                        names.period(&p.id).into(),
                        V::Blank,
                        failed.into(),
                        V::Blank,
                        r.template.as_str().into(),
                    ]);
                }
            }
            Check::Campaign(c) => {
                for x in s.rules.iter().filter(|x| x.code == r.code) {
                    rows.push(vec![
                        r.code.as_str().into(),
                        r.name.as_str().into(),
                        format!("Của đợt (danh-muc.xlsx, dòng {})", c.row).into(),
                        r.severity.label().into(),
                        format!("{} {} {}", c.left_text, c.op.symbol(), c.right_text).into(),
                        c.scope.label().into(),
                        c.missing.label().into(),
                        names.period(&x.period).into(),
                        x.checked.into(),
                        x.failed.into(),
                        x.skipped.into(),
                        r.template.as_str().into(),
                    ]);
                }
            }
        }
    }
    let mut list = List::new(
        "Quy tắc",
        "CÁC QUY TẮC KIỂM TRA VÀ KẾT QUẢ THEO KỲ",
        &[
            "Mã",
            "Quy tắc",
            "Nguồn",
            "Mức độ",
            "Biểu thức",
            "Phạm vi",
            "Khi thiếu số liệu",
            "Kỳ",
            "Số lần kiểm tra",
            "Không đạt",
            "Bỏ qua",
            "Mẫu thông báo",
        ],
    );
    list.wide = &[11];
    list::add(book, &list, rows)?;
    Ok(())
}
