//! Layout detection: where the lists are on a sheet and what every row is.
//!
//! Nothing here depends on fixed offsets. A list starts at a column header that
//! names the entry (`Tên mô hình`, `Họ và tên`) beside at least one other known
//! column; an optional second header row (tick columns under `Cấp đăng ký`) and a
//! numbering row `(1) (2)…` follow. Section rows switch the subject; `Cộng` rows
//! and sentences like `Tổng số mô hình đăng ký: 7` become stated totals; `Nơi
//! nhận`, `T/M …` start the footer.

use crate::cells::{Cell, Grid};
use crate::Limits;
use calamine::{Data, Reader, Sheets};
use std::io::Cursor;
use std::path::Path;
use tonghop_core::{
    Date, DateSource, Entry, Level, ListInfo, Reference, Return, RowKind, SheetInfo, SourceRow,
    StatedStage, StatedTotal, Subject,
};
use tonghop_text::{fold_key, Vocabulary};

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// `STT`, `TT`.
    RowNumber,
    /// Name of a model.
    ModelName,
    /// Full name of a person.
    PersonName,
    /// Implementing unit or workplace.
    Owner,
    /// Position of a person.
    Position,
    /// Category.
    Category,
    /// Level as text.
    Level,
    /// A tick column for one level.
    LevelTick(Level),
    /// Status or notes.
    Status,
    /// Commendation.
    Commendation,
    /// Yearly rating (one column for every year, or a year not named).
    Rating,
    /// The rating of the year its header names (`Xếp loại năm 2021`, or
    /// `2021` under `Kết quả xếp loại`).
    RatingYear(u16),
}

impl Field {
    fn label(self) -> &'static str {
        match self {
            Field::RowNumber => "số thứ tự",
            Field::ModelName => "tên mô hình",
            Field::PersonName => "họ và tên",
            Field::Owner => "đơn vị",
            Field::Position => "chức vụ",
            Field::Category => "lĩnh vực",
            Field::Level => "cấp",
            Field::LevelTick(Level::Tinh) => "đánh dấu cấp tỉnh",
            Field::LevelTick(Level::Khoi) => "đánh dấu cấp Khối",
            Field::LevelTick(_) => "đánh dấu cấp cơ sở",
            Field::Status => "tình trạng / ghi chú",
            Field::Commendation => "khen thưởng",
            Field::Rating => "xếp loại",
            Field::RatingYear(_) => "xếp loại một năm",
        }
    }
}

/// The field a column header names, if any (compared on fold keys, by prefix,
/// so `Tên mô hình, cách làm` is a model name and `Cấp đăng ký` a level).
#[must_use]
pub fn classify_header(text: &str) -> Option<Field> {
    classify_fold(Vocabulary::builtin(), &fold_key(text))
}

/// [`classify_header`] on a fold key already made: the vocabulary's column
/// words (group `cot`, the longest one the header opens with), a level word
/// naming a tick column (group `cap`).
fn classify_fold(v: &Vocabulary, h: &str) -> Option<Field> {
    if h.is_empty() {
        return None;
    }
    let code = v.opening_code("cot", h);
    if code == Some("stt") {
        return Some(Field::RowNumber);
    }
    if let Some(level) = v.level_word(h) {
        return Some(Field::LevelTick(level));
    }
    field_of(code.or_else(|| token_role(v, h))?)
}

fn field_of(code: &str) -> Option<Field> {
    Some(match code {
        "ho_ten" => Field::PersonName,
        "ten_mo_hinh" => Field::ModelName,
        "don_vi" => Field::Owner,
        "chuc_vu" => Field::Position,
        "linh_vuc" => Field::Category,
        "cap" => Field::Level,
        "tinh_trang" => Field::Status,
        "khen_thuong" => Field::Commendation,
        "xep_loai" => Field::Rating,
        "stt" => Field::RowNumber,
        _ => return None,
    })
}

/// Two words of fold keys are the same, a slip of one letter allowed in
/// words of five letters or more (`chanh` for `chinh`).
fn same_word(a: &str, b: &str) -> bool {
    a == b || (a.len() >= 5 && b.len() >= 5 && tonghop_text::osa_distance(a, b) <= 1)
}

/// A header's role from its words when none of the column words opens it:
/// the column word all of whose words are in the header, the one with most
/// words winning, then the one found earliest (`Tên gọi mô hình`, `Nội dung
/// mô hình` hold `mô hình`; `Thuộc lĩnh vực`, `Phân loại`, `Đăng ký cấp`).
/// Letters typed apart (`S.T.T`) are read together.
fn token_role<'v>(v: &'v Vocabulary, h: &str) -> Option<&'v str> {
    token_term(v, h).map(|t| t.code.as_str())
}

/// The column word [`token_role`] found (`None` for letters read together).
fn token_term<'v>(v: &'v Vocabulary, h: &str) -> Option<&'v tonghop_text::vocab::Term> {
    let words: Vec<&str> = h.split(' ').filter(|w| !w.is_empty()).collect();
    if words.is_empty() || words.len() > 8 {
        return None;
    }
    if words.len() > 1 && words.iter().all(|w| w.len() == 1) {
        let squeezed = words.concat();
        if let Some(t) = v.opening("cot", &squeezed) {
            return Some(t);
        }
    }
    // Words matched as they are first (none can be unless one of the words
    // is a column word's); a slip of one letter only in a short cell (a
    // header), and only when no column word is there as written.
    let exact = if words.iter().any(|w| v.has_word("cot", w)) {
        best_term(v, &words, |a, b| a == b)
    } else {
        None
    };
    if exact.is_some() || words.len() > 5 {
        return exact;
    }
    if !words.iter().any(|w| w.len() >= 5) {
        return None;
    }
    best_term(v, &words, same_word)
}

/// The column word all of whose words are among `words` (as `same` tells),
/// the one with most words winning, then the one found earliest.
fn best_term<'v>(
    v: &'v Vocabulary,
    words: &[&str],
    same: impl Fn(&str, &str) -> bool,
) -> Option<&'v tonghop_text::vocab::Term> {
    let mut best: Option<(usize, usize, &tonghop_text::vocab::Term)> = None;
    for t in v.terms("cot") {
        if matches!(
            t.kind,
            tonghop_text::vocab::Kind::Name | tonghop_text::vocab::Kind::Whole
        ) {
            continue;
        }
        let mut first = usize::MAX;
        let all = t.words.iter().all(|x| {
            words.iter().position(|w| same(w, x)).is_some_and(|p| {
                first = first.min(p);
                true
            })
        });
        if !all {
            continue;
        }
        let n = t.words.len();
        let better = best.is_none_or(|(bn, bf, _)| (n, usize::MAX - first) > (bn, usize::MAX - bf));
        if better {
            best = Some((n, first, t));
        }
    }
    best.map(|(_, _, t)| t)
}

/// Whether a header cell is worded like one: it shares a word of two
/// letters or more with a column word (`Vị trí công tác`, `Nơi làm việc`).
fn header_like(v: &Vocabulary, h: &str) -> bool {
    !h.is_empty()
        && h.split(' ').count() <= 8
        && h.split(' ')
            .filter(|w| w.len() >= 2)
            .any(|w| v.has_word("cot", w))
}

/// Whether a header names an entry without saying whose (`Tên đồng chí`,
/// `Tên cán bộ`): it holds a word that opens column words of both a model's
/// and a person's name (`tên`) and no other column word holds.
fn name_cue(v: &Vocabulary, h: &str) -> bool {
    h.split(' ').any(|w| {
        w.len() >= 2
            && v.has_word("cot", w)
            && ["ho_ten", "ten_mo_hinh"].iter().all(|code| {
                v.terms("cot")
                    .any(|t| t.code == *code && t.words.first().is_some_and(|f| f == w))
            })
            && !v.terms("cot").any(|t| {
                t.code != "ho_ten" && t.code != "ten_mo_hinh" && t.words.iter().any(|x| x == w)
            })
    })
}

pub(crate) struct Workbook {
    pub sheets: Vec<(String, Grid)>,
    /// An .xlsx kept open: its merged cells are read only for a sheet that
    /// shows a sign of them (parsing a sheet twice costs as much as reading it).
    pub xlsx: Option<calamine::Xlsx<Cursor<Vec<u8>>>>,
    /// The merged cells at hand when the file is read, per sheet: an .xls's,
    /// a Word document's (`w:vMerge`, its one sheet).
    pub xls_merges: Vec<Vec<crate::cells::Region>>,
    /// An .ods's bytes: its merged cells are read from them when needed.
    pub ods: Option<Vec<u8>>,
    /// A Word document's: where each row of its one sheet is in it.
    pub word_places: Option<WordPlaces>,
    /// The date the file's own metadata gives (last modified, else created).
    pub metadata_date: Option<tonghop_core::Date>,
    /// The document's properties that may name its unit (title, subject,
    /// company), as (what, text).
    pub properties: Vec<(&'static str, String)>,
    /// The file's fingerprint (see `Return::content`).
    pub content: (u64, u64, u64),
}

pub(crate) fn read_workbook(path: &Path, limits: Limits) -> Result<Workbook, String> {
    let size = std::fs::metadata(path)
        .map_err(|e| tonghop_core::io_reason(&e))?
        .len();
    if size == 0 {
        return Err("file rỗng (0 byte)".to_owned());
    }
    if size > limits.max_file_bytes {
        return Err(format!(
            "file quá lớn ({} MB, giới hạn {} MB)",
            size / 1_048_576,
            limits.max_file_bytes / 1_048_576
        ));
    }
    // Read once (the size is within the limit): the zip check, the metadata
    // and calamine all read from memory, not from the file again.
    let bytes = std::fs::read(path).map_err(|e| tonghop_core::io_reason(&e))?;
    let content = fingerprint(&bytes);
    let (metadata_date, properties) = check_zip(&bytes, limits)?;
    if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("docx"))
    {
        let doc = tonghop_docx::read(&bytes)?;
        let (grid, merges, places) = word_grid(&doc, limits.max_rows_per_sheet);
        return Ok(Workbook {
            sheets: vec![(WORD_SHEET.to_owned(), grid)],
            xls_merges: vec![merges],
            word_places: Some(places),
            ods: None,
            xlsx: None,
            metadata_date,
            properties,
            content,
        });
    }
    let ods = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("ods"))
        .then(|| bytes.clone());
    let mut wb = open_bytes(path, bytes).map_err(|e| crate::why::workbook(&e))?;
    let mut sheets = Vec::new();
    let mut xls_merges: Vec<Vec<crate::cells::Region>> = Vec::new();
    for name in wb.sheet_names() {
        let grid = match &mut wb {
            // .xlsx/.xlsm: stream the used cells, so memory follows the rows kept,
            // not the corner a stray cell claims.
            Sheets::Xlsx(xlsx) => {
                let mut reader = xlsx
                    .worksheet_cells_reader(&name)
                    .map_err(|e| format!("sheet \"{name}\": {}", crate::why::xlsx(&e)))?;
                let mut failure = None;
                let cells = std::iter::from_fn(|| match reader.next_cell() {
                    Ok(Some(c)) => {
                        let (r, col) = c.get_position();
                        Some((r, col, Data::from(c.get_value().clone())))
                    }
                    Ok(None) => None,
                    Err(e) => {
                        failure = Some(e);
                        None
                    }
                });
                let grid = Grid::from_cells(cells, limits.max_rows_per_sheet);
                if let Some(e) = failure {
                    return Err(format!("sheet \"{name}\": {}", crate::why::xlsx(&e)));
                }
                grid
            }
            other => {
                let range = other
                    .worksheet_range(&name)
                    .map_err(|e| format!("sheet \"{name}\": {}", crate::why::workbook(&e)))?;
                Grid::from_range(&range, limits.max_rows_per_sheet)
            }
        };
        // A value merged down a column (an owner over its models' rows) is
        // read into every row it covers. .xls keeps its merges at hand; an
        // .xlsx's are only given by parsing the sheet's XML a second time
        // (calamine's `merge_cells_by_sheet_name`): done in `analyse`, for a
        // sheet that shows a sign of them, as for .xls and .ods (whose merges
        // calamine does not give: read from its content.xml, `ods.rs`).
        if let Sheets::Xls(xls) = &mut wb {
            xls_merges.push(
                xls.merge_cells_by_sheet_name(&name)
                    .unwrap_or_default()
                    .iter()
                    .map(|d| (d.start, d.end))
                    .collect(),
            );
        }
        sheets.push((name, grid));
    }
    Ok(Workbook {
        sheets,
        xls_merges,
        word_places: None,
        ods,
        xlsx: match wb {
            Sheets::Xlsx(x) => Some(x),
            _ => None,
        },
        metadata_date,
        properties,
        content,
    })
}

/// The one sheet a Word return is read as.
pub(crate) const WORD_SHEET: &str = "Văn bản";

