//! A sheet of the reference workbook as a table with a header row, and the
//! findings its cells raise.

use crate::cells::{Cell, Grid};
use tonghop_core::{Date, Finding, Severity};
use tonghop_text::{fold_key, parse_date};

/// A sheet with a header row: cells by header fold key.
pub(crate) struct Table<'a> {
    grid: &'a Grid,
    header: usize,
    columns: Vec<String>,
}

/// A date cell as read: a date, nothing, or text that is not a date.
pub(crate) enum DateCell {
    Blank,
    Date(Date),
    Unreadable(String),
}

/// A number cell as read.
pub(crate) enum NumberCell {
    Blank,
    Number(f64),
    Unreadable(String),
}

impl<'a> Table<'a> {
    pub fn new(grid: &'a Grid) -> Table<'a> {
        let header = grid
            .rows
            .iter()
            .position(|r| r.iter().filter(|c| !c.is_empty()).count() >= 2)
            .unwrap_or(0);
        let columns = grid
            .rows
            .get(header)
            .map(|r| r.iter().map(|c| fold_key(&c.text)).collect())
            .unwrap_or_default();
        Table {
            grid,
            header,
            columns,
        }
    }

    pub fn rows(&self) -> impl Iterator<Item = &'a [Cell]> + '_ {
        self.grid
            .rows
            .iter()
            .skip(self.header + 1)
            .map(Vec::as_slice)
    }

    /// The Excel row of the `i`-th row after the header.
    pub fn excel_row(&self, i: usize) -> u32 {
        self.grid.excel_row(self.header + 1 + i)
    }

    fn column(&self, names: &[&str]) -> Option<usize> {
        self.columns
            .iter()
            .position(|c| names.contains(&c.as_str()))
    }

    /// Whether the sheet has a column of one of these names.
    pub fn has(&self, names: &[&str]) -> bool {
        self.column(names).is_some()
    }

    /// The column letter of the first of these names.
    pub fn letter(&self, names: &[&str]) -> Option<String> {
        self.column(names).map(|j| self.grid.column_letter(j))
    }

    /// Reports a missing column (`label` as users write it) and what
    /// follows (`effect`); true when it is there.
    pub fn require(&self, check: &mut Check, names: &[&str], label: &str, effect: &str) -> bool {
        if self.has(names) {
            return true;
        }
        check.warn(
            Some(self.grid.excel_row(self.header)),
            None,
            format!(
                "không có cột \"{label}\" (dòng tiêu đề cột là dòng {}): {effect}",
                self.grid.excel_row(self.header)
            ),
        );
        false
    }

    pub fn get<'r>(&self, row: &'r [Cell], names: &[&str]) -> Option<&'r Cell> {
        row.get(self.column(names)?).filter(|c| !c.is_empty())
    }

    pub fn text(&self, row: &[Cell], names: &[&str]) -> String {
        self.get(row, names)
            .map(|c| c.text.clone())
            .unwrap_or_default()
    }

    pub fn is_blank(&self, row: &[Cell]) -> bool {
        row.iter().all(Cell::is_empty)
    }

    pub fn date(&self, row: &[Cell], names: &[&str]) -> DateCell {
        let Some(c) = self.get(row, names) else {
            return DateCell::Blank;
        };
        match c
            .date
            .or_else(|| c.number.and_then(Date::from_excel_serial))
            .or_else(|| parse_date(&c.text))
        {
            Some(d) => DateCell::Date(d),
            None => DateCell::Unreadable(c.text.clone()),
        }
    }

    pub fn number(&self, row: &[Cell], names: &[&str]) -> NumberCell {
        let Some(c) = self.get(row, names) else {
            return NumberCell::Blank;
        };
        match c
            .number
            .or_else(|| c.text.trim().replace(',', ".").parse::<f64>().ok())
        {
            Some(n) if n.is_finite() => NumberCell::Number(n),
            _ => NumberCell::Unreadable(c.text.clone()),
        }
    }
}

/// The findings of one reference workbook, sheet by sheet.
pub(crate) struct Check {
    file: String,
    sheet: String,
    findings: Vec<Finding>,
}

impl Check {
    pub fn new(file: &str) -> Check {
        Check {
            file: file.to_owned(),
            sheet: String::new(),
            findings: Vec::new(),
        }
    }

    /// The sheet the next findings are about.
    pub fn sheet(&mut self, name: &str) {
        name.clone_into(&mut self.sheet);
    }

    fn push(
        &mut self,
        severity: Severity,
        row: Option<u32>,
        cell: Option<String>,
        message: String,
    ) {
        let at = match (cell, row) {
            (Some(c), Some(r)) => format!(" (ô {c}{r})"),
            _ => String::new(),
        };
        let sheet = if self.sheet.is_empty() {
            String::new()
        } else {
            format!("Sheet \"{}\", ", self.sheet)
        };
        let mut f =
            tonghop_core::finding!(ReferenceInvalid, noi = sheet, chi_tiet = message, o = at)
                .file(&self.file)
                .at(&self.sheet, row);
        f.severity = severity;
        self.findings.push(f);
    }

    /// A mistake that makes figures wrong.
    pub fn error(&mut self, row: Option<u32>, cell: Option<String>, message: impl Into<String>) {
        self.push(Severity::Error, row, cell, message.into());
    }

    /// A cell that cannot be used, and what that does.
    pub fn warn(&mut self, row: Option<u32>, cell: Option<String>, message: impl Into<String>) {
        self.push(Severity::Warning, row, cell, message.into());
    }

    /// For the record.
    pub fn info(&mut self, row: Option<u32>, cell: Option<String>, message: impl Into<String>) {
        self.push(Severity::Info, row, cell, message.into());
    }

    /// A sheet tonghop does not read (a misspelt name, most often).
    pub fn unknown_sheet(&mut self) {
        let list =
            "Đơn vị, Kỳ báo cáo, Chỉ tiêu, Loại mô hình, Viết tắt, Quy tắc, Từ điển, Thông tin";
        self.info(
            None,
            None,
            format!("không phải sheet danh mục nào tonghop đọc ({list}), nên không được dùng; nếu là một trong các sheet đó, sửa lại tên sheet"),
        );
    }

    pub fn findings(self) -> Vec<Finding> {
        self.findings
    }
}
