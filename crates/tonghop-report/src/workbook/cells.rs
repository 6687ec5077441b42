//! Cells, formats and columns: what every sheet is written with.

use rust_xlsxwriter::{ExcelDateTime, Format, FormatAlign, FormatBorder, Worksheet, XlsxError};
use std::borrow::Cow;
use tonghop_core::Date;

const FONT: &str = "Times New Roman";
/// The size of every cell's text (points); titles are larger.
const TEXT_PT: f64 = 12.0;

/// A cell. Text borrowed from the frames where it can be: a million rows are
/// not copied once more before the writer copies them.
#[derive(Clone)]
pub(super) enum V<'a> {
    T(Cow<'a, str>),
    N(f64),
    D(Date),
    Blank,
}

impl<'a> From<&'a str> for V<'a> {
    fn from(s: &'a str) -> V<'a> {
        V::T(Cow::Borrowed(s))
    }
}
impl From<String> for V<'_> {
    fn from(s: String) -> Self {
        V::T(Cow::Owned(s))
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

impl V<'_> {
    /// The text the cell shows, as far as its width goes.
    fn shown(&self) -> Cow<'_, str> {
        match self {
            V::T(s) => Cow::Borrowed(s.as_ref()),
            // With thousands separators: a comma a digit wide is near enough.
            V::N(x) => {
                // Counts and row numbers, formatted as integers: the exact
                // float formatting cost more than measuring the text.
                #[allow(clippy::cast_possible_truncation)]
                let digits = if x.fract() == 0.0 && x.abs() < 1e15 {
                    (*x as i64).to_string()
                } else {
                    format!("{x:.0}")
                };
                let commas = digits.len().saturating_sub(1) / 3;
                Cow::Owned(digits + &"0".repeat(commas))
            }
            V::D(_) => Cow::Borrowed("00/00/0000"),
            V::Blank => Cow::Borrowed(""),
        }
    }
}

pub(super) struct Formats {
    pub(super) title: Format,
    /// A title over a table: wrapped within the table's width.
    pub(super) heading: Format,
    pub(super) header: Format,
    /// Text and numbers: one format (a number format does not change how
    /// text shows), so that a row's cells are formatted in few runs.
    plain: Format,
    wrap: Format,
    date: Format,
    pub(super) bold_number: Format,
}

impl Formats {
    pub(super) fn new() -> Formats {
        let base = Format::new().set_font_name(FONT).set_font_size(TEXT_PT);
        // Cells sit at the top: rows where a long text wraps stay readable.
        let cell = base
            .clone()
            .set_border(FormatBorder::Thin)
            .set_align(FormatAlign::Top);
        let title = base.clone().set_bold().set_font_size(14);
        Formats {
            heading: title
                .clone()
                .set_text_wrap()
                .set_align(FormatAlign::Left)
                .set_align(FormatAlign::Top),
            title,
            header: cell
                .clone()
                .set_bold()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter)
                .set_text_wrap()
                .set_background_color(0x00D9_E1F2),
            plain: cell.clone().set_num_format("#,##0"),
            wrap: cell.clone().set_text_wrap(),
            date: cell.clone().set_num_format("dd/mm/yyyy"),
            bold_number: cell.set_bold().set_num_format("#,##0"),
        }
    }
}

/// The most characters Excel keeps in a cell; longer text is cut here (it
/// stays whole in the parquet files, and ingest has said so in a finding).
const CELL_CHARS: usize = 32_767;

/// `s` cut to what a cell holds, with a mark that it was cut.
pub(super) fn fit(s: &str) -> Cow<'_, str> {
    if s.len() <= CELL_CHARS || s.chars().count() <= CELL_CHARS {
        return Cow::Borrowed(s);
    }
    const MARK: &str = " …[đã cắt bớt, xem data/*.parquet]";
    let keep = CELL_CHARS - MARK.chars().count();
    let mut cut: String = s.chars().take(keep).collect();
    cut.push_str(MARK);
    Cow::Owned(cut)
}

pub(super) fn col(j: usize) -> u16 {
    u16::try_from(j).unwrap_or(u16::MAX)
}

