//! `tong-hop.xlsx`: the workbook the office prints. Times New Roman, frozen
//! header rows, filters, A4 landscape fitted to the page width, numbers as
//! numbers, and native Excel charts on `Biểu đồ`. Text from returns is always
//! written as a string, so `=…` in a cell never becomes a formula.

use crate::{Report, ReportError};
use polars::prelude::{ChunkFull, DataType, PlSmallStr, StringChunked, UInt32Chunked};
use rust_xlsxwriter::{
    Chart, ChartType, ExcelDateTime, Format, FormatAlign, FormatBorder, Image, Workbook, Worksheet,
    XlsxError,
};
use std::collections::BTreeMap;
use std::path::Path;
use tonghop_consolidate::{cols, ReturnState};
use tonghop_core::{Date, Level, Severity};

const FONT: &str = "Times New Roman";

/// A cell. Text borrowed from the frames where it can be: a million rows are
/// not copied once more before the writer copies them.
enum V<'a> {
    T(std::borrow::Cow<'a, str>),
    /// Long text, wrapped in its cell (the column keeps its fitted width).
    W(String),
    N(f64),
    D(Date),
    Blank,
}

impl<'a> From<&'a str> for V<'a> {
    fn from(s: &'a str) -> V<'a> {
        V::T(std::borrow::Cow::Borrowed(s))
    }
}
impl From<String> for V<'_> {
    fn from(s: String) -> Self {
        V::T(std::borrow::Cow::Owned(s))
    }
}
impl From<u64> for V<'_> {
    #[allow(clippy::cast_precision_loss)]
    fn from(n: u64) -> Self {
        V::N(n as f64)
    }
}
impl From<i64> for V<'_> {
    #[allow(clippy::cast_precision_loss)]
    fn from(n: i64) -> Self {
        V::N(n as f64)
    }
}
impl From<u32> for V<'_> {
    fn from(n: u32) -> Self {
        V::N(f64::from(n))
    }
}

struct Formats {
    title: Format,
    header: Format,
    text: Format,
    wrap: Format,
    number: Format,
    date: Format,
    bold_number: Format,
}

impl Formats {
    fn new() -> Formats {
        let base = Format::new().set_font_name(FONT).set_font_size(12);
        // Cells sit at the top: rows where a long text wraps stay readable.
        let cell = base
            .clone()
            .set_border(FormatBorder::Thin)
            .set_align(FormatAlign::Top);
        Formats {
            title: base.clone().set_bold().set_font_size(14),
            header: cell
                .clone()
                .set_bold()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter)
                .set_text_wrap()
                .set_background_color(0x00D9_E1F2),
            text: cell.clone(),
            wrap: cell.clone().set_text_wrap().set_align(FormatAlign::Top),
            number: cell.clone().set_num_format("#,##0"),
            date: cell.clone().set_num_format("dd/mm/yyyy"),
            bold_number: cell.set_bold().set_num_format("#,##0"),
        }
    }
}

/// Writes a table at `row`: a header row, then the rows. Returns the next free row.
fn table(
    ws: &mut Worksheet,
    f: &Formats,
    row: u32,
    headers: &[&str],
    rows: Vec<Vec<V<'_>>>,
) -> Result<u32, XlsxError> {
    for (j, h) in headers.iter().enumerate() {
        ws.write_string_with_format(row, col(j), *h, &f.header)?;
    }
    // Room for headers that wrap onto two lines.
    ws.set_row_height(row, 33)?;
    let mut r = row + 1;
    for cells in rows {
        for (j, v) in cells.into_iter().enumerate() {
            match v {
                V::T(s) => ws.write_string_with_format(r, col(j), fit(&s), &f.text)?,
                V::W(s) => ws.write_string_with_format(r, col(j), fit(&s), &f.wrap)?,
                V::N(n) => ws.write_number_with_format(r, col(j), n, &f.number)?,
                V::D(d) => {
                    let dt = ExcelDateTime::from_ymd(
                        u16::try_from(d.year()).unwrap_or(1900),
                        u8::try_from(d.month()).unwrap_or(1),
                        u8::try_from(d.day()).unwrap_or(1),
                    )?;
                    ws.write_datetime_with_format(r, col(j), &dt, &f.date)?
                }
                V::Blank => ws.write_blank(r, col(j), &f.text)?,
            };
        }
        r += 1;
    }
    Ok(r)
}

/// The most characters Excel keeps in a cell; longer text is cut here (it
/// stays whole in the parquet files, and ingest has said so in a finding).
const CELL_CHARS: usize = 32_767;

/// `s` cut to what a cell holds, with a mark that it was cut.
fn fit(s: &str) -> std::borrow::Cow<'_, str> {
    if s.len() <= CELL_CHARS || s.chars().count() <= CELL_CHARS {
        return std::borrow::Cow::Borrowed(s);
    }
    const MARK: &str = " …[đã cắt bớt, xem data/*.parquet]";
    let keep = CELL_CHARS - MARK.chars().count();
    let mut cut: String = s.chars().take(keep).collect();
    cut.push_str(MARK);
    std::borrow::Cow::Owned(cut)
}

fn col(j: usize) -> u16 {
    u16::try_from(j).unwrap_or(u16::MAX)
}

