//! A return sent as a Word document, as units type it from the return
//! template at the end of plan 46: the title block and date line as
//! paragraphs, each list a Word table under its own heading, the stated
//! totals in sentences. Written through docx-rs, with the document's own
//! date in its properties so the same seed writes the same bytes.

use crate::write::{active_count, date_line, level_text, Line, ReturnDoc};
use docx_rs::{
    AlignmentType, Docx, Paragraph, Run, RunFonts, Table, TableCell, TableRow, WidthType,
};
use std::path::Path;

fn para(text: &str, bold: bool, centre: bool) -> Paragraph {
    let mut run = Run::new().add_text(text);
    if bold {
        run = run.bold();
    }
    let p = Paragraph::new().add_run(run);
    if centre {
        p.align(AlignmentType::Center)
    } else {
        p
    }
}

fn cell(text: &str, bold: bool, width: usize) -> TableCell {
    TableCell::new()
        .width(width, WidthType::Dxa)
        .add_paragraph(para(text, bold, false))
}

/// One list as a Word table: a header row, then a row per entry.
fn table(doc: &ReturnDoc, model: bool, lines: &[Line]) -> Table {
    let t = doc.tx;
    let heads: [&str; 6] = if model {
        [
            "STT",
            "Tên mô hình",
            "Đơn vị thực hiện",
            "Lĩnh vực",
            "Cấp đăng ký",
            "Ghi chú",
        ]
    } else {
        [
            "STT",
            "Họ và tên",
            "Chức vụ",
            "Đơn vị công tác",
            "Cấp đăng ký",
            "Ghi chú",
        ]
    };
    const WIDTHS: [usize; 6] = [600, 3200, 2000, 1800, 1200, 1000];
    let mut rows = vec![TableRow::new(
        heads
            .iter()
            .zip(WIDTHS)
            .map(|(h, w)| cell(&t(h), true, w))
            .collect(),
    )];
    for (i, l) in lines.iter().enumerate() {
        let values = [
            (i + 1).to_string(),
            t(&l.name),
            t(if model { &l.owner } else { &l.position }),
            t(if model { &l.category_label } else { &l.owner }),
            t(level_text(l.level, 1)),
            t(&l.note),
        ];
        rows.push(TableRow::new(
            values
                .iter()
                .zip(WIDTHS)
                .map(|(v, w)| cell(v, false, w))
                .collect(),
        ));
    }
    Table::new(rows).set_grid(WIDTHS.to_vec())
}

/// Writes a return as a `.docx`.
///
/// # Errors
/// When the file cannot be written.
pub fn write_word_return(path: &Path, doc: &ReturnDoc) -> std::io::Result<()> {
    let t = doc.tx;
    let fonts = RunFonts::new()
        .ascii("Times New Roman")
        .hi_ansi("Times New Roman")
        .cs("Times New Roman");
    let when = format!(
        "{:04}-{:02}-{:02}T08:00:00Z",
        doc.date.year(),
        doc.date.month(),
        doc.date.day()
    );
    let mut d = Docx::new()
        .default_fonts(fonts)
        .default_size(26)
        .created_at(&when)
        .updated_at(&when)
        .add_paragraph(para(
            &t("ĐẢNG ỦY KHỐI CƠ QUAN VÀ DOANH NGHIỆP TỈNH"),
            false,
            false,
        ))
        .add_paragraph(para(&t(&doc.unit.name.to_uppercase()), true, false))
        .add_paragraph(para(&t("ĐẢNG CỘNG SẢN VIỆT NAM"), true, true))
        .add_paragraph(para(&t(&date_line(doc.date)), false, true))
        .add_paragraph(para(&t("BÁO CÁO"), true, true))
        .add_paragraph(para(
            &t("Danh sách mô hình, điển hình tiên tiến học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh"),
            true,
            true,
        ));
    for (model, lines) in [(true, &doc.models), (false, &doc.exemplars)] {
        let (heading, stated) = if model {
            (
                "I. MÔ HÌNH TẬP THỂ",
                format!(
                    "Tổng số mô hình đăng ký: {}",
                    active_count(lines) + doc.total_error
                ),
            )
        } else {
            (
                "II. GƯƠNG ĐIỂN HÌNH TIÊN TIẾN",
                format!(
                    "Tổng số điển hình tiên tiến đăng ký: {}",
                    active_count(lines)
                ),
            )
        };
        d = d
            .add_paragraph(para(&t(heading), true, false))
            .add_paragraph(para(&t(&stated), false, false))
            .add_table(table(doc, model, lines))
            .add_paragraph(Paragraph::new());
    }
    d = d
        .add_paragraph(para(&t("Nơi nhận:"), true, false))
        .add_paragraph(para(&t("- Ban Tuyên giáo ĐUK;"), false, false))
        .add_paragraph(para(&t("- Lưu VP."), false, false))
        .add_paragraph(para(&t("T/M BAN THƯỜNG VỤ"), true, true))
        .add_paragraph(para(&t("BÍ THƯ"), true, true))
        .add_paragraph(para(&t("Trần Văn Bình"), true, true));
    let file = std::fs::File::create(path)?;
    d.build()
        .pack(file)
        .map_err(|e| std::io::Error::other(e.to_string()))
}
