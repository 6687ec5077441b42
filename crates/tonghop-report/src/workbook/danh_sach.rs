//! *Mô hình* and *Điển hình*: the registers, as an analyst reads them. The
//! latest period on its own sheet, the earlier ones on `… các kỳ trước`
//! beside it; in each, period by period, then by the reporting unit's name and
//! the entry's name (alphabetical without regard to diacritics), numbered
//! (STT) within each period, units by their names. Where each row came from
//! (file, sheet, row) follows the printed columns, on screen only.
//!
//! Read straight from the frames' columns: a million entities are not copied
//! into the workbook's own structures, and a list longer than a sheet goes
//! on over more (see [`list::sheet_parts`]).

use super::cells::V;
use super::list::{self, List, SHEET_ROWS};
use super::{level_name, Book};
use polars::prelude::{ChunkFull, DataFrame, DataType, PlSmallStr, StringChunked, UInt32Chunked};
use rayon::prelude::*;
use rust_xlsxwriter::XlsxError;
use std::collections::HashMap;
use std::sync::Arc;
use tonghop_consolidate::cols;

/// The columns printed: those before the row's lineage.
const PRINTED: usize = 9;

pub(super) fn models(book: &mut Book) -> Result<(), XlsxError> {
    register(
        book,
        &Register {
            name: "Mô hình",
            title: "DANH SÁCH MÔ HÌNH TẬP THỂ",
            df: &book.report.consolidated.models,
            id: cols::MODEL_ID,
            entry: cols::NAME,
            second: cols::CATEGORY,
            owner: cols::OWNER,
            is_model: true,
            headers: [
                "STT",
                "Kỳ",
                "Mã mô hình",
                "Tên mô hình",
                "Loại mô hình",
                "Đơn vị thực hiện",
                "Cấp",
                "Tình trạng",
                "Đơn vị báo cáo",
                "File nguồn",
                "Sheet",
                "Dòng",
                "Số nguồn",
            ],
        },
    )
}

pub(super) fn exemplars(book: &mut Book) -> Result<(), XlsxError> {
    register(
        book,
        &Register {
            name: "Điển hình",
            title: "DANH SÁCH ĐIỂN HÌNH TIÊN TIẾN CÁ NHÂN",
            df: &book.report.consolidated.exemplars,
            id: cols::PERSON_ID,
            entry: cols::FULL_NAME,
            second: cols::POSITION,
            owner: cols::WORKPLACE,
            is_model: false,
            headers: [
                "STT",
                "Kỳ",
                "Mã điển hình",
                "Họ và tên",
                "Chức vụ",
                "Nơi công tác",
                "Cấp",
                "Tình trạng",
                "Đơn vị báo cáo",
                "File nguồn",
                "Sheet",
                "Dòng",
                "Số nguồn",
            ],
        },
    )
}

/// One register: its sheet, its frame and the frame's columns it shows.
struct Register<'a> {
    name: &'a str,
    title: &'a str,
    df: &'a DataFrame,
    id: &'a str,
    entry: &'a str,
    /// The category (models) or the position (exemplars).
    second: &'a str,
    owner: &'a str,
    is_model: bool,
    headers: [&'static str; 13],
}

/// The frame's columns a register shows, each shared by the sheets' threads.
#[derive(Clone)]
struct Columns {
    period: StringChunked,
    ids: StringChunked,
    names: StringChunked,
    second: StringChunked,
    owners: StringChunked,
    level: StringChunked,
    status: StringChunked,
    file: StringChunked,
    sheet: StringChunked,
    row: UInt32Chunked,
    sources: UInt32Chunked,
}

/// The text of row `i` of a string column ("" when null).
fn text_at(ca: &StringChunked, i: usize) -> &str {
    ca.get(i).unwrap_or("")
}

fn at(ca: &StringChunked, i: usize) -> V<'_> {
    text_at(ca, i).into()
}