/// A list sheet: title, a table from row 2, frozen header, filter, print
/// setup; the sheet is returned for any column the caller sizes itself.
fn list_sheet<'w>(
    sheets: &'w mut Sheets<'_, '_>,
    f: &Formats,
    name: &str,
    title: &str,
    headers: &[&str],
    rows: Vec<Vec<V<'_>>>,
) -> Result<&'w mut Worksheet, XlsxError> {
    let ws = sheets.add();
    ws.set_name(name)?;
    ws.write_string_with_format(0, 0, title, &f.title)?;
    let n = u32::try_from(rows.len()).unwrap_or(u32::MAX);
    table(ws, f, 2, headers, rows)?;
    ws.set_freeze_panes(3, 0)?;
    if !headers.is_empty() {
        ws.autofilter(2, 0, 2 + n.max(1), col(headers.len() - 1))?;
    }
    print_setup(ws, 2)?;
    ws.set_autofit_max_width(420).autofit();
    Ok(ws)
}

/// The text of row `i` of a string column ("" when null).
fn text_at(ca: &StringChunked, i: usize) -> &str {
    ca.get(i).unwrap_or("")
}

/// Adds the counts of one run of a file's rows to what its earlier runs
/// counted (a file's rows are contiguous in the lineage, but a count must not
/// be lost if they ever are not).
fn add_counts<'a>(to: &mut BTreeMap<&'a str, u64>, from: BTreeMap<&'a str, u64>) {
    for (k, n) in from {
        *to.entry(k).or_default() += n;
    }
}

/// Lists longer than this are written without cell formats (see `stream_sheet`).
const PLAIN_ROWS: usize = 20_000;

/// A sheet holds at most 1,048,576 rows; a list longer than this goes on
/// as many sheets as it needs (a national batch lists millions of people).
const SHEET_ROWS: usize = 1_000_000;

/// The rows of a list of `n` split into sheets of at most `per_sheet`, with
/// each part's sheet name and title: the first part keeps the list's name
/// (what other sheets refer to), the next are `Name (2)`, `Name (3)`…
fn sheet_parts(
    n: usize,
    per_sheet: usize,
    name: &str,
    title: &str,
) -> Vec<(std::ops::Range<usize>, String, String)> {
    let per_sheet = per_sheet.max(1);
    let count = n.div_ceil(per_sheet).max(1);
    (0..count)
        .map(|k| {
            let rows = k * per_sheet..((k + 1) * per_sheet).min(n);
            if k == 0 {
                (rows, name.to_owned(), title.to_owned())
            } else {
                (
                    rows,
                    format!("{name} ({})", k + 1),
                    format!("{title} (TIẾP THEO, PHẦN {} / {count})", k + 1),
                )
            }
        })
        .collect()
}

/// A list sheet for lists that can be long (a million entities): written in
/// rust_xlsxwriter's constant-memory mode, each row made when it is written
/// and flushed to disk, so memory does not grow with the rows. Column widths
/// come from a sample of the rows (autofit would see only the last row).
fn stream_sheet<'a>(
    mut ws: Worksheet,
    f: &Formats,
    name: &str,
    title: &str,
    headers: &[&str],
    rows: std::ops::Range<usize>,
    row: impl Fn(usize) -> Vec<V<'a>>,
) -> Result<Worksheet, XlsxError> {
    let (first, n) = (rows.start, rows.len());
    // A long list is written plain: a format on each of millions of cells
    // costs a lookup each (a third of the time), and a bordered table of
    // that length is never printed whole anyway. A shorter one is a table
    // to print: long texts wrap in narrower columns, so the page is not
    // shrunk to fit its widest names.
    let plain = n > PLAIN_ROWS;
    let max_width = if plain { 60 } else { 36 };
    // Widths in characters: the longest text among up to 4,000 rows spread
    // over the list, between the header's longest word and `max_width`.
    let step = (n / 4000).max(1);
    let mut widths: Vec<usize> = headers
        .iter()
        .map(|h| h.split(' ').map(|w| w.chars().count()).max().unwrap_or(4) + 2)
        .collect();
    for i in rows.clone().step_by(step) {
        for (j, v) in row(i).iter().enumerate() {
            let len = match v {
                V::T(s) => s.chars().count(),
                V::W(s) => s.chars().count(),
                V::N(x) => format!("{x}").len() + 1,
                V::D(_) => 10,
                V::Blank => 0,
            };
            if let Some(w) = widths.get_mut(j) {
                *w = (*w).max(len + 2).min(max_width);
            }
        }
    }
    ws.set_name(name)?;
    for (j, w) in widths.iter().enumerate() {
        #[allow(clippy::cast_precision_loss)]
        ws.set_column_width(col(j), *w as f64)?;
    }
    ws.write_string_with_format(0, 0, title, &f.title)?;
    for (j, h) in headers.iter().enumerate() {
        ws.write_string_with_format(2, col(j), *h, &f.header)?;
    }
    ws.set_row_height(2, 33)?;
    for i in rows {
        let r = 3 + u32::try_from(i - first).unwrap_or(u32::MAX - 3);
        let mut lines = 1;
        for (j, v) in row(i).into_iter().enumerate() {
            let c = col(j);
            // Text wider than its column wraps (tables only), the row grows.
            let v = match v {
                V::T(s) if !plain => {
                    let width = widths
                        .get(j)
                        .copied()
                        .unwrap_or(max_width)
                        .saturating_sub(1);
                    let need = s.chars().count().div_ceil(width.max(1));
                    if need > 1 {
                        lines = lines.max(need);
                        V::W(s.into_owned())
                    } else {
                        V::T(s)
                    }
                }
                v => v,
            };
            match (v, plain) {
                (V::T(s), true) => ws.write_string(r, c, fit(&s))?,
                (V::W(s), true) => ws.write_string(r, c, fit(&s))?,
                (V::N(x), true) => ws.write_number(r, c, x)?,
                (V::D(_) | V::Blank, true) => &mut ws,
                (V::T(s), false) => ws.write_string_with_format(r, c, fit(&s), &f.text)?,
                (V::W(s), false) => ws.write_string_with_format(r, c, fit(&s), &f.wrap)?,
                (V::N(x), false) => ws.write_number_with_format(r, c, x, &f.number)?,
                (V::D(_) | V::Blank, false) => ws.write_blank(r, c, &f.text)?,
            };
        }
        if lines > 1 {
            #[allow(clippy::cast_precision_loss)]
            ws.set_row_height(r, 16.0 * lines as f64)?;
        }
    }
    ws.set_freeze_panes(3, 0)?;
    let last = 2 + u32::try_from(n.max(1)).unwrap_or(u32::MAX - 2);
    ws.autofilter(2, 0, last, col(headers.len().saturating_sub(1)))?;
    print_setup(&mut ws, 2)?;
    Ok(ws)
}

