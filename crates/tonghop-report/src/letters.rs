//! Letters to units, in `thu/`: for each unit whose returns have errors or
//! warnings (as sheet `Thông tin` chooses; of every period, or of the one
//! period it names), an official letter naming each point, period by period,
//! with its file, sheet and row and what to correct, and the date to resend
//! by (`<mã> - <tên>.docx`); and one reminder («đôn đốc») to the units that
//! have not sent. The committee's details come from the
//! sheet; a detail it does not give is left as dots to fill in Word.

use crate::word::{body, official, pack, spaced, text, BODY, NOTE};
use crate::{Report, ReportError};
use docx_rs::{
    AlignmentType, Docx, LineSpacing, LineSpacingType, Paragraph, Run, Table, TableCell, TableRow,
    WidthType,
};
use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use tonghop_core::{Date, Finding, FindingCode, LetterChoice, Office, Severity};

/// The folder of letters inside the output folder.
pub(crate) const DIR: &str = "thu";
/// The reminder's file name.
pub(crate) const REMINDER: &str = "Đôn đốc nộp báo cáo.docx";
/// Dots where the office fills a detail in by hand.
const BLANK: &str = "……………";

/// Findings that are the office's own business, not the unit's to correct:
/// its roster and reference workbook, its decisions, where it filed a
/// return, a late return to note (nothing to correct); and the missing
/// returns, which the reminder lists.
const OFFICE_SIDE: &[FindingCode] = &[
    FindingCode::UnitUnknown,
    FindingCode::ReturnMissing,
    FindingCode::ReturnLate,
    FindingCode::ReferenceInvalid,
    FindingCode::DecisionApplied,
    FindingCode::DecisionUnused,
    FindingCode::FileOutsidePeriod,
    FindingCode::ReturnUnitInactive,
    FindingCode::FileSkipped,
];

/// One letter to write: its file name and its document.
pub(crate) struct Letter {
    /// The file name inside `thu/`.
    pub file: String,
    /// The document.
    pub doc: Docx,
}

/// A letter's content before it is laid out: to whom, and its points
/// period by period.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct LetterPlan {
    /// The file name inside `thu/`.
    pub file: String,
    /// The unit's roster code (blank for a unit not on the roster, and for
    /// the reminder).
    pub unit: String,
    /// The unit's name as the letter addresses it (blank for the reminder).
    pub name: String,
    /// For each period concerned, in order: its heading and the points (for
    /// the reminder: the names of the units that have not sent).
    pub periods: Vec<(String, Vec<String>)>,
}

impl LetterPlan {
    /// How many points the letter makes.
    #[must_use]
    pub(crate) fn points(&self) -> usize {
        self.periods.iter().map(|(_, p)| p.len()).sum()
    }
}

/// The periods the letters are about, in order: the one sheet `Thông tin`
/// names, else every period.
fn periods<'a>(report: &'a Report) -> Vec<&'a tonghop_core::Period> {
    let periods = &report.reference.periods;
    match &report.reference.office.period {
        Some(id) => periods.iter().filter(|p| &p.id == id).collect(),
        None => periods.iter().collect(),
    }
}

/// A period as a letter's heading names it: «kỳ Sơ kết 01 năm (hạn nộp
/// 31/10/2022)».
fn period_heading(p: &tonghop_core::Period) -> String {
    match p.deadline {
        Some(d) => format!("Báo cáo kỳ \"{}\" (hạn nộp {d})", p.name),
        None => format!("Báo cáo kỳ \"{}\"", p.name),
    }
}

/// The unit's name by its roster code, else the code itself (a unit
/// discovered from its returns is known by its name).
fn unit_name(report: &Report, positions: &HashMap<&str, usize>, code: &str) -> String {
    positions
        .get(code)
        .and_then(|&i| report.reference.units.get(i))
        .map_or_else(|| code.to_owned(), |u| u.name.clone())
}

/// A file name Windows accepts: no `<>:"/\|?*`, no trailing dot or space.
fn file_safe(name: &str) -> String {
    let s: String = name
        .chars()
        .map(|c| match c {
            '<' | '>' | ':' | '"' | '/' | '\\' | '|' | '?' | '*' => '-',
            c if c.is_control() => ' ',
            c => c,
        })
        .collect();
    let s = s.trim().trim_end_matches(['.', ' ']).to_owned();
    s.chars().take(120).collect()
}

