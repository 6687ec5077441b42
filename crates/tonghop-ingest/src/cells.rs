//! A sheet as a grid of tidy cells, whatever the producer.

use calamine::{Data, Range};
use tonghop_core::Date;
use tonghop_text::legacy::{decode_if_legacy, evidence, Evidence, Legacy};

/// One cell: the text users see and the number when it is one.
#[derive(Debug, Clone, Default)]
pub(crate) struct Cell {
    pub text: String,
    pub number: Option<f64>,
    pub date: Option<Date>,
}

impl Cell {
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }
}

/// A sheet's cells; `rows[i]` is Excel row `first_row + i`.
#[derive(Debug, Default)]
pub(crate) struct Grid {
    pub first_row: u32,
    pub first_col: u32,
    pub rows: Vec<Vec<Cell>>,
    pub truncated: bool,
    /// The legacy encoding the sheet was typed in, and how many cells were converted.
    pub legacy: Option<(Legacy, usize)>,
}

impl Grid {
    pub fn from_range(range: &Range<Data>, max_rows: u32) -> Grid {
        let (first_row, first_col) = range.start().unwrap_or((0, 0));
        let mut rows = Vec::new();
        let mut truncated = false;
        for (i, row) in range.rows().enumerate() {
            if u32::try_from(i).unwrap_or(u32::MAX) >= max_rows {
                truncated = true;
                break;
            }
            rows.push(row.iter().map(cell).collect());
        }
        // Trailing blank rows say nothing; a sheet whose used range claims a
        // million rows must not cost a million rows downstream.
        while rows
            .last()
            .is_some_and(|r: &Vec<Cell>| r.iter().all(Cell::is_empty))
        {
            rows.pop();
        }
        // Legacy text is decided for the whole sheet (short cells are ambiguous
        // alone) and converted before anything is matched, headers included.
        // It must see the raw text: canonical form would turn TCVN3's `Ð` (é)
        // into `Đ`.
        let mut ev = Evidence::default();
        for c in rows.iter().flatten() {
            ev.add(evidence(&c.text));
        }
        let verdict = ev.verdict();
        let mut converted = 0;
        for c in rows.iter_mut().flatten() {
            if let Some(enc) = verdict {
                if let Some(text) = decode_if_legacy(&c.text, enc) {
                    if text != c.text {
                        converted += 1;
                    }
                    c.text = text;
                }
            }
            if c.date.is_none() && c.number.is_none() {
                c.text = tonghop_text::canonical(&c.text);
                c.number = c
                    .text
                    .replace(',', ".")
                    .parse::<f64>()
                    .ok()
                    .filter(|_| looks_numeric(&c.text));
            }
        }
        Grid {
            first_row,
            first_col,
            rows,
            truncated,
            legacy: verdict.map(|e| (e, converted)),
        }
    }

    /// Excel row number (1-based) of grid row `i`.
    pub fn excel_row(&self, i: usize) -> u32 {
        self.first_row + u32::try_from(i).unwrap_or(u32::MAX - self.first_row - 1) + 1
    }

    /// Column letter of grid column `j`.
    pub fn column_letter(&self, j: usize) -> String {
        let mut n = u32::try_from(j).unwrap_or(0) + self.first_col + 1;
        let mut s = Vec::new();
        while n > 0 {
            let rem = (n - 1) % 26;
            s.push(char::from(b'A' + u8::try_from(rem).unwrap_or(0)));
            n = (n - 1) / 26;
        }
        s.iter().rev().collect()
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
        },
        Data::Float(f) => Cell {
            text: format_number(*f),
            number: Some(*f),
            date: None,
        },
        Data::Int(i) => Cell {
            text: i.to_string(),
            #[allow(clippy::cast_precision_loss)]
            number: Some(*i as f64),
            date: None,
        },
        Data::Bool(b) => Cell {
            text: if *b { "x".to_owned() } else { String::new() },
            number: None,
            date: None,
        },
        Data::DateTime(dt) => {
            let date = Date::from_excel_serial(dt.as_f64());
            Cell {
                text: date.map(|d| d.to_string()).unwrap_or_default(),
                number: None,
                date,
            }
        }
        Data::DateTimeIso(s) | Data::DurationIso(s) => {
            let date = parse_iso(s);
            Cell {
                text: date.map_or_else(|| s.clone(), |d| d.to_string()),
                number: None,
                date,
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
