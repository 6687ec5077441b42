//! Domain types shared by every stage of tonghop.
//!
//! What enters: nothing; this crate has no I/O. What leaves: the vocabulary the
//! pipeline speaks — [`Period`], [`Unit`] and [`Reference`] (the roster and the
//! calendar from `danh-muc.xlsx`), [`Return`] and [`SourceRow`] (what ingest read
//! from one file), [`Finding`] (every inconsistency, with its source cell), and the
//! codes of CONTRACT.md ([`Level`], [`Status`], [`RowKind`], [`Fate`]).
//!
//! ```
//! use tonghop_core::{Date, Finding, FindingCode};
//! let d = Date::new(2022, 10, 20).unwrap();
//! assert_eq!(d.to_string(), "20/10/2022");
//! let f = Finding::new(FindingCode::ReturnLate, "Nộp muộn 3 ngày");
//! assert_eq!(f.severity.as_str(), "warning");
//! ```
#![deny(missing_docs)]

pub mod catalogue;
mod date;
mod finding;
mod io;
pub mod memory;
pub mod merit;

pub use catalogue::{render, FindingCode};
pub use date::Date;
pub use finding::{Finding, Severity};
pub use io::{io_reason, io_reason_in};
pub use merit::{default_criteria, Criterion, Obligation, Rating, Track};

use serde::Serialize;
use std::path::PathBuf;

/// What a list holds: collective models or individual exemplars.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Subject {
    /// A collective model (*mô hình tập thể*).
    Model,
    /// An individual exemplar (*điển hình tiên tiến cá nhân*).
    Exemplar,
}

impl Subject {
    /// The key used in `summary.json` bridges (`models`, `exemplars`).
    #[must_use]
    pub fn plural(self) -> &'static str {
        match self {
            Subject::Model => "models",
            Subject::Exemplar => "exemplars",
        }
    }
    /// The Vietnamese word users read.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Subject::Model => "mô hình",
            Subject::Exemplar => "điển hình",
        }
    }
}

/// Level at which a model or exemplar is registered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Level {
    /// Province (*cấp tỉnh*).
    Tinh,
    /// The consolidating committee (*cấp Khối*).
    Khoi,
    /// Grassroots (*cấp cơ sở*).
    CoSo,
    /// Missing or unreadable.
    KhongRo,
}

impl Level {
    /// Every level, in report order.
    pub const ALL: [Level; 4] = [Level::Tinh, Level::Khoi, Level::CoSo, Level::KhongRo];
    /// The contract code.
    #[must_use]
    pub fn code(self) -> &'static str {
        match self {
            Level::Tinh => "tinh",
            Level::Khoi => "khoi",
            Level::CoSo => "co_so",
            Level::KhongRo => "khong_ro",
        }
    }
    /// The Vietnamese label.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Level::Tinh => "Cấp tỉnh",
            Level::Khoi => "Cấp Khối",
            Level::CoSo => "Cấp cơ sở",
            Level::KhongRo => "Không rõ cấp",
        }
    }
    /// The label inside a sentence (`cấp tỉnh`, `cấp Khối`).
    #[must_use]
    pub fn phrase(self) -> &'static str {
        match self {
            Level::Tinh => "cấp tỉnh",
            Level::Khoi => "cấp Khối",
            Level::CoSo => "cấp cơ sở",
            Level::KhongRo => "chưa rõ cấp",
        }
    }
    /// Parses a contract code.
    #[must_use]
    pub fn from_code(s: &str) -> Option<Level> {
        Level::ALL.into_iter().find(|l| l.code() == s)
    }
}

/// Status of an entry in a return.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Status {
    /// Registered and active (new, added, replacement, meets criteria, recognised).
    DangKy,
    /// Removed from the list.
    Loai,
}

impl Status {
    /// The contract code.
    #[must_use]
    pub fn code(self) -> &'static str {
        match self {
            Status::DangKy => "dang_ky",
            Status::Loai => "loai",
        }
    }
}