/// Where a row of a Word return's sheet is in the document, as its
/// findings and lineage name it: a table's row (`Bảng 2`, row 3) or a
/// paragraph outside tables (`Đoạn văn`, its number among those with text);
/// `None` for the blank lines between them.
pub(crate) type WordPlaces = Vec<Option<(String, u32)>>;

/// A Word document as one sheet: each paragraph outside tables a row of one
/// cell (the title block, the date line, sentences, the signature block), each
/// table row a row, a cell spanning columns in its first one, a blank row
/// after each table; with the regions merged down a column (`w:vMerge`), and
/// where each row is in the document.
fn word_grid(
    doc: &tonghop_docx::Document,
    max_rows: u32,
) -> (Grid, Vec<crate::cells::Region>, WordPlaces) {
    use tonghop_docx::{Item, Merge};
    let mut cells: Vec<(u32, u32, Data)> = Vec::new();
    let mut regions = Vec::new();
    let mut places: WordPlaces = Vec::new();
    let mut paragraphs = 0u32;
    let mut r = 0u32;
    for item in &doc.body {
        match item {
            Item::Paragraph(p) => {
                if p.text.trim().is_empty() {
                    places.push(None);
                } else {
                    cells.push((r, 0, Data::String(p.text.clone())));
                    paragraphs += 1;
                    places.push(Some((tonghop_core::WORD_PARAGRAPHS.to_owned(), paragraphs)));
                }
                r += 1;
            }
            Item::Table(t) => {
                let label = format!("{} {}", tonghop_core::WORD_TABLE, t.number);
                // Column → the row its open vertical merge started on.
                let mut open: std::collections::BTreeMap<u32, u32> =
                    std::collections::BTreeMap::new();
                let mut close =
                    |open: &mut std::collections::BTreeMap<u32, u32>, c: u32, last: u32| {
                        if let Some(start) = open.remove(&c) {
                            if last > start {
                                regions.push(((start, c), (last, c)));
                            }
                        }
                    };
                for (j, row) in t.rows.iter().enumerate() {
                    places.push(Some((
                        label.clone(),
                        u32::try_from(j + 1).unwrap_or(u32::MAX),
                    )));
                    // A merge goes on only where this row continues it: a
                    // cell of its own, or one spanning over it, ends it.
                    let mut c = 0u32;
                    let mut continued = Vec::new();
                    for cell in row {
                        match cell.merge {
                            Merge::Continue => continued.push(c),
                            Merge::Restart => {
                                close(&mut open, c, r.saturating_sub(1));
                                open.insert(c, r);
                                continued.push(c);
                            }
                            Merge::None => {}
                        }
                        let text = cell.text();
                        if cell.merge != Merge::Continue && !text.trim().is_empty() {
                            cells.push((r, c, Data::String(text)));
                        }
                        c += cell.span.max(1);
                    }
                    let ended: Vec<u32> = open
                        .keys()
                        .copied()
                        .filter(|k| !continued.contains(k))
                        .collect();
                    for k in ended {
                        close(&mut open, k, r.saturating_sub(1));
                    }
                    r += 1;
                }
                let columns: Vec<u32> = open.keys().copied().collect();
                for c in columns {
                    close(&mut open, c, r.saturating_sub(1));
                }
                places.push(None);
                r += 1;
            }
        }
    }
    let mut grid = Grid::from_cells(cells.into_iter(), max_rows);
    // Runs typed in a legacy font were converted as the document was read
    // (their font says how); the sheet says so as a sheet converted by its
    // content does.
    if grid.legacy.is_none() {
        let converted: Vec<_> = doc.paragraphs().filter_map(|p| p.converted).collect();
        if let Some(&first) = converted.first() {
            grid.legacy = Some((first, converted.len()));
        }
    }
    (grid, regions, places)
}

/// A figure stated for a subject that no list of the return holds (`Chi bộ
/// đăng ký 03 mô hình: …` in prose, and no table): one `LIST_MISSING` per
/// subject, at its first statement — the figures cannot count what is not
/// listed. It stands for the sheet's `SHEET_UNRECOGNIZED` when the return has
/// no list at all, and reconcile does not count the same total again as
/// `TOTAL_MISMATCH`.
fn lists_missing(ret: &mut Return) {
    let mut raised = false;
    for subject in [Subject::Model, Subject::Exemplar] {
        let listed = ret
            .sheets
            .iter()
            .any(|s| s.lists.iter().any(|l| l.subject == subject));
        if listed {
            continue;
        }
        let Some(t) = ret
            .totals
            .iter()
            .find(|t| t.subject == subject && t.value > 0)
        else {
            continue;
        };
        let f = tonghop_core::finding!(
            ListMissing,
            so = t.value,
            doi_tuong = subject.label(),
            chu = t.text.clone()
        )
        .at(&t.sheet, Some(t.row));
        ret.findings.push(f);
        raised = true;
    }
    if raised && ret.sheets.iter().all(|s| s.lists.is_empty()) {
        ret.findings
            .retain(|f| f.code != tonghop_core::FindingCode::SheetUnrecognized);
    }
}

/// A Word return's rows, totals, lists and findings cited where they are in
/// the document (`Bảng 2` row 3, `Đoạn văn` 4) rather than at the row of the
/// sheet it was read as; the blank lines between paragraphs and tables,
/// which are no row of the document, are left out of the lineage. A total's
/// rows stay those of its own table (or the whole document, for a sentence).
fn relocate(ret: &mut Return, lines: &mut crate::unit::Lines, places: &WordPlaces) {
    let place = |row: u32| -> Option<(String, u32)> {
        places
            .get(usize::try_from(row.checked_sub(1)?).ok()?)
            .cloned()
            .flatten()
    };
    ret.rows.retain_mut(|r| {
        if r.sheet != WORD_SHEET {
            return true;
        }
        match place(r.row) {
            Some((sheet, row)) => {
                r.sheet = sheet;
                r.row = row;
                true
            }
            None => r.kind != RowKind::Blank,
        }
    });
    for t in &mut ret.stages {
        if t.sheet != WORD_SHEET {
            continue;
        }
        if let Some((sheet, row)) = place(t.row) {
            (t.sheet, t.row) = (sheet, row);
        }
    }
    for t in &mut ret.totals {
        if t.sheet != WORD_SHEET {
            continue;
        }
        let Some((sheet, row)) = place(t.row) else {
            continue;
        };
        if t.last_row != u32::MAX {
            let first = place(t.first_row).filter(|(s, _)| *s == sheet);
            t.first_row = first.map_or(1, |(_, r)| r);
            t.last_row = row;
        }
        t.sheet = sheet;
        t.row = row;
    }
    for f in &mut ret.findings {
        if f.sheet == WORD_SHEET {
            if let Some((sheet, row)) = f.row.and_then(place) {
                f.sheet = sheet;
                f.row = Some(row);
            }
        }
    }
    for (sheet, row, _) in lines.title.iter_mut().chain(lines.signature.iter_mut()) {
        if sheet == WORD_SHEET {
            if let Some((s, r)) = place(*row) {
                *sheet = s;
                *row = r;
            }
        }
    }
    // The document's date line, cited where it is: its evidence was written
    // by `place` at the sheet's row, which is what it opens with.
    let at_row_0 = tonghop_core::place(WORD_SHEET, 0);
    let prefix = at_row_0.strip_suffix('0').unwrap_or(&at_row_0);
    if let Some(rest) = ret.date_evidence.strip_prefix(prefix) {
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        if let Some((s, r)) = digits.parse().ok().and_then(place) {
            ret.date_evidence = format!("{}{}", tonghop_core::place(&s, r), &rest[digits.len()..]);
        }
    }
    // One sheet note per table and one for the paragraphs, each with its lists.
    let read: Vec<SheetInfo> = std::mem::take(&mut ret.sheets);
    for info in read {
        if info.name != WORD_SHEET {
            ret.sheets.push(info);
            continue;
        }
        let mut split: Vec<SheetInfo> = Vec::new();
        for (sheet, _) in places.iter().flatten() {
            match split.iter_mut().find(|s| s.name == *sheet) {
                Some(s) => s.rows += 1,
                None => split.push(SheetInfo {
                    name: sheet.clone(),
                    lists: Vec::new(),
                    rows: 1,
                }),
            }
        }
        for mut list in info.lists {
            let Some((sheet, _)) = list.header_rows.first().copied().and_then(place) else {
                continue;
            };
            list.header_rows = list
                .header_rows
                .iter()
                .filter_map(|&r| place(r).map(|(_, r)| r))
                .collect();
            if let Some(s) = split.iter_mut().find(|s| s.name == sheet) {
                s.lists.push(list);
            }
        }
        ret.sheets.extend(split);
    }
}

/// Size and two independent hashes of a file's bytes: equal for copies.
fn fingerprint(bytes: &[u8]) -> (u64, u64, u64) {
    use std::hash::{Hash, Hasher};
    let mut a = std::hash::DefaultHasher::new();
    bytes.hash(&mut a);
    let mut b = std::hash::DefaultHasher::new();
    0xA5u8.hash(&mut b);
    bytes.hash(&mut b);
    (
        u64::try_from(bytes.len()).unwrap_or(u64::MAX),
        a.finish(),
        b.finish(),
    )
}

/// A workbook from its bytes, of the format its extension names (as
/// calamine's `open_workbook_auto` decides, so that its errors name the format).
fn open_bytes(path: &Path, bytes: Vec<u8>) -> Result<Sheets<Cursor<Vec<u8>>>, calamine::Error> {
    use calamine::{
        open_workbook_auto_from_rs, open_workbook_from_rs, Error, Ods, Xls, Xlsb, Xlsx,
    };
    let rs = Cursor::new(bytes);
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    Ok(match ext.as_str() {
        "xls" | "xla" => Sheets::Xls(open_workbook_from_rs::<Xls<_>, _>(rs).map_err(Error::Xls)?),
        "xlsx" | "xlsm" | "xlam" => {
            Sheets::Xlsx(open_workbook_from_rs::<Xlsx<_>, _>(rs).map_err(Error::Xlsx)?)
        }
        "xlsb" => Sheets::Xlsb(open_workbook_from_rs::<Xlsb<_>, _>(rs).map_err(Error::Xlsb)?),
        "ods" => Sheets::Ods(open_workbook_from_rs::<Ods<_>, _>(rs).map_err(Error::Ods)?),
        _ => open_workbook_auto_from_rs(rs)?,
    })
}

