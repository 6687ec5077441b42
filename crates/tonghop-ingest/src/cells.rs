//! A sheet as a grid of tidy cells, whatever the producer.

use calamine::{Data, Range};
use tonghop_core::Date;
use tonghop_text::legacy::{decode_if_legacy, evidence, Evidence, Legacy};

/// One cell: the text users see and the number when it is one.
#[derive(Debug, Clone, Default)]
pub(crate) struct Cell {
    pub text: String,
    /// The text's diacritic-free key, computed once, when a rule first reads it.
    pub(crate) fold: std::cell::OnceCell<String>,
    pub number: Option<f64>,
    pub date: Option<Date>,
}

impl Cell {
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// The diacritic-free key of the text (see `tonghop_text::fold_key`).
    pub fn fold(&self) -> &str {
        self.fold.get_or_init(|| tonghop_text::fold_key(&self.text))
    }

    #[cfg(test)]
    pub fn text(t: &str) -> Cell {
        Cell {
            text: t.to_owned(),
            number: t.parse().ok(),
            ..Cell::default()
        }
    }
}

/// A sheet's cells; `rows[i]` is Excel row `first_row + i`.
#[derive(Debug, Clone, Default)]
pub(crate) struct Grid {
    pub first_row: u32,
    pub first_col: u32,
    pub rows: Vec<Vec<Cell>>,
    pub truncated: bool,
    /// The legacy encoding the sheet was typed in, and how many cells were converted.
    pub legacy: Option<(Legacy, usize)>,
    /// Cells longer than Excel holds: (Excel row, 0-based column, characters).
    pub long_cells: Vec<(u32, u32, usize)>,
}

/// A merged region as the readers give it: (first row, column), (last row,
/// column), 0-based.
pub(crate) type Region = ((u32, u32), (u32, u32));

/// The most characters Excel keeps in one cell.
pub(crate) const EXCEL_CELL_CHARS: usize = 32_767;

/// The letter of a 0-based column (`0` → `A`, `27` → `AB`).
pub(crate) fn column_letter(col: u32) -> String {
    let mut n = col + 1;
    let mut s = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        s.push(char::from(b'A' + u8::try_from(rem).unwrap_or(0)));
        n = (n - 1) / 26;
    }
    s.iter().rev().collect()
}

/// Columns kept per row: no return has more, and a stray cell at column XFD
/// must not cost sixteen thousand cells a row.
const MAX_COLUMNS: u32 = 200;

impl Grid {
    /// From calamine's dense range (.xls, .ods, whose size their format bounds).
    pub fn from_range(range: &Range<Data>, max_rows: u32) -> Grid {
        let (r0, c0) = range.start().unwrap_or((0, 0));
        let cells = range
            .cells()
            .filter(|(_, _, d)| !matches!(d, Data::Empty))
            .map(|(r, c, d)| {
                (
                    r0 + u32::try_from(r).unwrap_or(u32::MAX - r0),
                    c0 + u32::try_from(c).unwrap_or(0),
                    d.clone(),
                )
            });
        Grid::from_cells(cells, max_rows)
    }

    /// From a stream of used cells (absolute 0-based positions). Only the first
    /// `max_rows` rows are kept; memory never depends on where a stray cell sits
    /// (a blank cell at row 1,048,576 costs nothing).
    pub fn from_cells(cells: impl Iterator<Item = (u32, u32, Data)>, max_rows: u32) -> Grid {
        let mut kept: Vec<(u32, u32, Cell)> = Vec::new();
        let mut long_cells = Vec::new();
        let mut truncated = false;
        let mut first_row = u32::MAX;
        for (r, c, d) in cells {
            let cell = cell(&d);
            if cell.text.trim().is_empty() {
                continue;
            }
            if c >= MAX_COLUMNS {
                continue;
            }
            first_row = first_row.min(r);
            if r.saturating_sub(first_row.min(r)) >= max_rows
                || kept.len() >= (max_rows as usize) * 64
            {
                truncated = true;
                continue;
            }
            if cell.text.len() > EXCEL_CELL_CHARS {
                let chars = cell.text.chars().count();
                if chars > EXCEL_CELL_CHARS {
                    long_cells.push((r + 1, c, chars));
                }
            }
            kept.push((r, c, cell));
        }
        if kept.is_empty() {
            return Grid::default();
        }
        let first_row = kept.iter().map(|x| x.0).min().unwrap_or(0);
        let first_col = kept.iter().map(|x| x.1).min().unwrap_or(0);
        let last_row = kept.iter().map(|x| x.0).max().unwrap_or(0);
        let mut rows: Vec<Vec<Cell>> = vec![Vec::new(); (last_row - first_row + 1) as usize];
        for (r, c, cell) in kept {
            let row = &mut rows[(r - first_row) as usize];
            let j = (c - first_col) as usize;
            if row.len() <= j {
                row.resize(j + 1, Cell::default());
            }
            row[j] = cell;
        }
        let mut grid = Grid {
            first_row,
            first_col,
            rows,
            truncated,
            legacy: None,
            long_cells,
        };
        grid.finish();
        grid
    }

