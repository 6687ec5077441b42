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

macro_rules! codes {
    ($($variant:ident => $code:literal, $sev:ident;)*) => {
        /// Finding codes of CONTRACT.md, plus the project's own.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
        #[allow(missing_docs)]
        pub enum FindingCode { $($variant,)* }

        impl FindingCode {
            /// The code as written in `findings.csv`.
            #[must_use]
            pub fn as_str(self) -> &'static str {
                match self { $(FindingCode::$variant => $code,)* }
            }
            /// The severity the contract gives it.
            #[must_use]
            pub fn severity(self) -> Severity {
                match self { $(FindingCode::$variant => Severity::$sev,)* }
            }
            /// Every code, in the catalogue's order.
            pub const ALL: &'static [FindingCode] = &[$(FindingCode::$variant,)*];
            /// The code written as in `findings.csv` (case aside).
            #[must_use]
            pub fn from_code(text: &str) -> Option<FindingCode> {
                let t = text.trim();
                Self::ALL.iter().copied().find(|c| c.as_str().eq_ignore_ascii_case(t))
            }
        }
    };
}

codes! {
    FileUnreadable => "FILE_UNREADABLE", Error;
    FileUnsupported => "FILE_UNSUPPORTED", Info;
    SheetUnrecognized => "SHEET_UNRECOGNIZED", Info;
    UnitUnknown => "UNIT_UNKNOWN", Warning;
    ReturnMissing => "RETURN_MISSING", Warning;
    ReturnLate => "RETURN_LATE", Warning;
    ReturnSuperseded => "RETURN_SUPERSEDED", Info;
    DateUnknown => "DATE_UNKNOWN", Info;
    TotalMismatch => "TOTAL_MISMATCH", Error;
    DuplicateMerged => "DUPLICATE_MERGED", Info;
    PossibleDuplicate => "POSSIBLE_DUPLICATE", Warning;
    CategoryUnknown => "CATEGORY_UNKNOWN", Warning;
    CategoryAmbiguous => "CATEGORY_AMBIGUOUS", Warning;
    CategoryInferred => "CATEGORY_INFERRED", Info;
    ColumnRoleConflict => "COLUMN_ROLE_CONFLICT", Warning;
    LevelUnknown => "LEVEL_UNKNOWN", Warning;
    FieldMissing => "FIELD_MISSING", Warning;
    LegacyEncoding => "LEGACY_ENCODING", Info;
    TargetShortfall => "TARGET_SHORTFALL", Warning;
    BridgeUnexplained => "BRIDGE_UNEXPLAINED", Warning;
    ReferenceInvalid => "REFERENCE_INVALID", Warning;
    DecisionApplied => "DECISION_APPLIED", Info;
    DecisionUnused => "DECISION_UNUSED", Warning;
    RuleFailed => "RULE_FAILED", Warning;
    FileSkipped => "FILE_SKIPPED", Info;
    FileOutsidePeriod => "FILE_OUTSIDE_PERIOD", Warning;
    ReturnCopy => "RETURN_COPY", Info;
    ReturnUnitInactive => "RETURN_UNIT_INACTIVE", Warning;
    ReturnOtherPeriod => "RETURN_OTHER_PERIOD", Warning;
    DateImplausible => "DATE_IMPLAUSIBLE", Warning;
    ReturnTimelinessUnknown => "RETURN_TIMELINESS_UNKNOWN", Info;
    CellTruncated => "CELL_TRUNCATED", Info;
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
}

impl Finding {
    /// A finding with the code's severity and no location yet.
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
        }
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