/// What a row of a sheet is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum RowKind {
    /// Header block or title line above the list.
    Title,
    /// Column header row.
    Header,
    /// Numbering row `(1) (2) (3)`.
    Numbering,
    /// Section row (`I. MÔ HÌNH TẬP THỂ`).
    Section,
    /// A model entry.
    Model,
    /// An exemplar entry.
    Exemplar,
    /// `Cộng` / `Tổng cộng` row or a stated total in text.
    Total,
    /// Nothing in it.
    Blank,
    /// Free text.
    Text,
    /// Footer: `Nơi nhận`, `T/M …`, signatures.
    Footer,
}

impl RowKind {
    /// The code written to `rows.parquet`.
    #[must_use]
    pub fn code(self) -> &'static str {
        match self {
            RowKind::Title => "title",
            RowKind::Header => "header",
            RowKind::Numbering => "numbering",
            RowKind::Section => "section",
            RowKind::Model => "model",
            RowKind::Exemplar => "exemplar",
            RowKind::Total => "total",
            RowKind::Blank => "blank",
            RowKind::Text => "text",
            RowKind::Footer => "footer",
        }
    }
    /// The entity kind of a data row.
    #[must_use]
    pub fn subject(self) -> Option<Subject> {
        match self {
            RowKind::Model => Some(Subject::Model),
            RowKind::Exemplar => Some(Subject::Exemplar),
            _ => None,
        }
    }
}

/// What became of a row (lineage in `rows.parquet`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Fate {
    /// The first source of a distinct entity.
    Kept,
    /// A further source of an entity kept from another row.
    Merged,
    /// In a return that a later version of the same unit and period replaced,
    /// or that is a byte-for-byte copy of another file of the period.
    Superseded,
    /// In a return that is not counted: its unit was not on the roster at
    /// the period's deadline, or it was written for another period.
    Excluded,
    /// An entry marked removed from the list.
    Removed,
    /// A data row that could not be used (blank name…).
    Rejected,
    /// Not a data row (header, title, blank…).
    Structure,
}

impl Fate {
    /// The code written to `rows.parquet`.
    #[must_use]
    pub fn code(self) -> &'static str {
        match self {
            Fate::Kept => "kept",
            Fate::Merged => "merged",
            Fate::Superseded => "superseded",
            Fate::Excluded => "excluded",
            Fate::Removed => "removed",
            Fate::Rejected => "rejected",
            Fate::Structure => "structure",
        }
    }
}

/// A unit of the roster (sheet `Đơn vị`).
#[derive(Debug, Clone, Serialize)]
pub struct Unit {
    /// Roster code (`Mã đơn vị`).
    pub code: String,
    /// Official name.
    pub name: String,
    /// Other names it goes by.
    pub aliases: Vec<String>,
    /// Kind (`Đảng bộ cơ sở`, `Chi bộ cơ sở`, `Đoàn thể`…).
    pub kind: String,
    /// Parent unit, free text.
    pub parent: String,
    /// Active from.
    pub from: Option<Date>,
    /// Active until (blank = still active).
    pub to: Option<Date>,
    /// Note.
    pub note: String,
}

impl Unit {
    /// Whether the unit is on the roster on `day`.
    #[must_use]
    pub fn active_on(&self, day: Date) -> bool {
        self.from.is_none_or(|f| f <= day) && self.to.is_none_or(|t| t >= day)
    }
}

/// A reporting period (sheet `Kỳ báo cáo`, or a folder).
#[derive(Debug, Clone, Serialize)]
pub struct Period {
    /// Period id (`Mã kỳ`).
    pub id: String,
    /// Display name (`Tên kỳ`).
    pub name: String,
    /// Folder under INPUTS.
    pub folder: String,
    /// Deadline (`Hạn nộp`).
    pub deadline: Option<Date>,
    /// When the period's returns may start to be written (`Từ ngày`); blank:
    /// the day after the previous period's deadline.
    pub opens: Option<Date>,
    /// Kind (`Loại kỳ`).
    pub kind: String,
}

