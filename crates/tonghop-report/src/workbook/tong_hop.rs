//! *Tổng hợp*: each period's models and exemplars by level and their change,
//! then each period's models by category and level. The charts on *Biểu đồ*
//! read its first table.

use super::cells::{col, table, Columns, V};
use super::list::{print, title, to_page, HEADER_ROW};
use super::Book;
use rust_xlsxwriter::XlsxError;
use tonghop_core::Level;

/// The sheet's name, as the charts and `so-lieu` refer to it.
pub(super) const NAME: &str = "Tổng hợp";

const HEADERS: [&str; 14] = [
    "Kỳ báo cáo",
    "Mã kỳ",
    "MH cấp tỉnh",
    "MH cấp Khối",
    "MH cấp cơ sở",
    "MH chưa rõ cấp",
    "Tổng mô hình",
    "ĐH cấp tỉnh",
    "ĐH cấp Khối",
    "ĐH cấp cơ sở",
    "ĐH chưa rõ cấp",
    "Tổng điển hình",
    "Thay đổi mô hình so với kỳ trước",
    "Thay đổi điển hình so với kỳ trước",
];

const BY_CATEGORY: [&str; 6] = [
    "Loại mô hình",
    "Cấp tỉnh",
    "Cấp Khối",
    "Cấp cơ sở",
    "Chưa rõ cấp",
    "Tổng",
];

const FUNNEL: [&str; 7] = [
    "Đối tượng",
    "Đăng ký",
    "Đủ tiêu chuẩn",
    "Được tuyên dương",
    "Đề nghị khen thưởng",
    "Được khen thưởng",
    "Đề nghị cấp trên",
];

/// Each period's commendation funnel (collectives, individuals), for the
/// periods where a return writes a stage or the criteria were judged.
fn funnels(s: &tonghop_reconcile::Summary) -> Vec<(String, Vec<Vec<V<'static>>>)> {
    s.periods
        .iter()
        .filter_map(|p| {
            let of = |plural: &str| {
                s.commendation
                    .funnel
                    .iter()
                    .find(|f| f.period == p.id && f.subject == plural)
            };
            let (models, exemplars) = (of("models")?, of("exemplars")?);
            let shown = [models, exemplars]
                .iter()
                .any(|f| f.total.honoured > 0 || f.total.eligible.is_some_and(|n| n > 0));
            shown.then(|| {
                let row = |label: &'static str, t: &tonghop_reconcile::commendation::Stages| {
                    vec![
                        V::from(label),
                        t.registered.into(),
                        t.eligible.map_or(V::Blank, V::from),
                        t.honoured.into(),
                        t.proposed.into(),
                        t.awarded.into(),
                        t.proposed_above.into(),
                    ]
                };
                (
                    format!("Tuyên dương, khen thưởng — {}", p.name),
                    vec![
                        row("Tập thể", &models.total),
                        row("Cá nhân", &exemplars.total),
                    ],
                )
            })
        })
        .collect()
}

pub(super) fn write(book: &mut Book) -> Result<(), XlsxError> {
    let (s, names, f) = (book.summary(), book.names, book.f);
    let mut rows = Vec::new();
    let mut prev: Option<(u64, u64)> = None;
    for p in &s.periods {
        let mut r: Vec<V> = vec![p.name.clone().into(), p.id.clone().into()];
        for counts in [&p.models, &p.exemplars] {
            for l in Level::ALL {
                r.push(counts.by_level.get(l.code()).copied().unwrap_or(0).into());
            }
            r.push(counts.total.into());
        }
        let change = |now: u64, before: u64| -> V {
            (i64::try_from(now).unwrap_or(0) - i64::try_from(before).unwrap_or(0)).into()
        };
        match prev {
            Some((m, e)) => {
                r.push(change(p.models.total, m));
                r.push(change(p.exemplars.total, e));
            }
            None => r.extend([V::Blank, V::Blank]),
        }
        prev = Some((p.models.total, p.exemplars.total));
        rows.push(r);
    }
    // Category × level, per period.
    let codes = crate::category_codes(book.report.reference);
    let by_category: Vec<(String, Vec<Vec<V>>, [u64; 5])> = s
        .periods
        .iter()
        .map(|p| {
            let counts = crate::category_level_counts(p);
            let mut totals = [0u64; 5];
            let rows = codes
                .iter()
                .map(|code| {
                    let mut r: Vec<V> = vec![names.category(code).into()];
                    let mut total = 0;
                    for (k, l) in Level::ALL.iter().enumerate() {
                        let n = counts
                            .get(&(code.clone(), l.code().to_owned()))
                            .copied()
                            .unwrap_or(0);
                        total += n;
                        totals[k] += n;
                        r.push(n.into());
                    }
                    totals[4] += total;
                    r.push(total.into());
                    r
                })
                .collect();
            (
                format!("Mô hình theo loại và cấp — {}", p.name),
                rows,
                totals,
            )
        })
        .collect();
    // One set of columns for both tables: the first holds periods' and
    // categories' names.
    let mut columns = Columns::fit(
        &HEADERS,
        rows.iter()
            .cloned()
            .chain(by_category.iter().flat_map(|(_, r, _)| r.iter().cloned())),
        |_| 36,
    );
    to_page(&mut columns, HEADERS.len());
    let ws = book.add();
    ws.set_name(NAME)?;
    columns.set(ws)?;
    let heading = "TỔNG HỢP MÔ HÌNH, ĐIỂN HÌNH TIÊN TIẾN THEO KỲ BÁO CÁO";
    title(ws, f, &columns, HEADERS.len(), heading)?;
    let mut next = table(ws, f, &columns, HEADER_ROW, &HEADERS, rows)? + 2;
    ws.set_freeze_panes(HEADER_ROW + 1, 1)?;
    for (caption, rows, totals) in by_category {
        ws.write_string_with_format(next, 0, caption, &f.title)?;
        let end = table(ws, f, &columns, next + 1, &BY_CATEGORY, rows)?;
        ws.write_string_with_format(end, 0, "Tổng cộng", &f.header)?;
        for (k, n) in totals.iter().enumerate() {
            #[allow(clippy::cast_precision_loss)]
            ws.write_number_with_format(end, col(k + 1), *n as f64, &f.bold_number)?;
        }
        next = end + 3;
    }
    for (caption, rows) in funnels(s) {
        ws.write_string_with_format(next, 0, caption, &f.title)?;
        next = table(ws, f, &columns, next + 1, &FUNNEL, rows)? + 2;
    }
    // No header repeated: the tables after the first have their own.
    print(ws, heading, None, columns.points(HEADERS.len()))
}
