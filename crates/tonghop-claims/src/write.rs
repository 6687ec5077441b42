//! The review written out: `soat-bao-cao.md` and `soat-bao-cao.xlsx`.

use crate::{tally, Row, Verdict};
use rust_xlsxwriter::{Color, Format, FormatBorder, Workbook, XlsxError};
use std::fmt::Write as _;
use std::path::Path;

/// Markdown: the tally, then one table row per claim.
///
/// # Errors
/// When the file cannot be written.
pub fn write_markdown(rows: &[Row], draft: &str, path: &Path) -> std::io::Result<()> {
    let mut s = format!("# Soát số liệu trong dự thảo «{draft}»\n\n");
    for (v, n) in tally(rows) {
        let _ = writeln!(s, "- {}: {n}", v.label());
    }
    s.push_str("\n| # | kết luận | vị trí | số liệu | hiểu là | kiểm tra | căn cứ |\n|---:|---|---|---|---|---|---|\n");
    let cell = |t: &str| t.replace('|', "\\|").replace('\n', " ");
    for (i, r) in rows.iter().enumerate() {
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} | {} | {} | {} |",
            i + 1,
            r.verdict.label(),
            cell(&r.place),
            cell(&r.claim),
            cell(&r.reading),
            cell(&r.checks),
            cell(&r.evidence)
        );
    }
    std::fs::write(path, s)
}

/// The workbook: one sheet, one row per claim, errors first, with the
/// sentence for context.
///
/// # Errors
/// When the workbook cannot be written: why, in Vietnamese.
pub fn write_workbook(rows: &[Row], draft: &str, path: &Path) -> Result<(), String> {
    build_workbook(rows, draft, path).map_err(|e| match e {
        XlsxError::IoError(io) => tonghop_core::io_reason(&io),
        other => format!("lỗi của bộ tạo bảng tính ({other}); xin báo cho người phát triển"),
    })
}

fn build_workbook(rows: &[Row], draft: &str, path: &Path) -> Result<(), XlsxError> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("Soát số liệu")?;
    let title = Format::new().set_bold().set_font_size(13);
    let head = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_background_color(Color::RGB(0x00D9_E1F2))
        .set_border(FormatBorder::Thin);
    let wrap = Format::new()
        .set_text_wrap()
        .set_border(FormatBorder::Thin)
        .set_align(rust_xlsxwriter::FormatAlign::Top);
    let tint = |c: u32| wrap.clone().set_background_color(Color::RGB(c));
    ws.write_with_format(
        0,
        0,
        format!("Soát số liệu trong dự thảo «{draft}»"),
        &title,
    )?;
    let summary = tally(rows)
        .iter()
        .map(|(v, n)| format!("{}: {n}", v.label()))
        .collect::<Vec<_>>()
        .join("; ");
    ws.write(1, 0, summary)?;
    let headers = [
        "#",
        "Kết luận",
        "Vị trí",
        "Số liệu",
        "Hiểu là",
        "Kiểm tra",
        "Căn cứ",
        "Câu trong dự thảo",
    ];
    let widths = [5.0, 16.0, 14.0, 18.0, 30.0, 36.0, 60.0, 80.0];
    for (c, (h, w)) in headers.iter().zip(widths).enumerate() {
        let c = u16::try_from(c).unwrap_or(0);
        ws.write_with_format(3, c, *h, &head)?;
        ws.set_column_width(c, w)?;
    }
    for (i, r) in rows.iter().enumerate() {
        let row = 4 + u32::try_from(i).unwrap_or(0);
        let f = match r.verdict {
            Verdict::Mismatch | Verdict::Inconsistent => tint(0x00F8_D7DA),
            Verdict::Consistent => tint(0x00D4_EDDA),
            Verdict::Unchecked => wrap.clone(),
        };
        ws.write_with_format(row, 0, u32::try_from(i + 1).unwrap_or(0), &wrap)?;
        ws.write_with_format(row, 1, r.verdict.label(), &f)?;
        let texts = [
            &r.place,
            &r.claim,
            &r.reading,
            &r.checks,
            &r.evidence,
            &r.sentence,
        ];
        for (c, t) in texts.iter().enumerate() {
            ws.write_with_format(row, u16::try_from(c + 2).unwrap_or(0), t.as_str(), &wrap)?;
        }
        // Wrapped text needs its height: the longest cell in lines of its width
        // (spreadsheet programs do not all grow rows by themselves).
        let lines = texts
            .iter()
            .zip(&widths[2..])
            .map(|(t, w)| {
                #[allow(clippy::cast_precision_loss)]
                let chars = t.chars().count() as f64;
                (chars / (w * 1.1)).ceil()
            })
            .fold(1.0_f64, f64::max);
        ws.set_row_height(row, (lines * 15.0).min(409.0))?;
    }
    // Printed on A4 landscape, all columns on the page width.
    ws.set_landscape();
    ws.set_paper_size(9);
    ws.set_print_fit_to_pages(1, 0);
    ws.set_repeat_rows(3, 3)?;
    ws.set_freeze_panes(4, 0)?;
    ws.autofilter(3, 0, 3 + u32::try_from(rows.len()).unwrap_or(0), 7)?;
    // In memory first (the review is small): a failed write is then the
    // system's own error, said once.
    let bytes = wb.save_to_buffer()?;
    std::fs::write(path, bytes)?;
    Ok(())
}