/// A finding as a point of the letter: what kind, where (file, then sheet —
/// or Word table, paragraph — and row, when the finding is about a return
/// the unit sent), and the message, which says what to correct.
fn point(f: &Finding, in_a_return: bool) -> String {
    let what = f.message.trim().trim_end_matches('.');
    let kind = match (f.severity, f.code) {
        (Severity::Error, _) => "Sai số liệu",
        (_, FindingCode::TargetShortfall) => "Chưa đạt chỉ tiêu",
        (_, FindingCode::ProposalIneligible | FindingCode::HonourBookIneligible) => {
            "Chưa đủ tiêu chuẩn khen thưởng"
        }
        (_, FindingCode::ObligationShort) => "Chưa bổ sung đủ",
        (_, FindingCode::StageMismatch | FindingCode::StageExceeds) => "Số khen thưởng chưa khớp",
        _ => "Cần xem lại",
    };
    if !in_a_return {
        return format!("{kind}: {what}.");
    }
    let mut at = format!("file \"{}\"", f.file);
    match (f.sheet.as_str(), f.row) {
        ("", _) => {}
        (sheet, Some(row)) => {
            at.push_str(", ");
            at.push_str(&tonghop_core::place(sheet, row));
        }
        (sheet, None) => at.push_str(&format!(", sheet \"{sheet}\"")),
    }
    format!("{kind} ({at}): {what}.")
}

/// The letters a run writes: one per unit with points to correct, by its
/// roster order, then the reminder (when some unit has not sent and the
/// sheet does not say no).
pub(crate) fn letter_plans(report: &Report) -> Vec<LetterPlan> {
    let office = &report.reference.office;
    let wanted = |s: Severity| match office.letters {
        LetterChoice::ErrorsAndWarnings => matches!(s, Severity::Error | Severity::Warning),
        LetterChoice::Errors => s == Severity::Error,
        LetterChoice::None => false,
    };
    let returned: std::collections::HashSet<&str> =
        report.returns.iter().map(|r| r.rel.as_str()).collect();
    // Looked up for every unit named (a scan of the roster each time grew
    // with units × roster).
    let positions = report.reference.unit_positions();
    let mut by_unit: BTreeMap<&str, Vec<(String, Vec<String>)>> = BTreeMap::new();
    let mut missing: Vec<(String, Vec<String>)> = Vec::new();
    for period in periods(report) {
        let mut of_period: BTreeMap<&str, Vec<&Finding>> = BTreeMap::new();
        let mut not_sent: Vec<String> = Vec::new();
        for f in report.findings {
            if f.period != period.id || f.unit.is_empty() {
                continue;
            }
            if f.code == FindingCode::ReturnMissing {
                not_sent.push(unit_name(report, &positions, &f.unit));
            } else if wanted(f.severity) && !OFFICE_SIDE.contains(&f.code) {
                of_period.entry(&f.unit).or_default().push(f);
            }
        }
        for (unit, mut findings) in of_period {
            // Errors first, then by file, sheet and row, as the unit reads.
            findings.sort_by(|a, b| {
                (b.severity == Severity::Error, &a.file, &a.sheet, a.row).cmp(&(
                    a.severity == Severity::Error,
                    &b.file,
                    &b.sheet,
                    b.row,
                ))
            });
            let points = findings
                .iter()
                .map(|f| point(f, returned.contains(f.file.as_str())))
                .collect();
            by_unit
                .entry(unit)
                .or_default()
                .push((period_heading(period), points));
        }
        not_sent.sort();
        not_sent.dedup();
        if !not_sent.is_empty() {
            missing.push((period_heading(period), not_sent));
        }
    }
    let roster = |u: &str| positions.get(u).copied();
    let mut units: Vec<&str> = by_unit.keys().copied().collect();
    units.sort_by_key(|u| (roster(u).unwrap_or(usize::MAX), *u));
    let mut out = Vec::new();
    let mut used = std::collections::HashSet::from([REMINDER.to_lowercase()]);
    for unit in units {
        let on_roster = roster(unit).is_some();
        let name = unit_name(report, &positions, unit);
        let stem = if on_roster {
            file_safe(&format!("{unit} - {name}"))
        } else {
            file_safe(&name)
        };
        // Two names Windows takes for one (case aside, or made alike by the
        // characters it refuses): a number added.
        let mut file = format!("{stem}.docx");
        let mut n = 1;
        while !used.insert(file.to_lowercase()) {
            n += 1;
            file = format!("{stem} ({n}).docx");
        }
        out.push(LetterPlan {
            file,
            unit: if on_roster {
                unit.to_owned()
            } else {
                String::new()
            },
            name,
            periods: by_unit.remove(unit).unwrap_or_default(),
        });
    }
    if office.reminder && !missing.is_empty() {
        out.push(LetterPlan {
            file: REMINDER.to_owned(),
            unit: String::new(),
            name: String::new(),
            periods: missing,
        });
    }
    out
}