/// The workbook's sheets, in their order. Ordinary sheets are made here; a
/// long list is written on a thread of its own (to its own temporary file,
/// rust_xlsxwriter's constant-memory mode) while the others are made, and
/// joined in its place before saving.
struct Sheets<'scope, 'env> {
    scope: &'scope std::thread::Scope<'scope, 'env>,
    /// Per sheet in order: written on a thread (`true`) or made here.
    streamed: Vec<bool>,
    ready: Vec<Worksheet>,
    writing: Vec<std::thread::ScopedJoinHandle<'scope, Result<Worksheet, XlsxError>>>,
}

impl<'scope, 'env> Sheets<'scope, 'env> {
    fn new(scope: &'scope std::thread::Scope<'scope, 'env>) -> Self {
        Sheets {
            scope,
            streamed: Vec::new(),
            ready: Vec::new(),
            writing: Vec::new(),
        }
    }

    /// The next sheet, an ordinary one.
    fn add(&mut self) -> &mut Worksheet {
        self.streamed.push(false);
        self.ready.push(Worksheet::new());
        let last = self.ready.len() - 1;
        &mut self.ready[last]
    }

    /// The next sheet, written by `write` on its own thread. Constant memory
    /// needs a temporary file; where none can be made, the ordinary mode
    /// still writes the sheet.
    fn stream(
        &mut self,
        wb: &mut Workbook,
        write: impl FnOnce(Worksheet) -> Result<Worksheet, XlsxError> + Send + 'scope,
    ) {
        let ws = wb
            .new_worksheet_with_constant_memory()
            .unwrap_or_else(|_| Worksheet::new());
        self.streamed.push(true);
        self.writing.push(self.scope.spawn(move || write(ws)));
    }

    /// Every sheet into the workbook, in order (waiting for those still
    /// being written); the first error is returned.
    fn finish(self, wb: &mut Workbook) -> Result<(), XlsxError> {
        let (mut ready, mut writing) = (self.ready.into_iter(), self.writing.into_iter());
        for streamed in self.streamed {
            let ws = if streamed {
                writing.next().map(|h| {
                    h.join()
                        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
                })
            } else {
                ready.next().map(Ok)
            };
            if let Some(ws) = ws {
                wb.push_worksheet(ws?);
            }
        }
        Ok(())
    }
}

fn print_setup(ws: &mut Worksheet, header_row: u32) -> Result<(), XlsxError> {
    ws.set_landscape();
    ws.set_paper_size(9); // A4
    ws.set_print_fit_to_pages(1, 0);
    ws.set_repeat_rows(header_row, header_row)?;
    Ok(())
}

/// Writes `tong-hop.xlsx`; `charts` is the folder of the PNG charts to show
/// on *Biểu đồ* beside the native ones (none for the benchmark).
pub(crate) fn write(
    report: &Report,
    path: &Path,
    charts: Option<&Path>,
) -> Result<(), ReportError> {
    build(report, path, charts).map_err(|e| ReportError::xlsx("tong-hop.xlsx", &e))
}

/// The PNG charts of `dir`, by name.
fn pictures(dir: Option<&Path>) -> Vec<std::path::PathBuf> {
    let mut out: Vec<std::path::PathBuf> = dir
        .and_then(|d| std::fs::read_dir(d).ok())
        .map(|d| {
            d.flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "png"))
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

/// `models` / `exemplars` (summary.json) as users read it.
fn subject_label(plural: &str) -> &'static str {
    if plural == "models" {
        "Mô hình"
    } else {
        "Điển hình"
    }
}

fn level_name(code: &str) -> &'static str {
    Level::from_code(code).map_or("", Level::label)
}