/// A target (sheet `Chỉ tiêu`).
#[derive(Debug, Clone, Serialize)]
pub struct Target {
    /// Period id, `None` = every period.
    pub period: Option<String>,
    /// Models or exemplars.
    pub subject: Subject,
    /// Category code, `None` = all.
    pub category: Option<String>,
    /// Level, `None` = all.
    pub level: Option<Level>,
    /// Unit kind: `None` = a total for the committee, else a minimum per unit.
    pub unit_kind: Option<String>,
    /// The number.
    pub count: u32,
    /// Row of the sheet, for findings.
    pub row: u32,
}

/// A category of the taxonomy (sheet `Loại mô hình` or the default).
#[derive(Debug, Clone, Serialize)]
pub struct CategoryDef {
    /// Code (`y_te`).
    pub code: String,
    /// Vietnamese name.
    pub name: String,
    /// Keywords and abbreviations.
    pub keywords: Vec<String>,
}

/// Everything `danh-muc.xlsx` says, or what could be discovered without it.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Reference {
    /// The roster; empty when there is no reference workbook.
    pub units: Vec<Unit>,
    /// The periods in order.
    pub periods: Vec<Period>,
    /// Targets.
    pub targets: Vec<Target>,
    /// Taxonomy (the default one when the workbook has none).
    pub categories: Vec<CategoryDef>,
    /// Whether a roster was given (else units are discovered and nothing is expected).
    pub has_roster: bool,
    /// Abbreviations the campaign adds (sheet `Viết tắt`): (short, full).
    pub abbreviations: Vec<(String, String)>,
    /// The analysts' decisions (`quyet-dinh.xlsx`).
    pub decisions: Vec<Decision>,
    /// The campaign's validation rules (sheet `Quy tắc`), as written.
    pub rules: Vec<RuleSpec>,
    /// Today, as the machine's clock says when the reference is read: a
    /// document dated later is not believed.
    pub today: Option<Date>,
    /// Words the campaign adds to the vocabulary (sheet `Từ điển`).
    pub words: Vec<WordEntry>,
    /// The committee's details and which letters to write (sheet `Thông tin`).
    pub office: Office,
    /// Eligibility criteria of commendation (sheet `Tiêu chuẩn`; empty: the
    /// built-in ones, [`default_criteria`]).
    pub criteria: Vec<Criterion>,
    /// Replacement obligations (sheet `Yêu cầu bổ sung`).
    pub obligations: Vec<Obligation>,
}

/// Which units get a letter about their return.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub enum LetterChoice {
    /// Units whose return has errors or warnings (the default).
    #[default]
    ErrorsAndWarnings,
    /// Units whose return has errors.
    Errors,
    /// No letter about returns.
    None,
}

/// The consolidating committee as its letters name it, and which letters to
/// write (sheet `Thông tin` of `danh-muc.xlsx`: `Mục` | `Nội dung`). A blank
/// detail is left as dots in the letter, for the office to fill in Word.
#[derive(Debug, Clone, Serialize)]
pub struct Office {
    /// `Cấp ủy cấp trên`: the committee above (`ĐẢNG BỘ TỈNH …`).
    pub superior: String,
    /// `Tên cấp ủy`: the committee that writes (`ĐẢNG ỦY KHỐI …`).
    pub committee: String,
    /// `Ký hiệu`: the committee's letters in a document number (`Số …-CV/ĐUK`).
    pub symbol: String,
    /// `Địa danh`: the place in the date line.
    pub place: String,
    /// `Ngày viết thư`: the letters' date (blank: the day of the run).
    pub date: Option<Date>,
    /// `Hạn gửi lại`: the date to resend by (blank: `resend_days` after the letter).
    pub resend_by: Option<Date>,
    /// `Số ngày gửi lại`: days given to resend (7 unless set).
    pub resend_days: u32,
    /// `Kỳ`: the period the letters are about (blank: the latest with returns).
    pub period: Option<String>,
    /// `Viết thư cho đơn vị có`: `lỗi và cảnh báo` (default), `lỗi`, `không`.
    pub letters: LetterChoice,
    /// `Thư đôn đốc`: whether to write the reminder to units not sent (`có`).
    pub reminder: bool,
    /// `Thay mặt`: the signature's first line (`T/M BAN THƯỜNG VỤ`).
    pub on_behalf: String,
    /// `Chức vụ người ký` (`PHÓ BÍ THƯ`).
    pub signer_post: String,
    /// `Người ký`: the signer's name (blank: left to fill).
    pub signer: String,
    /// `Nơi nhận`: recipients besides the unit (separated by `;`).
    pub copies: Vec<String>,
}