/// `detail` or dots when the sheet left it blank.
fn or_blank(detail: &str) -> &str {
    if detail.trim().is_empty() {
        BLANK
    } else {
        detail
    }
}

/// The committee in running text (as the sheet writes it, else «cấp ủy»).
fn committee_in_text(office: &Office) -> String {
    if office.committee.trim().is_empty() {
        "cấp ủy".to_owned()
    } else {
        office.committee.trim().to_owned()
    }
}

/// A line of the heading or the closing: single-spaced, nothing after.
fn line(runs: Vec<Run>, align: AlignmentType) -> Paragraph {
    spaced(runs, align, 0, 240)
}

fn cell(paragraphs: Vec<Paragraph>, width: usize) -> TableCell {
    let mut c = TableCell::new().width(width, WidthType::Dxa);
    for p in paragraphs {
        c = c.add_paragraph(p);
    }
    c
}

/// The date line: «Place, ngày 05 tháng 3 năm 2026» — a day under 10 and
/// the months 1 and 2 with a leading zero, as the official format writes
/// them.
fn date_line(office: &Office, date: Date) -> String {
    let month = if date.month() <= 2 {
        format!("{:02}", date.month())
    } else {
        date.month().to_string()
    };
    format!(
        "{}, ngày {:02} tháng {month} năm {}",
        or_blank(&office.place),
        date.day(),
        date.year()
    )
}

/// The heading block of a party document: the committees and the number on
/// the left, «ĐẢNG CỘNG SẢN VIỆT NAM» and the date line on the right, the
/// subject («V/v …») under the number.
fn heading(office: &Office, date: Date, subject: &str) -> Table {
    const LEFT: usize = 4_100;
    const RIGHT: usize = 5_500;
    let centre = AlignmentType::Center;
    let mut left = Vec::new();
    if !office.superior.trim().is_empty() {
        left.push(line(
            vec![text(&office.superior.to_uppercase(), BODY)],
            centre,
        ));
    }
    left.push(line(
        vec![text(&or_blank(&office.committee).to_uppercase(), BODY).bold()],
        centre,
    ));
    left.push(line(vec![text("*", BODY)], centre));
    left.push(line(
        vec![text(
            &format!("Số      -CV/{}", or_blank(&office.symbol)),
            BODY,
        )],
        centre,
    ));
    left.push(line(
        vec![text(&format!("V/v {subject}"), NOTE).italic()],
        centre,
    ));
    let right = vec![
        line(
            vec![text("ĐẢNG CỘNG SẢN VIỆT NAM", 30)
                .bold()
                .underline("single")],
            centre,
        ),
        line(vec![text("", BODY)], centre),
        line(vec![text(&date_line(office, date), BODY).italic()], centre),
    ];
    Table::without_borders(vec![TableRow::new(vec![
        cell(left, LEFT),
        cell(right, RIGHT),
    ])])
    .set_grid(vec![LEFT, RIGHT])
}

/// «Kính gửi: …»: the unit, or for several the list the letter gives.
fn addressed(doc: Docx, to: &[String]) -> Docx {
    let whom = match to {
        [one] => one.as_str(),
        _ => "các đơn vị có tên dưới đây",
    };
    doc.add_paragraph(
        Paragraph::new()
            .align(AlignmentType::Center)
            .line_spacing(
                LineSpacing::new()
                    .line_rule(LineSpacingType::Auto)
                    .before(240)
                    .after(240),
            )
            .add_run(text("Kính gửi: ", BODY))
            .add_run(text(whom, BODY)),
    )
}

/// «Nơi nhận» on the left, the signature block on the right.
fn closing(office: &Office, to: &[String]) -> Table {
    const LEFT: usize = 4_300;
    const RIGHT: usize = 5_300;
    let left_line = |t: &str| line(vec![text(t, 22)], AlignmentType::Left);
    let mut left = vec![line(
        vec![text("Nơi nhận:", NOTE).bold().italic()],
        AlignmentType::Left,
    )];
    if to.len() == 1 {
        left.push(left_line("- Như trên,"));
    } else {
        left.push(left_line("- Các đơn vị có tên trong danh sách,"));
    }
    let n = office.copies.len();
    for (i, c) in office.copies.iter().enumerate() {
        let end = if i + 1 == n { "." } else { "," };
        left.push(left_line(&format!("- {c}{end}")));
    }
    let centre = AlignmentType::Center;
    let mut right = vec![line(
        vec![text(&or_blank(&office.on_behalf).to_uppercase(), BODY).bold()],
        centre,
    )];
    right.push(line(
        vec![text(&or_blank(&office.signer_post).to_uppercase(), BODY).bold()],
        centre,
    ));
    for _ in 0..4 {
        right.push(line(vec![text("", BODY)], centre));
    }
    right.push(if office.signer.trim().is_empty() {
        line(vec![text("(ký, ghi rõ họ tên)", NOTE).italic()], centre)
    } else {
        line(vec![text(office.signer.trim(), BODY).bold()], centre)
    });
    Table::without_borders(vec![TableRow::new(vec![
        cell(left, LEFT),
        cell(right, RIGHT),
    ])])
    .set_grid(vec![LEFT, RIGHT])
}

