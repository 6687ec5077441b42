//! *Nguồn*: every file read — its period, unit, date, what became of it and
//! of its rows. How the unit and the date were recognised follows the
//! printed columns, on screen only.

use super::cells::V;
use super::list::{self, List};
use super::Book;
use rust_xlsxwriter::XlsxError;
use std::collections::BTreeMap;
use tonghop_consolidate::{cols, ReturnState};

/// Adds the counts of one run of a file's rows to what its earlier runs
/// counted (a file's rows are contiguous in the lineage, but a count must not
/// be lost if they ever are not).
fn add_counts<'a>(to: &mut BTreeMap<&'a str, u64>, from: BTreeMap<&'a str, u64>) {
    for (k, n) in from {
        *to.entry(k).or_default() += n;
    }
}

/// The columns printed: those before the recognition's evidence.
const PRINTED: usize = 14;

pub(super) fn write(book: &mut Book) -> Result<(), XlsxError> {
    let (report, names) = (book.report, book.names);
    let lineage = &report.consolidated.rows;
    let column = |c: &str| lineage.column(c).ok().and_then(|c| c.str().ok());
    // Rows of one file are contiguous in the lineage: count each run.
    let mut per_file: BTreeMap<&str, BTreeMap<&str, u64>> = BTreeMap::new();
    if let (Some(lf), Some(lk), Some(lfate)) = (
        column(cols::SOURCE_FILE),
        column(cols::KIND),
        column(cols::FATE),
    ) {
        let mut run: Option<(&str, BTreeMap<&str, u64>)> = None;
        for ((file, kind), fate) in lf.iter().zip(lk.iter()).zip(lfate.iter()) {
            let file = file.unwrap_or("");
            if run.as_ref().is_none_or(|(f, _)| *f != file) {
                if let Some((f, m)) = run.take() {
                    add_counts(per_file.entry(f).or_default(), m);
                }
                run = Some((file, BTreeMap::new()));
            }
            if let Some((_, m)) = run.as_mut() {
                *m.entry(kind.unwrap_or("")).or_default() += 1;
                *m.entry(fate.unwrap_or("")).or_default() += 1;
            }
        }
        if let Some((f, m)) = run {
            add_counts(per_file.entry(f).or_default(), m);
        }
    }
    let empty = BTreeMap::new();
    let rows = report
        .consolidated
        .returns
        .iter()
        .filter_map(|u| report.returns.get(u.index).map(|r| (r, u)))
        .map(|(r, u)| {
            let m = per_file.get(r.rel.as_str()).unwrap_or(&empty);
            let g = |k: &str| -> V { m.get(k).copied().unwrap_or(0).into() };
            vec![
                r.rel.as_str().into(),
                names.period(&r.period).into(),
                r.unit.name.as_str().into(),
                r.date.map_or(V::Blank, V::D),
                (match u.state {
                    ReturnState::Used => "Dùng",
                    ReturnState::Superseded => "Bị thay bằng bản mới hơn",
                    ReturnState::Copy => "Bản sao của file khác cùng kỳ",
                    ReturnState::Excluded => "Không tính (xem Cảnh báo)",
                    ReturnState::Unreadable => "Không đọc được",
                })
                .into(),
                g("model"),
                g("exemplar"),
                g("total"),
                g("kept"),
                g("merged"),
                g("removed"),
                g("rejected"),
                g("superseded"),
                g("excluded"),
                u.unit.as_str().into(),
                r.unit.evidence.as_str().into(),
                r.date_evidence.as_str().into(),
            ]
        })
        .collect();
    let mut list = List::new(
        "Nguồn",
        "CÁC FILE ĐÃ ĐỌC",
        &[
            "File",
            "Kỳ",
            "Tên đơn vị",
            "Ngày văn bản",
            "Trạng thái",
            "Dòng mô hình",
            "Dòng điển hình",
            "Dòng tổng",
            "Giữ",
            "Gộp",
            "Loại",
            "Bỏ (thiếu tên)",
            "Bị thay thế",
            "Không tính",
            "Mã đơn vị",
            "Căn cứ nhận ra đơn vị",
            "Căn cứ ngày",
        ],
    );
    list.printed = Some(PRINTED);
    list::add(book, &list, rows)?;
    Ok(())
}