impl Default for Office {
    fn default() -> Office {
        Office {
            superior: String::new(),
            committee: String::new(),
            symbol: String::new(),
            place: String::new(),
            date: None,
            resend_by: None,
            resend_days: 7,
            period: None,
            letters: LetterChoice::default(),
            reminder: true,
            on_behalf: "T/M BAN THƯỜNG VỤ".to_owned(),
            signer_post: String::new(),
            signer: String::new(),
            copies: vec!["Lưu Văn phòng".to_owned()],
        }
    }
}

/// A word the campaign adds to the vocabulary (a row of sheet `Từ điển`:
/// `Nhóm` | `Mã` | `Từ` | `Loại`), as written.
#[derive(Debug, Clone, Default, Serialize)]
pub struct WordEntry {
    /// The group (`cot`, `cap`, `loai_mo_hinh`…).
    pub group: String,
    /// The code the word stands for.
    pub code: String,
    /// The word or phrase.
    pub word: String,
    /// `chính` (blank), `phụ`, `tên`, `trọn`.
    pub kind: String,
}

/// A row of sheet `Quy tắc`: a check `left op right` over the consolidated
/// figures that the campaign adds, or, when `code` is a built-in check's code
/// and no sides are given, a new severity or message for that check. Read as
/// written; reconcile parses the sides and reports a row it cannot read.
#[derive(Debug, Clone, Default, Serialize)]
pub struct RuleSpec {
    /// `Mã`: the rule's code (`QT01`), or a built-in code (`TOTAL_MISMATCH`).
    pub code: String,
    /// `Tên quy tắc`: what the rule says, in Vietnamese.
    pub name: String,
    /// `Vế trái`: an expression over figures (`mo_hinh.tinh`).
    pub left: String,
    /// `So sánh`: `<=`, `<`, `=`, `>=`, `>`, `!=` (or `≤ ≥ ≠`).
    pub op: String,
    /// `Vế phải`.
    pub right: String,
    /// `Mức độ`: `lỗi`, `cảnh báo`, `thông tin` (blank: the default).
    pub severity: String,
    /// `Khi thiếu số liệu`: DHIS2's missing-value strategy, as written.
    pub missing: String,
    /// `Phạm vi`: blank or `toàn khối`, `từng đơn vị`, or a unit kind.
    pub scope: String,
    /// `Thông báo`: the message template (`{trai}`, `{phai}`, `{don_vi}`…).
    pub message: String,
    /// Row of the sheet, for findings.
    pub row: u32,
}

/// What an analyst decided about an entry (`quyet-dinh.xlsx`, one row each).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum DecisionKind {
    /// `Gộp`: the second id is the same entity as the first.
    Merge,
    /// `Không gộp`: a proposed pair stays two entities (no more warning).
    KeepApart,
    /// `Đổi tên`: the name shown for the id.
    Rename,
    /// `Sửa loại` / `Sửa cấp` / `Sửa tình trạng`: a code set by hand.
    Recode(RecodeField),
}

/// Which code a recode decision sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum RecodeField {
    /// Category (`loại mô hình`).
    Category,
    /// Level (`cấp`).
    Level,
    /// Status (`tình trạng`).
    Status,
}

/// One decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Decision {
    /// What to do.
    pub kind: DecisionKind,
    /// The entity (`MH-…`, `DH-…`); for a merge, the one kept.
    pub id: String,
    /// The other entity of a merge or a pair kept apart.
    pub other: String,
    /// The new value (name, category, level or status as written).
    pub value: String,
    /// File and row of the decision, for findings.
    pub file: String,
    /// Row of the decision.
    pub row: u32,
}

impl Reference {
    /// The unit with this roster code.
    #[must_use]
    pub fn unit(&self, code: &str) -> Option<&Unit> {
        self.units.iter().find(|u| u.code == code)
    }