/// A character's advance in Times New Roman, in thousandths of its size
/// (the font's own metrics, which Liberation Serif shares). A letter with
/// Vietnamese marks advances as its base letter (ơ and ư a little more).
fn advance(c: char) -> u32 {
    const LOWER: [u32; 26] = [
        444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500, 278, 778, 500, 500, 500, 500, 333,
        389, 278, 500, 500, 722, 500, 500, 444,
    ];
    const UPPER: [u32; 26] = [
        722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889, 722, 722, 556, 722, 667,
        556, 611, 722, 722, 944, 722, 722, 611,
    ];
    match c {
        'a'..='z' => LOWER[c as usize - 'a' as usize],
        'A'..='Z' => UPPER[c as usize - 'A' as usize],
        '0'..='9' | '_' | '#' | '$' | '*' | '+' | '=' | '<' | '>' | '~' | '?' => 500,
        ' ' | '.' | ',' => 250,
        ':' | ';' | '/' | '\'' | '!' => 278,
        '-' | '(' | ')' | '[' | ']' | '{' | '}' => 333,
        '"' => 408,
        '&' => 778,
        '%' => 833,
        '—' | '…' => 1000,
        '–' | '→' => 800,
        c => vietnamese(c).unwrap_or_else(|| other(c)),
    }
}

/// The advance of a character with no metrics of its own here.
fn other(c: char) -> u32 {
    if c.is_uppercase() {
        722
    } else {
        500
    }
}

/// The letters with Vietnamese marks by base letter: their advance small and
/// capital.
const MARKED: [(&str, u16, u16); 9] = [
    ("àáảãạăằắẳẵặâầấẩẫậ", 444, 722),
    ("èéẻẽẹêềếểễệ", 444, 611),
    ("ìíỉĩị", 278, 333),
    ("òóỏõọôồốổỗộ", 500, 722),
    ("ơờớởỡợ", 560, 780),
    ("ùúủũụ", 500, 722),
    ("ưừứửữự", 560, 780),
    ("ỳýỷỹỵ", 500, 722),
    ("đ", 500, 722),
];

/// The advance of a Vietnamese letter with marks: that of its base letter
/// (none for a character that is not one).
fn vietnamese(c: char) -> Option<u32> {
    let base = c.to_lowercase().next()?;
    MARKED
        .iter()
        .find(|(letters, _, _)| letters.contains(base))
        .map(|&(_, lower, upper)| u32::from(if c.is_uppercase() { upper } else { lower }))
}

/// Every character up to U+1EFF (ASCII, Latin with its marks, Vietnamese)
/// and its advance, looked up in a table made once: a row's widths and
/// height measure every character of every cell (issue 21).
fn advance_of(c: char) -> u32 {
    const LAST: u32 = 0x1EFF;
    static TABLE: std::sync::OnceLock<Vec<u16>> = std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| {
        // Every character as it would be without marks, then the letters
        // with marks over it (no marked letter is ASCII).
        let narrow = |a: u32| u16::try_from(a).unwrap_or(u16::MAX);
        let mut table: Vec<u16> = (0..=LAST)
            .map(|code| match char::from_u32(code) {
                Some(c) if c.is_ascii() => narrow(advance(c)),
                Some(c) => narrow(other(c)),
                None => 500,
            })
            .collect();
        for (letters, lower, upper) in MARKED {
            for l in letters.chars() {
                let mut set = |c: char, a: u16| {
                    if let Some(slot) = table.get_mut(c as usize) {
                        *slot = a;
                    }
                };
                set(l, lower);
                l.to_uppercase().for_each(|u| set(u, upper));
            }
        }
        table
    });
    table
        .get(c as usize)
        .map_or_else(|| advance(c), |&a| u32::from(a))
}

/// How wide `text` runs on one line (pixels, at 96 to the inch), in
/// Times New Roman of `pt` points, bold or not.
fn text_px(text: &str, pt: f64, bold: bool) -> f64 {
    let em: u32 = text.chars().map(advance_of).sum();
    let bold = if bold { 1.06 } else { 1.0 };
    f64::from(em) / 1000.0 * pt * 96.0 / 72.0 * bold
}

/// The room for text in a column `width` characters wide (pixels): Excel
/// draws it `7w + 5` pixels wide and keeps a little of that as padding.
fn room(width: usize) -> f64 {
    #[allow(clippy::cast_precision_loss)]
    let w = width as f64;
    7.0 * w + 1.0
}

/// The least width (characters) whose room holds `px` pixels of text.
fn chars_for(px: f64) -> usize {
    // A few pixels to spare: a row must never be too short for its text.
    let need = ((px * 1.04 - 1.0) / 7.0).ceil().max(1.0);
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let need = need as usize;
    need
}

