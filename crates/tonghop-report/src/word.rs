//! Word documents in the form of a party document: A4, Times New Roman, the
//! margins of the official format (top and bottom 20 mm, left 30 mm, right
//! 15 mm, as Hướng dẫn 36-HD/VPTW and Nghị định 30/2020/NĐ-CP set them),
//! page numbers at the top — written through `docx-rs`. `so-lieu.docx` is
//! the ready sentences of `so-lieu.md`, each with a footnote naming the sheet
//! of `tong-hop.xlsx` its figures come from.

use crate::figures::{Figures, LEAD, TITLE};
use crate::ReportError;
use docx_rs::{
    AlignmentType, Docx, Footnote, Header, LineSpacing, LineSpacingType, PageMargin, PageNum,
    Paragraph, Run, RunFonts, SpecialIndentType,
};
use std::path::Path;

/// The font of party and state documents.
pub(crate) const FONT: &str = "Times New Roman";
/// Body text, in half-points (14 pt).
pub(crate) const BODY: usize = 28;
/// Footnotes, in half-points (12 pt).
pub(crate) const NOTE: usize = 24;
/// A4, in twentieths of a point.
const A4: (u32, u32) = (11_906, 16_838);
/// One millimetre, in twentieths of a point.
const MM: f64 = 56.693;

#[allow(clippy::cast_possible_truncation)]
fn mm(v: f64) -> i32 {
    (v * MM).round() as i32
}

/// A document set up as an official one: page, margins, default font and
/// size, the page number centred at the top from the second page on.
pub(crate) fn official() -> Docx {
    let fonts = RunFonts::new()
        .ascii(FONT)
        .hi_ansi(FONT)
        .cs(FONT)
        .east_asia(FONT);
    Docx::new()
        .page_size(A4.0, A4.1)
        .page_margin(
            PageMargin::new()
                .top(mm(20.0))
                .bottom(mm(20.0))
                .left(mm(30.0))
                .right(mm(15.0))
                .header(mm(10.0))
                .footer(mm(10.0)),
        )
        .default_fonts(fonts)
        .default_size(BODY)
        .first_header(Header::new())
        .header(
            Header::new().add_paragraph(
                Paragraph::new()
                    .align(AlignmentType::Center)
                    .size(NOTE)
                    .add_page_num(PageNum::new()),
            ),
        )
}

/// A run of text in the document's font at `size` half-points.
pub(crate) fn text(t: &str, size: usize) -> Run {
    Run::new().add_text(t).size(size)
}

/// A paragraph of `runs` aligned `align`, `after` twentieths of a point
/// after it, lines `line` 240ths apart (240 = single).
pub(crate) fn spaced(runs: Vec<Run>, align: AlignmentType, after: u32, line: i32) -> Paragraph {
    let mut p = Paragraph::new().align(align).line_spacing(
        LineSpacing::new()
            .line_rule(LineSpacingType::Auto)
            .after(after)
            .line(line),
    );
    for r in runs {
        p = p.add_run(r);
    }
    p
}

/// A centred line (bold or italic as asked), 6 pt after.
pub(crate) fn centred(t: &str, bold: bool, italic: bool) -> Paragraph {
    let mut run = text(t, BODY);
    if bold {
        run = run.bold();
    }
    if italic {
        run = run.italic();
    }
    spaced(vec![run], AlignmentType::Center, 120, 240)
}

/// A body paragraph: justified, its first line indented 1 cm, lines 1.15
/// apart, 6 pt after.
pub(crate) fn body(runs: Vec<Run>) -> Paragraph {
    spaced(runs, AlignmentType::Both, 120, 276).indent(
        None,
        Some(SpecialIndentType::FirstLine(mm(10.0))),
        None,
        None,
    )
}

/// A footnote of one line at the footnotes' size (a space after its number).
pub(crate) fn note(t: &str) -> Run {
    Run::new().add_footnote_reference(
        Footnote::new().add_content(
            Paragraph::new()
                .align(AlignmentType::Both)
                .add_run(text(&format!(" {t}"), NOTE)),
        ),
    )
}

/// The document's bytes.
pub(crate) fn pack(doc: Docx, file: &str) -> Result<Vec<u8>, ReportError> {
    let mut out = std::io::Cursor::new(Vec::new());
    doc.build()
        .pack(&mut out)
        .map_err(|e| ReportError::other(file, format!("lỗi khi tạo văn bản Word ({e})")))?;
    Ok(out.into_inner())
}

/// Writes `so-lieu.docx`: the title, how to use it, what to mend first, then a
/// section per period and one for the changes between periods, each sentence
/// with its basis as a footnote.
pub(crate) fn so_lieu(figures: &Figures, path: &Path) -> Result<(), ReportError> {
    const FILE: &str = "so-lieu.docx";
    let mut doc = official()
        .add_paragraph(centred(&TITLE.to_uppercase(), true, false))
        .add_paragraph(centred(
            &format!(
                "({} Chú thích cuối trang ghi số liệu của mỗi câu lấy từ sheet nào của tong-hop.xlsx.)",
                LEAD
            ),
            false,
            true,
        ));
    if let Some((file, wrong)) = &figures.mend_first {
        doc = doc.add_paragraph(body(vec![
            text("Cần sửa trước khi dùng số liệu: ", BODY).bold(),
            text(
                &format!(
                    "{file} có {} lỗi làm sai số liệu bên dưới (xem sheet Cảnh báo của tong-hop.xlsx):",
                    wrong.len()
                ),
                BODY,
            ),
        ]));
        for m in wrong {
            doc = doc.add_paragraph(body(vec![text(&format!("- {m}"), BODY)]));
        }
    }
    for (k, section) in figures.sections.iter().enumerate() {
        doc = doc.add_paragraph(
            body(vec![
                text(&format!("{}. {}", k + 1, section.title), BODY).bold()
            ])
            .keep_next(true),
        );
        for s in &section.sentences {
            doc = doc.add_paragraph(body(vec![
                text(&s.text, BODY),
                note(&format!("Nguồn: {}.", s.basis)),
            ]));
        }
    }
    let bytes = pack(doc, FILE)?;
    std::fs::write(path, bytes).map_err(|e| ReportError::io(FILE, &e))
}