#[allow(clippy::too_many_lines)]
fn register<'env>(book: &mut Book<'_, '_, 'env>, r: &Register<'env>) -> Result<(), XlsxError> {
    let (s, names, f, df, is_model) = (book.summary(), book.names, book.f, r.df, r.is_model);
    let text = |c: &str| df.column(c).ok().and_then(|c| c.str().ok().cloned());
    let empty = StringChunked::full(PlSmallStr::EMPTY, "", df.height());
    let get = |c: &str| text(c).unwrap_or_else(|| empty.clone());
    let number = |c: &str| {
        df.column(c)
            .ok()
            .and_then(|c| c.cast(&DataType::UInt32).ok())
            .and_then(|c| c.u32().ok().cloned())
            .unwrap_or_else(|| UInt32Chunked::full(PlSmallStr::EMPTY, 0, df.height()))
    };
    let c = Columns {
        period: get(cols::PERIOD),
        ids: get(r.id),
        names: get(r.entry),
        second: get(r.second),
        owners: get(r.owner),
        level: get(cols::LEVEL),
        status: get(cols::STATUS),
        file: get(cols::SOURCE_FILE),
        sheet: get(cols::SOURCE_SHEET),
        row: number(cols::SOURCE_ROW),
        sources: number(cols::N_SOURCES),
    };
    let unit = get(cols::UNIT);
    let unit_names: HashMap<&str, &str> = book
        .report
        .reference
        .units
        .iter()
        .map(|u| (u.code.as_str(), u.name.as_str()))
        .collect();
    let unit_name = |i: usize| -> &str {
        let code = text_at(&unit, i);
        unit_names.get(code).copied().unwrap_or(code)
    };
    let period_rank: HashMap<&str, u32> = s
        .periods
        .iter()
        .enumerate()
        .map(|(k, p)| (p.id.as_str(), u32::try_from(k).unwrap_or(u32::MAX)))
        .collect();
    // Units by their names without regard to diacritics: each distinct name
    // folded once and ranked (a million rows hold a few thousand units; the
    // workbook spent more time folding the same names than writing them).
    let mut distinct: Vec<String> = Vec::new();
    let mut seen: HashMap<&str, u32> = HashMap::new();
    let unit_of: Vec<u32> = (0..df.height())
        .map(|i| {
            let name = unit_name(i);
            *seen.entry(name).or_insert_with(|| {
                distinct.push(name.to_owned());
                u32::try_from(distinct.len() - 1).unwrap_or(u32::MAX)
            })
        })
        .collect();
    drop(seen);
    let mut by_name: Vec<(String, u32)> = distinct
        .iter()
        .enumerate()
        .map(|(k, n)| {
            (
                tonghop_text::fold_key(n),
                u32::try_from(k).unwrap_or(u32::MAX),
            )
        })
        .collect();
    by_name.sort();
    // Names folded alike share a rank, as their folded names compare equal.
    let mut unit_rank = vec![0u32; distinct.len()];
    for (k, (key, unit)) in by_name.iter().enumerate() {
        let rank = if k > 0 && by_name[k - 1].0 == *key {
            unit_rank[by_name[k - 1].1 as usize]
        } else {
            u32::try_from(k).unwrap_or(u32::MAX)
        };
        unit_rank[*unit as usize] = rank;
    }
    drop(by_name);
    let keys: Vec<(u32, u32, String)> = (0..df.height())
        .into_par_iter()
        .map(|i| {
            (
                period_rank
                    .get(text_at(&c.period, i))
                    .copied()
                    .unwrap_or(u32::MAX),
                unit_rank[unit_of[i] as usize],
                tonghop_text::fold_key(text_at(&c.names, i)),
            )
        })
        .collect();
    let mut order: Vec<usize> = (0..df.height()).collect();
    order.par_sort_unstable_by(|&a, &b| keys[a].cmp(&keys[b]).then(a.cmp(&b)));
    let mut stt = vec![0u32; df.height()];
    let mut count = 0u32;
    for (k, &i) in order.iter().enumerate() {
        count = if k > 0 && keys[order[k - 1]].0 == keys[i].0 {
            count + 1
        } else {
            1
        };
        stt[k] = count;
    }
    // The latest period's rows are the last in the order.
    let latest = order.last().map(|&i| keys[i].0 as usize);
    let split = order
        .iter()
        .position(|&i| Some(keys[i].0 as usize) == latest)
        .unwrap_or(order.len());
    drop(keys);
    // Each row's unit as an index into the distinct names.
    let shown: Vec<u32> = order.iter().map(|&i| unit_of[i]).collect();
    drop(unit_of);
    let shared = Arc::new((order, stt, distinct, shown));
    let latest_name = latest
        .and_then(|k| s.periods.get(k))
        .map(|p| p.name.clone());
    let latest_title = match &latest_name {
        Some(p) => format!("{} — {}", r.title, p.to_uppercase()),
        None => r.title.to_owned(),
    };
    let earlier_name = format!("{} các kỳ trước", r.name);
    let earlier_title = format!(
        "{} CÁC KỲ TRƯỚC (MỖI {} MỘT DÒNG MỖI KỲ)",
        r.title,
        if is_model { "MÔ HÌNH" } else { "NGƯỜI" }
    );
    let groups = [
        (split..shared.0.len(), r.name.to_owned(), latest_title),
        (0..split, earlier_name, earlier_title),
    ];
    let headers = r.headers;
    for (g, (range, name, title)) in groups.into_iter().enumerate() {
        // No sheet of earlier periods when there are none.
        if g > 0 && range.is_empty() {
            continue;
        }
        for (part, sheet, title) in sheet_parts(range, &name, &title) {
            let (c, shared) = (c.clone(), shared.clone());
            book.stream(move |ws| {
                let (order, stt, distinct, shown) = &*shared;
                let cells = |k: usize| -> Vec<V<'_>> {
                    let i = order[k];
                    vec![
                        stt[k].into(),
                        names.period(text_at(&c.period, i)).into(),
                        at(&c.ids, i),
                        at(&c.names, i),
                        if is_model {
                            names.category(text_at(&c.second, i)).into()
                        } else {
                            at(&c.second, i)
                        },
                        at(&c.owners, i),
                        level_name(text_at(&c.level, i)).into(),
                        (if c.status.get(i) == Some("loai") {
                            "Loại khỏi danh sách"
                        } else {
                            "Đăng ký"
                        })
                        .into(),
                        distinct
                            .get(shown[k] as usize)
                            .map_or("", String::as_str)
                            .into(),
                        at(&c.file, i),
                        at(&c.sheet, i),
                        c.row.get(i).unwrap_or(0).into(),
                        c.sources.get(i).unwrap_or(0).into(),
                    ]
                };
                let mut list = List::new(&sheet, &title, &headers);
                list.printed = Some(PRINTED);
                list::write(ws, f, &list, part, cells)
            });
        }
    }
    Ok(())
}

/// The parts of `range` (positions in the order) each on a sheet of its own.
fn sheet_parts(
    range: std::ops::Range<usize>,
    name: &str,
    title: &str,
) -> Vec<(std::ops::Range<usize>, String, String)> {
    list::sheet_parts(range.len(), SHEET_ROWS, name, title)
        .into_iter()
        .map(|(rows, name, title)| {
            (
                range.start + rows.start..range.start + rows.end,
                name,
                title,
            )
        })
        .collect()
}