#[allow(clippy::too_many_lines)]
fn build(report: &Report, path: &Path, charts: Option<&Path>) -> Result<(), XlsxError> {
    let f = Formats::new();
    let mut wb = Workbook::new();
    let s = report.summary();
    let cats = &report.reference.categories;
    let cat_name = |code: &str| -> String { tonghop_core::category_label(cats, code) };
    let period_name = |id: &str| -> String {
        s.periods
            .iter()
            .find(|p| p.id == id)
            .map_or_else(|| id.to_owned(), |p| p.name.clone())
    };

    std::thread::scope(|scope| -> Result<(), XlsxError> {
        let mut sheets = Sheets::new(scope);
        // Tổng hợp.
        {
            let ws = sheets.add();
            ws.set_name("Tổng hợp")?;
            ws.write_string_with_format(
                0,
                0,
                "TỔNG HỢP MÔ HÌNH, ĐIỂN HÌNH TIÊN TIẾN THEO KỲ BÁO CÁO",
                &f.title,
            )?;
            let headers = [
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
            let mut rows = Vec::new();
            let mut prev: Option<(u64, u64)> = None;
            for p in &s.periods {
                let mut r: Vec<V> = vec![p.name.clone().into(), p.id.clone().into()];
                for l in Level::ALL {
                    r.push(p.models.by_level.get(l.code()).copied().unwrap_or(0).into());
                }
                r.push(p.models.total.into());
                for l in Level::ALL {
                    r.push(
                        p.exemplars
                            .by_level
                            .get(l.code())
                            .copied()
                            .unwrap_or(0)
                            .into(),
                    );
                }
                r.push(p.exemplars.total.into());
                match prev {
                    Some((m, e)) => {
                        r.push(
                            (i64::try_from(p.models.total).unwrap_or(0)
                                - i64::try_from(m).unwrap_or(0))
                            .into(),
                        );
                        r.push(
                            (i64::try_from(p.exemplars.total).unwrap_or(0)
                                - i64::try_from(e).unwrap_or(0))
                            .into(),
                        );
                    }
                    None => {
                        r.push(V::Blank);
                        r.push(V::Blank);
                    }
                }
                prev = Some((p.models.total, p.exemplars.total));
                rows.push(r);
            }
            let mut next = table(ws, &f, 2, &headers, rows)? + 2;
            ws.set_freeze_panes(3, 1)?;
            print_setup(ws, 2)?;
            // Category × level, per period.
            for p in &s.periods {
                ws.write_string_with_format(
                    next,
                    0,
                    format!("Mô hình theo loại và cấp — {}", p.name),
                    &f.title,
                )?;
                let counts = crate::category_level_counts(p);
                let mut codes: Vec<String> = cats.iter().map(|c| c.code.clone()).collect();
                codes.push("khong_ro".to_owned());
                let mut rows = Vec::new();
                let mut col_totals = [0u64; 5];
                for code in &codes {
                    let mut r: Vec<V> = vec![cat_name(code).into()];
                    let mut total = 0;
                    for (k, l) in Level::ALL.iter().enumerate() {
                        let n = counts
                            .get(&(code.clone(), l.code().to_owned()))
                            .copied()
                            .unwrap_or(0);
                        total += n;
                        col_totals[k] += n;
                        r.push(n.into());
                    }
                    col_totals[4] += total;
                    r.push(total.into());
                    rows.push(r);
                }
                let end = table(
                    ws,
                    &f,
                    next + 1,
                    &[
                        "Loại mô hình",
                        "Cấp tỉnh",
                        "Cấp Khối",
                        "Cấp cơ sở",
                        "Chưa rõ cấp",
                        "Tổng",
                    ],
                    rows,
                )?;
                ws.write_string_with_format(end, 0, "Tổng cộng", &f.header)?;
                for (k, n) in col_totals.iter().enumerate() {
                    #[allow(clippy::cast_precision_loss)]
                    ws.write_number_with_format(end, col(k + 1), *n as f64, &f.bold_number)?;
                }
                next = end + 3;
            }
            ws.set_column_width(0, 60)?;
            for c in 1..14 {
                ws.set_column_width(c, 13)?;
            }
            // The change columns' headers are the longest: two lines, not three.
            for c in 12..14 {
                ws.set_column_width(c, 19)?;
            }
        }

        // Tỷ lệ báo cáo: reporting rates by unit kind, per period (DHIS2's matrix).
        {
            let mut rows = Vec::new();
            for p in &s.periods {
                for (kind, k) in &p.returns.by_kind {
                    rows.push(vec![
                        p.name.clone().into(),
                        kind.clone().into(),
                        k.expected.into(),
                        k.received.into(),
                        k.on_time.into(),
                        k.late.into(),
                        k.timeliness_unknown.into(),
                        k.missing.into(),
                        k.superseded_files.into(),
                        format!("{:.1}%", k.rate).replace('.', ",").into(),
                        format!("{:.1}%", k.on_time_rate).replace('.', ",").into(),
                    ]);
                }
            }
            list_sheet(
                &mut sheets,
                &f,
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
                rows,
            )?;
        }

        // Chỉ tiêu.
        if !s.targets.is_empty() {
            let rows = s
                .targets
                .iter()
                .map(|t| {
                    vec![
                        period_name(&t.period).into(),
                        subject_label(&t.subject).into(),
                        t.category
                            .as_deref()
                            .map_or_else(|| "Tất cả".to_owned(), cat_name)
                            .into(),
                        t.level.as_deref().map_or("Tất cả", level_name).into(),
                        t.unit_kind
                            .clone()
                            .unwrap_or_else(|| "Toàn Khối".to_owned())
                            .into(),
                        t.unit
                            .as_deref()
                            .map_or_else(String::new, |u| {
                                report
                                    .reference
                                    .unit(u)
                                    .map_or(u.to_owned(), |x| x.name.clone())
                            })
                            .into(),
                        t.target.into(),
                        t.achieved.into(),
                        t.gap.into(),
                        (if t.gap < 0 { "Chưa đạt" } else { "Đạt" }).into(),
                    ]
                })
                .collect();
            list_sheet(
                &mut sheets,
                &f,
                "Chỉ tiêu",
                "CHỈ TIÊU VÀ KẾT QUẢ THỰC HIỆN",
                &[
                    "Kỳ",
                    "Đối tượng",
                    "Loại mô hình",
                    "Cấp",
                    "Áp dụng cho",
                    "Đơn vị",
                    "Chỉ tiêu",
                    "Đạt",
                    "Chênh lệch",
                    "Đánh giá",
                ],
                rows,
            )?;
        }

        // Theo đơn vị.
        {
            let mut findings_by_unit: BTreeMap<(&str, &str), u64> = BTreeMap::new();
            for x in report.findings {
                *findings_by_unit
                    .entry((x.period.as_str(), x.unit.as_str()))
                    .or_default() += 1;
            }
            let rows = report
                .reconciled
                .units
                .iter()
                .map(|u| {
                    let lv = |m: &BTreeMap<String, u64>, c: &str| -> V {
                        m.get(c).copied().unwrap_or(0).into()
                    };
                    vec![
                        period_name(&u.period).into(),
                        u.unit.clone().into(),
                        u.name.clone().into(),
                        u.kind.clone().into(),
                        (if u.expected { "Có" } else { "Không" }).into(),
                        (if u.received {
                            "Đã gửi"
                        } else {
                            "Chưa gửi"
                        })
                        .into(),
                        u.days_late.map_or(V::Blank, V::from),
                        lv(&u.models, "tinh"),
                        lv(&u.models, "khoi"),
                        lv(&u.models, "co_so"),
                        u.models.values().sum::<u64>().into(),
                        lv(&u.exemplars, "tinh"),
                        lv(&u.exemplars, "khoi"),
                        lv(&u.exemplars, "co_so"),
                        u.exemplars.values().sum::<u64>().into(),
                        findings_by_unit
                            .get(&(u.period.as_str(), u.unit.as_str()))
                            .copied()
                            .unwrap_or(0)
                            .into(),
                    ]
                })
                .collect();
            list_sheet(
                &mut sheets,
                &f,
                "Theo đơn vị",
                "TÌNH HÌNH BÁO CÁO VÀ SỐ LIỆU THEO ĐƠN VỊ",
                &[
                    "Kỳ",
                    "Mã đơn vị",
                    "Tên đơn vị",
                    "Loại đơn vị",
                    "Phải báo cáo",
                    "Báo cáo",
                    "Muộn (ngày)",
                    "MH tỉnh",
                    "MH Khối",
                    "MH cơ sở",
                    "Tổng MH",
                    "ĐH tỉnh",
                    "ĐH Khối",
                    "ĐH cơ sở",
                    "Tổng ĐH",
                    "Số cảnh báo",
                ],
                rows,
            )?;
        }

        // Mô hình, Điển hình.
        for (sheet, title, df, id, name, owner, is_model) in [
            (
                "Mô hình",
                "DANH SÁCH MÔ HÌNH TẬP THỂ (MỖI MÔ HÌNH MỘT DÒNG MỖI KỲ)",
                &report.consolidated.models,
                cols::MODEL_ID,
                cols::NAME,
                cols::OWNER,
                true,
            ),
            (
                "Điển hình",
                "DANH SÁCH ĐIỂN HÌNH TIÊN TIẾN CÁ NHÂN (MỖI NGƯỜI MỘT DÒNG MỖI KỲ)",
                &report.consolidated.exemplars,
                cols::PERSON_ID,
                cols::FULL_NAME,
                cols::WORKPLACE,
                false,
            ),
        ] {
            // Read straight from the frame's columns: a million entities are not
            // copied into the workbook's own structures (see `stream_sheet`).
            let text = |c: &str| df.column(c).ok().and_then(|c| c.str().ok().cloned());
            let empty = StringChunked::full(PlSmallStr::EMPTY, "", df.height());
            let get = |c: &str| text(c).unwrap_or_else(|| empty.clone());
            let (period, ids, names, owners, level, status, unit, file, sh) = (
                get(cols::PERIOD),
                get(id),
                get(name),
                get(owner),
                get(cols::LEVEL),
                get(cols::STATUS),
                get(cols::UNIT),
                get(cols::SOURCE_FILE),
                get(cols::SOURCE_SHEET),
            );
            let second = get(if is_model {
                cols::CATEGORY
            } else {
                cols::POSITION
            });
            let number = |c: &str| {
                df.column(c)
                    .ok()
                    .and_then(|c| c.cast(&DataType::UInt32).ok())
                    .and_then(|c| c.u32().ok().cloned())
                    .unwrap_or_else(|| UInt32Chunked::full(PlSmallStr::EMPTY, 0, df.height()))
            };
            let (row, n) = (number(cols::SOURCE_ROW), number(cols::N_SOURCES));
            fn at(ca: &StringChunked, i: usize) -> V<'_> {
                text_at(ca, i).into()
            }
            // As an analyst reads a list: period by period, then by the
            // reporting unit's name and the entry's name (alphabetical
            // without regard to diacritics), numbered within each period.
            let unit_names: std::collections::HashMap<&str, &str> = report
                .reference
                .units
                .iter()
                .map(|u| (u.code.as_str(), u.name.as_str()))
                .collect();
            let unit_name = |i: usize| -> &str {
                let code = text_at(&unit, i);
                unit_names.get(code).copied().unwrap_or(code)
            };
            let period_rank: std::collections::HashMap<&str, usize> = s
                .periods
                .iter()
                .enumerate()
                .map(|(k, p)| (p.id.as_str(), k))
                .collect();
            let keys: Vec<(usize, String, String)> = (0..df.height())
                .map(|i| {
                    (
                        period_rank
                            .get(text_at(&period, i))
                            .copied()
                            .unwrap_or(usize::MAX),
                        tonghop_text::fold_key(unit_name(i)),
                        tonghop_text::fold_key(text_at(&names, i)),
                    )
                })
                .collect();
            let mut order: Vec<usize> = (0..df.height()).collect();
            order.sort_by(|&a, &b| keys[a].cmp(&keys[b]).then(a.cmp(&b)));
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
            drop(keys);
            // Each row's unit as an index into the distinct names (a million
            // rows hold a few thousand units).
            let mut distinct: Vec<String> = Vec::new();
            let mut seen: std::collections::HashMap<&str, u32> = std::collections::HashMap::new();
            let shown: Vec<u32> = order
                .iter()
                .map(|&i| {
                    let name = unit_name(i);
                    *seen.entry(name).or_insert_with(|| {
                        distinct.push(name.to_owned());
                        u32::try_from(distinct.len() - 1).unwrap_or(u32::MAX)
                    })
                })
                .collect();
            let unit_shown = (distinct, shown);
            let order = std::sync::Arc::new(order);
            let stt = std::sync::Arc::new(stt);
            let unit_shown = std::sync::Arc::new(unit_shown);
            let headers: [&str; 13] = if is_model {
                [
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
                ]
            } else {
                [
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
                ]
            };
            let f = &f;
            for (rows, sheet, title) in sheet_parts(df.height(), SHEET_ROWS, sheet, title) {
                let (period, ids, names, second, owners, level, status, file, sh, row, n) = (
                    period.clone(),
                    ids.clone(),
                    names.clone(),
                    second.clone(),
                    owners.clone(),
                    level.clone(),
                    status.clone(),
                    file.clone(),
                    sh.clone(),
                    row.clone(),
                    n.clone(),
                );
                let (order, stt, unit_shown) = (order.clone(), stt.clone(), unit_shown.clone());
                sheets.stream(&mut wb, move |ws| {
                    let cells = |k: usize| -> Vec<V<'_>> {
                        let i = order[k];
                        vec![
                            stt[k].into(),
                            period_name(text_at(&period, i)).into(),
                            at(&ids, i),
                            at(&names, i),
                            if is_model {
                                cat_name(text_at(&second, i)).into()
                            } else {
                                at(&second, i)
                            },
                            at(&owners, i),
                            level_name(text_at(&level, i)).into(),
                            (if status.get(i) == Some("loai") {
                                "Loại khỏi danh sách"
                            } else {
                                "Đăng ký"
                            })
                            .into(),
                            unit_shown
                                .0
                                .get(unit_shown.1[k] as usize)
                                .map_or("", String::as_str)
                                .into(),
                            at(&file, i),
                            at(&sh, i),
                            row.get(i).unwrap_or(0).into(),
                            n.get(i).unwrap_or(0).into(),
                        ]
                    };
                    stream_sheet(ws, f, &sheet, &title, &headers, rows, cells)
                });
            }
        }

        // Đối chiếu.
        {
            let ws = sheets.add();
            ws.set_name("Đối chiếu")?;
            ws.write_string_with_format(0, 0, "ĐỐI CHIẾU BIẾN ĐỘNG GIỮA CÁC KỲ: ĐẦU KỲ + BỔ SUNG − LOẠI − CHUYỂN ĐI − CHƯA BÁO CÁO − KHÔNG RÕ = CUỐI KỲ", &f.title)?;
            let rows = s
                .bridges
                .iter()
                .map(|b| {
                    let check = i64::try_from(b.opening + b.added).unwrap_or(0)
                        - i64::try_from(
                            b.removed + b.transferred_out + b.not_reported + b.unexplained,
                        )
                        .unwrap_or(0);
                    vec![
                        period_name(&b.from).into(),
                        period_name(&b.to).into(),
                        subject_label(&b.subject).into(),
                        b.opening.into(),
                        b.added.into(),
                        b.removed.into(),
                        b.transferred_out.into(),
                        b.not_reported.into(),
                        b.unexplained.into(),
                        b.closing.into(),
                        (if check == i64::try_from(b.closing).unwrap_or(-1) {
                            "Khớp"
                        } else {
                            "Lệch"
                        })
                        .into(),
                    ]
                })
                .collect();
            let next = table(
                ws,
                &f,
                2,
                &[
                    "Từ kỳ",
                    "Đến kỳ",
                    "Đối tượng",
                    "Đầu kỳ",
                    "Bổ sung",
                    "Loại khỏi danh sách",
                    "Đơn vị chuyển đi",
                    "Đơn vị chưa báo cáo",
                    "Không rõ lý do",
                    "Cuối kỳ",
                    "Kiểm tra",
                ],
                rows,
            )?;
            ws.write_string_with_format(
                next + 1,
                0,
                "Danh sách mô hình, điển hình đứng sau từng khoản: sheet \"Biến động chi tiết\"",
                &f.title,
            )?;
            ws.set_freeze_panes(3, 0)?;
            print_setup(ws, 2)?;
            ws.set_autofit_max_width(420).autofit();
        }

        // Biến động chi tiết: the entities behind each term (can be long).
        {
            let changed = |from: &str, to: String, name: &dyn Fn(&str) -> String| -> String {
                if from.is_empty() || name(from) == to {
                    to
                } else {
                    format!("{} → {to}", name(from))
                }
            };
            let entities = &report.reconciled.bridge_entities;
            // Each bridge's period pair, named once.
            let stages: Vec<String> = s
                .bridges
                .iter()
                .map(|b| format!("{} → {}", period_name(&b.from), period_name(&b.to)))
                .collect();
            let bridges = &s.bridges;
            let f = &f;
            for (rows, sheet, title) in sheet_parts(
                entities.len(),
                SHEET_ROWS,
                "Biến động chi tiết",
                "DANH SÁCH ĐỨNG SAU TỪNG KHOẢN CỦA BIẾN ĐỘNG GIỮA CÁC KỲ",
            ) {
                let stages = stages.clone();
                sheets.stream(&mut wb, move |ws| {
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
                                changed(&e.from_category, cat_name(&e.category), &cat_name)
                            })
                            .into(),
                        ]
                    };
                    stream_sheet(
                        ws,
                        f,
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
                        rows,
                        cells,
                    )
                });
            }
        }

        // Đối chiếu theo nhóm.
        {
            // The same terms by level and by category: an entity that changed
            // level or category moves between rows (chuyển đến / chuyển đi).
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
                            .map(|(k, t)| (format!("Loại: {}", cat_name(k)), t)),
                    );
                for (group, t) in groups {
                    if *t == tonghop_reconcile::Terms::default() {
                        continue;
                    }
                    rows.push(vec![
                        format!("{} → {}", period_name(&b.from), period_name(&b.to)).into(),
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
            list_sheet(
            &mut sheets,
            &f,
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
            rows,
        )?;
        }

        // Cảnh báo.
        {
            let rows = report
                .findings
                .iter()
                .map(|x| {
                    vec![
                        x.severity.label().into(),
                        x.code.as_str().into(),
                        period_name(&x.period).into(),
                        x.unit.clone().into(),
                        x.file.clone().into(),
                        x.sheet.clone().into(),
                        x.row.map_or(V::Blank, V::from),
                        x.message.clone().into(),
                    ]
                })
                .collect();
            let errors = report
                .findings
                .iter()
                .filter(|x| x.severity == Severity::Error)
                .count();
            list_sheet(
                &mut sheets,
                &f,
                "Cảnh báo",
                &format!(
                    "CÁC VẤN ĐỀ PHÁT HIỆN ({} mục, trong đó {errors} lỗi)",
                    report.findings.len()
                ),
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
                rows,
            )?;
        }

        // Quy tắc: every check, as data, and how it fared in each period.
        {
            use tonghop_reconcile::rules::Check;
            let mut rows = Vec::new();
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
                                r.code.clone().into(),
                                V::W(r.name.clone()),
                                "Có sẵn".into(),
                                r.severity.label().into(),
                                "(kiểm tra trong chương trình)".into(),
                                V::Blank,
                                V::Blank,
                                period_name(&p.id).into(),
                                V::Blank,
                                failed.into(),
                                V::Blank,
                                V::W(r.template.clone()),
                            ]);
                        }
                    }
                    Check::Campaign(c) => {
                        for x in s.rules.iter().filter(|x| x.code == r.code) {
                            rows.push(vec![
                                r.code.clone().into(),
                                V::W(r.name.clone()),
                                V::W(format!("Của đợt (danh-muc.xlsx, dòng {})", c.row)),
                                r.severity.label().into(),
                                V::W(format!(
                                    "{} {} {}",
                                    c.left_text,
                                    c.op.symbol(),
                                    c.right_text
                                )),
                                c.scope.label().into(),
                                c.missing.label().into(),
                                period_name(&x.period).into(),
                                x.checked.into(),
                                x.failed.into(),
                                x.skipped.into(),
                                V::W(r.template.clone()),
                            ]);
                        }
                    }
                }
            }
            // Wrapped cells need their rows made taller: lines of the longest one.
            let widths = [
                (1usize, 34.0),
                (2, 16.0),
                (4, 30.0),
                (5, 14.0),
                (6, 20.0),
                (11, 60.0),
            ];
            let heights: Vec<f64> = rows
                .iter()
                .map(|r: &Vec<V>| {
                    let lines = widths
                        .iter()
                        .filter_map(|&(c, w)| match r.get(c) {
                            Some(V::W(t)) => Some((t.chars().count() as f64 / (w * 0.95)).ceil()),
                            _ => None,
                        })
                        .fold(1.0_f64, f64::max);
                    16.0 * lines
                })
                .collect();
            let ws = list_sheet(
                &mut sheets,
                &f,
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
                rows,
            )?;
            // Long texts wrap in columns of a readable width (characters).
            for (c, w) in widths {
                ws.set_column_width(col(c), w)?;
            }
            for (i, h) in heights.into_iter().enumerate() {
                ws.set_row_height(3 + u32::try_from(i).unwrap_or(0), h)?;
            }
        }

        // Nguồn.
        {
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
                        r.rel.clone().into(),
                        period_name(&r.period).into(),
                        u.unit.clone().into(),
                        r.unit.name.clone().into(),
                        r.unit.evidence.clone().into(),
                        r.date.map_or(V::Blank, V::D),
                        r.date_evidence.clone().into(),
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
                    ]
                })
                .collect();
            list_sheet(
                &mut sheets,
                &f,
                "Nguồn",
                "CÁC FILE ĐÃ ĐỌC",
                &[
                    "File",
                    "Kỳ",
                    "Mã đơn vị",
                    "Tên đơn vị",
                    "Căn cứ nhận ra đơn vị",
                    "Ngày văn bản",
                    "Căn cứ ngày",
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
                ],
                rows,
            )?;
        }

        // Biểu đồ: native charts over the Tổng hợp table, restylable in Excel.
        {
            let n = u32::try_from(s.periods.len()).unwrap_or(0);
            let ws = sheets.add();
            ws.set_name("Biểu đồ")?;
            ws.write_string_with_format(0, 0, "BIỂU ĐỒ (có thể chỉnh sửa trong Excel)", &f.title)?;
            ws.set_landscape();
            ws.set_paper_size(9);
            // As wide as one chart: the page's width, as many pages down.
            ws.set_print_fit_to_pages(1, 0);
            if n > 0 {
                for (k, (title, first_col)) in [
                    ("Mô hình theo cấp đăng ký", 2u16),
                    ("Điển hình theo cấp đăng ký", 7u16),
                ]
                .iter()
                .enumerate()
                {
                    let mut chart = Chart::new(ChartType::ColumnStacked);
                    for (j, l) in [Level::Tinh, Level::Khoi, Level::CoSo, Level::KhongRo]
                        .iter()
                        .enumerate()
                    {
                        let c = first_col + col(j);
                        chart
                            .add_series()
                            .set_categories(("Tổng hợp", 3, 0, 2 + n, 0))
                            .set_values(("Tổng hợp", 3, c, 2 + n, c))
                            .set_name(l.label());
                    }
                    chart.title().set_name(*title);
                    chart
                        .legend()
                        .set_position(rust_xlsxwriter::ChartLegendPosition::Bottom);
                    chart.set_width(720).set_height(400);
                    ws.insert_chart(2 + u32::try_from(k).unwrap_or(0) * 22, 0, &chart)?;
                }
            }
            // The pictures of bieu-do/ below them, as they go into a report.
            let mut row = 2 + 2 * 22;
            for png in pictures(charts) {
                let name = png
                    .file_stem()
                    .map(|s| s.to_string_lossy().to_string())
                    .unwrap_or_default();
                let picture = Image::new(&png)?
                    .set_scale_to_size(720, 450, true)
                    .set_alt_text(format!("Biểu đồ bieu-do/{name}.png"));
                ws.write_string(row, 0, format!("bieu-do/{name}.png"))?;
                ws.insert_image(row + 1, 0, &picture)?;
                row += 26;
            }
        }

        sheets.finish(&mut wb)
    })?;

    // A workbook with long lists is compressed less: deflate is most of its
    // saving time (level 1 writes it about twice as fast for a file about a
    // third larger).
    if report.consolidated.models.height() + report.consolidated.exemplars.height() > PLAIN_ROWS {
        wb.set_zip_compression_level(1);
    }
    save(&mut wb, path)
}