/// The lines `text` takes in `room` pixels, wrapped at spaces as Excel
/// wraps it (a word longer than the room breaks over lines of its own).
fn lines_in(text: &str, room: f64, pt: f64, bold: bool) -> usize {
    // A little to spare: a row must never be too short for its text.
    let room = room / 1.02;
    // Most cells fit on one line: measured once.
    if !text.contains('\n') && text_px(text, pt, bold) <= room {
        return 1;
    }
    let space = text_px(" ", pt, bold);
    text.split('\n')
        .map(|para| {
            let (mut n, mut used) = (1, 0.0);
            for word in para.split(' ') {
                let w = text_px(word, pt, bold);
                if used > 0.0 && used + space + w > room {
                    n += 1;
                    used = 0.0;
                }
                used += if used > 0.0 { space } else { 0.0 } + w;
                while used > room && room > 0.0 {
                    n += 1;
                    used -= room;
                }
            }
            n
        })
        .sum()
}

/// The lines `text` (12 pt) takes in a column `width` characters wide.
pub(super) fn lines(text: &str, width: usize) -> usize {
    lines_in(text, room(width), TEXT_PT, false)
}

/// The lines a 14 pt bold title takes across columns `widths` wide.
pub(super) fn title_lines(text: &str, widths: &[usize]) -> usize {
    #[allow(clippy::cast_precision_loss)]
    let px: f64 = widths.iter().map(|&w| 7.0 * w as f64 + 5.0).sum::<f64>() - 4.0;
    lines_in(text, px, 14.0, true)
}

/// The width (characters) of the longest word of `text` at 12 pt.
fn longest_word(text: &str, bold: bool) -> usize {
    text.split([' ', '\n'])
        .map(|w| chars_for(text_px(w, TEXT_PT, bold)))
        .max()
        .unwrap_or(1)
}

/// The widest a word may be before a narrowed column breaks it (characters).
const MOST_WORD: usize = 24;

/// A table's columns: their widths in characters, from the header's words
/// and the longest content (not the sheet's title), each at most its cap;
/// text longer than its column wraps in its cell and the row grows.
pub(super) struct Columns {
    pub(super) widths: Vec<usize>,
    /// The least each column may be narrowed to: its header's longest word
    /// and its content's (up to `MOST_WORD`).
    least: Vec<usize>,
    /// The columns whose text wraps: the first `wrapped` (the others, read
    /// on screen only, keep their text on one line).
    pub(super) wrapped: usize,
}