/// Refuses a zip-based workbook whose parts would inflate beyond the limit,
/// from the sizes its directory declares, before anything is inflated; and
/// reads the date in its metadata (`docProps/core.xml`, `meta.xml`).
/// The date and the unit-naming texts of a document's properties.
type Properties = (Option<tonghop_core::Date>, Vec<(&'static str, String)>);

fn check_zip(bytes: &[u8], limits: Limits) -> Result<Properties, String> {
    use std::io::Read;
    if !bytes.starts_with(b"PK\x03\x04") {
        return Ok((None, Vec::new()));
    }
    let Ok(mut archive) = zip::ZipArchive::new(std::io::Cursor::new(bytes)) else {
        // Not a readable zip: the workbook reader will say why.
        return Ok((None, Vec::new()));
    };
    let mut total: u64 = 0;
    for i in 0..archive.len() {
        if let Ok(entry) = archive.by_index_raw(i) {
            total = total.saturating_add(entry.size());
        }
    }
    if total > limits.max_unzipped_bytes {
        return Err(format!(
            "nội dung giải nén ra {} MB, vượt giới hạn {} MB (có thể là file độc hại)",
            total / 1_048_576,
            limits.max_unzipped_bytes / 1_048_576
        ));
    }
    let mut date = None;
    let mut texts = Vec::new();
    for (part, tags) in [
        (
            "docProps/core.xml",
            &["dcterms:modified", "dcterms:created"][..],
        ),
        ("docProps/app.xml", &[][..]),
        ("meta.xml", &["dc:date", "meta:creation-date"][..]),
    ] {
        let Ok(entry) = archive.by_name(part) else {
            continue;
        };
        let mut xml = String::new();
        // Metadata is small; read at most 64 kB of it.
        if entry.take(65_536).read_to_string(&mut xml).is_err() {
            continue;
        }
        if date.is_none() {
            date = tags.iter().find_map(|tag| xml_date(&xml, tag));
        }
        for (tag, what) in [
            ("dc:title", "tiêu đề"),
            ("dc:subject", "chủ đề"),
            ("Company", "công ty"),
        ] {
            if let Some(t) = xml_text(&xml, tag).filter(|t| !t.trim().is_empty()) {
                texts.push((what, t));
            }
        }
    }
    Ok((date, texts))
}

/// `<tag …>text</tag>` → the text, its entities read.
fn xml_text(xml: &str, tag: &str) -> Option<String> {
    let start = xml.find(&format!("<{tag}"))?;
    let after = &xml[start + tag.len() + 1..];
    // `<dc:titleX` is another tag.
    if !after.starts_with(['>', ' ', '/']) {
        return None;
    }
    let open_end = after.find('>')?;
    if after[..open_end].ends_with('/') {
        return None;
    }
    let text = &after[open_end + 1..];
    let text = &text[..text.find('<')?];
    Some(
        text.replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&apos;", "'")
            .replace("&amp;", "&"),
    )
}

/// A row's texts as one line, cells joined by ` | `.
fn joined(texts: &[&Cell]) -> String {
    texts
        .iter()
        .map(|c| c.text.as_str())
        .collect::<Vec<_>>()
        .join(" | ")
}

/// `<tag …>2022-10-20T08:00:00Z</tag>` → the date.
fn xml_date(xml: &str, tag: &str) -> Option<tonghop_core::Date> {
    let start = xml.find(&format!("<{tag}"))?;
    let after = &xml[start..];
    let text = &after[after.find('>')? + 1..];
    let ymd = text.get(..10)?;
    let mut it = ymd.split('-');
    let (y, m, d) = (
        it.next()?.parse().ok()?,
        it.next()?.parse().ok()?,
        it.next()?.parse().ok()?,
    );
    tonghop_core::Date::new(y, m, d)
}

struct List {
    subject: Subject,
    columns: Vec<Option<Field>>,
    /// The header text of each column, for columns kept without a field.
    headers: Vec<String>,
    /// Why a column has its role when its content, not its header, decided.
    evidence: Vec<String>,
    /// Columns whose content overruled their header (`COLUMN_ROLE_CONFLICT`).
    conflicts: Vec<usize>,
    /// Each column's score (points of 100) and what made it, for mapped
    /// columns.
    scores: Vec<Option<(u32, String)>>,
    /// Columns that lost a role to another column: (loser, winner, role,
    /// whether by less than [`COLUMN_MARGIN`]).
    rivals: Vec<(usize, usize, Field, bool)>,
    first_row: u32,
}

impl List {
    fn col(&self, f: Field) -> Option<usize> {
        self.columns.iter().position(|c| *c == Some(f))
    }
    fn name_col(&self) -> Option<usize> {
        self.col(Field::ModelName)
            .or_else(|| self.col(Field::PersonName))
    }
}

pub(crate) fn analyse(
    ret: &mut Return,
    wb: &mut Workbook,
    reference: &Reference,
    prepared: &crate::Prepared,
    file_stem: &str,
) {
    let mut lines = crate::unit::Lines::default();
    let Workbook {
        sheets,
        xlsx,
        xls_merges,
        ods,
        properties,
        word_places,
        ..
    } = wb;
    for (k, (name, grid)) in sheets.iter().enumerate() {
        let mark = (
            ret.rows.len(),
            ret.totals.len(),
            ret.findings.len(),
            lines.mark(),
            ret.stages.len(),
        );
        let mut info = analyse_sheet(ret, name, grid, &mut lines, prepared);
        // An entry with a blank field under one that has it is the sign of a
        // cell merged down the rows: the sheet is read again with its merges.
        if (xlsx.is_some() || ods.is_some() || !xls_merges.is_empty())
            && blank_under_filled(&ret.rows[mark.0..])
        {
            // Only regions that open on an entry: a header merged down its
            // two rows stays as it is.
            let entries: std::collections::HashSet<u32> = ret.rows[mark.0..]
                .iter()
                .filter(|r| r.entry.is_some())
                .map(|r| r.row)
                .collect();
            let all: Vec<crate::cells::Region> = match xlsx.as_mut() {
                Some(x) => x
                    .merge_cells_by_sheet_name(name)
                    .unwrap_or_default()
                    .iter()
                    .map(|d| (d.start, d.end))
                    .collect(),
                None => match ods.as_deref() {
                    Some(bytes) => crate::ods::merged_regions(bytes, name),
                    None => xls_merges.get(k).cloned().unwrap_or_default(),
                },
            };
            let regions: Vec<crate::cells::Region> = all
                .into_iter()
                .filter(|&((r0, c0), (r1, c1))| c0 == c1 && r1 > r0 && entries.contains(&(r0 + 1)))
                .collect();
            if !regions.is_empty() {
                let mut filled = grid.clone();
                filled.fill_merged_columns(&regions);
                ret.rows.truncate(mark.0);
                ret.totals.truncate(mark.1);
                ret.stages.truncate(mark.4);
                ret.findings.truncate(mark.2);
                lines.truncate(mark.3);
                info = analyse_sheet(ret, name, &filled, &mut lines, prepared);
            }
        }
        if info.lists.is_empty() {
            ret.findings
                .push(tonghop_core::finding!(SheetUnrecognized, sheet = name).at(name, None));
        }
        if let Some((enc, n)) = grid.legacy {
            ret.findings.push(
                tonghop_core::finding!(
                    LegacyEncoding,
                    sheet = name,
                    bang_ma = enc.label(),
                    so_o = n
                )
                .at(name, None),
            );
        }
        for &(row, col, chars) in &grid.long_cells {
            ret.findings.push(
                tonghop_core::finding!(
                    CellTruncated,
                    o = format!("{}{row}", crate::cells::column_letter(col)),
                    so_ky_tu = tonghop_text::format_int(u64::try_from(chars).unwrap_or(u64::MAX))
                )
                .at(name, Some(row)),
            );
        }
        if grid.truncated {
            ret.findings.push(
                tonghop_core::finding!(FileUnreadable, "sheet_dai", sheet = name).at(name, None),
            );
        }
        ret.sheets.push(info);
    }
    if let Some(places) = word_places {
        relocate(ret, &mut lines, places);
    }
    lists_missing(ret);
    crate::unit::detect(
        ret,
        reference,
        &prepared.units,
        &prepared.vocabulary,
        &lines,
        properties,
        file_stem,
    );
}

fn analyse_sheet(
    ret: &mut Return,
    sheet: &str,
    grid: &Grid,
    lines: &mut crate::unit::Lines,
    prepared: &crate::Prepared,
) -> SheetInfo {
    let v = &prepared.vocabulary;
    let mut info = SheetInfo {
        name: sheet.to_owned(),
        lists: Vec::new(),
        rows: u32::try_from(grid.rows.len()).unwrap_or(u32::MAX),
    };
    let mut list: Option<List> = None;
    let mut section_subject: Option<Subject> = None;
    let mut section_start: u32 = 1;
    let mut footer = false;
    let mut skip = 0usize;
    for (i, cells) in grid.rows.iter().enumerate() {
        let row = grid.excel_row(i);
        if skip > 0 {
            skip -= 1;
            continue;
        }
        let texts: Vec<&Cell> = cells.iter().filter(|c| !c.is_empty()).collect();
        let push = |ret: &mut Return, kind: RowKind, entry: Option<Entry>, reason: &'static str| {
            ret.rows.push(SourceRow {
                sheet: sheet.to_owned(),
                row,
                kind,
                entry,
                reason,
            });
        };
        if texts.is_empty() {
            push(ret, RowKind::Blank, None, "dòng trống");
            continue;
        }
        if footer {
            lines
                .signature
                .push((sheet.to_owned(), row, joined(&texts)));
            push(ret, RowKind::Footer, None, "sau phần nơi nhận / ký tên");
            continue;
        }
        // The common case first: a numbered row with a name under a list header
        // is an entry, and needs none of the structural tests below.
        if let Some(l) = list.as_ref().filter(|l| is_numbered_entry(l, cells)) {
            if let Some(entry) = entry_of(v, l, cells) {
                let kind = match l.subject {
                    Subject::Model => RowKind::Model,
                    Subject::Exemplar => RowKind::Exemplar,
                };
                push(ret, kind, Some(entry), "dòng dữ liệu dưới tiêu đề cột");
                continue;
            }
        }
        if let Some((new_list, header_rows, numbering)) =
            header_at(prepared, grid, i, section_subject)
        {
            push(ret, RowKind::Header, None, "dòng tiêu đề cột");
            for extra in 1..header_rows {
                ret.rows.push(SourceRow {
                    sheet: sheet.to_owned(),
                    row: grid.excel_row(i + extra),
                    kind: RowKind::Header,
                    entry: None,
                    reason: "dòng tiêu đề cột thứ hai",
                });
            }
            if numbering {
                ret.rows.push(SourceRow {
                    sheet: sheet.to_owned(),
                    row: grid.excel_row(i + header_rows),
                    kind: RowKind::Numbering,
                    entry: None,
                    reason: "dòng đánh số cột",
                });
            }
            skip = header_rows - 1 + usize::from(numbering);
            info.lists.push(ListInfo {
                subject: new_list.subject,
                header_rows: (0..header_rows).map(|k| grid.excel_row(i + k)).collect(),
                columns: new_list
                    .columns
                    .iter()
                    .enumerate()
                    .filter_map(|(j, f)| {
                        f.map(|f| {
                            let why = new_list.evidence.get(j).filter(|e| !e.is_empty());
                            let score = new_list
                                .scores
                                .get(j)
                                .and_then(|s| s.as_ref())
                                .map_or_else(String::new, |s| format!(" — {}", s.1));
                            (
                                grid.column_letter(j),
                                header_text(grid, i, header_rows, j),
                                why.map_or_else(
                                    || format!("{}{score}", f.label()),
                                    |why| format!("{} ({why}){score}", f.label()),
                                ),
                            )
                        })
                    })
                    .collect(),
            });
            for &j in &new_list.conflicts {
                let why = &new_list.evidence[j];
                ret.findings.push(
                    tonghop_core::finding!(
                        ColumnRoleConflict,
                        cot = grid.column_letter(j),
                        tieu_de = header_text(grid, i, header_rows, j),
                        can_cu = why
                    )
                    .at(sheet, Some(row)),
                );
            }
            let said = |k: usize| {
                new_list
                    .scores
                    .get(k)
                    .and_then(|s| s.as_ref())
                    .map_or(0, |s| s.0)
            };
            if let Some(l) = info.lists.last_mut() {
                for &(loser, winner, field, _) in &new_list.rivals {
                    l.columns.push((
                        grid.column_letter(loser),
                        header_text(grid, i, header_rows, loser),
                        format!(
                            "giữ riêng: cột {} là {} ({} điểm so với {})",
                            grid.column_letter(winner),
                            field.label(),
                            said(winner),
                            said(loser)
                        ),
                    ));
                }
                l.columns
                    .sort_by(|a, b| (a.0.len(), &a.0).cmp(&(b.0.len(), &b.0)));
            }
            for &(loser, winner, field, close) in &new_list.rivals {
                if !close {
                    continue;
                }
                ret.findings.push(
                    tonghop_core::finding!(
                        ColumnRoleConflict,
                        "hai_cot",
                        cot = grid.column_letter(winner),
                        tieu_de = header_text(grid, i, header_rows, winner),
                        diem = said(winner),
                        cot_2 = grid.column_letter(loser),
                        tieu_de_2 = header_text(grid, i, header_rows, loser),
                        diem_2 = said(loser),
                        vai_tro = field.label()
                    )
                    .at(sheet, Some(row)),
                );
            }
            section_start = section_start.max(row);
            list = Some(List {
                first_row: row,
                ..new_list
            });
            continue;
        }
        if is_footer_start(v, texts[0].fold()) {
            footer = true;
            lines
                .signature
                .push((sheet.to_owned(), row, joined(&texts)));
            push(ret, RowKind::Footer, None, "bắt đầu phần nơi nhận / ký tên");
            continue;
        }
        if let Some(subject) = section_row(v, &texts, list.is_some() || section_subject.is_some()) {
            section_subject = Some(subject);
            section_start = row;
            if let Some(l) = list.as_mut() {
                l.subject = subject;
                l.first_row = row;
            }
            push(ret, RowKind::Section, None, "dòng tiêu đề mục");
            continue;
        }
        // One cell may state several subjects' totals (`Tổng số: 05 mô hình,
        // 02 điển hình`): each is read for its own subject, over the sheet.
        // Only a line of its own or a cell opening with a total word: a
        // note inside a list's row is not a statement of totals.
        // Figures at a stage of commendation (`Tuyên dương 05 tập thể`), in a
        // line of its own, are no totals: what is before them may be.
        let mut staged: Vec<(usize, tonghop_text::stage::StagedFigures)> = if texts.len() <= 2 {
            texts
                .iter()
                .enumerate()
                .map(|(k, c)| (k, tonghop_text::stage::staged_figures(v, &c.text)))
                .filter(|(_, s)| !s.figures.is_empty())
                .collect()
        } else {
            Vec::new()
        };
        // A label and its figure in the next cell (`Số cá nhân được tuyên
        // dương` | `05`).
        if staged.is_empty() && texts.len() == 2 && texts[1].fold().parse::<i64>().is_ok() {
            let s = tonghop_text::stage::staged_figures(
                v,
                &format!("{}: {}", texts[0].text, texts[1].text),
            );
            if !s.figures.is_empty() {
                staged.push((0, s));
            }
        }
        let fold_at = |k: usize| {
            staged
                .iter()
                .find(|(j, _)| *j == k)
                .map_or(texts[k].fold(), |(_, s)| s.before.as_str())
        };
        for (_, s) in &staged {
            for f in &s.figures {
                ret.stages.push(StatedStage {
                    sheet: sheet.to_owned(),
                    row,
                    subject: f.subject,
                    value: f.value,
                    clause: f.clause.clone(),
                    text: joined(&texts),
                });
            }
        }
        let stated = (0..texts.len())
            .filter(|&k| texts.len() <= 2 || v.opening("tong", fold_at(k)).is_some())
            .map(|k| subject_figures(v, fold_at(k)))
            .find(|f| f.len() > 1)
            .or_else(|| {
                (0..texts.len())
                    .find_map(|k| stated_total_in_fold(v, fold_at(k)))
                    .or_else(|| {
                        // A sentence of its own: `Chi bộ đăng ký 03 mô hình: …`.
                        (texts.len() == 1)
                            .then(|| registered_figure(v, fold_at(0)))
                            .flatten()
                    })
                    .map(|t| vec![t])
            });
        if stated.is_none() && !staged.is_empty() {
            push(ret, RowKind::Total, None, "số khen thưởng nêu bằng lời");
            continue;
        }
        if let Some(stated) = stated {
            let text = texts
                .iter()
                .map(|c| c.text.as_str())
                .collect::<Vec<_>>()
                .join(" ");
            for (subject, value) in stated {
                ret.totals.push(StatedTotal {
                    sheet: sheet.to_owned(),
                    row,
                    subject,
                    value,
                    first_row: 1,
                    last_row: u32::MAX,
                    text: text.clone(),
                });
            }
            push(ret, RowKind::Total, None, "tổng số nêu bằng lời");
            continue;
        }
        if let Some((subject, value, text)) = total_row(v, &texts, list.as_ref().map(|l| l.subject))
        {
            let scope_start = list
                .as_ref()
                .map_or(section_start, |l| l.first_row.max(section_start));
            ret.totals.push(StatedTotal {
                sheet: sheet.to_owned(),
                row,
                subject,
                value,
                first_row: scope_start,
                last_row: row,
                text,
            });
            push(ret, RowKind::Total, None, "dòng cộng / tổng cộng");
            continue;
        }
        if list
            .as_ref()
            .is_some_and(|l| signature_row(l.name_col(), cells))
        {
            footer = true;
            lines
                .signature
                .push((sheet.to_owned(), row, joined(&texts)));
            push(
                ret,
                RowKind::Footer,
                None,
                "bắt đầu phần ký tên (chức danh viết hoa)",
            );
            continue;
        }
        // A date line on its own below a list (`Hà Giang, ngày 7 tháng 12
        // năm 2023` over the signatures) is the document's date, not an entry.
        if list.is_some() && texts.len() == 1 {
            if let Some((d, form)) = tonghop_text::parse_date_in(&texts[0].text) {
                if ret.date.is_none() || ret.date_source == DateSource::TextMonth {
                    ret.date = Some(d);
                    ret.date_source = DateSource::Text;
                    ret.date_evidence = format!(
                        "{}: \"{}\" ({form})",
                        tonghop_core::place(sheet, row),
                        texts[0].text
                    );
                }
                push(ret, RowKind::Title, None, "dòng ngày tháng của văn bản");
                continue;
            }
        }
        if list.is_some() && is_numbering(cells) {
            push(ret, RowKind::Numbering, None, "dòng đánh số cột");
            continue;
        }
        if let Some(l) = &list {
            if let Some(entry) = entry_of(v, l, cells) {
                let kind = match l.subject {
                    Subject::Model => RowKind::Model,
                    Subject::Exemplar => RowKind::Exemplar,
                };
                push(ret, kind, Some(entry), "dòng dữ liệu dưới tiêu đề cột");
                continue;
            }
            push(
                ret,
                RowKind::Text,
                None,
                "dòng chữ trong danh sách, không có tên",
            );
            continue;
        }
        lines.title.push((sheet.to_owned(), row, joined(&texts)));
        for c in &texts {
            // A full date wins over a date line with a blank day met earlier.
            if ret.date.is_none() || ret.date_source == DateSource::TextMonth {
                if let Some((d, form)) = tonghop_text::parse_date_in(&c.text) {
                    ret.date = Some(d);
                    ret.date_source = DateSource::Text;
                    ret.date_evidence = format!(
                        "{}: \"{}\" ({form})",
                        tonghop_core::place(sheet, row),
                        c.text
                    );
                } else if ret.date.is_none() {
                    if let Some((m, y)) = tonghop_text::parse_month_only(&c.text) {
                        ret.date = Date::new(y, m, 1);
                        ret.date_source = DateSource::TextMonth;
                        ret.date_evidence = format!(
                            "{}: \"{}\" (để trống ngày, chỉ biết tháng {m}/{y})",
                            tonghop_core::place(sheet, row),
                            c.text
                        );
                    }
                }
            }
        }
        push(
            ret,
            RowKind::Title,
            None,
            "phần đầu văn bản (trước danh sách)",
        );
    }
    info
}

fn header_text(grid: &Grid, i: usize, header_rows: usize, j: usize) -> String {
    (0..header_rows)
        .filter_map(|k| grid.rows.get(i + k).and_then(|r| r.get(j)))
        .map(|c| c.text.as_str())
        .filter(|t| !t.is_empty())
        .collect::<Vec<_>>()
        .join(" / ")
}

/// A list header at grid row `i`: the list, how many header rows, and whether a
/// numbering row follows.
fn header_at(
    prepared: &crate::Prepared,
    grid: &Grid,
    i: usize,
    section: Option<Subject>,
) -> Option<(List, usize, bool)> {
    let (v, taxonomy) = (&prepared.vocabulary, &prepared.taxonomy);
    let top = &grid.rows[i];
    // A header holds no numbers (a data row has its row number).
    if top.iter().any(|c| c.number.is_some()) {
        return None;
    }
    let mut top_fields: Vec<Option<Field>> =
        top.iter().map(|c| classify_fold(v, c.fold())).collect();
    // Two roles at least, a cue for the name counting as one: a row that
    // names none is no header (most rows, told at once).
    // (Or names the subject only, `Cá nhân được đăng ký`, over cells that no
    // column word names: told below.)
    if top_fields.iter().all(Option::is_none)
        && !(top.iter().filter(|c| !c.is_empty()).count() >= 3
            && top
                .iter()
                .any(|c| !c.is_empty() && subject_in(v, c.fold()).is_some()))
    {
        return None;
    }
    let mut has_name = top_fields
        .iter()
        .any(|f| matches!(f, Some(Field::ModelName | Field::PersonName)));
    // A header is mostly made of header words; a data row that happens to hold
    // "mô hình" in its name must not pass.
    let nonempty = top.iter().filter(|c| !c.is_empty()).count();
    let mut cue = None;
    // A cue by the subject's word: which subject.
    let mut cue_subject = None;
    if !has_name {
        // A header naming the entry without saying whose (`Tên đồng chí`):
        // what the column holds tells (person-name shapes or not).
        // Or names whose entries it lists (`Cá nhân điển hình`, `Tập thể
        // đăng ký`), the other cells being headers.
        cue = top
            .iter()
            .position(|c| {
                !c.is_empty() && c.fold().split(' ').count() <= 8 && name_cue(v, c.fold())
            })
            .or_else(|| {
                // Every cell short and figure-free, as headers are: a row of
                // data whose name holds such a word (`Cựu chiến binh gương
                // mẫu`) has an owner's name, a number…
                let header_shaped = top.iter().all(|c| {
                    c.is_empty()
                        || (c.fold().split(' ').count() <= 6
                            && !c.fold().bytes().any(|b| b.is_ascii_digit()))
                });
                let j = top.iter().zip(&top_fields).position(|(c, f)| {
                    f.is_none() && !c.is_empty() && subject_in(v, c.fold()).is_some()
                })?;
                cue_subject = subject_in(v, top[j].fold());
                header_shaped.then_some(j)
            });
        if let Some(j) = cue {
            // Whose name: decided below, from the rows under the header.
            top_fields[j] = Some(Field::ModelName);
            has_name = true;
        }
    }
    let mapped = top_fields.iter().filter(|f| f.is_some()).count();
    // Cells worded like headers that no column word names (`Nơi làm việc`).
    let worded = top
        .iter()
        .zip(&top_fields)
        .filter(|(c, f)| f.is_none() && header_like(v, c.fold()))
        .count();
    // A subject's word over the names counts with the headers' words: two
    // of them at least besides it.
    let enough = mapped >= 2 || (cue_subject.is_some() && cue.is_some() && worded >= 2);
    if !has_name || !enough || (mapped + worded) * 2 <= nonempty {
        return None;
    }
    if cue.is_some() && (mapped + worded) < 3 {
        return None;
    }
    // Second header row: every non-empty cell is a header word, and at least one
    // sits under a cell that is blank or a group header on the first row.
    let mut header_rows = 1;
    let mut columns = top_fields.clone();
    if let Some(next) = grid.rows.get(i + 1) {
        let next_nonempty: Vec<(usize, &Cell)> = next
            .iter()
            .enumerate()
            .filter(|(_, c)| !c.is_empty())
            .collect();
        // Header cells are short and hold no figure: a data row whose cells
        // open with header words (`Cơ quan số`, `Thanh tra, Cục Thuế tỉnh
        // số 18`) is no second header.
        // Sub-headers naming a level, two at least, each under a group
        // header (the cell opening a run of blanks on the first row) or
        // under a level's header: tick columns, whatever the group header
        // says (`Mức đăng ký` over `Cấp tỉnh ủy | Cấp Đảng ủy Khối`).
        let group_of = |j: usize| {
            (0..=j)
                .rev()
                .find(|&k| top.get(k).is_some_and(|c| !c.is_empty()))
                .filter(|&k| (k + 1..=j).all(|x| top.get(x).is_none_or(Cell::is_empty)))
        };
        let level_subs = next_nonempty
            .iter()
            .filter(|(j, c)| v.level(&c.text).is_some() && group_of(*j).is_some())
            .count();
        let level_group = level_subs >= 2 || top_fields.contains(&Some(Field::Level));
        // Years under a rating's group header (`Kết quả xếp loại` over
        // `Năm 2021 | Năm 2022`): a column per year.
        let under_rating = |j: usize| {
            group_of(j).is_some_and(|k| top_fields.get(k).copied().flatten() == Some(Field::Rating))
        };
        let all_headers = !next_nonempty.is_empty()
            && next_nonempty.iter().all(|(j, c)| {
                let f = c.fold();
                let level = level_group && v.level(&c.text).is_some();
                (under_rating(*j) && header_year(f).is_some())
                    || (f.split(' ').count() <= if level { 8 } else { 5 }
                        && !f.bytes().any(|b| b.is_ascii_digit())
                        && (classify_fold(v, f).is_some() || level))
            });
        if all_headers && !is_numbering(next) {
            header_rows = 2;
            let width = top.len().max(next.len());
            columns.resize(width, None);
            // A sub-header names its column; a level word under a group header
            // (`Cấp đăng ký` over `Tỉnh | Khối | Cơ sở`) is a tick column.
            for (j, column) in columns.iter_mut().enumerate() {
                let sub = next.get(j).map_or("", Cell::fold);
                if sub.is_empty() {
                    continue;
                }
                // Under a level's group header (`Cấp đăng ký` over `Tỉnh ủy |
                // Đảng ủy Khối | Đảng ủy cơ sở`) a sub-header naming a level
                // inside a phrase is a tick column too.
                let under_level =
                    group_of(j).is_some_and(|k| match top_fields.get(k).copied().flatten() {
                        Some(f) => f == Field::Level,
                        // A group header no column word names, over levels.
                        None => level_subs >= 2,
                    });
                *column = match (under_level, v.level(&next[j].text)) {
                    (true, Some(level)) => Some(Field::LevelTick(level)),
                    _ if under_rating(j) => header_year(sub).map(Field::RatingYear),
                    _ => classify_fold(v, sub),
                };
            }
        }
    }
    // A header merged down two rows leaves its second row blank (the reader
    // gives a merged cell's value to its first row only): that row is part
    // of the header.
    if header_rows == 1
        && grid
            .rows
            .get(i + 1)
            .is_some_and(|r| r.iter().all(Cell::is_empty))
        && grid.rows.get(i + 2).is_some_and(|r| is_numbering(r))
    {
        header_rows = 2;
    }
    let numbering = grid
        .rows
        .get(i + header_rows)
        .is_some_and(|r| is_numbering(r));
    if let Some(j) = cue {
        let rows = list_rows(grid, i + header_rows + usize::from(numbering), Some(j));
        let persons = column_share(&rows, j, |c| person_shape(v, &c.text));
        if persons >= 0.5 {
            columns[j] = Some(Field::PersonName);
        } else if cue_subject == Some(Subject::Exemplar) {
            // `Cá nhân …` over no person's name: no header.
            return None;
        }
    }
    let subject = if columns.contains(&Some(Field::PersonName)) {
        Subject::Exemplar
    } else if columns.contains(&Some(Field::ModelName)) {
        section.unwrap_or(Subject::Model)
    } else {
        return None;
    };
    // A rating column whose header names its year (`Xếp loại năm 2021`).
    for (j, c) in columns.iter_mut().enumerate() {
        if *c == Some(Field::Rating) {
            if let Some(y) = header_year(&fold_key(&header_text(grid, i, header_rows, j))) {
                *c = Some(Field::RatingYear(y));
            }
        }
    }
    // Only one name column: the first.
    let mut seen_name = false;
    for c in &mut columns {
        if matches!(c, Some(Field::ModelName | Field::PersonName)) {
            if seen_name {
                *c = None;
            }
            seen_name = true;
        }
    }
    // Columns the header did not name, told by what they hold.
    let mut conflicts = Vec::new();
    let mut evidence = content_roles(
        v,
        subject,
        grid,
        i + header_rows + usize::from(numbering),
        &mut columns,
        &mut conflicts,
        taxonomy,
    );
    for (j, e) in evidence.iter_mut().enumerate() {
        if !e.is_empty() || columns[j].is_none() {
            continue;
        }
        let rows_used = if header_rows == 2 { [i + 1, i] } else { [i, i] };
        for k in rows_used {
            let Some(h) = grid.rows.get(k).and_then(|r| r.get(j)).map(Cell::fold) else {
                continue;
            };
            if h.is_empty() || v.opening("cot", h).is_some() || v.level_word(h).is_some() {
                break;
            }
            if let Some(t) = token_term(v, h) {
                *e = format!("theo các chữ của tiêu đề: có đủ các chữ của \"{}\"", t.word);
                break;
            }
        }
    }
    if cue.is_some_and(|j| evidence[j].is_empty()) {
        let j = cue.unwrap_or(0);
        evidence[j] = format!(
            "tiêu đề không nói tên của ai; theo nội dung: {}",
            if columns[j] == Some(Field::PersonName) {
                "phần lớn ô là họ tên người"
            } else {
                "các ô không phải họ tên người"
            }
        );
    }
    let rows = list_rows(
        grid,
        i + header_rows + usize::from(numbering),
        columns
            .iter()
            .position(|c| matches!(c, Some(Field::ModelName | Field::PersonName))),
    );
    // Scores where two columns compete for a role; every column's when the
    // reading is to be explained.
    let shared = |f: Field| columns.iter().filter(|c| **c == Some(f)).count() >= 2;
    let scores: Vec<Option<(u32, String)>> = (0..columns.len())
        .map(|j| {
            columns[j]
                .filter(|f| prepared.explain || shared(*f))
                .map(|f| {
                    let h = if header_rows == 2
                        && grid.rows[i + 1].get(j).is_some_and(|c| !c.is_empty())
                    {
                        grid.rows[i + 1][j].fold()
                    } else {
                        top.get(j).map_or("", Cell::fold)
                    };
                    column_score(v, taxonomy, f, h, &rows, j)
                })
        })
        .collect();
    let rivals = settle_rivals(&mut columns, &scores);
    let headers = (0..columns.len())
        .map(|j| header_text(grid, i, header_rows, j))
        .collect();
    Some((
        List {
            subject,
            columns,
            headers,
            evidence,
            conflicts,
            scores,
            rivals,
            first_row: 0,
        },
        header_rows,
        numbering,
    ))
}

/// How far ahead of the next column the best one for a role must be.
const COLUMN_MARGIN: u32 = 15;

/// A mapped column's score, of 100: its header (60 when it opens with a
/// column word of the role or names a level over a tick column, 50 when it
/// holds all the words of one, 40 with a letter slipped, 0 when the content
/// decided) and its content (40 × the share of its values that fit the
/// role, where the role has a test — levels, organisations, categories,
/// person names, row numbers, ticks —, 20 where it has none).
fn column_score(
    v: &Vocabulary,
    taxonomy: &tonghop_text::codes::Taxonomy,
    field: Field,
    h: &str,
    rows: &[&Vec<Cell>],
    j: usize,
) -> (u32, String) {
    use tonghop_text::codes::CategoryFit;
    let header = if h.is_empty() {
        0
    } else if matches!(field, Field::LevelTick(_)) && v.level_word(h).is_some()
        || (v.opening_code("cot", h).and_then(field_of) == Some(field))
    {
        60
    } else if let Some(t) = token_term(v, h).filter(|t| field_of(&t.code) == Some(field)) {
        if t.words.iter().all(|w| h.split(' ').any(|x| x == w)) {
            50
        } else {
            40
        }
    } else if matches!(field, Field::LevelTick(_)) {
        // A tick column under a level's group header, named in a phrase.
        50
    } else {
        0
    };
    let values: Vec<&Cell> = rows
        .iter()
        .filter_map(|r| r.get(j))
        .filter(|c| !c.is_empty())
        .collect();
    let n = values.len();
    let fits = |c: &&&Cell| match field {
        Field::Level => v.level(&c.text).is_some(),
        Field::Owner => org_shape_fold(v, c.fold()),
        Field::Category => !matches!(taxonomy.classify(&c.text), CategoryFit::Unknown),
        Field::PersonName => person_shape(v, &c.text),
        Field::LevelTick(_) => is_tick(v, c),
        Field::RowNumber => {
            c.number.is_some_and(|x| x.fract() == 0.0 && x >= 1.0)
                || c.text.trim().trim_end_matches('.').parse::<u32>().is_ok()
        }
        _ => false,
    };
    let tested = matches!(
        field,
        Field::Level
            | Field::Owner
            | Field::Category
            | Field::PersonName
            | Field::LevelTick(_)
            | Field::RowNumber
    );
    let (content, said) = if tested && n > 0 {
        let hits = values.iter().filter(fits).count();
        (
            u32::try_from(hits * 40 / n).unwrap_or(40),
            format!("nội dung {hits}/{n}"),
        )
    } else if tested {
        (0, "nội dung: ô trống".to_owned())
    } else {
        (20, "nội dung: không có phép thử".to_owned())
    };
    (
        header + content,
        format!("điểm {}: tiêu đề {header}, {said}", header + content),
    )
}

/// Of columns given one role (not the name, kept first), the best scored
/// keeps it; the others lose it (their values are kept under their header).
/// Returns those that lost, and whether by less than [`COLUMN_MARGIN`] in a
/// role that content can test (a finding then).
fn settle_rivals(
    columns: &mut [Option<Field>],
    scores: &[Option<(u32, String)>],
) -> Vec<(usize, usize, Field, bool)> {
    let mut close = Vec::new();
    for j in 0..columns.len() {
        let Some(f) = columns[j] else { continue };
        if matches!(f, Field::ModelName | Field::PersonName) {
            continue;
        }
        let same: Vec<usize> = (j..columns.len())
            .filter(|&k| columns[k] == Some(f))
            .collect();
        if same.len() < 2 {
            continue;
        }
        let score = |k: usize| scores.get(k).and_then(|s| s.as_ref()).map_or(0, |s| s.0);
        // The best, the first among equals.
        let best = same
            .iter()
            .copied()
            .fold(same[0], |b, k| if score(k) > score(b) { k } else { b });
        for &k in &same {
            if k == best {
                continue;
            }
            columns[k] = None;
            let tested = matches!(
                f,
                Field::Level
                    | Field::Owner
                    | Field::Category
                    | Field::LevelTick(_)
                    | Field::RowNumber
            );
            close.push((k, best, f, tested && score(best) < score(k) + COLUMN_MARGIN));
        }
    }
    close
}

/// Rows below a header looked at to tell a column by its content.
const CONTENT_ROWS: usize = 40;

/// A list's own rows from grid row `start` (its first [`CONTENT_ROWS`]
/// non-blank ones), up to its end: a lone cell (a section, a total), the
/// signature block, or a row with no name or a figure in the name column.
fn list_rows(grid: &Grid, start: usize, name_col: Option<usize>) -> Vec<&Vec<Cell>> {
    grid.rows
        .iter()
        .skip(start)
        .filter(|r| r.iter().any(|c| !c.is_empty()))
        .take_while(|r| {
            r.iter().filter(|c| !c.is_empty()).count() >= 2
                && !signature_row(name_col, r)
                && name_col
                    .and_then(|j| r.get(j))
                    .is_none_or(|c| !c.is_empty() && c.number.is_none())
        })
        .take(CONTENT_ROWS)
        .collect()
}

/// The text cells of column `j` of `rows` (figures left out).
fn text_cells<'a, 'g>(rows: &'a [&'g Vec<Cell>], j: usize) -> impl Iterator<Item = &'g Cell> + 'a {
    rows.iter()
        .filter_map(move |r| r.get(j))
        .filter(|c| !c.is_empty() && c.number.is_none())
}

