//! A Word document (`.docx`) as what a reader of it sees: the body's
//! paragraphs and tables in order — each table's rows and cells with their
//! horizontal spans (`w:gridSpan`) and vertical merges (`w:vMerge`), each
//! paragraph with the font its text is typed in — then the footnotes. Text
//! typed in a legacy font (`.VnTime`, `.VnTimeH`, `VNI-Times`, named on the
//! run, its style, the paragraph's style or the document's defaults) is
//! converted to Unicode run by run, capitals for the `.Vn…H` fonts.
//! One reader for the returns sent as Word tables and for the drafts that
//! `tonghop claims` checks.

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::collections::HashMap;
use std::io::Read;
use tonghop_text::legacy::{decode_font, font_encoding, Legacy};

/// A paragraph: its text (tabs and breaks as spaces, legacy fonts converted,
/// not otherwise normalised) and the font its first run is typed in.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Paragraph {
    /// The text.
    pub text: String,
    /// The font of its first run with text (the run's own, else its style's,
    /// the paragraph style's or the document's default), if any is named.
    pub font: Option<String>,
    /// The legacy encoding of the runs converted to Unicode, if any was.
    pub converted: Option<Legacy>,
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

impl Document {
    /// Every paragraph, in the body and in table cells, in order.
    pub fn paragraphs(&self) -> impl Iterator<Item = &Paragraph> {
        self.body
            .iter()
            .flat_map(|i| -> Box<dyn Iterator<Item = &Paragraph>> {
                match i {
                    Item::Paragraph(p) => Box::new(std::iter::once(p)),
                    Item::Table(t) => {
                        Box::new(t.rows.iter().flatten().flat_map(|c| c.paragraphs.iter()))
                    }
                }
            })
    }
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
    let styles = part(&mut zip, "word/styles.xml")?
        .map(|x| Styles::read(&x))
        .unwrap_or_default();
    let mut doc = Document::default();
    walk(&body, &mut doc, false, &styles)?;
    if let Some(notes) = part(&mut zip, "word/footnotes.xml")? {
        walk(&notes, &mut doc, true, &styles)?;
    }
    Ok(doc)
}

/// The fonts the styles name: the document's default, and each style's own
/// with the style it is based on.
#[derive(Debug, Default)]
struct Styles {
    default_font: Option<String>,
    /// The paragraph style used where a paragraph names none.
    default_paragraph: Option<String>,
    /// Style id → (its font, the style it is based on).
    by_id: HashMap<String, (Option<String>, Option<String>)>,
}

impl Styles {
    fn read(xml: &str) -> Styles {
        let mut styles = Styles::default();
        let mut reader = Reader::from_str(xml);
        let (mut in_defaults, mut current): (bool, Option<String>) = (false, None);
        // A broken styles part only loses the fonts it would have named.
        while let Ok(ev) = reader.read_event() {
            match ev {
                Event::Start(e) | Event::Empty(e) => match e.name().as_ref() {
                    "w:rPrDefault" => in_defaults = true,
                    "w:style" => {
                        let id = attr(&e, "w:styleId").unwrap_or_default();
                        if attr(&e, "w:type").as_deref() == Some("paragraph")
                            && matches!(attr(&e, "w:default").as_deref(), Some("1" | "true"))
                        {
                            styles.default_paragraph = Some(id.clone());
                        }
                        styles.by_id.entry(id.clone()).or_default();
                        current = Some(id);
                    }
                    "w:basedOn" => {
                        if let Some(id) = &current {
                            if let Some(s) = styles.by_id.get_mut(id) {
                                s.1 = attr(&e, "w:val");
                            }
                        }
                    }
                    "w:rFonts" => {
                        let font = run_font(&e);
                        if in_defaults {
                            styles.default_font = styles.default_font.take().or(font);
                        } else if let Some(s) =
                            current.as_ref().and_then(|id| styles.by_id.get_mut(id))
                        {
                            s.0 = s.0.take().or(font);
                        }
                    }
                    _ => {}
                },
                Event::End(e) => match e.name().as_ref() {
                    "w:rPrDefault" => in_defaults = false,
                    "w:style" => current = None,
                    _ => {}
                },
                Event::Eof => break,
                _ => {}
            }
        }
        styles
    }

    /// The font a style names, itself or through the styles it is based on.
    fn font(&self, id: Option<&str>) -> Option<&str> {
        let mut id = id?;
        for _ in 0..16 {
            let (font, based) = self.by_id.get(id)?;
            if let Some(f) = font {
                return Some(f);
            }
            id = based.as_deref()?;
        }
        None
    }

