//! A Word document (`.docx`) as what a reader of it sees: the body's
//! paragraphs and tables in order — each table's rows and cells with their
//! horizontal spans (`w:gridSpan`) and vertical merges (`w:vMerge`), each
//! paragraph with the font its text is typed in (a legacy font such as
//! `.VnTime` or `VNI-Times` says how to decode it) — then the footnotes.
//! One reader for the returns sent as Word tables and for the drafts that
//! `tonghop claims` checks.

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::io::Read;

/// A paragraph: its text as typed (tabs and breaks as spaces, not
/// normalised) and the first font its runs name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Paragraph {
    /// The text.
    pub text: String,
    /// The font of its first run that names one (`w:rFonts`), if any.
    pub font: Option<String>,
}

/// How a cell takes part in a vertical merge.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Merge {
    /// Not merged.
    #[default]
    None,
    /// The first cell of a merged region: it holds the text.
    Restart,
    /// A cell merged into the one above: blank in the file.
    Continue,
}

/// A table cell.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cell {
    /// Its paragraphs.
    pub paragraphs: Vec<Paragraph>,
    /// How many grid columns it spans (`w:gridSpan`, at least 1).
    pub span: u32,
    /// Its part in a vertical merge.
    pub merge: Merge,
}

impl Cell {
    /// The cell's paragraphs joined by a space.
    #[must_use]
    pub fn text(&self) -> String {
        self.paragraphs
            .iter()
            .map(|p| p.text.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// A table.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Table {
    /// Its number in the document (1-based, in the order tables open; a
    /// table inside a cell counts too).
    pub number: u32,
    /// Rows of cells.
    pub rows: Vec<Vec<Cell>>,
}

/// A piece of the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    /// A paragraph outside tables (empty ones kept: they are blank lines).
    Paragraph(Paragraph),
    /// A table (one inside another's cell comes right after its outer table).
    Table(Table),
}

/// A Word document's content.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Document {
    /// The body, in order.
    pub body: Vec<Item>,
    /// Footnotes: (number, text of its paragraphs joined by a space).
    pub footnotes: Vec<(u32, String)>,
}

/// The most any part of a document may inflate to.
const MAX_PART: u64 = 200 * 1024 * 1024;

/// Reads a `.docx` from its bytes.
///
/// # Errors
/// A Vietnamese message when the bytes are not a readable Word document.
pub fn read(bytes: &[u8]) -> Result<Document, String> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|_| "không phải file .docx hợp lệ (không mở được như file nén)".to_owned())?;
    let body =
        part(&mut zip, "word/document.xml")?.ok_or("file .docx không có word/document.xml")?;
    let mut doc = Document::default();
    walk(&body, &mut doc, false)?;
    if let Some(notes) = part(&mut zip, "word/footnotes.xml")? {
        walk(&notes, &mut doc, true)?;
    }
    Ok(doc)
}

fn part(
    zip: &mut zip::ZipArchive<std::io::Cursor<&[u8]>>,
    name: &str,
) -> Result<Option<String>, String> {
    let mut s = String::new();
    match zip.by_name(name) {
        Ok(f) => {
            if f.size() > MAX_PART {
                return Err(format!("phần {name} của file quá lớn"));
            }
            f.take(MAX_PART)
                .read_to_string(&mut s)
                .map_err(|_| format!("phần {name} của file .docx bị hỏng hoặc không trọn vẹn"))?;
            Ok(Some(s))
        }
        Err(_) => Ok(None),
    }
}

/// The innermost open table's last cell.
fn current_cell(stack: &mut [Table]) -> Option<&mut Cell> {
    stack.last_mut()?.rows.last_mut()?.last_mut()
}

fn attr(e: &BytesStart<'_>, key: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == key)
        .map(|a| a.value.to_string())
}