/// The share of the text cells of column `j` of `rows` for which `test`
/// holds; 0 when fewer than two.
fn column_share(rows: &[&Vec<Cell>], j: usize, test: impl Fn(&Cell) -> bool) -> f64 {
    let values: Vec<&Cell> = text_cells(rows, j).collect();
    if values.len() < 2 {
        return 0.0;
    }
    #[allow(clippy::cast_precision_loss)]
    let share = values.iter().filter(|c| test(c)).count() as f64 / values.len() as f64;
    share
}

/// The words of column `j`'s text cells, all told.
fn words_in(rows: &[&Vec<Cell>], j: usize) -> usize {
    rows.iter()
        .filter_map(|r| r.get(j))
        .filter(|c| c.number.is_none())
        .map(|c| c.fold().split(' ').filter(|w| !w.is_empty()).count())
        .sum()
}

/// Whether a text has the shape of a person's full name: two to five
/// words of letters, opening with a Vietnamese family name (group `ho`),
/// after any honorific or title.
fn person_shape(v: &Vocabulary, text: &str) -> bool {
    let (_, name) = split_honorific(v, text);
    let name = strip_title(v, &name);
    let words: Vec<&str> = name.split_whitespace().collect();
    (2..=5).contains(&words.len())
        && words.iter().all(|w| w.chars().all(char::is_alphabetic))
        && is_family_name(v, words[0])
}