/// Saves through a [`tonghop_out::GuardedFile`]: a failed write is reported
/// once, as the system's own error.
pub(crate) fn save(wb: &mut Workbook, path: &Path) -> Result<(), XlsxError> {
    let file = tonghop_out::GuardedFile::create(path)?;
    let first = file.error();
    match wb.save_to_writer(file) {
        Ok(()) => Ok(()),
        Err(e) => Err(first
            .lock()
            .ok()
            .and_then(|mut slot| slot.take())
            .map_or(e, XlsxError::IoError)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::{open_workbook, Data, Reader, Xlsx};

    /// A list longer than `PLAIN_ROWS`, streamed in constant-memory mode,
    /// reads back whole: every row, text and numbers, after the header.
    #[test]
    fn a_long_streamed_list_reads_back_whole() {
        let n = PLAIN_ROWS + 5_000;
        let names: Vec<String> = (0..n).map(|i| format!("Mô hình số {i}")).collect();
        let mut wb = Workbook::new();
        let f = Formats::new();
        let ws = wb.new_worksheet_with_constant_memory().unwrap();
        let ws = stream_sheet(
            ws,
            &f,
            "Mô hình",
            "DANH SÁCH",
            &["Tên mô hình", "Dòng"],
            0..n,
            |i| vec![names[i].as_str().into(), (i as u64).into()],
        )
        .unwrap();
        wb.push_worksheet(ws);
        let path = std::env::temp_dir().join(format!("tonghop-stream-{}.xlsx", std::process::id()));
        wb.save(&path).unwrap();
        let mut book: Xlsx<_> = open_workbook(&path).unwrap();
        let range = book.worksheet_range("Mô hình").unwrap();
        let _ = std::fs::remove_file(&path);
        let rows: Vec<_> = range.rows().collect();
        assert_eq!(rows.len(), 3 + n, "title, blank, header, then every row");
        let last = rows[2 + n];
        assert_eq!(last[0], Data::String(format!("Mô hình số {}", n - 1)));
        assert_eq!(last[1], Data::Float((n - 1) as f64));
    }

    /// A list longer than a sheet holds goes on over several sheets: the
    /// first keeps the list's name, every row is written once, in order, and
    /// an empty list still has its sheet.
    #[test]
    fn a_list_longer_than_a_sheet_goes_on_over_more_sheets() {
        let parts = sheet_parts(25, 10, "Điển hình", "DANH SÁCH");
        let names: Vec<&str> = parts.iter().map(|p| p.1.as_str()).collect();
        assert_eq!(names, ["Điển hình", "Điển hình (2)", "Điển hình (3)"]);
        assert_eq!(parts[2].2, "DANH SÁCH (TIẾP THEO, PHẦN 3 / 3)");
        let empty = sheet_parts(0, 10, "Mô hình", "DANH SÁCH");
        assert_eq!(empty.len(), 1);
        assert!(empty[0].0.is_empty());
        assert_eq!(sheet_parts(20, 10, "X", "T").len(), 2);

        let mut wb = Workbook::new();
        let f = Formats::new();
        for (rows, name, title) in parts {
            let ws = wb.new_worksheet_with_constant_memory().unwrap();
            let ws = stream_sheet(ws, &f, &name, &title, &["Số"], rows, |i| {
                vec![(i as u64).into()]
            })
            .unwrap();
            wb.push_worksheet(ws);
        }
        let path = std::env::temp_dir().join(format!("tonghop-parts-{}.xlsx", std::process::id()));
        wb.save(&path).unwrap();
        let mut book: Xlsx<_> = open_workbook(&path).unwrap();
        let mut read = Vec::new();
        for name in ["Điển hình", "Điển hình (2)", "Điển hình (3)"] {
            let range = book.worksheet_range(name).unwrap();
            let rows: Vec<_> = range.rows().skip(3).map(|r| r[0].clone()).collect();
            read.extend(rows);
        }
        let _ = std::fs::remove_file(&path);
        let want: Vec<Data> = (0..25).map(|i| Data::Float(f64::from(i))).collect();
        assert_eq!(read, want);
    }
}