/// Walks WordprocessingML: `w:p` paragraphs (their `w:t` text, tabs and
/// breaks as spaces, the first `w:rFonts`), `w:tbl`/`w:tr`/`w:tc` cells with
/// `w:gridSpan` and `w:vMerge`, `w:footnote` notes.
fn walk(xml: &str, doc: &mut Document, footnotes: bool) -> Result<(), String> {
    let mut reader = Reader::from_str(xml);
    let mut para = Paragraph::default();
    let mut in_text = false;
    let mut tables = u32::try_from(
        doc.body
            .iter()
            .filter(|i| matches!(i, Item::Table(_)))
            .count(),
    )
    .unwrap_or(u32::MAX);
    // Open tables, innermost last; tables found inside a cell, to follow
    // their outer table.
    let mut stack: Vec<Table> = Vec::new();
    let mut inner: Vec<Table> = Vec::new();
    let (mut note, mut note_text) = (0u32, String::new());
    loop {
        let ev = reader.read_event().map_err(|_| {
            "nội dung file .docx bị hỏng (XML không đọc được); mở bằng Word, lưu lại rồi thử lại"
                .to_owned()
        })?;
        match ev {
            Event::Start(e) if e.name().as_ref() == "w:t" => in_text = true,
            Event::Start(e) | Event::Empty(e) => match e.name().as_ref() {
                "w:footnote" => {
                    note = attr(&e, "w:id")
                        .and_then(|v| v.trim().parse::<i64>().ok())
                        .and_then(|v| u32::try_from(v).ok())
                        .unwrap_or(0);
                    note_text.clear();
                }
                "w:tbl" => {
                    tables += 1;
                    stack.push(Table {
                        number: tables,
                        rows: Vec::new(),
                    });
                }
                "w:tr" => {
                    if let Some(t) = stack.last_mut() {
                        t.rows.push(Vec::new());
                    }
                }
                "w:tc" => {
                    if let Some(row) = stack.last_mut().and_then(|t| t.rows.last_mut()) {
                        row.push(Cell {
                            span: 1,
                            ..Cell::default()
                        });
                    }
                }
                "w:gridSpan" => {
                    if let Some(c) = current_cell(&mut stack) {
                        c.span = attr(&e, "w:val")
                            .and_then(|v| v.trim().parse().ok())
                            .filter(|n| *n >= 1)
                            .unwrap_or(1);
                    }
                }
                "w:vMerge" => {
                    if let Some(c) = current_cell(&mut stack) {
                        c.merge = if attr(&e, "w:val").as_deref() == Some("restart") {
                            Merge::Restart
                        } else {
                            Merge::Continue
                        };
                    }
                }
                "w:p" => para = Paragraph::default(),
                "w:rFonts" if para.font.is_none() => {
                    para.font = attr(&e, "w:ascii").or_else(|| attr(&e, "w:hAnsi"));
                }
                "w:tab" | "w:br" | "w:cr" => para.text.push(' '),
                _ => {}
            },
            Event::Text(t) if in_text => para.text.push_str(&t),
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
                    para.text.push(c);
                }
            }
            Event::End(e) => match e.name().as_ref() {
                "w:t" => in_text = false,
                "w:footnote" => {
                    let t = note_text.trim();
                    if note > 0 && !t.is_empty() {
                        doc.footnotes.push((note, t.to_owned()));
                    }
                }
                "w:p" => {
                    let p = std::mem::take(&mut para);
                    if footnotes {
                        note_text.push(' ');
                        note_text.push_str(&p.text);
                    } else if let Some(c) = current_cell(&mut stack) {
                        c.paragraphs.push(p);
                    } else if stack.is_empty() {
                        doc.body.push(Item::Paragraph(p));
                    }
                }
                "w:tbl" => {
                    if let Some(t) = stack.pop() {
                        if stack.is_empty() {
                            doc.body.push(Item::Table(t));
                            doc.body.extend(inner.drain(..).map(Item::Table));
                        } else {
                            inner.push(t);
                        }
                    }
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(())
}