/// A Vietnamese family name (group `ho`), written with a capital and with
/// its marks (`Trương`, not `trường`).
fn is_family_name(v: &Vocabulary, word: &str) -> bool {
    if !word.chars().next().is_some_and(char::is_uppercase) {
        return false;
    }
    let fold = fold_key(word);
    v.whole("ho", &fold).is_some() && {
        let key = tonghop_text::match_key(word);
        v.terms("ho")
            .filter(|t| t.key == fold)
            .any(|t| tonghop_text::match_key(&t.word) == key)
    }
}

/// Whether a text (its fold key) names an organisation or a part of one:
/// it opens with a word that opens such names (`Phòng`, `Khoa`, `Tổ`, `Công đoàn`…; group
/// `to_chuc`).
fn org_shape_fold(v: &Vocabulary, f: &str) -> bool {
    v.opening("to_chuc", f).is_some() || v.opening("mo_dau_don_vi", f).is_some()
}

/// Gives a role to the columns whose header named none, from their values
/// in the rows below the header: a column of level words (`Tỉnh`, `cấp
/// Khối`, `CS`) is the level (unless levels are ticked), one of category
/// words or abbreviations (`Y tế`, `CCHC`) the category — each when at least
/// seven values in ten say so and the role is not taken. Returns each
/// column's evidence (empty where the header decided).
fn content_roles(
    v: &Vocabulary,
    subject: Subject,
    grid: &Grid,
    start: usize,
    columns: &mut Vec<Option<Field>>,
    conflicts: &mut Vec<usize>,
    taxonomy: &tonghop_text::codes::Taxonomy,
) -> Vec<String> {
    use tonghop_text::codes::CategoryFit;
    let name_col = columns
        .iter()
        .position(|c| matches!(c, Some(Field::ModelName | Field::PersonName)));
    let rows = list_rows(grid, start, name_col);
    let width = rows
        .iter()
        .map(|r| r.len())
        .max()
        .unwrap_or(0)
        .max(columns.len());
    columns.resize(width, None);
    let mut evidence = vec![String::new(); width];
    let ticked = columns
        .iter()
        .any(|c| matches!(c, Some(Field::LevelTick(_))));
    // A header and its column's content disagreeing (`Kết quả công nhận`
    // over a column of levels, read as a status by its header): nine values
    // in ten of the other role, which no column has, and the content wins.
    for j in 0..width {
        let Some(said) = columns[j] else { continue };
        if !matches!(
            said,
            Field::Status
                | Field::Commendation
                | Field::Rating
                | Field::RatingYear(_)
                | Field::Position
        ) {
            continue;
        }
        let values: Vec<&Cell> = text_cells(&rows, j).collect();
        let n = values.len();
        if n < 2 {
            continue;
        }
        let levels = values.iter().filter(|c| v.level(&c.text).is_some()).count();
        let orgs = values
            .iter()
            .filter(|c| org_shape_fold(v, c.fold()))
            .count();
        let (field, hits, what) = if levels * 10 >= n * 9 {
            (Field::Level, levels, "ghi một cấp")
        } else if orgs * 10 >= n * 9 && said != Field::Position {
            (Field::Owner, orgs, "ghi tên một tổ chức, bộ phận")
        } else {
            continue;
        };
        let taken = columns.contains(&Some(field)) || (field == Field::Level && ticked);
        if taken {
            continue;
        }
        columns[j] = Some(field);
        conflicts.push(j);
        evidence[j] = format!(
            "tiêu đề chỉ {} nhưng theo nội dung: {hits}/{n} ô {what}; đọc theo nội dung",
            said.label()
        );
    }
    // Per column: how many of its text cells name an organisation, of how many.
    let org_share: Vec<(usize, usize)> = (0..width)
        .map(|j| {
            if columns[j].is_some() {
                return (0, 0);
            }
            let texts = text_cells(&rows, j);
            texts.fold((0, 0), |(h, m), c| {
                (h + usize::from(org_shape_fold(v, c.fold())), m + 1)
            })
        })
        .collect();
    // Of the columns whose values mostly name a level, the one whose values
    // are least often organisations' names (`Văn phòng, Thanh tra tỉnh`
    // holds `tỉnh`; `Đảng bộ Khối` is a level), the first among equals.
    let level_pick = (0..width)
        .filter(|&j| columns[j].is_none())
        .filter_map(|j| {
            let values: Vec<&Cell> = text_cells(&rows, j).collect();
            let n = values.len();
            let levels = values.iter().filter(|c| v.level(&c.text).is_some()).count();
            (n >= 2 && levels * 10 >= n * 7).then(|| {
                let (orgs, m) = org_share[j];
                // Share of levels less share of organisations, in thousandths.
                let score = (levels * 1000 / n) as i64 - (orgs * 1000 / m.max(1)) as i64;
                (j, score)
            })
        })
        .fold(None::<(usize, i64)>, |best, (j, sc)| match best {
            Some((_, b)) if b >= sc => best,
            _ => Some((j, sc)),
        })
        .map(|(j, _)| j);
    for j in 0..width {
        if columns[j].is_some() {
            continue;
        }
        let values: Vec<&Cell> = text_cells(&rows, j).collect();
        let n = values.len();
        if n < 2 {
            continue;
        }
        let most = |hits: usize| hits * 10 >= n * 7;
        let levels = values.iter().filter(|c| v.level(&c.text).is_some()).count();
        if !ticked
            && !columns.contains(&Some(Field::Level))
            && most(levels)
            && level_pick == Some(j)
        {
            columns[j] = Some(Field::Level);
            evidence[j] = format!("theo nội dung: {levels}/{n} ô ghi một cấp");
            continue;
        }
        // Category labels are short; a column of long texts (names, owners)
        // that happen to hold a category's word is not a category column.
        let short = values
            .iter()
            .filter(|c| c.text.split_whitespace().count() <= 8)
            .count();
        // A column of organisations' names (`Khoa Nội, Sở Y tế`) is the
        // owner or workplace — before categories: `Bộ phận một cửa` holds a
        // category's words.
        let (orgs, _) = org_share[j];
        // Of two columns of organisations' names (a position such as `Chi
        // hội trưởng` opens like one), the one that is so more often.
        // On a tie, the column of longer texts (`Chi đoàn Cục Thuế, Sở Tài
        // chính` beside `Hội viên`).
        let rival = (j + 1..width).any(|k| {
            let (hits, m) = org_share[k];
            columns[k].is_none()
                && (hits * n > orgs * m.max(1)
                    || (hits * n == orgs * m.max(1) && words_in(&rows, k) > words_in(&rows, j)))
        });
        if !columns.contains(&Some(Field::Owner)) && most(orgs) && !rival {
            columns[j] = Some(Field::Owner);
            evidence[j] = format!("theo nội dung: {orgs}/{n} ô ghi tên một tổ chức, bộ phận");
            continue;
        }
        // Only models have a category.
        if subject == Subject::Exemplar {
            continue;
        }
        let categories = values
            .iter()
            .filter(|c| {
                !org_shape_fold(v, c.fold())
                    && !matches!(taxonomy.classify(&c.text), CategoryFit::Unknown)
            })
            .count();
        if !columns.contains(&Some(Field::Category)) && most(categories) && most(short) {
            columns[j] = Some(Field::Category);
            evidence[j] = format!("theo nội dung: {categories}/{n} ô ghi một loại mô hình");
        }
    }
    // Row numbers: 1, 2, 3… as numbers or as `01`, `1.`.
    if !columns.contains(&Some(Field::RowNumber)) {
        for j in 0..width {
            if columns[j].is_some() {
                continue;
            }
            let keys: Vec<Option<u32>> = rows
                .iter()
                .filter_map(|r| r.get(j))
                .filter(|c| !c.is_empty())
                .map(|c| {
                    c.number
                        .filter(|n| n.fract() == 0.0 && *n >= 1.0 && *n < 10_000.0)
                        .map(|n| n as u32)
                        .or_else(|| c.text.trim().trim_end_matches('.').parse().ok())
                })
                .collect();
            let seq: Vec<u32> = keys.iter().flatten().copied().collect();
            if seq.len() >= 2
                && seq.len() * 10 >= keys.len() * 7
                && seq.first() == Some(&1)
                && seq.windows(2).all(|w| w[1] > w[0])
            {
                columns[j] = Some(Field::RowNumber);
                evidence[j] = format!("theo nội dung: {} ô đánh số thứ tự 1, 2, 3…", seq.len());
                break;
            }
        }
    }
    evidence
}

