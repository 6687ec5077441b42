//! A list sheet, on screen and on paper: the one layout every list shares.

use super::cells::{col, title_lines, Columns, Formats, V};
use super::{Book, Sheets};
use rust_xlsxwriter::{Workbook, Worksheet, XlsxError};

/// Lists longer than this are written without cell formats.
pub(super) const PLAIN_ROWS: usize = 20_000;

/// A sheet holds at most 1,048,576 rows; a list longer than this goes on
/// as many sheets as it needs (a national batch lists millions of people).
pub(super) const SHEET_ROWS: usize = 1_000_000;

/// The widest a column grows before its text wraps (characters), in a table
/// and in a plain list (not printed, so it may be wider).
const TABLE_WIDTH: usize = 36;
const PLAIN_WIDTH: usize = 60;

/// The row of a list's header; its title is on the first row.
pub(super) const HEADER_ROW: u32 = 2;

/// A list: its sheet's name and title, its columns, which of them print.
pub(super) struct List<'h> {
    pub(super) name: &'h str,
    pub(super) title: &'h str,
    pub(super) headers: &'h [&'h str],
    /// The first `printed` columns go on paper; those after them (where each
    /// row came from: file, sheet, row) are read on screen. All when `None`.
    pub(super) printed: Option<usize>,
    /// Columns of long text (messages, templates) that may be wider before
    /// they wrap.
    pub(super) wide: &'h [usize],
}

impl<'h> List<'h> {
    pub(super) fn new(name: &'h str, title: &'h str, headers: &'h [&'h str]) -> Self {
        List {
            name,
            title,
            headers,
            printed: None,
            wide: &[],
        }
    }
}

/// Lists of rows already made longer than this are written on threads of
/// their own, in constant-memory mode, while the workbook's other sheets are
/// made: in memory, each cell of a long list was held twice (its row and the
/// sheet's cell) and written on the workbook's one thread (issue 21).
const STREAMED_ROWS: usize = 2_000;

/// A list of rows already made, as the next sheet — or sheets, when it is
/// longer than a sheet holds (a national batch's candidates for
/// commendation). A long list is written on a thread of its own.
pub(super) fn add<'env>(
    book: &mut Book<'_, '_, 'env>,
    list: &List,
    rows: Vec<Vec<V<'env>>>,
) -> Result<(), XlsxError> {
    add_to(&mut book.sheets, book.wb, book.f, list, rows, SHEET_ROWS)
}

/// [`add`] into `sheets`, at most `per_sheet` rows a sheet.
fn add_to<'scope, 'env>(
    sheets: &mut Sheets<'scope, 'env>,
    wb: &mut Workbook,
    f: &'env Formats,
    list: &List,
    rows: Vec<Vec<V<'env>>>,
    per_sheet: usize,
) -> Result<(), XlsxError> {
    if rows.len() <= STREAMED_ROWS {
        place(sheets, in_parts(f, list, &rows, per_sheet)?);
        return Ok(());
    }
    let (headers, printed, wide) = (
        list.headers
            .iter()
            .map(|h| (*h).to_owned())
            .collect::<Vec<_>>(),
        list.printed,
        list.wide.to_vec(),
    );
    let rows = std::sync::Arc::new(rows);
    for (range, name, title) in sheet_parts(rows.len(), per_sheet, list.name, list.title) {
        let (rows, headers, wide) = (rows.clone(), headers.clone(), wide.clone());
        sheets.stream(wb, move |ws| {
            let headers: Vec<&str> = headers.iter().map(String::as_str).collect();
            let part = List {
                name: &name,
                title: &title,
                headers: &headers,
                printed,
                wide: &wide,
            };
            write(ws, f, &part, range, |i| rows[i].clone())
        });
    }
    Ok(())
}