    /// Each roster code's position in `units` (the first of a code, as
    /// [`Reference::unit`] finds it), for looking up many codes:
    /// [`Reference::unit`] scans the roster, and a lookup per return or per
    /// row grows with their number times the roster's (issue 21).
    #[must_use]
    pub fn unit_positions(&self) -> std::collections::HashMap<&str, usize> {
        let mut at = std::collections::HashMap::with_capacity(self.units.len());
        for (i, u) in self.units.iter().enumerate() {
            at.entry(u.code.as_str()).or_insert(i);
        }
        at
    }

    /// The days a return of period `i` may be dated: from the period's
    /// opening (`Từ ngày`, else the day after the previous period's deadline)
    /// to the next period's deadline (a later return is the next period's).
    /// The first period opens a year before its deadline unless it says
    /// otherwise; a bound that cannot be known is `None`.
    #[must_use]
    pub fn window(&self, i: usize) -> (Option<Date>, Option<Date>) {
        let Some(p) = self.periods.get(i) else {
            return (None, None);
        };
        let opens = p.opens.or_else(|| {
            if i == 0 {
                p.deadline
                    .map(|d| Date::from_days_since_epoch(d.days_since_epoch() - 365))
            } else {
                self.periods[i - 1]
                    .deadline
                    .map(|d| Date::from_days_since_epoch(d.days_since_epoch() + 1))
            }
        });
        let closes = self.periods.get(i + 1).and_then(|n| n.deadline);
        (opens, closes)
    }

    /// Whether `day` is after today — with a day's grace, since the clock
    /// tells the day in UTC and a document is signed in local time.
    #[must_use]
    pub fn is_future(&self, day: Date) -> bool {
        self.today
            .is_some_and(|t| day.days_since_epoch() > t.days_since_epoch() + 1)
    }

    /// Why a document date (the days it may stand for) is not believed —
    /// after today, or before the campaign — or `None` when it is.
    #[must_use]
    pub fn implausible(&self, first: Date, last: Date) -> Option<String> {
        if self.is_future(first) {
            let today = self.today.map(|t| t.to_string()).unwrap_or_default();
            return Some(format!("sau ngày hôm nay ({today})"));
        }
        self.campaign_start().filter(|s| last < *s).map(|start| {
            format!(
                "trước khi đợt báo cáo bắt đầu ({start}, một năm trước hạn nộp của kỳ đầu, hoặc Từ ngày của kỳ đầu trong danh-muc.xlsx)"
            )
        })
    }

    /// The first day of the campaign: the first period's opening.
    #[must_use]
    pub fn campaign_start(&self) -> Option<Date> {
        self.window(0).0
    }
}

/// Where a return's document date comes from, from strongest to weakest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub enum DateSource {
    /// The place-and-date line of the document (`…, ngày 20 tháng 10 năm 2022`).
    #[default]
    Text,
    /// The date line with its day left blank (`ngày … tháng 10 năm 2022`):
    /// the date held is the month's first day.
    TextMonth,
    /// The file's own properties (last saved, else created), which travel
    /// with the file when it is copied.
    Properties,
    /// The file's modified time on this disk, which a copy may change.
    FileTime,
}

impl DateSource {
    /// In words, for findings (`ngày sửa file`).
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            DateSource::Text => "dòng địa danh, ngày tháng của văn bản",
            DateSource::TextMonth => "dòng ngày tháng của văn bản (để trống ngày)",
            DateSource::Properties => "ngày lưu trong thông tin của file",
            DateSource::FileTime => "ngày sửa file trên máy (có thể đổi khi sao chép)",
        }
    }
}

/// The entry fields of a data row, as written (NFC, trimmed).
#[derive(Debug, Clone, Default, Serialize)]
pub struct Entry {
    /// Model name or exemplar's full name.
    pub name: String,
    /// Implementing unit (models) or workplace (exemplars).
    pub owner: String,
    /// Position (exemplars).
    pub position: String,
    /// Category as written.
    pub category: String,
    /// Level as written, or the ticked column's header.
    pub level: String,
    /// Status / notes as written.
    pub status: String,
    /// Commendation as written.
    pub commendation: String,
    /// Yearly ratings as written, one year a part: `2021: HTXSNV; 2022:
    /// HTTNV` (a column per year gives the year from its header), or the one
    /// rating column's text.
    pub ratings: String,
    /// Columns the reader did not map: (header, value).
    pub extra: Vec<(String, String)>,
}