/// A column-key row under a header: `(1) (2) (3)`, `1 2 3 …`, or letters
/// and numbers (`A | B | 1 | 2 | 3`, `(A) (B) (C)`): at least three short
/// keys, the letters in order, the numbers in order.
fn is_numbering(cells: &[Cell]) -> bool {
    let keys: Vec<Option<Key>> = cells
        .iter()
        .filter(|c| !c.is_empty())
        .map(|c| key_of(&c.text))
        .collect();
    if keys.len() < 3 || keys.iter().any(Option::is_none) {
        return false;
    }
    let keys: Vec<Key> = keys.into_iter().flatten().collect();
    let in_order = |of: fn(&Key) -> Option<u32>| {
        let seq: Vec<u32> = keys.iter().filter_map(of).collect();
        seq.windows(2).all(|w| w[1] == w[0] + 1)
    };
    in_order(|k| match k {
        Key::Number(n) => Some(*n),
        Key::Letter(_) => None,
    }) && in_order(|k| match k {
        Key::Letter(l) => Some(*l),
        Key::Number(_) => None,
    })
}

/// One key of a column-key row.
enum Key {
    Number(u32),
    Letter(u32),
}

fn key_of(text: &str) -> Option<Key> {
    let t = text
        .trim()
        .trim_start_matches('(')
        .trim_end_matches(')')
        .trim();
    if let Ok(n) = t.parse::<u32>() {
        return (n < 100).then_some(Key::Number(n));
    }
    let mut chars = t.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) if c.is_ascii_alphabetic() => {
            Some(Key::Letter(u32::from(c.to_ascii_uppercase())))
        }
        _ => None,
    }
}

fn is_footer_start(v: &Vocabulary, first: &str) -> bool {
    v.opening("cuoi", first).is_some()
}

const ROMAN: &[&str] = &["i", "ii", "iii", "iv", "v", "vi", "a", "b", "c"];

/// The subject a text names (group `doi_tuong`): an exemplar's strong words
/// (`cá nhân`, `gương`), else a model's (`mô hình`, `tập thể`), else an
/// exemplar's weak ones (`điển hình tiên tiến`).
fn subject_in(v: &Vocabulary, fold: &str) -> Option<Subject> {
    use tonghop_text::vocab::Kind;
    let found = v.within("doi_tuong", fold);
    let any = |code: &str, weak: bool| {
        found
            .iter()
            .any(|t| t.code == code && (t.kind == Kind::Weak) == weak)
    };
    if any("dien_hinh", false) {
        Some(Subject::Exemplar)
    } else if any("mo_hinh", false) {
        Some(Subject::Model)
    } else if any("dien_hinh", true) {
        Some(Subject::Exemplar)
    } else {
        None
    }
}

/// `I. MÔ HÌNH TẬP THỂ`, `II | ĐIỂN HÌNH CÁ NHÂN`, or, once lists have begun, a
/// lone upper-case line naming a subject (before any list such a line is the
/// document's title).
fn section_row(v: &Vocabulary, texts: &[&Cell], in_lists: bool) -> Option<Subject> {
    if texts.len() > 2 {
        return None;
    }
    let joined = texts
        .iter()
        .map(|c| c.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    let fold = texts.iter().map(|c| c.fold()).collect::<Vec<_>>().join(" ");
    let first_word = fold.split(' ').next().unwrap_or("");
    let raw_first = joined
        .split([' ', '.', ')', '-', '–', ':'])
        .next()
        .unwrap_or("");
    let roman = ROMAN.contains(&first_word)
        && raw_first.chars().all(|c| c.is_ascii_uppercase())
        && fold.split(' ').count() > 1;
    // Other markers of a part, in one cell with its words: `B. …`, `2. …`,
    // `Phần thứ hai: …` (group `muc`).
    let lone = texts.len() == 1 && fold.split(' ').count() > 1;
    let after = joined.trim_start().get(raw_first.len()..).unwrap_or("");
    let marked = after.starts_with(['.', ')', '-', '–', ':'])
        && ((raw_first.chars().count() == 1 && raw_first.chars().all(|c| c.is_ascii_uppercase()))
            || (!raw_first.is_empty() && raw_first.chars().all(|c| c.is_ascii_digit())));
    // A figure after the marker makes it a statement of totals (`1. Số mô
    // hình đăng ký: 7`), not a part.
    // (`Mục 2: …` has its part's number after the word.)
    let figure = if marked {
        after.chars().any(|c| c.is_ascii_digit())
    } else {
        fold.split(' ')
            .skip(2)
            .any(|w| w.bytes().any(|b| b.is_ascii_digit()))
    };
    let roman = roman || (lone && !figure && (marked || v.opening("muc", &fold).is_some()));
    let upper = in_lists
        && joined.chars().any(char::is_alphabetic)
        && joined
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase)
        && joined.chars().count() < 80;
    if roman || upper {
        subject_in(v, &fold)
    } else {
        None
    }
}