    /// Legacy text is decided for the whole sheet (short cells are ambiguous
    /// alone) and converted before anything is matched, headers included. It
    /// must see the raw text: canonical form would turn TCVN3's `Ð` (é) into `Đ`.
    fn finish(&mut self) {
        let mut ev = Evidence::default();
        for c in self.rows.iter().flatten() {
            ev.add(evidence(&c.text));
        }
        let verdict = ev.verdict();
        let mut converted = 0;
        for c in self.rows.iter_mut().flatten() {
            if let Some(enc) = verdict {
                if let Some(text) = decode_if_legacy(&c.text, enc) {
                    if text != c.text {
                        converted += 1;
                    }
                    c.text = text;
                }
            }
            if c.date.is_none() && c.number.is_none() {
                tonghop_text::make_canonical(&mut c.text);
                if looks_numeric(&c.text) {
                    c.number = c.text.replace(',', ".").parse::<f64>().ok();
                }
            }
        }
        self.legacy = verdict.map(|e| (e, converted));
    }

    /// Fills every cell a vertical, one-column merged region covers with the
    /// region's value (an owner merged over the rows of its models). Regions
    /// are 0-based (first row, column, last row, column) as the readers give
    /// them; wider regions (titles, group headers) are left as they are.
    pub fn fill_merged_columns(&mut self, regions: &[Region]) {
        for &((r0, c0), (r1, c1)) in regions {
            if c0 != c1 || r1 <= r0 || r0 < self.first_row || c0 < self.first_col {
                continue;
            }
            let (top, j) = (
                (r0 - self.first_row) as usize,
                (c0 - self.first_col) as usize,
            );
            let Some(value) = self.rows.get(top).and_then(|r| r.get(j)).cloned() else {
                continue;
            };
            if value.is_empty() {
                continue;
            }
            for i in
                top + 1..=((r1 - self.first_row) as usize).min(self.rows.len().saturating_sub(1))
            {
                let row = &mut self.rows[i];
                if row.len() <= j {
                    row.resize(j + 1, Cell::default());
                }
                if row[j].is_empty() {
                    row[j] = value.clone();
                }
            }
        }
    }

    /// Excel row number (1-based) of grid row `i`.
    pub fn excel_row(&self, i: usize) -> u32 {
        self.first_row + u32::try_from(i).unwrap_or(u32::MAX - self.first_row - 1) + 1
    }

    /// Column letter of grid column `j`.
    pub fn column_letter(&self, j: usize) -> String {
        column_letter(u32::try_from(j).unwrap_or(0) + self.first_col)
    }
}

fn cell(d: &Data) -> Cell {
    match d {
        Data::Empty => Cell::default(),
        // Raw for now: legacy detection comes first, then the canonical form.
        Data::String(s) => Cell {
            text: s.clone(),
            number: None,
            date: None,
            ..Cell::default()
        },
        Data::Float(f) => Cell {
            text: format_number(*f),
            number: Some(*f),
            date: None,
            ..Cell::default()
        },
        Data::Int(i) => Cell {
            text: i.to_string(),
            #[allow(clippy::cast_precision_loss)]
            number: Some(*i as f64),
            date: None,
            ..Cell::default()
        },
        Data::Bool(b) => Cell {
            text: if *b { "x".to_owned() } else { String::new() },
            number: None,
            date: None,
            ..Cell::default()
        },
        Data::DateTime(dt) => {
            let date = Date::from_excel_serial(dt.as_f64());
            Cell {
                text: date.map(|d| d.to_string()).unwrap_or_default(),
                number: None,
                date,
                ..Cell::default()
            }
        }
        Data::DateTimeIso(s) | Data::DurationIso(s) => {
            let date = parse_iso(s);
            Cell {
                text: date.map_or_else(|| s.clone(), |d| d.to_string()),
                number: None,
                date,
                ..Cell::default()
            }
        }
        // An error cell (#REF!, #N/A) holds no value the analyst meant.
        Data::Error(_) => Cell::default(),
    }
}

fn looks_numeric(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',' || c == '-')
}

fn parse_iso(s: &str) -> Option<Date> {
    let mut it = s.get(..10)?.split('-');
    let y = it.next()?.parse().ok()?;
    let m = it.next()?.parse().ok()?;
    let d = it.next()?.parse().ok()?;
    Date::new(y, m, d)
}

fn format_number(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{f:.0}")
    } else {
        f.to_string()
    }
}
