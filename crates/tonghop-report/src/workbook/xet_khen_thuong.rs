//! *Xét khen thưởng*: every candidate of the latest period (individuals,
//! then collectives), its rating year by year, the verdict and the reason,
//! the eligible ranked by their excellent years.

use super::cells::V;
use super::list::{self, List};
use super::Book;
use rust_xlsxwriter::XlsxError;
use std::collections::BTreeSet;
use tonghop_core::{Level, Subject};
use tonghop_reconcile::commendation::Verdict;

pub(super) const NAME: &str = "Xét khen thưởng";

/// The stage as users read it.
pub(super) fn stage_label(code: &str) -> &'static str {
    match code {
        "tuyen_duong" => "Tuyên dương",
        "de_nghi_khen_thuong" => "Đề nghị khen thưởng",
        "khen_thuong" => "Khen thưởng",
        "ghi_danh" => "Ghi danh",
        "khac" => "Khác",
        _ => "",
    }
}

pub(super) fn write(book: &mut Book) -> Result<(), XlsxError> {
    let (report, names) = (book.report, book.names);
    let c = &report.reconciled.commendation;
    let years: BTreeSet<u16> = c
        .candidates
        .iter()
        .flat_map(|k| k.ratings.keys().copied())
        .chain(c.eligibility.from_year)
        .chain(c.eligibility.to_year)
        .collect();
    // The window's years, and any other year a return rated.
    let years: Vec<u16> = match (years.first(), years.last()) {
        (Some(&a), Some(&b)) => (a..=b).collect(),
        _ => Vec::new(),
    };
    let year_headers: Vec<String> = years.iter().map(|y| format!("Năm {y}")).collect();
    let mut headers: Vec<&str> = vec![
        "Xếp hạng",
        "Đối tượng",
        "Họ và tên / Tên tập thể",
        "Chức vụ",
        "Nơi công tác / Đơn vị thực hiện",
        "Đơn vị gửi",
        "Cấp",
    ];
    headers.extend(year_headers.iter().map(String::as_str));
    headers.extend([
        "Số năm HTXSNV",
        "Khen thưởng ghi trong báo cáo",
        "Kết luận",
        "Lý do",
    ]);
    let printed = headers.len();
    headers.extend(["File", "Sheet", "Dòng"]);
    let rows = c
        .candidates
        .iter()
        .map(|k| {
            let mut row: Vec<V> = vec![
                k.rank.map_or(V::Blank, V::from),
                match k.subject {
                    Subject::Exemplar => "Cá nhân",
                    Subject::Model => "Tập thể",
                }
                .into(),
                k.name.as_str().into(),
                k.position.as_str().into(),
                k.owner.as_str().into(),
                names.unit(&k.unit).into(),
                Level::from_code(&k.level)
                    .unwrap_or(Level::KhongRo)
                    .label()
                    .into(),
            ];
            for y in &years {
                let text = k.ratings.get(y).map_or_else(String::new, |marks| {
                    marks
                        .iter()
                        .map(|m| {
                            if m.party {
                                format!("ĐV {}", m.rating.short())
                            } else {
                                m.rating.short().to_owned()
                            }
                        })
                        .collect::<Vec<_>>()
                        .join(", ")
                });
                row.push(text.into());
            }
            row.extend([
                V::from(u64::from(k.excellent_years)),
                stage_label(&k.stage).into(),
                k.verdict.label().into(),
                k.reason.as_str().into(),
                k.file.as_str().into(),
                k.sheet.as_str().into(),
                V::from(k.row),
            ]);
            row
        })
        .collect();
    let e = &c.eligibility;
    let count = |v: Verdict| c.candidates.iter().filter(|k| k.verdict == v).count();
    let window = match (e.from_year, e.to_year) {
        (Some(a), Some(b)) if a == b => format!(", năm {a}"),
        (Some(a), Some(b)) => format!(", giai đoạn {a}–{b}"),
        _ => String::new(),
    };
    let title = if c.candidates.is_empty() {
        format!(
            "XÉT KHEN THƯỞNG{window}: chưa có báo cáo nào ghi xếp loại hằng năm hay hình thức khen thưởng"
        )
    } else {
        format!(
            "XÉT KHEN THƯỞNG{window} — kỳ {}: {} đủ tiêu chuẩn, {} không đủ, {} chưa đủ căn cứ (tiêu chuẩn {})",
            names.period(&e.period),
            count(Verdict::Eligible),
            count(Verdict::NotEligible),
            count(Verdict::Undecidable),
            if e.criteria_from_sheet {
                "theo sheet Tiêu chuẩn của danh-muc.xlsx"
            } else {
                "mặc định"
            }
        )
    };
    let mut list = List::new(NAME, &title, &headers);
    list.printed = Some(printed);
    let wide = [printed - 1];
    list.wide = &wide;
    list::add(book, &list, rows)?;
    Ok(())
}