/// `Cộng`, `Tổng cộng`, `Tổng số` rows with a figure.
fn total_row(
    v: &Vocabulary,
    texts: &[&Cell],
    current: Option<Subject>,
) -> Option<(Subject, i64, String)> {
    let head = texts
        .iter()
        .take(2)
        .map(|c| c.fold())
        .find(|f| !f.chars().all(|c| c.is_ascii_digit()))?;
    // By shape, whatever its words (`Tất cả | 7`, `Tổng toàn đơn vị | 7`): a
    // short label and a whole number after it, nothing else on the row, in
    // a list (an entry has its row number before its name, not after).
    let by_shape = current.is_some()
        && texts.len() == 2
        && texts[0].number.is_none()
        && texts[1]
            .number
            .is_some_and(|n| n >= 0.0 && n.fract() == 0.0)
        && !texts[0].fold().is_empty()
        && texts[0].fold().split(' ').count() <= 4
        && !texts[0].fold().chars().any(|c| c.is_ascii_digit());
    // `Cộng`, `Tổng cộng: 7`, `Tổng số 7 mô hình` — but not a name that opens
    // with the word `công` (`Công sở xanh - sạch - đẹp`).
    if !by_shape {
        let word = v.opening("tong", head)?;
        let rest = head[word.key.len()..].trim_start();
        let rest_ok = rest.is_empty()
            || rest.starts_with(|c: char| c.is_ascii_digit())
            || v.opening("doi_tuong", rest).is_some();
        if !rest_ok {
            return None;
        }
    }
    let text = texts
        .iter()
        .map(|c| c.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    let value = texts
        .iter()
        .find_map(|c| c.number)
        .or_else(|| first_integer(&fold_key(&text)).map(|v| v as f64))?;
    #[allow(clippy::cast_possible_truncation)]
    let value = value.round() as i64;
    let subject = subject_in(v, &fold_key(&text)).or(current)?;
    Some((subject, value, text))
}

fn first_integer(fold: &str) -> Option<i64> {
    fold.split(' ').find_map(|w| w.parse::<i64>().ok())
}

/// `Tổng số mô hình đăng ký: 7`, `Số gương điển hình: 12`.
#[cfg(test)]
fn stated_total_in_text(text: &str) -> Option<(Subject, i64)> {
    stated_total_in_fold(Vocabulary::builtin(), &fold_key(text))
}

fn stated_total_in_fold(v: &Vocabulary, fold: &str) -> Option<(Subject, i64)> {
    let mut words: Vec<&str> = fold.split(' ').collect();
    // A leading enumerator: `1. Số mô hình…`, `a) Tổng số…`.
    if words.len() > 1
        && (words[0].chars().all(|c| c.is_ascii_digit()) || ROMAN.contains(&words[0]))
    {
        words.remove(0);
    }
    let so = words.iter().position(|w| *w == "so")?;
    if so > 1 || (so == 1 && words[0] != "tong") {
        return None;
    }
    let rest = words[so + 1..].join(" ");
    let (subject, _) = opening_subject(v, &rest)?;
    let value = first_integer(&rest)?;
    Some((subject, value))
}

/// The subject a text opens with the words of (`mô hình…`, `cá nhân…`),
/// and how many words they are.
fn opening_subject(v: &Vocabulary, text: &str) -> Option<(Subject, usize)> {
    v.opening("doi_tuong", text).map(|t| {
        let subject = if t.code == "mo_hinh" {
            Subject::Model
        } else {
            Subject::Exemplar
        };
        (subject, t.key.split(' ').count())
    })
}

/// The figure a sentence registers: a number right after one of the
/// vocabulary's registering words (group `dang_ky`: `đăng ký`, `gồm`…) and
/// right before a subject's words (`Chi bộ đăng ký 03 mô hình: …`), when the
/// sentence states only one.
fn registered_figure(v: &Vocabulary, fold: &str) -> Option<(Subject, i64)> {
    if !fold.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    let words: Vec<&str> = fold.split(' ').collect();
    let mut found = None;
    let mut at = 0;
    for (i, w) in words.iter().enumerate() {
        at += w.len() + 1;
        let Ok(n) = w.parse::<i64>() else { continue };
        let registered = (1..=3.min(i)).any(|k| {
            let phrase = words[i - k..i].join(" ");
            v.opening("dang_ky", &phrase)
                .is_some_and(|t| t.key == phrase)
        });
        let subject = fold.get(at..).and_then(|rest| opening_subject(v, rest));
        if let (true, Some((subject, _))) = (registered, subject) {
            if found.is_some() {
                return None;
            }
            found = Some((subject, n));
        }
    }
    found
}

/// Every (subject, figure) a text states: a number followed by a subject's
/// words (`05 mô hình`) or a subject's words followed by a number (`mô hình:
/// 05`), once per subject, in reading order.
fn subject_figures(v: &Vocabulary, fold: &str) -> Vec<(Subject, i64)> {
    // Most cells hold no figure at all: nothing to look for.
    if !fold.bytes().any(|b| b.is_ascii_digit()) {
        return Vec::new();
    }
    // Words with where they start, so that "the rest from word i" is a slice.
    let words: Vec<(usize, &str)> = fold
        .split(' ')
        .scan(0, |at, w| {
            let start = *at;
            *at += w.len() + 1;
            Some((start, w))
        })
        .collect();
    let subject_at = |from: usize| {
        let &(start, _) = words.get(from)?;
        opening_subject(v, &fold[start..])
    };
    let number = |i: usize| words.get(i).and_then(|(_, w)| w.parse::<i64>().ok());
    let mut out: Vec<(Subject, i64)> = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let found = match number(i) {
            Some(n) => subject_at(i + 1).map(|(s, len)| (s, n, i + 1 + len)),
            None => subject_at(i).and_then(|(s, len)| number(i + len).map(|n| (s, n, i + len + 1))),
        };
        match found {
            Some((subject, n, next)) => {
                if !out.iter().any(|(s, _)| *s == subject) {
                    out.push((subject, n));
                }
                i = next;
            }
            None => i += 1,
        }
    }
    out
}

/// A line that says there is nothing to report: it opens with one of the
/// vocabulary's words for that (group `khong_co`) and the rest is only filler
/// (`nào`, `đăng ký`…) or words naming the subject (`mô hình`, `cá nhân`).
fn nothing_to_report(v: &Vocabulary, fold: &str) -> bool {
    let Some(open) = v.opening("khong_co", fold).filter(|t| t.code == "khong_co") else {
        return false;
    };
    let mut rest = fold[open.key.len()..].trim();
    while !rest.is_empty() {
        let next = v
            .opening("khong_co", rest)
            .filter(|t| t.code == "them")
            .or_else(|| v.opening("doi_tuong", rest));
        match next {
            Some(t) => rest = rest[t.key.len()..].trim(),
            None => return false,
        }
    }
    true
}

/// A person's name with the honorifics and titles before it taken out
/// (`Đ/c TS. Nguyễn Văn An` → (`Đ/c TS.`, `Nguyễn Văn An`)), as long as a
/// name of at least two words remains.
fn split_honorific(v: &Vocabulary, name: &str) -> (String, String) {
    let words: Vec<&str> = name.split_whitespace().collect();
    // Most names open with a family name: one look at the first word's key
    // settles them (an honorific's key opens with its first word's key).
    let first = words.first().map(|w| fold_key(w)).unwrap_or_default();
    let could_be = !first.is_empty()
        && v.terms("danh_xung").any(|t| {
            t.key
                .strip_prefix(first.as_str())
                .is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
        });
    if !could_be {
        return (String::new(), name.to_owned());
    }
    let mut cut = 0;
    'outer: loop {
        // The longest run of the next words that is one honorific.
        for take in (1..=4.min(words.len().saturating_sub(cut))).rev() {
            let key = fold_key(&words[cut..cut + take].join(" "));
            if !key.is_empty()
                && v.whole("danh_xung", &key).is_some()
                && words.len() - cut - take >= 2
            {
                cut += take;
                continue 'outer;
            }
        }
        break;
    }
    if cut == 0 {
        return (String::new(), name.to_owned());
    }
    (words[..cut].join(" "), words[cut..].join(" "))
}

/// Words before a person's family name that are no part of the name
/// (`Cô giáo`, `Bác sỹ`, `Đ.chí` before `Nguyễn Thị Hoa`): when the first
/// word is no family name (group `ho`) and one of the next three is, with at
/// least two words from it on, the words before it are a title. Returns the
/// name; see [`split_title`] for both parts.
fn strip_title(v: &Vocabulary, name: &str) -> String {
    split_title(v, name).1
}

fn split_title(v: &Vocabulary, name: &str) -> (String, String) {
    let words: Vec<&str> = name.split_whitespace().collect();
    let surname = |w: &str| is_family_name(v, w);
    if words.len() < 3 || words.first().is_none_or(|w| surname(w)) {
        return (String::new(), name.to_owned());
    }
    match (1..=3.min(words.len() - 2)).find(|&k| surname(words[k])) {
        Some(k) => (words[..k].join(" "), words[k..].join(" ")),
        None => (String::new(), name.to_owned()),
    }
}

/// A row whose row-number column holds a number and whose name column is filled.
fn is_numbered_entry(list: &List, cells: &[Cell]) -> bool {
    let numbered = list
        .col(Field::RowNumber)
        .and_then(|j| cells.get(j))
        .is_some_and(|c| c.number.is_some_and(|n| n >= 1.0 && n.fract() == 0.0));
    numbered
        && list
            .name_col()
            .and_then(|j| cells.get(j))
            .is_some_and(|c| !c.is_empty() && c.number.is_none())
}

/// The signature block's first line, by its shape: no figure on the row,
/// at most three cells, and outside the name column a title in capitals of
/// two words or more (`THỦ TRƯỞNG ĐƠN VỊ`, `XÁC NHẬN CỦA CẤP ỦY`, `T/M CHI
/// ỦY`) — values of a list are not written so.
fn signature_row(name_col: Option<usize>, cells: &[Cell]) -> bool {
    let filled = cells.iter().filter(|c| !c.is_empty()).count();
    if filled == 0 || filled > 3 || cells.iter().any(|c| c.number.is_some()) {
        return false;
    }
    cells.iter().enumerate().any(|(j, c)| {
        Some(j) != name_col && c.text.bytes().any(|b| b.is_ascii_uppercase()) && {
            let words: Vec<&str> = c
                .text
                .split(|ch: char| ch.is_whitespace() || ch == '/' || ch == '.')
                .filter(|w| w.chars().any(char::is_alphabetic))
                .collect();
            // Capitals: each word's first letter and every unaccented letter
            // (a TCVN3 title typed in `.VnTimeH` reads back with its accented
            // capitals as small letters).
            words.len() >= 2
                && words.iter().all(|w| {
                    let first = w.chars().find(|ch| ch.is_alphabetic());
                    let ascii: Vec<char> = w.chars().filter(char::is_ascii_alphabetic).collect();
                    ascii.iter().all(char::is_ascii_uppercase)
                        && (first.is_some_and(char::is_uppercase) || !ascii.is_empty())
                })
        }
    })
}

/// Whether two entries on consecutive rows of one list have a field (owner,
/// position, category, level as written, or an unmapped column kept in
/// `extra`) filled on the first and blank on the second: what a cell merged
/// down the rows looks like to the reader.
fn blank_under_filled(rows: &[SourceRow]) -> bool {
    rows.windows(2).any(|w| {
        let (Some(a), Some(b)) = (&w[0].entry, &w[1].entry) else {
            return false;
        };
        w[0].kind == w[1].kind
            && w[1].row == w[0].row + 1
            && [
                (&a.owner, &b.owner),
                (&a.position, &b.position),
                (&a.category, &b.category),
                (&a.level, &b.level),
            ]
            .iter()
            .any(|(x, y)| !x.is_empty() && y.is_empty())
            || a.extra
                .iter()
                .any(|(h, _)| !b.extra.iter().any(|(k, _)| k == h))
    })
}

fn is_tick(v: &Vocabulary, cell: &Cell) -> bool {
    let key = if cell.fold().is_empty() {
        cell.text.trim()
    } else {
        cell.fold()
    };
    v.whole("danh_dau", key).is_some()
}

/// The year a header names: `2021`, `Năm 2021`, `Xếp loại năm 2021` (one
/// year, of four digits).
fn header_year(fold: &str) -> Option<u16> {
    let years: Vec<u16> = fold
        .split(|c: char| !c.is_ascii_digit())
        .filter(|d| d.len() == 4)
        .filter_map(|d| d.parse().ok())
        .filter(|y| (1975..=2100).contains(y))
        .collect();
    match years.as_slice() {
        [y] => Some(*y),
        _ => None,
    }
}

/// A row's ratings as one text: each year's column as `2021: …`, then the
/// rating column as written, parts separated by `; `.
fn ratings_of(list: &List, cells: &[Cell]) -> String {
    let mut parts: Vec<String> = Vec::new();
    for (j, f) in list.columns.iter().enumerate() {
        let Some(c) = cells.get(j).filter(|c| !c.is_empty()) else {
            continue;
        };
        match f {
            Some(Field::RatingYear(y)) => parts.push(format!("{y}: {}", c.text)),
            Some(Field::Rating) => parts.push(c.text.clone()),
            _ => {}
        }
    }
    parts.join("; ")
}