impl Columns {
    /// Widths for `headers` and the rows of `sample`: at least the header's
    /// longest word and half of the header (a header takes two lines at
    /// most), at least the longest cell, at most `cap(column)`.
    pub(super) fn fit<'a>(
        headers: &[&str],
        sample: impl IntoIterator<Item = Vec<V<'a>>>,
        cap: impl Fn(usize) -> usize,
    ) -> Columns {
        // A header takes two lines at most, and breaks no word.
        let mut least: Vec<usize> = headers
            .iter()
            .map(|h| longest_word(h, true).max(4))
            .collect();
        let mut widths: Vec<usize> = headers
            .iter()
            .zip(&least)
            .map(|(h, &word)| word.max(chars_for(text_px(h, TEXT_PT, true) / 2.0) + 1))
            .collect();
        for cells in sample {
            for (j, v) in cells.iter().enumerate() {
                if widths.len() <= j {
                    widths.resize(j + 1, 4);
                    least.resize(j + 1, 4);
                }
                let text = v.shown();
                let whole = chars_for(text_px(&text, TEXT_PT, false));
                widths[j] = widths[j].max(whole.min(cap(j)));
                // Narrowed, a column still holds its longest word (a code, a
                // date), up to a width where a word may break. No word is
                // wider than the whole text.
                if whole > least[j] && least[j] < MOST_WORD {
                    least[j] = least[j].max(longest_word(&text, false).min(MOST_WORD));
                }
            }
        }
        Columns {
            widths,
            least,
            wrapped: usize::MAX,
        }
    }

    /// Narrows the widest of the first `n` columns, a character at a time,
    /// until they are at most `points` wide on paper — their text wraps
    /// onto more lines instead — but none under `SQUEEZED` characters or
    /// its header's longest word. A table with too many columns for that
    /// stays wider.
    pub(super) fn squeeze(&mut self, n: usize, points: f64) {
        const SQUEEZED: usize = 12;
        let n = n.min(self.widths.len());
        while self.points(n) > points {
            let widest = (0..n)
                .filter(|&j| self.widths[j] > SQUEEZED.max(self.least[j]))
                .max_by_key(|&j| (self.widths[j], std::cmp::Reverse(j)));
            match widest {
                Some(j) => self.widths[j] -= 1,
                None => break,
            }
        }
    }

    /// The columns' widths set on the sheet.
    pub(super) fn set(&self, ws: &mut Worksheet) -> Result<(), XlsxError> {
        for (j, w) in self.widths.iter().enumerate() {
            #[allow(clippy::cast_precision_loss)]
            ws.set_column_width(col(j), *w as f64)?;
        }
        Ok(())
    }

    /// The width of column `j` (characters).
    pub(super) fn width(&self, j: usize) -> usize {
        self.widths.get(j).copied().unwrap_or(10)
    }

    /// The first `n` columns' width on paper (points): Excel draws a column
    /// `w` characters wide as `7w + 5` pixels of the workbook's default
    /// font, at 96 pixels to the inch.
    pub(super) fn points(&self, n: usize) -> f64 {
        self.widths
            .iter()
            .take(n)
            .map(|&w| {
                #[allow(clippy::cast_precision_loss)]
                let px = 7.0 * w as f64 + 5.0;
                px * 0.75
            })
            .sum()
    }

    /// The header row at `row`, as tall as its longest header wraps (bold:
    /// a little less room than plain text).
    pub(super) fn header(
        &self,
        ws: &mut Worksheet,
        f: &Formats,
        row: u32,
        headers: &[&str],
    ) -> Result<(), XlsxError> {
        let mut most = 1;
        for (j, h) in headers.iter().enumerate() {
            ws.write_string_with_format(row, col(j), *h, &f.header)?;
            most = most.max(lines_in(h, room(self.width(j)), TEXT_PT, true));
        }
        height(ws, row, most)
    }

    /// One row of cells at `r`. In a table (`plain` false) text longer than
    /// its column wraps in its cell, and the row is made as tall as its
    /// tallest cell: Excel would fit it when it opens the file, LibreOffice
    /// does not. A plain row (a list too long to print) is written without
    /// formats.
    pub(super) fn row(
        &self,
        ws: &mut Worksheet,
        f: &Formats,
        r: u32,
        cells: Vec<V<'_>>,
        plain: bool,
    ) -> Result<(), XlsxError> {
        // Cells are written without a format and then formatted a run of
        // neighbours at a time: rust_xlsxwriter looks a format up by hashing
        // all of it, which cost more than writing the cell (issue 21). Text
        // and numbers share a format, so a run is broken only by a wrapped
        // text or a date.
        let mut kinds = Vec::with_capacity(if plain { 0 } else { cells.len() });
        let mut most = 1;
        for (j, v) in cells.into_iter().enumerate() {
            let c = col(j);
            let kind = match v {
                V::T(s) => {
                    ws.write_string(r, c, fit(&s))?;
                    if plain || j >= self.wrapped {
                        Kind::Plain
                    } else {
                        let n = lines(&s, self.width(j));
                        most = most.max(n);
                        if n > 1 {
                            Kind::Wrap
                        } else {
                            Kind::Plain
                        }
                    }
                }
                V::N(x) => {
                    ws.write_number(r, c, x)?;
                    Kind::Plain
                }
                V::D(d) if !plain => {
                    let dt = ExcelDateTime::from_ymd(
                        u16::try_from(d.year()).unwrap_or(1900),
                        u8::try_from(d.month()).unwrap_or(1),
                        u8::try_from(d.day()).unwrap_or(1),
                    )?;
                    ws.write_number(r, c, dt.to_excel())?;
                    Kind::Date
                }
                V::D(_) | V::Blank => Kind::Plain,
            };
            if !plain {
                kinds.push(kind);
            }
        }
        let mut first = 0;
        while first < kinds.len() {
            let kind = kinds[first];
            let mut last = first;
            while kinds.get(last + 1) == Some(&kind) {
                last += 1;
            }
            let format = match kind {
                Kind::Plain => &f.plain,
                Kind::Wrap => &f.wrap,
                Kind::Date => &f.date,
            };
            ws.set_range_format(r, col(first), r, col(last), format)?;
            first = last + 1;
        }
        height(ws, r, most)
    }
}

/// The format a table's cell is given.
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Plain,
    Wrap,
    Date,
}

/// A row `n` lines of text tall (a row of one line keeps Excel's height).
fn height(ws: &mut Worksheet, row: u32, n: usize) -> Result<(), XlsxError> {
    /// The height of one line of 12 pt text in a row (points).
    const LINE_PT: f64 = 15.75;
    if n > 1 {
        // Excel caps a row at 409 points; the cell keeps all its text.
        #[allow(clippy::cast_precision_loss)]
        ws.set_row_height(row, (LINE_PT * n as f64 + 2.0).min(409.0))?;
    }
    Ok(())
}