/// The day the letters carry and the day to resend by.
fn dates(report: &Report) -> (Date, Date) {
    let office = &report.reference.office;
    let today = report
        .reference
        .today
        .unwrap_or_else(|| Date::from_days_since_epoch(0));
    let date = office.date.unwrap_or(today);
    let resend = office.resend_by.unwrap_or_else(|| {
        Date::from_days_since_epoch(date.days_since_epoch() + i64::from(office.resend_days))
    });
    (date, resend)
}

/// A period's heading inside a letter, in italics.
fn period_line(heading: &str) -> Paragraph {
    body(vec![text(&format!("{heading}:"), BODY).italic()]).keep_next(true)
}

/// The letters themselves, from their plans.
pub(crate) fn letters(report: &Report) -> Vec<Letter> {
    let office = &report.reference.office;
    let (date, resend) = dates(report);
    let committee = committee_in_text(office);
    letter_plans(report)
        .into_iter()
        .map(|plan| {
            let reminder = plan.file == REMINDER;
            let (subject, to) = if reminder {
                let mut to: Vec<String> = plan.periods.iter().flat_map(|(_, u)| u.clone()).collect();
                to.sort();
                to.dedup();
                ("đôn đốc gửi báo cáo".to_owned(), to)
            } else {
                ("đề nghị kiểm tra, gửi lại báo cáo".to_owned(), vec![plan.name.clone()])
            };
            let mut doc = official().add_table(heading(office, date, &subject));
            doc = addressed(doc, &to);
            let opening = if reminder {
                format!(
                    "Qua tổng hợp, đến ngày {date} {committee} chưa nhận được báo cáo của các đơn vị sau:"
                )
            } else {
                format!(
                    "Qua tổng hợp báo cáo của các đơn vị, {committee} thấy báo cáo của {} còn {} điểm cần đơn vị kiểm tra, sửa:",
                    plan.name,
                    plan.points()
                )
            };
            doc = doc.add_paragraph(body(vec![text(&opening, BODY)]));
            let mut k = 0;
            for (heading, points) in &plan.periods {
                doc = doc.add_paragraph(period_line(heading));
                for p in points {
                    k += 1;
                    doc = doc.add_paragraph(body(vec![text(&format!("{k}. {p}"), BODY)]));
                }
            }
            let asked = if reminder {
                format!(
                    "Đề nghị các đơn vị khẩn trương hoàn thành, gửi báo cáo về {committee} trước ngày {resend} để kịp tổng hợp. Đơn vị đã gửi trong những ngày gần đây xin bỏ qua thư này."
                )
            } else {
                format!(
                    "Đề nghị {} kiểm tra, sửa các điểm trên và gửi lại báo cáo về {committee} trước ngày {resend}. Điểm nào số liệu đã đúng, đề nghị đơn vị ghi rõ lý do khi gửi lại.",
                    plan.name
                )
            };
            doc = doc
                .add_paragraph(body(vec![text(&asked, BODY)]))
                .add_paragraph(Paragraph::new());
            Letter {
                file: plan.file,
                doc: doc.add_table(closing(office, &to)),
            }
        })
        .collect()
}

/// Writes the letters into `dir/thu/`.
pub(crate) fn write(report: &Report, dir: &Path) -> Result<(), ReportError> {
    let letters = letters(report);
    if letters.is_empty() {
        return Ok(());
    }
    let folder = dir.join(DIR);
    std::fs::create_dir_all(&folder).map_err(|e| ReportError::io(DIR, &e))?;
    for l in letters {
        let name = format!("{DIR}/{}", l.file);
        let bytes = pack(l.doc, &name)?;
        std::fs::write(folder.join(&l.file), bytes).map_err(|e| ReportError::io(name, &e))?;
    }
    Ok(())
}
