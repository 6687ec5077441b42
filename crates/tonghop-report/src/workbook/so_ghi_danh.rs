//! *Sổ ghi danh*: the honour book of the latest period — entries at the
//! branch level, then proposals to the level above — each with the rating
//! the book's minimum reads and whether it meets it.

use super::cells::V;
use super::list::{self, List};
use super::Book;
use rust_xlsxwriter::XlsxError;
use tonghop_core::Subject;

pub(super) const NAME: &str = "Sổ ghi danh";

const HEADERS: [&str; 12] = [
    "STT",
    "Ghi danh",
    "Họ và tên / Tên tập thể",
    "Chức vụ",
    "Nơi công tác",
    "Đơn vị gửi",
    "Xếp loại năm",
    "Xếp loại",
    "Đạt mức ghi danh",
    "Ghi chú",
    "File",
    "Sheet",
];

pub(super) fn write(book: &mut Book) -> Result<(), XlsxError> {
    let (report, names) = (book.report, book.names);
    let c = &report.reconciled.commendation;
    let mut entries: Vec<_> = c.honour_book.iter().collect();
    // Entries at the branch first, then proposals to the level above; by unit, then name.
    entries.sort_by(|a, b| {
        let (ka, kb) = (&c.candidates[a.candidate], &c.candidates[b.candidate]);
        a.proposed_above
            .cmp(&b.proposed_above)
            .then_with(|| names.unit(&ka.unit).cmp(&names.unit(&kb.unit)))
            .then_with(|| ka.name.cmp(&kb.name))
    });
    let mut headers: Vec<&str> = HEADERS.to_vec();
    headers.push("Dòng");
    let rows = entries
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let k = &c.candidates[e.candidate];
            vec![
                V::from(i as u64 + 1),
                if e.proposed_above {
                    "Đề nghị cấp trên ghi danh"
                } else {
                    "Ghi danh tại cơ sở"
                }
                .into(),
                match k.subject {
                    Subject::Exemplar => k.name.as_str().into(),
                    Subject::Model => format!("{} (tập thể)", k.name).into(),
                },
                k.position.as_str().into(),
                k.owner.as_str().into(),
                names.unit(&k.unit).into(),
                e.year.map_or(V::Blank, |y| V::from(y.to_string())),
                e.rating.map_or(V::Blank, |r| r.label().into()),
                match e.meets {
                    Some(true) => "Đạt",
                    Some(false) => "Chưa đạt",
                    None => "Không xét",
                }
                .into(),
                e.reason.as_str().into(),
                k.file.as_str().into(),
                k.sheet.as_str().into(),
                V::from(k.row),
            ]
        })
        .collect();
    let short = c
        .honour_book
        .iter()
        .filter(|e| e.meets == Some(false))
        .count();
    let title = if c.honour_book.is_empty() {
        "SỔ GHI DANH: chưa có báo cáo nào ghi danh cá nhân, tập thể".to_owned()
    } else {
        format!(
            "SỔ GHI DANH — kỳ {}: {} ghi danh tại cơ sở, {} đề nghị cấp trên ghi danh; {short} chưa đạt mức ghi danh",
            names.period(&c.eligibility.period),
            c.honour_book.iter().filter(|e| !e.proposed_above).count(),
            c.honour_book.iter().filter(|e| e.proposed_above).count(),
        )
    };
    let mut list = List::new(NAME, &title, &headers);
    list.printed = Some(HEADERS.len() - 2);
    list.wide = &[9];
    list::add(book, &list, rows)?;
    Ok(())
}