/// Writes a table at `row`: a header row, then the rows. Returns the next free row.
pub(super) fn table(
    ws: &mut Worksheet,
    f: &Formats,
    columns: &Columns,
    row: u32,
    headers: &[&str],
    rows: Vec<Vec<V<'_>>>,
) -> Result<u32, XlsxError> {
    columns.header(ws, f, row, headers)?;
    let mut r = row + 1;
    for cells in rows {
        columns.row(ws, f, r, cells, false)?;
        r += 1;
    }
    Ok(r)
}

#[cfg(test)]
mod tests {
    use super::{advance, advance_of, chars_for, lines, text_px, vietnamese, Columns, TEXT_PT, V};

    /// The table of advances gives what the characters' own rules say, for
    /// every character in the table's range and outside it; a letter with
    /// Vietnamese marks advances as its base letter, small and capital.
    #[test]
    fn marked_letters_advance_as_their_base_letter() {
        let mut marked = 0;
        for c in (0..0x3_0000).filter_map(char::from_u32) {
            assert_eq!(advance_of(c), advance(c), "{c:?}");
            marked += usize::from(vietnamese(c).is_some());
        }
        // 67 small letters and their 67 capitals.
        assert_eq!(marked, 134);
        assert_eq!(advance_of('ế'), advance_of('e'));
        assert_eq!(advance_of('Ự'), 780);
    }

    /// Text wraps at spaces by the font's own widths: capitals and digits
    /// take more room than small letters, marks none; a word longer than
    /// the column breaks over lines of its own.
    #[test]
    fn text_wraps_at_spaces_within_its_column() {
        assert_eq!(lines("", 10), 1);
        assert_eq!(lines("Đăng ký", 10), 1);
        assert_eq!(lines("một\nhai", 20), 2);
        let small = "đảng bộ khối cơ quan tỉnh";
        let capitals = "ĐẢNG BỘ KHỐI CƠ QUAN TỈNH";
        assert_eq!(lines(small, 30), 1);
        assert!(lines(capitals, 16) > lines(small, 16));
        // Marks take no room: the same words without them wrap alike.
        for w in 6..30 {
            assert_eq!(
                lines(small, w),
                lines("dang bo khoi co quan tinh", w),
                "{w}"
            );
        }
        assert!(lines(&"x".repeat(60), 10) >= 4);
        // A column as wide as a text holds it on one line.
        for text in [
            small,
            capitals,
            "2022-10/Dang bo co so/BC mo hinh.xlsx",
            "FILE_UNREADABLE",
        ] {
            let w = chars_for(text_px(text, TEXT_PT, false));
            assert_eq!(lines(text, w), 1, "{text}: {w}");
            assert!(lines(text, w.saturating_sub(3)) > 1, "{text}: {w}");
        }
    }

    /// A table too wide for the page at a readable size gets its widest
    /// columns narrowed (their text wraps), never below their header's
    /// longest word or 12 characters; a narrow table is left as it is.
    #[test]
    fn wide_columns_are_narrowed_to_the_page_not_below_their_header() {
        let long = "Mô hình dân vận khéo trong xây dựng nông thôn mới kiểu mẫu".to_owned();
        let rows = vec![vec![
            V::from(long.clone()),
            V::from(long.clone()),
            V::from("Đăng ký"),
            V::from(7u64),
        ]];
        let headers = [
            "Tên mô hình",
            "Đơn vị thực hiện",
            "Tình trạng",
            "Mãsốđịnhdanhcánhân",
        ];
        let mut columns = Columns::fit(&headers, rows.clone(), |_| 36);
        assert_eq!(columns.widths[0], 36);
        columns.squeeze(4, 400.0);
        assert!(columns.points(4) <= 400.0, "{:?}", columns.widths);
        assert!(columns.widths[0] < 36 && columns.widths[0] >= 12);
        // Never below the header's longest word.
        assert!(columns.widths[3] >= 20, "{:?}", columns.widths);
        // A page too narrow for any squeeze: the floor holds, and a column
        // keeps room for its longest word.
        columns.squeeze(4, 10.0);
        assert_eq!(columns.widths[0], 12);
        let code = vec![vec![V::from("TOTAL_MISMATCH")]];
        let mut codes = Columns::fit(&["Mã"], code, |_| 36);
        codes.squeeze(1, 10.0);
        assert_eq!(lines("TOTAL_MISMATCH", codes.widths[0]), 1);
        let mut narrow = Columns::fit(&headers, rows, |_| 36);
        let before = narrow.widths.clone();
        narrow.squeeze(4, 2000.0);
        assert_eq!(narrow.widths, before);
    }
}