/// [`add`] on the workbook's thread, always: the last sheet is returned for
/// what is written below the list.
pub(super) fn add_here<'b>(
    book: &'b mut Book<'_, '_, '_>,
    list: &List,
    rows: &[Vec<V<'_>>],
) -> Result<&'b mut Worksheet, XlsxError> {
    let parts = in_parts(book.f, list, rows, SHEET_ROWS)?;
    Ok(place(&mut book.sheets, parts))
}

/// The parts of a list as the next sheets; the last is returned.
fn place<'s>(sheets: &'s mut Sheets<'_, '_>, mut parts: Vec<Worksheet>) -> &'s mut Worksheet {
    let last = parts.pop().unwrap_or_default();
    for ws in parts {
        sheets.add(ws);
    }
    sheets.add(last)
}

/// The sheets of a list of rows already made, at most `per_sheet` rows each
/// (one sheet when the list is empty).
fn in_parts(
    f: &Formats,
    list: &List,
    rows: &[Vec<V<'_>>],
    per_sheet: usize,
) -> Result<Vec<Worksheet>, XlsxError> {
    sheet_parts(rows.len(), per_sheet, list.name, list.title)
        .into_iter()
        .map(|(range, name, title)| {
            let part = List {
                name: &name,
                title: &title,
                ..*list
            };
            write(Worksheet::new(), f, &part, range, |i| rows[i].clone())
        })
        .collect()
}

/// Writes a list on `ws`: rows `rows`, each made by `row` when it is
/// written. A long list is written in rust_xlsxwriter's constant-memory mode
/// (`ws` made so), each row flushed to disk, so memory does not grow with the
/// rows; column widths come from a sample of the rows.
pub(super) fn write<'a>(
    mut ws: Worksheet,
    f: &Formats,
    list: &List,
    rows: std::ops::Range<usize>,
    row: impl Fn(usize) -> Vec<V<'a>>,
) -> Result<Worksheet, XlsxError> {
    let (first, n) = (rows.start, rows.len());
    // A long list is written plain: a format on each of millions of cells
    // costs a lookup each (a third of the time), and a bordered table of
    // that length is never printed whole anyway.
    let plain = n > PLAIN_ROWS;
    // Widths from the longest text among up to 4,000 rows spread over the list.
    let step = (n / 4000).max(1);
    let cap = |j: usize| {
        if plain {
            PLAIN_WIDTH
        } else if list.wide.contains(&j) {
            TABLE_WIDTH * 2
        } else {
            TABLE_WIDTH
        }
    };
    let mut columns = Columns::fit(list.headers, rows.clone().step_by(step).map(&row), cap);
    let printed = list
        .printed
        .unwrap_or(list.headers.len())
        .min(list.headers.len());
    if !plain {
        to_page(&mut columns, printed);
    }
    columns.wrapped = printed;
    ws.set_name(list.name)?;
    columns.set(&mut ws)?;
    title(&mut ws, f, &columns, printed, list.title)?;
    columns.header(&mut ws, f, HEADER_ROW, list.headers)?;
    for i in rows {
        let r = HEADER_ROW + 1 + u32::try_from(i - first).unwrap_or(u32::MAX - 3);
        columns.row(&mut ws, f, r, row(i), plain)?;
    }
    ws.set_freeze_panes(HEADER_ROW + 1, 0)?;
    let last = HEADER_ROW + u32::try_from(n.max(1)).unwrap_or(u32::MAX - 2);
    let last_col = col(list.headers.len().saturating_sub(1));
    ws.autofilter(HEADER_ROW, 0, last, last_col)?;
    if printed < list.headers.len() {
        ws.set_print_area(0, 0, last, col(printed.saturating_sub(1)))?;
    }
    print(
        &mut ws,
        list.title,
        Some(HEADER_ROW),
        columns.points(printed),
    )?;
    Ok(ws)
}