/// One row of one sheet, with what ingest made of it.
#[derive(Debug, Clone, Serialize)]
pub struct SourceRow {
    /// Sheet name.
    pub sheet: String,
    /// Row number as Excel shows it (1-based).
    pub row: u32,
    /// What the row is.
    pub kind: RowKind,
    /// The entry, for model and exemplar rows.
    pub entry: Option<Entry>,
    /// Why the row got its kind (short Vietnamese note).
    pub reason: &'static str,
}

/// What a stated total counts.
#[derive(Debug, Clone, Serialize)]
pub struct StatedTotal {
    /// Sheet name.
    pub sheet: String,
    /// Row of the statement.
    pub row: u32,
    /// Models or exemplars.
    pub subject: Subject,
    /// The figure written.
    pub value: i64,
    /// The rows it covers: the data rows of this subject on the sheet from
    /// `first_row` to `last_row` inclusive.
    pub first_row: u32,
    /// Last row covered.
    pub last_row: u32,
    /// The text it came from.
    pub text: String,
}

/// A figure a return states at a stage of commendation (`Tuyên dương 05
/// tập thể, 08 cá nhân`), to be checked against the entities it lists at
/// that stage.
#[derive(Debug, Clone, Serialize)]
pub struct StatedStage {
    /// Sheet name (a Word return: its table or `Đoạn văn`).
    pub sheet: String,
    /// Row of the statement.
    pub row: u32,
    /// Collectives or individuals.
    pub subject: Subject,
    /// The figure written.
    pub value: i64,
    /// The words that name the stage, folded (`de nghi dang uy khoi khen thuong`).
    pub clause: String,
    /// The text it came from.
    pub text: String,
}

/// How the sending unit was recognised.
#[derive(Debug, Clone, Default, Serialize)]
pub struct UnitMatch {
    /// Roster code when matched.
    pub code: Option<String>,
    /// The name as detected in the file (or the roster name when matched).
    pub name: String,
    /// Where it came from (Vietnamese).
    pub evidence: String,
    /// Every roster unit some evidence named, best first: the score it got
    /// and why (for `inspect` and for the finding when none wins clearly).
    pub candidates: Vec<UnitCandidate>,
}

/// A roster unit that some evidence of a return names.
#[derive(Debug, Clone, Default, Serialize)]
pub struct UnitCandidate {
    /// Roster code.
    pub code: String,
    /// Roster name.
    pub name: String,
    /// Points: the best place naming it (title line 100, signature block 80,
    /// file name 70, nearest folder 55, sheet name 50, farther folder 40,
    /// document properties 35; 10 less for a name's distinctive part only, 20
    /// less for that part's words in another order),
    /// 5 more for each other place that agrees (at most 15).
    pub score: u32,
    /// The places that name it, the best first.
    pub evidence: Vec<String>,
}

/// One file of one period as ingest read it.
#[derive(Debug, Clone, Serialize)]
pub struct Return {
    /// Absolute path.
    pub path: PathBuf,
    /// Path relative to INPUTS, with `/`.
    pub rel: String,
    /// Period id.
    pub period: String,
    /// Whether the file could be read at all.
    pub readable: bool,
    /// The sending unit.
    pub unit: UnitMatch,
    /// Document date (place-and-date line, else metadata, else file time).
    pub date: Option<Date>,
    /// Where the date came from.
    pub date_evidence: String,
    /// What kind of evidence the date rests on.
    pub date_source: DateSource,
    /// File modification time, seconds since the epoch (tie-breaker for versions).
    pub mtime: u64,
    /// A fingerprint of the file's bytes (size and two hashes): equal for
    /// byte-identical files, so that copies are told from versions.
    pub content: Option<(u64, u64, u64)>,
    /// Every row read, in sheet order.
    pub rows: Vec<SourceRow>,
    /// Stated totals and subtotals.
    pub totals: Vec<StatedTotal>,
    /// Stated figures of commendation stages.
    pub stages: Vec<StatedStage>,
    /// Per-sheet notes for `inspect`.
    pub sheets: Vec<SheetInfo>,
    /// Findings raised while reading.
    pub findings: Vec<Finding>,
}

