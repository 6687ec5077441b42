//! *Đối chiếu theo nhóm*: the bridges' terms by level and by category. An
//! entity that changed level or category moves between rows (chuyển đến /
//! chuyển đi).

use super::list::{self, List};
use super::{level_name, subject_label, Book};
use rust_xlsxwriter::XlsxError;

pub(super) fn write(book: &mut Book) -> Result<(), XlsxError> {
    let (s, names) = (book.summary(), book.names);
    let mut rows = Vec::new();
    for b in &s.bridges {
        let groups = b
            .by_level
            .iter()
            .map(|(k, t)| (format!("Cấp: {}", level_name(k)), t))
            .chain(
                b.by_category
                    .iter()
                    .flatten()
                    .map(|(k, t)| (format!("Loại: {}", names.category(k)), t)),
            );
        for (group, t) in groups {
            if *t == tonghop_reconcile::Terms::default() {
                continue;
            }
            rows.push(vec![
                format!("{} → {}", names.period(&b.from), names.period(&b.to)).into(),
                subject_label(&b.subject).into(),
                group.into(),
                t.opening.into(),
                t.added.into(),
                t.moved_in.into(),
                t.moved_out.into(),
                t.removed.into(),
                t.transferred_out.into(),
                t.not_reported.into(),
                t.unexplained.into(),
                t.closing.into(),
                (if t.balances() { "Khớp" } else { "Lệch" }).into(),
            ]);
        }
    }
    let list = List::new(
        "Đối chiếu theo nhóm",
        "ĐỐI CHIẾU THEO CẤP VÀ THEO LOẠI MÔ HÌNH (đổi cấp hoặc loại mà vẫn đăng ký: cột Chuyển đến / Chuyển đi)",
        &[
            "Giai đoạn",
            "Đối tượng",
            "Nhóm",
            "Đầu kỳ",
            "Bổ sung",
            "Chuyển đến",
            "Chuyển đi",
            "Loại khỏi danh sách",
            "Đơn vị chuyển đi",
            "Đơn vị chưa báo cáo",
            "Không rõ lý do",
            "Cuối kỳ",
            "Kiểm tra",
        ],
    );
    list::add(book, &list, rows)?;
    Ok(())
}