/// The sheet's title on its first row, across the printed columns of the
/// table and wrapped within them (a title never widens a column).
pub(super) fn title(
    ws: &mut Worksheet,
    f: &Formats,
    columns: &Columns,
    across: usize,
    title: &str,
) -> Result<(), XlsxError> {
    if across > 1 {
        ws.merge_range(0, 0, 0, col(across - 1), title, &f.heading)?;
    } else {
        ws.write_string_with_format(0, 0, title, &f.heading)?;
    }
    let n = title_lines(
        title,
        &columns.widths[..across.max(1).min(columns.widths.len())],
    );
    if n > 1 {
        #[allow(clippy::cast_precision_loss)]
        ws.set_row_height(0, 19.0 * n as f64)?;
    }
    Ok(())
}

/// A4 landscape: the width a page prints (points), 297 mm less margins of
/// half an inch either side.
const PAGE_PT: f64 = 841.9 - 72.0;

/// The least a page may be shrunk to fit its width, as reckoned here from
/// the columns' widths: 12 pt text at 85 % is 10.2 pt in Excel. LibreOffice
/// fits a page up to a tenth smaller than that reckoning (measured: 76 % for
/// a sheet reckoned at 85 %), which still leaves its text above 9 pt.
pub(super) const LEAST_SCALE: f64 = 0.85;

/// The scale a list's columns are narrowed for, where they can be (12 pt
/// text printed at 11 pt in Excel, at 10 pt in LibreOffice).
const COMFORTABLE_SCALE: f64 = 0.92;

/// The first `n` columns narrowed, where they can be, to print at a
/// comfortable size when fitted to the page's width.
pub(super) fn to_page(columns: &mut Columns, n: usize) {
    columns.squeeze(n, PAGE_PT / COMFORTABLE_SCALE);
}

/// The scale a table `width` points wide prints at when fitted to the
/// page's width (1 when it fits as it is).
pub(super) fn fitted_scale(width: f64) -> f64 {
    if width <= PAGE_PT {
        1.0
    } else {
        PAGE_PT / width
    }
}

/// Print setup shared by every sheet: A4 landscape, the header row repeated
/// on each page, the sheet's title in the page header and its page numbers
/// in the footer; fitted to the page's width only where that keeps text at
/// 9 pt or more — a wider table goes on over pages at full size, its text
/// wrapped in its cells.
pub(super) fn print(
    ws: &mut Worksheet,
    title: &str,
    header_row: Option<u32>,
    width: f64,
) -> Result<(), XlsxError> {
    ws.set_landscape();
    ws.set_paper_size(9); // A4
    ws.set_margins(0.5, 0.5, 0.75, 0.75, 0.3, 0.3);
    if let Some(r) = header_row {
        ws.set_repeat_rows(r, r)?;
    }
    if fitted_scale(width) >= LEAST_SCALE {
        ws.set_print_fit_to_pages(1, 0);
    }
    // Excel keeps at most 255 characters of a header, its codes included;
    // `&` is a code, written `&&` for itself.
    let mut short: String = title.chars().take(150).collect();
    if short.chars().count() < title.chars().count() {
        short.push('…');
    }
    ws.set_header(format!(
        "&C&\"Times New Roman,Bold\"&12{}",
        short.replace('&', "&&")
    ));
    // Excel keeps the page header and footer at their size when the page is
    // shrunk; LibreOffice shrinks them too, so they are as large as the text.
    ws.set_header_footer_scale_with_doc(false);
    ws.set_footer(
        "&L&\"Times New Roman\"&12tong-hop.xlsx — &A&R&\"Times New Roman\"&12Trang &P / &N",
    );
    Ok(())
}

