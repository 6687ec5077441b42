//! A draft report as blocks of text, each with where it sits: paragraphs,
//! footnotes and table cells of a `.docx`; lines of a `.txt`; paragraphs and
//! table cells of a `.md`.

use std::path::Path;
use unicode_normalization::UnicodeNormalization;

/// Where a block sits in the draft.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// The n-th paragraph (1-based, counting non-empty ones).
    Paragraph(u32),
    /// The footnote with this number.
    Footnote(u32),
    /// A table cell (tables, rows and columns 1-based).
    Cell {
        /// Table.
        table: u32,
        /// Row.
        row: u32,
        /// Column.
        col: u32,
    },
}

impl Place {
    /// In Vietnamese: `đoạn 12`, `chú thích 3`, `bảng 1, dòng 2, cột 3`.
    #[must_use]
    pub fn label(self) -> String {
        match self {
            Place::Paragraph(n) => format!("đoạn {n}"),
            Place::Footnote(n) => format!("chú thích {n}"),
            Place::Cell { table, row, col } => format!("bảng {table}, dòng {row}, cột {col}"),
        }
    }
}

/// A piece of text of the draft (NFC).
#[derive(Debug, Clone)]
pub struct Block {
    /// Where.
    pub place: Place,
    /// The text.
    pub text: String,
}

/// Reads a draft by its extension.
///
/// # Errors
/// A Vietnamese message when the file cannot be read or is not a draft we read.
pub fn read(path: &Path) -> Result<Vec<Block>, String> {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let bytes = std::fs::read(path)
        .map_err(|e| format!("không đọc được file: {}", tonghop_core::io_reason(&e)))?;
    match ext.as_str() {
        "docx" => docx(&bytes),
        "txt" => Ok(text(&decode(&bytes))),
        "md" => Ok(markdown(&decode(&bytes))),
        "doc" => Err("file .doc (Word cũ) chưa đọc được: hãy lưu lại thành .docx".into()),
        _ => Err(format!(
            "không đọc được loại file \".{ext}\": dùng .docx, .txt hoặc .md"
        )),
    }
}

fn decode(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    String::from_utf8_lossy(bytes).into_owned()
}

fn clean(s: &str) -> String {
    let s: String = s.nfc().collect();
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A plain text: one paragraph per non-empty line.
#[must_use]
pub fn text(s: &str) -> Vec<Block> {
    let mut n = 0;
    s.lines()
        .map(clean)
        .filter(|l| !l.is_empty() && l != ".")
        .map(|l| {
            n += 1;
            Block {
                place: Place::Paragraph(n),
                text: l,
            }
        })
        .collect()
}

/// Markdown: paragraphs (lines joined until a blank line), list items and
/// headings each a paragraph, `|` tables as cells.
#[must_use]
pub fn markdown(s: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let (mut para, mut n, mut table, mut row) = (String::new(), 0u32, 0u32, 0u32);
    let mut in_table = false;
    let flush = |para: &mut String, n: &mut u32, blocks: &mut Vec<Block>| {
        let t = clean(para);
        if !t.is_empty() {
            *n += 1;
            blocks.push(Block {
                place: Place::Paragraph(*n),
                text: t,
            });
        }
        para.clear();
    };
    for line in s.lines() {
        let l = line.trim();
        if l.starts_with('|') {
            flush(&mut para, &mut n, &mut blocks);
            if !in_table {
                in_table = true;
                table += 1;
                row = 0;
            }
            let cells: Vec<&str> = l.trim_matches('|').split('|').collect();
            if cells
                .iter()
                .all(|c| c.trim().chars().all(|ch| matches!(ch, '-' | ':' | ' ')))
            {
                continue; // the separator row
            }
            row += 1;
            for (i, c) in cells.iter().enumerate() {
                let t = clean(c);
                if !t.is_empty() {
                    blocks.push(Block {
                        place: Place::Cell {
                            table,
                            row,
                            col: u32::try_from(i + 1).unwrap_or(u32::MAX),
                        },
                        text: t,
                    });
                }
            }
            continue;
        }
        in_table = false;
        let item =
            l.starts_with('#') || l.starts_with("- ") || l.starts_with("* ") || l.starts_with("+ ");
        if l.is_empty() || item {
            flush(&mut para, &mut n, &mut blocks);
        }
        let l = l
            .trim_start_matches('#')
            .trim_start_matches(['-', '*', '+']);
        para.push(' ');
        para.push_str(&l.replace("**", "").replace('*', ""));
        if item {
            flush(&mut para, &mut n, &mut blocks);
        }
    }
    flush(&mut para, &mut n, &mut blocks);
    blocks
}

/// A Word document: the body's paragraphs and table cells in order, then the
/// footnotes (read by the reader the returns share, `tonghop-docx`).
fn docx(bytes: &[u8]) -> Result<Vec<Block>, String> {
    let doc = tonghop_docx::read(bytes)?;
    let mut blocks = Vec::new();
    let mut n = 0u32;
    let push = |blocks: &mut Vec<Block>, place: Place, text: &str| {
        let t = clean(text);
        if !t.is_empty() {
            blocks.push(Block { place, text: t });
        }
    };
    for item in &doc.body {
        match item {
            tonghop_docx::Item::Paragraph(p) => {
                if !clean(&p.text).is_empty() {
                    n += 1;
                    push(&mut blocks, Place::Paragraph(n), &p.text);
                }
            }
            tonghop_docx::Item::Table(t) => {
                for (r, row) in (1u32..).zip(&t.rows) {
                    for (c, cell) in (1u32..).zip(row) {
                        for p in &cell.paragraphs {
                            let place = Place::Cell {
                                table: t.number,
                                row: r,
                                col: c,
                            };
                            push(&mut blocks, place, &p.text);
                        }
                    }
                }
            }
        }
    }
    for (note, text) in &doc.footnotes {
        push(&mut blocks, Place::Footnote(*note), text);
    }
    Ok(blocks)
}
