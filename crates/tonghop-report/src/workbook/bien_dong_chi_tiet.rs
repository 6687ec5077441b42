//! *Biến động chi tiết*: the entities behind each term of each bridge (can
//! be long: written on its own thread, over more sheets when it must).

use super::cells::V;
use super::list::{self, List, SHEET_ROWS};
use super::{level_name, subject_label, Book};
use rust_xlsxwriter::XlsxError;

/// `from → to` when a value changed, else the value.
fn changed(from: &str, to: String, name: &dyn Fn(&str) -> String) -> String {
    if from.is_empty() || name(from) == to {
        to
    } else {
        format!("{} → {to}", name(from))
    }
}

pub(super) fn write(book: &mut Book) -> Result<(), XlsxError> {
    let (s, names, f) = (book.summary(), book.names, book.f);
    let entities = &book.report.reconciled.bridge_entities;
    // Each bridge's period pair, named once.
    let stages: Vec<String> = s
        .bridges
        .iter()
        .map(|b| format!("{} → {}", names.period(&b.from), names.period(&b.to)))
        .collect();
    let bridges = &s.bridges;
    for (rows, sheet, title) in list::sheet_parts(
        entities.len(),
        SHEET_ROWS,
        "Biến động chi tiết",
        "DANH SÁCH ĐỨNG SAU TỪNG KHOẢN CỦA BIẾN ĐỘNG GIỮA CÁC KỲ",
    ) {
        let stages = stages.clone();
        book.stream(move |ws| {
            let cells = |i: usize| -> Vec<V<'_>> {
                let e = &entities[i];
                let b = e.bridge;
                vec![
                    stages.get(b).map_or("", String::as_str).into(),
                    bridges
                        .get(b)
                        .map_or("", |b| subject_label(&b.subject))
                        .into(),
                    crate::term_label(e.term).into(),
                    e.id.as_str().into(),
                    e.name.as_str().into(),
                    e.unit.as_str().into(),
                    changed(&e.from_level, level_name(&e.level).to_owned(), &|l| {
                        level_name(l).to_owned()
                    })
                    .into(),
                    (if e.category.is_empty() {
                        String::new()
                    } else {
                        changed(&e.from_category, names.category(&e.category), &|c| {
                            names.category(c)
                        })
                    })
                    .into(),
                ]
            };
            let list = List::new(
                &sheet,
                &title,
                &[
                    "Giai đoạn",
                    "Đối tượng",
                    "Khoản",
                    "Mã",
                    "Tên",
                    "Đơn vị",
                    "Cấp",
                    "Loại mô hình",
                ],
            );
            list::write(ws, f, &list, rows, cells)
        });
    }
    Ok(())
}