fn entry_of(v: &Vocabulary, list: &List, cells: &[Cell]) -> Option<Entry> {
    let get = |f: Field| -> String {
        list.col(f)
            .and_then(|j| cells.get(j))
            .map(|c| c.text.clone())
            .unwrap_or_default()
    };
    let name_cell = list.name_col().and_then(|j| cells.get(j));
    // A name with no letter or digit (`...`, `-`) is no name; a line saying
    // there is nothing to report (`Không có`, `Chưa có mô hình nào`) is no entry.
    if name_cell
        .is_some_and(|c| !c.is_empty() && (c.fold().is_empty() || nothing_to_report(v, c.fold())))
    {
        return None;
    }
    let mut name = name_cell.map(|c| c.text.clone()).unwrap_or_default();
    let mut honorific = String::new();
    if list.subject == Subject::Exemplar {
        (honorific, name) = split_honorific(v, &name);
        let (title, rest) = split_title(v, &name);
        if !title.is_empty() {
            honorific = [honorific.as_str(), title.as_str()]
                .iter()
                .filter(|t| !t.is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join(" ");
            name = rest;
        }
    }
    let mut entry = Entry {
        name,
        owner: get(Field::Owner),
        position: get(Field::Position),
        category: get(Field::Category),
        level: get(Field::Level),
        status: get(Field::Status),
        commendation: get(Field::Commendation),
        ratings: ratings_of(list, cells),
        extra: Vec::new(),
    };
    let ticks: Vec<&str> = list
        .columns
        .iter()
        .enumerate()
        .filter_map(|(j, f)| match f {
            Some(Field::LevelTick(l)) if cells.get(j).is_some_and(|c| is_tick(v, c)) => {
                Some(l.label())
            }
            _ => None,
        })
        .collect();
    if entry.level.is_empty() && !ticks.is_empty() {
        entry.level = ticks.join("; ");
    }
    for (j, c) in cells.iter().enumerate() {
        if list.columns.get(j).copied().flatten().is_none() && !c.is_empty() {
            // Unmapped columns are kept under their own header.
            let header = list
                .headers
                .get(j)
                .filter(|h| !h.is_empty())
                .cloned()
                .unwrap_or_else(|| format!("cột {}", j + 1));
            entry.extra.push((header, c.text.clone()));
        }
    }
    if !honorific.is_empty() {
        entry.extra.push(("danh xưng".to_owned(), honorific));
    }
    let row_number_only = list
        .col(Field::RowNumber)
        .and_then(|j| cells.get(j))
        .is_some_and(|c| !c.is_empty())
        && entry.name.is_empty()
        && entry.owner.is_empty()
        && entry.position.is_empty();
    if entry.name.is_empty()
        && (row_number_only
            || (entry.owner.is_empty() && entry.position.is_empty() && entry.category.is_empty()))
    {
        return None;
    }
    Some(entry)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_by_synonym() {
        assert_eq!(
            classify_header("Tên mô hình, cách làm"),
            Some(Field::ModelName)
        );
        assert_eq!(classify_header("Họ và tên"), Some(Field::PersonName));
        assert_eq!(classify_header("Đơn vị thực hiện"), Some(Field::Owner));
        assert_eq!(classify_header("Chủ thể"), Some(Field::Owner));
        assert_eq!(classify_header("Cấp đăng ký"), Some(Field::Level));
        assert_eq!(classify_header("Tỉnh"), Some(Field::LevelTick(Level::Tinh)));
        assert_eq!(
            classify_header("Cơ sở"),
            Some(Field::LevelTick(Level::CoSo))
        );
        assert_eq!(classify_header("STT"), Some(Field::RowNumber));
        assert_eq!(classify_header("Xếp loại"), Some(Field::Rating));
        assert_eq!(classify_header("Ghi chú"), Some(Field::Status));
        assert_eq!(classify_header("Trường học hạnh phúc"), None);
    }

    #[test]
    fn figures_registered_in_a_sentence() {
        let f = |t: &str| registered_figure(Vocabulary::builtin(), &fold_key(t));
        assert_eq!(
            f("Năm 2023, Chi bộ đăng ký 03 mô hình: Tủ sách pháp luật; Một cửa"),
            Some((Subject::Model, 3))
        );
        assert_eq!(
            f("Đảng bộ đăng ký xây dựng 12 mô hình cấp cơ sở"),
            Some((Subject::Model, 12))
        );
        assert_eq!(
            f("Về điển hình, chi bộ lựa chọn 05 cá nhân tiêu biểu"),
            Some((Subject::Exemplar, 5))
        );
        assert_eq!(f("Danh sách gồm 04 tập thể"), Some((Subject::Model, 4)));
        // No registering word before the figure, or no subject after it.
        assert_eq!(f("Năm 2023 có 02 mô hình được công nhận cấp tỉnh"), None);
        assert_eq!(f("Chi bộ có 25 đảng viên, đăng ký 25 bản cam kết"), None);
        assert_eq!(f("Kế hoạch số 12 về xây dựng mô hình"), None);
        // Two figures registered in one sentence: not one total.
        assert_eq!(f("đăng ký 03 mô hình, năm sau đăng ký 04 mô hình"), None);
    }

    #[test]
    fn stated_totals_in_words() {
        assert_eq!(
            stated_total_in_text("Tổng số mô hình đăng ký: 7"),
            Some((Subject::Model, 7))
        );
        assert_eq!(
            stated_total_in_text("Số gương điển hình: 12"),
            Some((Subject::Exemplar, 12))
        );
        assert_eq!(stated_total_in_text("Số TT"), None);
        assert_eq!(stated_total_in_text("Mô hình số 5"), None);
        assert_eq!(
            stated_total_in_text("1. Số mô hình đăng ký thực hiện: 12"),
            Some((Subject::Model, 12))
        );
    }

    #[test]
    fn one_cell_with_two_subjects_totals() {
        let f = |t: &str| subject_figures(Vocabulary::builtin(), &fold_key(t));
        assert_eq!(
            f("Tổng số: 05 mô hình, 02 điển hình"),
            vec![(Subject::Model, 5), (Subject::Exemplar, 2)]
        );
        assert_eq!(
            f("Đăng ký: mô hình 7; cá nhân 12"),
            vec![(Subject::Model, 7), (Subject::Exemplar, 12)]
        );
        assert_eq!(f("Tổng số mô hình đăng ký: 7"), vec![]);
        assert_eq!(f("Mô hình số 5"), vec![]);
    }

    #[test]
    fn nothing_to_report_and_honorifics() {
        let k = |t: &str| fold_key(t);
        assert!(nothing_to_report(Vocabulary::builtin(), &k("Không có")));
        assert!(nothing_to_report(
            Vocabulary::builtin(),
            &k("Chưa có mô hình nào đăng ký")
        ));
        assert!(nothing_to_report(
            Vocabulary::builtin(),
            &k("Không có cá nhân nào")
        ));
        assert!(!nothing_to_report(
            Vocabulary::builtin(),
            &k("Không có rác thải nhựa")
        ));
        assert!(!nothing_to_report(
            Vocabulary::builtin(),
            &k("Nói không với tiêu cực")
        ));
        assert_eq!(
            split_honorific(Vocabulary::builtin(), "Đ/c Nguyễn Văn An"),
            ("Đ/c".to_owned(), "Nguyễn Văn An".to_owned())
        );
        assert_eq!(
            split_honorific(Vocabulary::builtin(), "Đồng chí TS. Lê Thị Hoà"),
            ("Đồng chí TS.".to_owned(), "Lê Thị Hoà".to_owned())
        );
        assert_eq!(
            split_honorific(Vocabulary::builtin(), "Bà Lan").1,
            "Bà Lan",
            "a name must remain"
        );
        assert_eq!(
            split_honorific(Vocabulary::builtin(), "Nguyễn Văn Anh").1,
            "Nguyễn Văn Anh"
        );
    }

    /// Headers worded in none of the vocabulary's ways, and none of the
    /// generator's held-out words either: read by their words.
    #[test]
    fn headers_by_their_words() {
        let v = Vocabulary::builtin();
        let role = |t: &str| classify_fold(v, &fold_key(t));
        assert_eq!(role("Tên gọi của mô hình"), Some(Field::ModelName));
        assert_eq!(role("Phân nhóm theo lĩnh vực"), Some(Field::Category));
        assert_eq!(role("Được đăng ký ở cấp"), Some(Field::Level));
        assert_eq!(role("Bộ phận được giao thực hiện"), Some(Field::Owner));
        assert_eq!(role("S T T"), Some(Field::RowNumber));
        assert_eq!(role("Kinh phí"), None);
        assert!(name_cue(v, &fold_key("Tên người")));
        assert!(name_cue(v, &fold_key("Tên sáng kiến")));
        assert!(!name_cue(v, &fold_key("Điện lực tỉnh")));
        assert!(header_like(v, &fold_key("Nơi đang làm việc")));
        assert!(!header_like(v, &fold_key("Kinh phí dự kiến")));
    }

    #[test]
    fn titles_before_a_family_name_and_name_shapes() {
        let v = Vocabulary::builtin();
        assert_eq!(
            split_title(v, "Nhà báo Lê Văn Tám"),
            ("Nhà báo".to_owned(), "Lê Văn Tám".to_owned())
        );
        assert_eq!(split_title(v, "Dược sỹ HOÀNG THỊ LAN").1, "HOÀNG THỊ LAN");
        assert_eq!(split_title(v, "Mai Thu Lan").1, "Mai Thu Lan");
        assert_eq!(
            split_title(v, "Giáo viên Lan").1,
            "Giáo viên Lan",
            "a name must remain"
        );
        assert!(person_shape(v, "Cô giáo Trần Thị Hoa"));
        assert!(!person_shape(v, "Phòng Kế toán, Sở Tài chính"));
        assert!(!person_shape(v, "Trường học hạnh phúc"));
        assert!(org_shape_fold(v, &fold_key("Khoa Nội, Bệnh viện tỉnh")));
        assert!(!org_shape_fold(v, &fold_key("Chuyên viên")));
    }

    #[test]
    fn signature_blocks_totals_and_parts_by_shape() {
        let cells = |v: &[&str]| -> Vec<Cell> { v.iter().map(|t| Cell::text(t)).collect() };
        assert!(signature_row(
            Some(1),
            &cells(&["", "Người lập bảng", "", "GIÁM ĐỐC CÔNG TY"])
        ));
        // A title typed in TCVN3 capitals reads back with small accented letters.
        assert!(signature_row(
            Some(1),
            &cells(&["", "", "", "XáC NHậN CủA CấP ủY"])
        ));
        assert!(!signature_row(
            Some(1),
            &cells(&["1", "Lò Văn Thành", "SXKD", "Khối"])
        ));
        assert!(!signature_row(
            Some(1),
            &cells(&["", "NGUYỄN VĂN AN", "Kế toán"])
        ));
        let v = Vocabulary::builtin();
        let row = |t: &[&str]| -> Vec<Cell> { cells(t) };
        let total = |r: &[Cell]| {
            let texts: Vec<&Cell> = r.iter().filter(|c| !c.is_empty()).collect();
            total_row(v, &texts, Some(Subject::Model)).map(|(_, n, _)| n)
        };
        assert_eq!(total(&row(&["Toàn bộ", "9"])), Some(9));
        assert_eq!(total(&row(&["3", "Trường học hạnh phúc"])), None);
        let part = |t: &str| section_row(v, &[&Cell::text(t)], true);
        assert_eq!(part("C. Tập thể được biểu dương"), Some(Subject::Model));
        assert_eq!(part("Mục 2: cá nhân xuất sắc"), Some(Subject::Exemplar));
        assert_eq!(part("3. Gương người tốt việc tốt"), Some(Subject::Exemplar));
        assert_eq!(part("Phan Văn Khải"), None);
    }

    #[test]
    fn totals_are_not_names() {
        let cells = |v: &[&str]| -> Vec<Cell> { v.iter().map(|t| Cell::text(t)).collect() };
        let row = cells(&["2", "Công sở xanh - sạch - đẹp", "Văn phòng"]);
        let refs: Vec<&Cell> = row.iter().collect();
        assert!(total_row(Vocabulary::builtin(), &refs, Some(Subject::Model)).is_none());
        let row = cells(&["Cộng", "7"]);
        let refs: Vec<&Cell> = row.iter().collect();
        assert_eq!(
            total_row(Vocabulary::builtin(), &refs, Some(Subject::Model)).map(|t| t.1),
            Some(7)
        );
        let row = cells(&["Tổng cộng: 12 mô hình"]);
        let refs: Vec<&Cell> = row.iter().collect();
        assert_eq!(
            total_row(Vocabulary::builtin(), &refs, Some(Subject::Exemplar)).map(|t| (t.0, t.1)),
            Some((Subject::Model, 12))
        );
        let row = cells(&["Tổng cộng: 12 gương cá nhân"]);
        let refs: Vec<&Cell> = row.iter().collect();
        assert_eq!(
            total_row(Vocabulary::builtin(), &refs, Some(Subject::Model)).map(|t| (t.0, t.1)),
            Some((Subject::Exemplar, 12))
        );
    }

    #[test]
    fn numbering_rows() {
        let row: Vec<Cell> = ["(1)", "(2)", "(3)", "(4)"]
            .iter()
            .map(|t| Cell {
                text: (*t).to_owned(),
                ..Cell::default()
            })
            .collect();
        assert!(is_numbering(&row));
        let not: Vec<Cell> = ["1", "Mô hình", "x"]
            .iter()
            .map(|t| Cell {
                text: (*t).to_owned(),
                ..Cell::default()
            })
            .collect();
        assert!(!is_numbering(&not));
        let keys = |v: &[&str]| -> Vec<Cell> { v.iter().map(|t| Cell::text(t)).collect() };
        assert!(is_numbering(&keys(&["A", "B", "1", "2", "3"])));
        assert!(is_numbering(&keys(&["(A)", "(B)", "(C)", "(D)"])));
        assert!(is_numbering(&keys(&["A", "B", "C", "1", "2"])));
        assert!(!is_numbering(&keys(&["A", "C", "1", "2", "3"])));
        assert!(!is_numbering(&keys(&["1", "Nguyễn Văn A", "x"])));
    }
}