    /// The font a run is typed in: its own, its character style's, its
    /// paragraph style's (or the default paragraph style's), the document's.
    fn resolve<'a>(&'a self, run: &'a Run, paragraph_style: Option<&str>) -> Option<&'a str> {
        run.font
            .as_deref()
            .or_else(|| self.font(run.style.as_deref()))
            .or_else(|| self.font(paragraph_style.or(self.default_paragraph.as_deref())))
            .or(self.default_font.as_deref())
    }
}

/// The font `w:rFonts` names for the letters a legacy text is stored in
/// (`w:hAnsi` covers Latin-1's upper half, `w:ascii` the rest); a theme's
/// font (`w:hAnsiTheme`, which Word puts before the named one) as `+` and
/// the theme's slot, as Word shows it.
fn run_font(e: &BytesStart<'_>) -> Option<String> {
    attr(e, "w:hAnsiTheme")
        .or_else(|| attr(e, "w:asciiTheme"))
        .map(|t| format!("+{t}"))
        .or_else(|| attr(e, "w:hAnsi"))
        .or_else(|| attr(e, "w:ascii"))
}

/// A run being read: its text and the font and style it names.
#[derive(Debug, Default)]
struct Run {
    text: String,
    font: Option<String>,
    style: Option<String>,
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

/// A run's text into its paragraph, converted when its font is a legacy one.
fn end_run(run: &Run, para: &mut Paragraph, styles: &Styles, paragraph_style: Option<&str>) {
    if run.text.is_empty() {
        return;
    }
    let font = styles.resolve(run, paragraph_style);
    if para.font.is_none() {
        para.font = font.map(str::to_owned);
    }
    match font
        .and_then(font_encoding)
        .and_then(|enc| decode_font(&run.text, enc).map(|t| (t, enc.legacy)))
    {
        Some((text, legacy)) => {
            para.text.push_str(&text);
            para.converted = Some(legacy);
        }
        None => para.text.push_str(&run.text),
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

/// Walks WordprocessingML: `w:p` paragraphs (the `w:t` text of their `w:r`
/// runs, tabs and breaks as spaces, each run decoded by its font),
/// `w:tbl`/`w:tr`/`w:tc` cells with `w:gridSpan` and `w:vMerge`, `w:footnote`
/// notes.
fn walk(xml: &str, doc: &mut Document, footnotes: bool, styles: &Styles) -> Result<(), String> {
    let mut reader = Reader::from_str(xml);
    let mut para = Paragraph::default();
    let mut para_style: Option<String> = None;
    let mut run: Option<Run> = None;
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
                "w:p" => {
                    para = Paragraph::default();
                    para_style = None;
                }
                "w:pStyle" => para_style = attr(&e, "w:val"),
                "w:r" => run = Some(Run::default()),
                // Only a run's own properties: those of the paragraph mark
                // (`w:pPr/w:rPr`) do not apply to its text.
                "w:rFonts" => {
                    if let Some(r) = run.as_mut() {
                        r.font = run_font(&e);
                    }
                }
                "w:rStyle" => {
                    if let Some(r) = run.as_mut() {
                        r.style = attr(&e, "w:val");
                    }
                }
                "w:tab" | "w:br" | "w:cr" => match run.as_mut() {
                    Some(r) => r.text.push(' '),
                    None => para.text.push(' '),
                },
                _ => {}
            },
            Event::Text(t) if in_text => match run.as_mut() {
                Some(r) => r.text.push_str(&t),
                None => para.text.push_str(&t),
            },
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
                    match run.as_mut() {
                        Some(r) => r.text.push(c),
                        None => para.text.push(c),
                    }
                }
            }
            Event::End(e) => match e.name().as_ref() {
                "w:t" => in_text = false,
                "w:r" => {
                    if let Some(r) = run.take() {
                        end_run(&r, &mut para, styles, para_style.as_deref());
                    }
                }
                "w:footnote" => {
                    let t = note_text.trim();
                    if note > 0 && !t.is_empty() {
                        doc.footnotes.push((note, t.to_owned()));
                    }
                }
                "w:p" => {
                    // A run left open (`<w:r/>` written empty) ends with its paragraph.
                    if let Some(r) = run.take() {
                        end_run(&r, &mut para, styles, para_style.as_deref());
                    }
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
