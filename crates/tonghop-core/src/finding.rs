use crate::catalogue::{render, FindingCode};
use serde::Serialize;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// A figure is wrong or a file is lost.
    Error,
    /// Needs an analyst's look.
    Warning,
    /// For the record.
    Info,
}

impl Severity {
    /// The contract code.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
    /// The Vietnamese label.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "Lỗi",
            Severity::Warning => "Cảnh báo",
            Severity::Info => "Thông tin",
        }
    }
}

/// One inconsistency, with where it was found and what to do (in Vietnamese).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The code.
    pub code: FindingCode,
    /// Severity (the code's default unless overridden).
    pub severity: Severity,
    /// Period id.
    pub period: String,
    /// Unit roster code, or the detected name.
    pub unit: String,
    /// File relative to INPUTS.
    pub file: String,
    /// Sheet name.
    pub sheet: String,
    /// Row as Excel shows it (1-based), `None` for a whole file or period.
    pub row: Option<u32>,
    /// Vietnamese message: what is wrong and what to do.
    pub message: String,
    /// The values its message was written from (placeholder, value), for a
    /// `Quy tắc` override to write its own message with.
    #[serde(skip)]
    pub fields: Vec<(&'static str, String)>,
}

impl Finding {
    /// A finding with the code's severity, a message written by hand and no
    /// location yet — for tests and tools; the stages write theirs from the
    /// catalogue with [`finding!`](crate::finding).
    #[must_use]
    pub fn new(code: FindingCode, message: impl Into<String>) -> Finding {
        Finding {
            code,
            severity: code.severity(),
            period: String::new(),
            unit: String::new(),
            file: String::new(),
            sheet: String::new(),
            row: None,
            message: message.into(),
            fields: Vec::new(),
        }
    }

    /// A finding whose message is `template` filled with `fields` (what
    /// [`finding!`](crate::finding) calls, after checking the template).
    #[must_use]
    pub fn of(code: FindingCode, template: &str, fields: Vec<(&'static str, String)>) -> Finding {
        let mut f = Finding::new(code, render(template, &fields));
        f.fields = fields;
        f
    }
    /// Sets the period.
    #[must_use]
    pub fn period(mut self, p: &str) -> Finding {
        p.clone_into(&mut self.period);
        self
    }
    /// Sets the unit.
    #[must_use]
    pub fn unit(mut self, u: &str) -> Finding {
        u.clone_into(&mut self.unit);
        self
    }
    /// Sets the file.
    #[must_use]
    pub fn file(mut self, f: &str) -> Finding {
        f.clone_into(&mut self.file);
        self
    }
    /// Sets sheet and row.
    #[must_use]
    pub fn at(mut self, sheet: &str, row: Option<u32>) -> Finding {
        sheet.clone_into(&mut self.sheet);
        self.row = row;
        self
    }
}
