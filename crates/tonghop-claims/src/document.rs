//! A draft report as blocks of text, each with where it sits: paragraphs,
//! footnotes and table cells of a `.docx`; lines of a `.txt`; paragraphs and
//! table cells of a `.md`.

use quick_xml::events::Event;
use quick_xml::Reader;
use std::io::Read;
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
/// footnotes.
fn docx(bytes: &[u8]) -> Result<Vec<Block>, String> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|_| "không phải file .docx hợp lệ (không mở được như file nén)".to_owned())?;
    let part = |zip: &mut zip::ZipArchive<std::io::Cursor<&[u8]>>, name: &str| {
        let mut s = String::new();
        match zip.by_name(name) {
            Ok(mut f) => {
                if f.size() > 200 * 1024 * 1024 {
                    return Err(format!("phần {name} của file quá lớn"));
                }
                f.read_to_string(&mut s).map_err(|_| {
                    format!("phần {name} của file .docx bị hỏng hoặc không trọn vẹn")
                })?;
                Ok(Some(s))
            }
            Err(_) => Ok(None),
        }
    };
    let body =
        part(&mut zip, "word/document.xml")?.ok_or("file .docx không có word/document.xml")?;
    let mut blocks = walk(&body, false)?;
    if let Some(notes) = part(&mut zip, "word/footnotes.xml")? {
        blocks.extend(walk(&notes, true)?);
    }
    Ok(blocks)
}

/// Walks WordprocessingML: `w:p` paragraphs (their `w:t` text, tabs and
/// breaks as spaces), `w:tbl`/`w:tr`/`w:tc` cells, `w:footnote` notes.
fn walk(xml: &str, footnotes: bool) -> Result<Vec<Block>, String> {
    let mut reader = Reader::from_str(xml);
    let mut blocks = Vec::new();
    let (mut para, mut n, mut tables) = (String::new(), 0u32, 0u32);
    // Per open table: (table number, row, column).
    let mut stack: Vec<(u32, u32, u32)> = Vec::new();
    let (mut in_text, mut note, mut note_text) = (false, 0u32, String::new());
    loop {
        let ev = reader
            .read_event()
            .map_err(|_| "nội dung file .docx bị hỏng (XML không đọc được); mở bằng Word, lưu lại rồi thử lại".to_owned())?;
        match ev {
            Event::Start(e) | Event::Empty(e) if e.name().as_ref() == "w:footnote" => {
                note = e
                    .attributes()
                    .flatten()
                    .find(|a| a.key.as_ref() == "w:id")
                    .and_then(|a| a.value.trim().parse::<i64>().ok())
                    .and_then(|v| u32::try_from(v).ok())
                    .unwrap_or(0);
                note_text.clear();
            }
            Event::End(e) if e.name().as_ref() == "w:footnote" => {
                let t = clean(&note_text);
                if note > 0 && !t.is_empty() {
                    blocks.push(Block {
                        place: Place::Footnote(note),
                        text: t,
                    });
                }
            }
            Event::Start(e) => match e.name().as_ref() {
                "w:tbl" => {
                    tables += 1;
                    stack.push((tables, 0, 0));
                }
                "w:tr" => {
                    if let Some(t) = stack.last_mut() {
                        t.1 += 1;
                        t.2 = 0;
                    }
                }
                "w:tc" => {
                    if let Some(t) = stack.last_mut() {
                        t.2 += 1;
                    }
                }
                "w:p" => para.clear(),
                "w:t" => in_text = true,
                _ => {}
            },
            Event::Empty(e) => {
                if matches!(e.name().as_ref(), "w:tab" | "w:br" | "w:cr") {
                    para.push(' ');
                }
            }
            Event::Text(t) if in_text => para.push_str(&t),
            Event::GeneralRef(r) if in_text => {
                let name: &str = &r;
                let ch = match name {
                    "amp" => Some('&'),
                    "lt" => Some('<'),
                    "gt" => Some('>'),
                    "quot" => Some('"'),
                    "apos" => Some('\''),
                    _ => r.resolve_char_ref().ok().flatten(),
                };
                if let Some(c) = ch {
                    para.push(c);
                }
            }
            Event::End(e) => match e.name().as_ref() {
                "w:t" => in_text = false,
                "w:tbl" => {
                    stack.pop();
                }
                "w:p" => {
                    if footnotes {
                        note_text.push(' ');
                        note_text.push_str(&para);
                    } else {
                        let t = clean(&para);
                        if !t.is_empty() {
                            let place = match stack.last() {
                                Some(&(table, row, col)) => Place::Cell { table, row, col },
                                None => {
                                    n += 1;
                                    Place::Paragraph(n)
                                }
                            };
                            blocks.push(Block { place, text: t });
                        }
                    }
                    para.clear();
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(blocks)
}