/// The rows of a list of `n` split into sheets of at most `per_sheet`, with
/// each part's sheet name and title: the first part keeps the list's name
/// (what other sheets refer to), the next are `Name (2)`, `Name (3)`…
pub(super) fn sheet_parts(
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

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::{open_workbook, Data, Reader, Xlsx};
    use rust_xlsxwriter::Workbook;

    /// A list longer than `PLAIN_ROWS`, streamed in constant-memory mode,
    /// reads back whole: every row, text and numbers, after the header.
    #[test]
    fn a_long_streamed_list_reads_back_whole() {
        let n = PLAIN_ROWS + 5_000;
        let names: Vec<String> = (0..n).map(|i| format!("Mô hình số {i}")).collect();
        let mut wb = Workbook::new();
        let f = Formats::new();
        let ws = wb.new_worksheet_with_constant_memory().unwrap();
        let list = List::new("Mô hình", "DANH SÁCH", &["Tên mô hình", "Dòng"]);
        let ws = write(ws, &f, &list, 0..n, |i| {
            vec![names[i].as_str().into(), (i as u64).into()]
        })
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

    /// A list that fits the page's width at a readable size is fitted to it;
    /// one with too many columns for that (each no narrower than its header)
    /// prints at full size over several pages across, its header row
    /// repeated; both carry their title and page numbers.
    #[test]
    fn only_a_list_that_stays_readable_is_shrunk_to_the_page() {
        use std::io::Read;
        let f = Formats::new();
        let narrow = ["STT", "Tên mô hình", "Đơn vị"];
        let words: Vec<String> = (0..20).map(|i| format!("Chỉtiêuthứ{i:02}dàidài")).collect();
        let wide: Vec<&str> = words.iter().map(String::as_str).collect();
        let mut wb = Workbook::new();
        for (name, headers) in [("Hẹp", &narrow[..]), ("Rộng", &wide[..])] {
            let list = List::new(name, "DANH SÁCH & CHỈ TIÊU", headers);
            let n = headers.len();
            let ws = write(Worksheet::new(), &f, &list, 0..3, |i| {
                (0..n)
                    .map(|j| V::from(format!("Ô {i} {j} của một đơn vị cơ sở")))
                    .collect()
            })
            .unwrap();
            wb.push_worksheet(ws);
        }
        let path = std::env::temp_dir().join(format!("tonghop-print-{}.xlsx", std::process::id()));
        wb.save(&path).unwrap();
        let mut zip = zip::ZipArchive::new(std::fs::File::open(&path).unwrap()).unwrap();
        let mut part = |name: &str| {
            let mut xml = String::new();
            zip.by_name(name).unwrap().read_to_string(&mut xml).unwrap();
            xml
        };
        let (narrow, wide, book) = (
            part("xl/worksheets/sheet1.xml"),
            part("xl/worksheets/sheet2.xml"),
            part("xl/workbook.xml"),
        );
        let _ = std::fs::remove_file(&path);
        assert!(narrow.contains("fitToPage=\"1\""), "{narrow}");
        assert!(!wide.contains("fitToPage"), "{wide}");
        for xml in [&narrow, &wide] {
            assert!(xml.contains("orientation=\"landscape\""));
            assert!(xml.contains("DANH SÁCH &amp;&amp; CHỈ TIÊU"), "{xml}");
            assert!(xml.contains("Trang &amp;P / &amp;N"), "{xml}");
        }
        assert!(
            book.contains("Hẹp!$3:$3") && book.contains("Rộng!$3:$3"),
            "{book}"
        );
    }

    /// A long list of rows already made is written on a thread of its own,
    /// in constant-memory mode, and still takes its place among the sheets
    /// made around it, over as many sheets as it needs, every row once.
    #[test]
    fn a_long_list_made_in_advance_is_streamed_in_its_place() {
        use std::io::Read;
        let f = Formats::new();
        let n = STREAMED_ROWS + 501;
        let rows: Vec<Vec<V>> = (0..n as u64)
            .map(|i| vec![V::from(format!("Nguyễn Thị Ánh {i}")), V::from(i)])
            .collect();
        let list = List::new("Xét khen thưởng", "XÉT KHEN THƯỞNG", &["Họ và tên", "Dòng"]);
        let mut wb = Workbook::new();
        std::thread::scope(|scope| {
            let mut sheets = Sheets::new(scope);
            sheets.add(Worksheet::new()).set_name("Trước").unwrap();
            add_to(&mut sheets, &mut wb, &f, &list, rows, n / 2 + 1).unwrap();
            sheets.add(Worksheet::new()).set_name("Sau").unwrap();
            sheets.finish(&mut wb).unwrap();
        });
        let path =
            std::env::temp_dir().join(format!("tonghop-made-stream-{}.xlsx", std::process::id()));
        wb.save(&path).unwrap();
        let mut xml = String::new();
        zip::ZipArchive::new(std::fs::File::open(&path).unwrap())
            .unwrap()
            .by_name("xl/worksheets/sheet2.xml")
            .unwrap()
            .read_to_string(&mut xml)
            .unwrap();
        // Constant-memory mode writes its text in the cells themselves.
        assert!(xml.contains("inlineStr"), "the long list was not streamed");
        let mut book: Xlsx<_> = open_workbook(&path).unwrap();
        let _ = std::fs::remove_file(&path);
        assert_eq!(
            book.sheet_names(),
            ["Trước", "Xét khen thưởng", "Xét khen thưởng (2)", "Sau"]
        );
        let mut seen = Vec::new();
        for name in &book.sheet_names()[1..3] {
            let range = book.worksheet_range(name).unwrap();
            let rows: Vec<_> = range.rows().collect();
            assert_eq!(rows[2][0], Data::String("Họ và tên".into()), "{name}");
            seen.extend(rows[3..].iter().map(|r| (r[0].clone(), r[1].clone())));
        }
        assert_eq!(seen.len(), n);
        for (i, (name, row)) in seen.into_iter().enumerate() {
            assert_eq!(name, Data::String(format!("Nguyễn Thị Ánh {i}")));
            assert_eq!(row, Data::Float(i as f64));
        }
    }

    /// A list of rows already made (the commendation's candidates, the
    /// findings) goes on over more sheets too, every row once and in order,
    /// each part with the list's header and its own title.
    #[test]
    fn a_list_made_in_advance_goes_on_over_more_sheets() {
        let f = Formats::new();
        let list = List::new("Xét khen thưởng", "XÉT KHEN THƯỞNG", &["Họ và tên", "Dòng"]);
        let rows: Vec<Vec<V>> = (0..25u64)
            .map(|i| vec![V::from(format!("Nguyễn Văn {i}")), V::from(i)])
            .collect();
        let sheets = in_parts(&f, &list, &rows, 10).unwrap();
        assert_eq!(sheets.len(), 3);
        let mut wb = Workbook::new();
        for ws in sheets {
            wb.push_worksheet(ws);
        }
        let path =
            std::env::temp_dir().join(format!("tonghop-made-parts-{}.xlsx", std::process::id()));
        wb.save(&path).unwrap();
        let mut book: Xlsx<_> = open_workbook(&path).unwrap();
        let _ = std::fs::remove_file(&path);
        assert_eq!(
            book.sheet_names(),
            [
                "Xét khen thưởng",
                "Xét khen thưởng (2)",
                "Xét khen thưởng (3)"
            ]
        );
        let mut seen = Vec::new();
        for name in book.sheet_names() {
            let range = book.worksheet_range(&name).unwrap();
            let rows: Vec<_> = range.rows().collect();
            assert_eq!(rows[2][0], Data::String("Họ và tên".into()), "{name}");
            seen.extend(rows[3..].iter().map(|r| r[1].clone()));
        }
        let expected: Vec<Data> = (0..25).map(|i| Data::Float(f64::from(i))).collect();
        assert_eq!(seen, expected);
        let range = book.worksheet_range("Xét khen thưởng (3)").unwrap();
        assert_eq!(
            range.get_value((0, 0)),
            Some(&Data::String(
                "XÉT KHEN THƯỞNG (TIẾP THEO, PHẦN 3 / 3)".into()
            ))
        );
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
            let list = List::new(&name, &title, &["Số"]);
            let ws = write(ws, &f, &list, rows, |i| vec![(i as u64).into()]).unwrap();
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