impl Return {
    /// The days the document date may stand for: one day, or the whole
    /// month of a date line whose day was left blank.
    #[must_use]
    pub fn date_span(&self) -> Option<(Date, Date)> {
        let d = self.date?;
        Some(if self.date_source == DateSource::TextMonth {
            (d, d.month_end())
        } else {
            (d, d)
        })
    }

    /// The document date as the document gives it (`… tháng 10/2022` for a
    /// blank day).
    #[must_use]
    pub fn date_shown(&self) -> String {
        match (self.date, self.date_source) {
            (Some(d), DateSource::TextMonth) => format!("… tháng {}/{}", d.month(), d.year()),
            (Some(d), _) => d.to_string(),
            (None, _) => String::new(),
        }
    }

    /// A return not read yet: no rows, no unit, no date, not readable.
    #[must_use]
    pub fn new(path: PathBuf, rel: &str, period: &str) -> Return {
        Return {
            path,
            rel: rel.to_owned(),
            period: period.to_owned(),
            readable: false,
            unit: UnitMatch::default(),
            date: None,
            date_evidence: String::new(),
            date_source: DateSource::Text,
            mtime: 0,
            content: None,
            rows: Vec::new(),
            totals: Vec::new(),
            stages: Vec::new(),
            sheets: Vec::new(),
            findings: Vec::new(),
        }
    }
}

/// How one sheet was read.
#[derive(Debug, Clone, Default, Serialize)]
pub struct SheetInfo {
    /// Sheet name.
    pub name: String,
    /// Lists found: (subject, header row, mapping as `header → field`).
    pub lists: Vec<ListInfo>,
    /// Rows on the sheet.
    pub rows: u32,
}

/// One list found on a sheet.
#[derive(Debug, Clone, Serialize)]
pub struct ListInfo {
    /// Models or exemplars.
    pub subject: Subject,
    /// Header rows (1-based), one or two.
    pub header_rows: Vec<u32>,
    /// Column mapping: (column letter, header text, field).
    pub columns: Vec<(String, String, String)>,
}

/// The sheet a Word return's table rows are cited under, with the table's
/// number (`Bảng 2`): row 3 is the table's third row.
pub const WORD_TABLE: &str = "Bảng";
/// The sheet a Word return's paragraphs outside tables are cited under: row
/// 4 is its fourth paragraph with text.
pub const WORD_PARAGRAPHS: &str = "Đoạn văn";

/// Where a row is, as a message says it: `sheet "Danh sách" dòng 7`, or in
/// a Word return `bảng 2, dòng 3` and `đoạn 4`.
#[must_use]
pub fn place(sheet: &str, row: u32) -> String {
    if sheet == WORD_PARAGRAPHS {
        return format!("đoạn {row}");
    }
    match sheet
        .strip_prefix(WORD_TABLE)
        .and_then(|n| n.strip_prefix(' '))
        .filter(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
    {
        Some(n) => format!("bảng {n}, dòng {row}"),
        None => format!("sheet \"{sheet}\" dòng {row}"),
    }
}

/// The code and label of a model whose category could not be read.
pub const UNKNOWN_CATEGORY: (&str, &str) = ("khong_ro", "Chưa rõ loại");

/// The label of a category code: its name in the taxonomy, [`UNKNOWN_CATEGORY`]'s
/// label, or the code itself when the taxonomy does not know it.
#[must_use]
pub fn category_label(categories: &[CategoryDef], code: &str) -> String {
    categories.iter().find(|c| c.code == code).map_or_else(
        || {
            if code == UNKNOWN_CATEGORY.0 {
                UNKNOWN_CATEGORY.1.to_owned()
            } else {
                code.to_owned()
            }
        },
        |c| c.name.clone(),
    )
}
