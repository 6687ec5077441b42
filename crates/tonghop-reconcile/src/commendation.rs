//! Who may be honoured: each individual's and collective's yearly ratings,
//! gathered over every period's returns, against the eligibility criteria
//! (sheet `Tiêu chuẩn`, else seeds 001 and 003) — eligible, not eligible,
//! or not decidable with the reason in words; eligible candidates ranked by
//! their excellent years; honour-book entries against the book's minimum;
//! proposals that fail the criteria as findings.

use polars::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use tonghop_consolidate::cols;
use tonghop_core::{
    default_criteria, Criterion, Finding, Rating, Reference, Status, Subject, Track,
};
use tonghop_text::rating::year_ratings;
use tonghop_text::{match_key, Vocabulary};

/// A verdict on one candidate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Meets every criterion that applies.
    Eligible,
    /// Fails one at least.
    NotEligible,
    /// A year's rating is missing (or unreadable) and decides it.
    Undecidable,
}

impl Verdict {
    /// In words, for the sheet.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Verdict::Eligible => "Đủ tiêu chuẩn",
            Verdict::NotEligible => "Không đủ tiêu chuẩn",
            Verdict::Undecidable => "Chưa đủ căn cứ",
        }
    }
}

/// One year's rating of a candidate, with its form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct YearMark {
    /// The rating.
    pub rating: Rating,
    /// Written in the party member's form.
    pub party: bool,
}

/// An individual or a collective judged for commendation.
#[derive(Debug, Clone, Serialize)]
pub struct Candidate {
    /// Individual (exemplar) or collective (model).
    pub subject: Subject,
    /// `person_id` / `model_id`.
    pub id: String,
    /// Full name or model's name.
    pub name: String,
    /// Position (individuals).
    pub position: String,
    /// Workplace or implementing unit.
    pub owner: String,
    /// The sending unit (roster code or detected name).
    pub unit: String,
    /// Level code of the registration.
    pub level: String,
    /// The commendation stage written (`tuyen_duong`, …; empty when none).
    pub stage: String,
    /// The commendation as written.
    pub said: String,
    /// Ratings by year, gathered over every period (a later period's
    /// return wins where two differ).
    pub ratings: BTreeMap<u16, Vec<YearMark>>,
    /// Holds a leader's position.
    pub leader: bool,
    /// A party member (a rating in the party form or a party post).
    pub party: bool,
    /// Years rated *hoàn thành xuất sắc* within the window.
    pub excellent_years: u16,
    /// The verdict.
    pub verdict: Verdict,
    /// Why, in words (every criterion failed, missing years, notes).
    pub reason: String,
    /// Place among the eligible of its subject (1 = most excellent years).
    pub rank: Option<u32>,
    /// Where its first source is.
    pub file: String,
    /// Sheet of the first source.
    pub sheet: String,
    /// Row of the first source.
    pub row: u32,
}

/// Counts of the verdicts of one subject.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct VerdictCounts {
    /// Candidates judged (active entities with ratings or a stage).
    pub candidates: u64,
    /// Eligible.
    pub eligible: u64,
    /// Not eligible.
    pub not_eligible: u64,
    /// Not decidable.
    pub undecidable: u64,
}

/// The eligibility part of `summary.json` `commendation`.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Eligibility {
    /// The period judged (the latest with entities).
    pub period: String,
    /// First year of the default window.
    pub from_year: Option<u16>,
    /// Last year of the default window.
    pub to_year: Option<u16>,
    /// Whether the criteria are the sheet's (`Tiêu chuẩn`) or built in.
    pub criteria_from_sheet: bool,
    /// The criteria applied, by name.
    pub criteria: Vec<String>,
    /// Individuals.
    pub individuals: VerdictCounts,
    /// Collectives.
    pub collectives: VerdictCounts,
}

/// The funnel's stages of one group of entities: each at most the one
/// before, a later stage implying the earlier ones (see [`funnel`]).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Stages {
    /// Registered and active.
    pub registered: u64,
    /// Meeting the criteria (judged in the latest period only; `None` before).
    pub eligible: Option<u64>,
    /// Honoured (*tuyên dương* by the grassroots committees, or any later stage).
    pub honoured: u64,
    /// Proposed to the consolidating committee (or awarded by it, or proposed above).
    pub proposed: u64,
    /// Awarded by the consolidating committee.
    pub awarded: u64,
    /// Proposed to the level above (the province), or awarded there.
    pub proposed_above: u64,
}

impl Stages {
    fn add(&mut self, e: &EntityStages) {
        self.registered += 1;
        if let Some(eligible) = e.eligible {
            *self.eligible.get_or_insert(0) += u64::from(eligible);
        }
        self.honoured += u64::from(e.honoured);
        self.proposed += u64::from(e.proposed);
        self.awarded += u64::from(e.awarded);
        self.proposed_above += u64::from(e.proposed_above);
    }
}

/// The funnel of one period and subject, in total, by level and by unit.
#[derive(Debug, Clone, Serialize)]
pub struct Funnel {
    /// Period id.
    pub period: String,
    /// `models` (collectives) or `exemplars` (individuals).
    pub subject: &'static str,
    /// Every active entity.
    pub total: Stages,
    /// By level code of the registration.
    pub by_level: BTreeMap<String, Stages>,
    /// By sending unit (roster code, or the detected name).
    pub by_unit: BTreeMap<String, Stages>,
}

/// One entity's place in the funnel.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct EntityStages {
    eligible: Option<bool>,
    honoured: bool,
    proposed: bool,
    awarded: bool,
    proposed_above: bool,
}

/// A stage of the funnel after registration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum FunnelStage {
    Honoured,
    Proposed,
    Awarded,
    ProposedAbove,
}

impl FunnelStage {
    /// The stage as a return's sentence says it (`được tuyên dương`).
    pub(crate) fn label(self) -> &'static str {
        match self {
            FunnelStage::Honoured => "được tuyên dương",
            FunnelStage::Proposed => "được đề nghị khen thưởng",
            FunnelStage::Awarded => "được khen thưởng",
            FunnelStage::ProposedAbove => "được đề nghị cấp trên khen thưởng",
        }
    }

    /// The stage each entity of this one has passed: proposed to the level
    /// above and awarded both follow a proposal; a proposal follows the
    /// honour. `None` for the first, which follows registration.
    pub(crate) fn before(self) -> Option<FunnelStage> {
        match self {
            FunnelStage::Honoured => None,
            FunnelStage::Proposed => Some(FunnelStage::Honoured),
            FunnelStage::Awarded | FunnelStage::ProposedAbove => Some(FunnelStage::Proposed),
        }
    }
}

impl EntityStages {
    /// Whether the entity is at the stage (or one that implies it).
    pub(crate) fn at(&self, stage: FunnelStage) -> bool {
        match stage {
            FunnelStage::Honoured => self.honoured,
            FunnelStage::Proposed => self.proposed,
            FunnelStage::Awarded => self.awarded,
            FunnelStage::ProposedAbove => self.proposed_above,
        }
    }

    /// The furthest stage a statement puts an entity at.
    pub(crate) fn furthest(&self) -> Option<FunnelStage> {
        [
            FunnelStage::ProposedAbove,
            FunnelStage::Awarded,
            FunnelStage::Proposed,
            FunnelStage::Honoured,
        ]
        .into_iter()
        .find(|s| self.at(*s))
    }
}

/// The stages a commendation cell puts an entity at, each later stage
/// implying the earlier ones: honoured by the grassroots committee
/// (`Tuyên dương`, an award of the grassroots level); proposed to the
/// consolidating committee (`Đề nghị khen thưởng`); awarded by it (`Giấy
/// khen của Đảng ủy Khối`, an award naming no level, its `tuyên dương`);
/// proposed to the province (`Đề nghị UBND tỉnh tặng Bằng khen`, or
/// honoured or awarded there).
pub(crate) fn entity_stages(v: &Vocabulary, said: &str, code: &str) -> EntityStages {
    use tonghop_core::Level;
    use tonghop_text::stage::{statements, Stage};
    let mut e = EntityStages::default();
    let mut said_any = false;
    for st in statements(v, said) {
        said_any = true;
        match (st.stage, st.level) {
            (Stage::HonourBook, _) => {}
            (_, Some(Level::Tinh)) => {
                e.proposed_above = true;
                e.proposed = true;
                e.honoured = true;
            }
            (Stage::Honoured, Some(Level::Khoi)) | (Stage::Awarded, None | Some(Level::Khoi)) => {
                e.awarded = true;
                e.proposed = true;
                e.honoured = true;
            }
            (Stage::Proposed, None | Some(Level::Khoi)) => {
                e.proposed = true;
                e.honoured = true;
            }
            _ => e.honoured = true,
        }
    }
    // A cell the statements do not read (only its code was kept).
    if !said_any {
        match code {
            "tuyen_duong" => e.honoured = true,
            "de_nghi_khen_thuong" => (e.honoured, e.proposed) = (true, true),
            "khen_thuong" => (e.honoured, e.proposed, e.awarded) = (true, true, true),
            _ => {}
        }
    }
    e
}

/// The funnel of every period and subject: registered → meets the criteria
/// → honoured → proposed → awarded, and proposed to the level above.
fn funnel(
    v: &Vocabulary,
    reference: &Reference,
    (people, groups): (&[Row], &[Row]),
    (judged_period, candidates): (&str, &[Candidate]),
) -> (Vec<Funnel>, Marks) {
    let mut marks = HashMap::new();
    let verdict: HashMap<(Subject, &str), Verdict> = candidates
        .iter()
        .map(|c| ((c.subject, c.id.as_str()), c.verdict))
        .collect();
    let mut out = Vec::new();
    for p in &reference.periods {
        for (subject, list, plural) in [
            (Subject::Model, groups, "models"),
            (Subject::Exemplar, people, "exemplars"),
        ] {
            let mut f = Funnel {
                period: p.id.clone(),
                subject: plural,
                total: Stages::default(),
                by_level: BTreeMap::new(),
                by_unit: BTreeMap::new(),
            };
            let judged = judged_period == p.id;
            for r in list
                .iter()
                .filter(|r| r.period() == p.id && r.status() != Status::Loai)
            {
                let mut e = entity_stages(v, r.said(), r.stage());
                if judged {
                    e.eligible = Some(verdict.get(&(subject, r.id())) == Some(&Verdict::Eligible));
                }
                let bits = [
                    (e.eligible == Some(true), mark::ELIGIBLE),
                    (e.honoured, mark::HONOURED),
                    (e.proposed, mark::PROPOSED),
                    (e.awarded, mark::AWARDED),
                    (e.proposed_above, mark::PROPOSED_ABOVE),
                ]
                .iter()
                .filter(|(on, _)| *on)
                .fold(0u8, |m, (_, b)| m | b);
                if bits != 0 {
                    marks.insert((p.id.clone(), plural, r.id().to_owned()), bits);
                }
                f.total.add(&e);
                f.by_level.entry(r.level().to_owned()).or_default().add(&e);
                f.by_unit.entry(r.unit().to_owned()).or_default().add(&e);
            }
            if judged {
                // Counted with zero where nothing is eligible.
                f.total.eligible.get_or_insert(0);
            }
            out.push(f);
        }
    }
    (out, marks)
}

/// Everything this part produces.
#[derive(Debug, Clone, Default)]
pub struct Commendation {
    /// The counts for `summary.json`.
    pub eligibility: Eligibility,
    /// The funnel of every period and subject.
    pub funnel: Vec<Funnel>,
    /// The honour book's entries of the latest period.
    pub honour_book: Vec<HonourEntry>,
    /// Every candidate: individuals then collectives, eligible first by rank.
    pub candidates: Vec<Candidate>,
    /// The funnel's stages each active entity has passed, as [`mark`] bits,
    /// for the entities with any.
    pub marks: Marks,
}

/// Stages passed, as [`mark`] bits, by (period, `models` / `exemplars`, id).
pub type Marks = HashMap<(String, &'static str, String), u8>;

/// The bits of [`Commendation::marks`]: the funnel's stages.
pub mod mark {
    /// Meets the criteria (the period judged only).
    pub const ELIGIBLE: u8 = 1;
    /// Honoured (or any later stage).
    pub const HONOURED: u8 = 2;
    /// Proposed to the consolidating committee (or later).
    pub const PROPOSED: u8 = 4;
    /// Awarded by the consolidating committee.
    pub const AWARDED: u8 = 8;
    /// Proposed to the level above.
    pub const PROPOSED_ABOVE: u8 = 16;
}

/// The criteria in force: the sheet's, else the built-in ones.
#[must_use]
pub fn criteria_of(reference: &Reference) -> Vec<Criterion> {
    if reference.criteria.is_empty() {
        default_criteria()
    } else {
        reference.criteria.clone()
    }
}

/// The default window: from the year of the first period to the last year
/// ended before the latest period's deadline (ratings are given at a
/// year's end), never before the first.
fn default_window(reference: &Reference) -> Option<(u16, u16)> {
    let year_of = |p: &tonghop_core::Period| -> Option<u16> {
        p.deadline
            .and_then(|d| u16::try_from(d.year()).ok())
            .or_else(|| {
                [p.id.as_str(), p.name.as_str(), p.folder.as_str()]
                    .iter()
                    .find_map(|t| {
                        t.split(|c: char| !c.is_ascii_digit())
                            .filter(|d| d.len() == 4)
                            .find_map(|d| d.parse::<u16>().ok())
                    })
            })
    };
    let first = reference.periods.iter().find_map(year_of)?;
    let last = reference.periods.iter().rev().find_map(year_of)?;
    Some((first, last.saturating_sub(1).max(first)))
}

/// The entity columns of a frame, borrowed from it; each entity is read
/// through them ([`Row`]), not copied: a national batch has a million
/// entities, and a row of borrowed texts each (fourteen of them) was the
/// run's highest memory (issue 21).
pub(crate) struct Entities<'a> {
    period: &'a StringChunked,
    id: &'a StringChunked,
    name: &'a StringChunked,
    position: Option<&'a StringChunked>,
    owner: &'a StringChunked,
    unit: &'a StringChunked,
    level: &'a StringChunked,
    status: &'a StringChunked,
    /// Models only.
    category: Option<&'a StringChunked>,
    stage: Option<&'a StringChunked>,
    said: Option<&'a StringChunked>,
    ratings: Option<&'a StringChunked>,
    file: &'a StringChunked,
    sheet: &'a StringChunked,
    row: Vec<u32>,
}

impl<'a> Entities<'a> {
    /// The columns of `df`, a frame of `subject`.
    ///
    /// # Errors
    /// When a contract column is missing (a bug).
    pub(crate) fn of(df: &'a DataFrame, subject: Subject) -> PolarsResult<Entities<'a>> {
        let (id, name, owner) = match subject {
            Subject::Model => (cols::MODEL_ID, cols::NAME, cols::OWNER),
            Subject::Exemplar => (cols::PERSON_ID, cols::FULL_NAME, cols::WORKPLACE),
        };
        let text = |c: &str| -> PolarsResult<&'a StringChunked> { df.column(c)?.str() };
        let optional = |c: &str| -> PolarsResult<Option<&'a StringChunked>> {
            df.column(c).ok().map(|col| col.str()).transpose()
        };
        Ok(Entities {
            period: text(cols::PERIOD)?,
            id: text(id)?,
            name: text(name)?,
            position: optional(cols::POSITION)?,
            owner: text(owner)?,
            unit: text(cols::UNIT)?,
            level: text(cols::LEVEL)?,
            status: text(cols::STATUS)?,
            category: optional(cols::CATEGORY)?,
            stage: optional(cols::COMMENDATION)?,
            said: optional(cols::COMMENDATION_TEXT)?,
            ratings: optional(cols::RATINGS)?,
            file: text(cols::SOURCE_FILE)?,
            sheet: text(cols::SOURCE_SHEET)?,
            row: tonghop_consolidate::numbers(df, cols::SOURCE_ROW)?,
        })
    }

    /// Every entity, in the frame's order.
    pub(crate) fn rows(&self) -> Vec<Row<'_>> {
        (0..u32::try_from(self.row.len()).unwrap_or(u32::MAX))
            .map(|k| Row { of: self, k })
            .collect()
    }

    /// The entities of each period, with their ids, in the frame's order.
    pub(crate) fn by_period(&self) -> crate::ByPeriod<'_> {
        let mut out: crate::ByPeriod = HashMap::new();
        for r in self.rows() {
            out.entry(r.period()).or_default().push((r.id(), r));
        }
        out
    }
}

/// An entity of a frame: its row, read through the frame's columns.
#[derive(Clone, Copy)]
pub(crate) struct Row<'a> {
    of: &'a Entities<'a>,
    k: u32,
}

fn text_of(ca: &StringChunked, k: u32) -> &str {
    ca.get(k as usize).unwrap_or("")
}

fn maybe_of(ca: Option<&StringChunked>, k: u32) -> &str {
    ca.and_then(|ca| ca.get(k as usize)).unwrap_or("")
}

impl<'a> Row<'a> {
    pub(crate) fn period(&self) -> &'a str {
        text_of(self.of.period, self.k)
    }
    pub(crate) fn id(&self) -> &'a str {
        text_of(self.of.id, self.k)
    }
    pub(crate) fn name(&self) -> &'a str {
        text_of(self.of.name, self.k)
    }
    pub(crate) fn position(&self) -> &'a str {
        maybe_of(self.of.position, self.k)
    }
    pub(crate) fn owner(&self) -> &'a str {
        text_of(self.of.owner, self.k)
    }
    pub(crate) fn unit(&self) -> &'a str {
        text_of(self.of.unit, self.k)
    }
    pub(crate) fn level(&self) -> &'a str {
        text_of(self.of.level, self.k)
    }
    pub(crate) fn status(&self) -> Status {
        if text_of(self.of.status, self.k) == Status::Loai.code() {
            Status::Loai
        } else {
            Status::DangKy
        }
    }
    /// The model's category code ("" for exemplars).
    pub(crate) fn category(&self) -> &'a str {
        maybe_of(self.of.category, self.k)
    }
    /// The entity's row in its frame.
    pub(crate) fn at(&self) -> u32 {
        self.k
    }
    /// The commendation's code.
    pub(crate) fn stage(&self) -> &'a str {
        maybe_of(self.of.stage, self.k)
    }
    /// The commendation as written.
    pub(crate) fn said(&self) -> &'a str {
        maybe_of(self.of.said, self.k)
    }
    pub(crate) fn ratings(&self) -> &'a str {
        maybe_of(self.of.ratings, self.k)
    }
    pub(crate) fn file(&self) -> &'a str {
        text_of(self.of.file, self.k)
    }
    pub(crate) fn sheet(&self) -> &'a str {
        text_of(self.of.sheet, self.k)
    }
    pub(crate) fn row(&self) -> u32 {
        self.of.row.get(self.k as usize).copied().unwrap_or(0)
    }
}

/// Each entity's ratings by year, with the period that gave them.
type Gathered = HashMap<String, BTreeMap<u16, (Vec<YearMark>, String)>>;

/// Ratings of every entity of one subject over the periods (in order),
/// with a finding for each unreadable part and each year two periods rate
/// differently; and, per entity, the parts that could not be read.
fn gather(
    v: &Vocabulary,
    rows: &[Row],
    order: &HashMap<&str, usize>,
    findings: &mut Vec<Finding>,
) -> (Gathered, HashMap<String, Vec<String>>) {
    let mut sorted: Vec<&Row> = rows.iter().filter(|r| !r.ratings().is_empty()).collect();
    sorted.sort_by_key(|r| order.get(r.period()).copied().unwrap_or(usize::MAX));
    let mut out: Gathered = HashMap::new();
    let mut unreadable: HashMap<String, Vec<String>> = HashMap::new();
    for r in sorted {
        let mut here: BTreeMap<u16, Vec<YearMark>> = BTreeMap::new();
        for yr in year_ratings(v, r.ratings()) {
            let (rating, year) = match (yr.rating, yr.year) {
                (Ok(rating), Some(year)) => (rating, year),
                (rating, year) => {
                    let why = match (&rating, year) {
                        (Err(why), _) => why.clone(),
                        (Ok(_), _) => "không ghi năm nào (ghi năm trong ô, ví dụ 2022: HTTNV, hoặc năm ở tiêu đề cột, ví dụ Xếp loại năm 2022)".to_owned(),
                    };
                    unreadable
                        .entry(r.id().to_owned())
                        .or_default()
                        .push(format!("\"{}\"", yr.text));
                    findings.push(
                        tonghop_core::finding!(
                            RatingUnreadable,
                            chu = yr.text,
                            ten = r.name().to_owned(),
                            cot = year.map_or_else(
                                || "xếp loại".to_owned(),
                                |y| format!("xếp loại năm {y}")
                            ),
                            ly_do = why
                        )
                        .period(r.period())
                        .unit(r.unit())
                        .file(r.file())
                        .at(r.sheet(), Some(r.row())),
                    );
                    continue;
                }
            };
            here.entry(year).or_default().push(YearMark {
                rating,
                party: yr.party,
            });
        }
        let person = out.entry(r.id().to_owned()).or_default();
        for (year, marks) in here {
            if let Some((before, period)) = person.get(&year) {
                let same_form = |m: &YearMark| before.iter().find(|b| b.party == m.party);
                if let Some((b, m)) = marks.iter().find_map(|m| {
                    same_form(m)
                        .filter(|b| b.rating != m.rating)
                        .map(|b| (b, m))
                }) {
                    findings.push(
                        tonghop_core::finding!(
                            RatingConflict,
                            ten = r.name().to_owned(),
                            ma = r.id().to_owned(),
                            nam = year.to_string(),
                            ky_truoc = period.clone(),
                            truoc = b.rating.short(),
                            ky_sau = r.period().to_owned(),
                            sau = m.rating.short()
                        )
                        .period(r.period())
                        .unit(r.unit())
                        .file(r.file())
                        .at(r.sheet(), Some(r.row())),
                    );
                }
            }
            person.insert(year, (marks, r.period().to_owned()));
        }
    }
    (out, unreadable)
}

/// The ratings a criterion reads, by year: the party form for
/// [`Track::Party`] (the plain ones when none is in that form), the plain
/// ones for [`Track::Work`], the lower of a year's for [`Track::Any`].
fn marks_for(ratings: &BTreeMap<u16, Vec<YearMark>>, track: Track) -> BTreeMap<u16, Rating> {
    let any_party = ratings.values().flatten().any(|m| m.party);
    ratings
        .iter()
        .filter_map(|(y, marks)| {
            let pick = |f: &dyn Fn(&YearMark) -> bool| {
                marks.iter().filter(|m| f(m)).map(|m| m.rating).min()
            };
            let r = match track {
                Track::Any => pick(&|_| true),
                Track::Party if any_party => pick(&|m| m.party),
                Track::Party | Track::Work => pick(&|m| !m.party),
            };
            r.map(|r| (*y, r))
        })
        .collect()
}

/// A criterion as a reason names it: its name before the first colon
/// (`Đảng viên: hằng năm …` is `Đảng viên`).
fn short_name(name: &str) -> &str {
    name.split_once(':').map_or(name, |(a, _)| a).trim()
}

/// One criterion's outcome.
enum Outcome {
    Pass,
    Fail(String),
    Missing(String),
}

fn years_list(years: &[u16]) -> String {
    years
        .iter()
        .map(u16::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

/// A criterion on the ratings of its window.
fn check(c: &Criterion, marks: &BTreeMap<u16, Rating>, window: (u16, u16)) -> (Outcome, u16) {
    let (from, to) = (
        c.from_year.unwrap_or(window.0),
        c.to_year.unwrap_or(window.1),
    );
    let mut missing = Vec::new();
    let mut below = Vec::new();
    let mut excellent = 0u16;
    for y in from..=to {
        match marks.get(&y) {
            None => missing.push(y),
            Some(r) => {
                if c.min_each_year.is_some_and(|min| *r < min) {
                    below.push(format!("năm {y} {}", r.label().to_lowercase()));
                }
                if *r == Rating::XuatSac {
                    excellent += 1;
                }
            }
        }
    }
    let outcome = if !below.is_empty() {
        Outcome::Fail(format!(
            "{} (dưới mức {} mỗi năm)",
            below.join(", "),
            c.min_each_year.map_or("", |r| r.label()).to_lowercase()
        ))
    } else if usize::from(excellent) + missing.len() < usize::from(c.excellent_years) {
        Outcome::Fail(format!(
            "có {excellent} năm hoàn thành xuất sắc nhiệm vụ trong {from}–{to}, cần ít nhất {}",
            c.excellent_years
        ))
    } else if !missing.is_empty() {
        Outcome::Missing(format!("chưa có xếp loại năm {}", years_list(&missing)))
    } else {
        Outcome::Pass
    };
    (outcome, excellent)
}

/// Judges every candidate of the latest period with entities: the
/// exemplars (`people`) and the models (`groups`) of every period.
pub(crate) fn judge(
    reference: &Reference,
    (people, groups): (&[Row], &[Row]),
    findings: &mut Vec<Finding>,
) -> Commendation {
    let v = Vocabulary::for_campaign(&reference.words).0;
    let criteria = criteria_of(reference);
    let order: HashMap<&str, usize> = reference
        .periods
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id.as_str(), i))
        .collect();
    let latest = reference
        .periods
        .iter()
        .rev()
        .find(|p| people.iter().chain(groups).any(|r| r.period() == p.id))
        .map(|p| p.id.clone())
        .unwrap_or_default();
    let window = default_window(reference);
    let mut out = Commendation {
        eligibility: Eligibility {
            period: latest.clone(),
            from_year: window.map(|w| w.0),
            to_year: window.map(|w| w.1),
            criteria_from_sheet: !reference.criteria.is_empty(),
            criteria: criteria.iter().map(|c| c.name.clone()).collect(),
            ..Eligibility::default()
        },
        candidates: Vec::new(),
        funnel: Vec::new(),
        honour_book: Vec::new(),
        marks: HashMap::new(),
    };
    let (person_ratings, person_unreadable) = gather(&v, people, &order, findings);
    let (group_ratings, group_unreadable) = gather(&v, groups, &order, findings);
    // Without any period's year, the window is the years rated.
    let window = window.or_else(|| {
        let years = person_ratings
            .values()
            .chain(group_ratings.values())
            .flat_map(|m| m.keys().copied());
        let (lo, hi) = years.fold((u16::MAX, 0), |(lo, hi), y| (lo.min(y), hi.max(y)));
        (hi > 0).then_some((lo, hi))
    });
    let strip =
        |m: Option<&BTreeMap<u16, (Vec<YearMark>, String)>>| -> BTreeMap<u16, Vec<YearMark>> {
            m.map(|m| {
                m.iter()
                    .map(|(y, (marks, _))| (*y, marks.clone()))
                    .collect()
            })
            .unwrap_or_default()
        };
    // The collectives of the latest period, by unit, for a leader's.
    let mut collectives: HashMap<&str, Vec<&Row>> = HashMap::new();
    for g in groups
        .iter()
        .filter(|r| r.period() == latest && r.status() != Status::Loai)
    {
        collectives.entry(g.unit()).or_default().push(g);
    }
    for (subject, list, ratings, unreadable) in [
        (
            Subject::Exemplar,
            people,
            &person_ratings,
            &person_unreadable,
        ),
        (Subject::Model, groups, &group_ratings, &group_unreadable),
    ] {
        let mut judged: Vec<Candidate> = Vec::new();
        for r in list
            .iter()
            .filter(|r| r.period() == latest && r.status() != Status::Loai)
        {
            let marks = strip(ratings.get(r.id()));
            if marks.is_empty() && r.stage().is_empty() {
                continue;
            }
            let leader = subject == Subject::Exemplar && v.is_leader(r.position(), &[]);
            let party = subject == Subject::Exemplar
                && (marks.values().flatten().any(|m| m.party) || v.party_post(r.position()));
            let any_plain = marks.values().flatten().any(|m| !m.party);
            let mut fails = Vec::new();
            let mut missing = Vec::new();
            let mut notes = Vec::new();
            let mut passed = Vec::new();
            let mut excellent = 0u16;
            let Some(window) = window else {
                judged.push(candidate(r, subject, marks, leader, party, 0, Verdict::Undecidable,
                    "không biết khung thời gian xét (sheet Kỳ báo cáo không có năm, báo cáo không ghi năm xếp loại)".into()));
                continue;
            };
            for c in criteria
                .iter()
                .filter(|c| c.subject == subject && !c.is_honour_book())
            {
                let applies = match c.track {
                    Track::Any => true,
                    Track::Party => party,
                    Track::Work => any_plain || !party,
                } && (!c.leaders_only
                    || (if c.positions.is_empty() {
                        leader
                    } else {
                        v.is_leader(r.position(), &c.positions)
                    }));
                if !applies {
                    continue;
                }
                let (outcome, xs) = check(c, &marks_for(&marks, c.track), window);
                excellent = excellent.max(xs);
                let short = short_name(&c.name);
                match outcome {
                    Outcome::Pass => passed.push(short.to_owned()),
                    Outcome::Fail(why) => fails.push(format!("{short}: {why}")),
                    Outcome::Missing(why) => missing.push(format!("{short}: {why}")),
                }
                if c.collective_excellent {
                    match collective_of(r, &collectives) {
                        None => notes.push("không tìm được tập thể do đồng chí đứng đầu trong danh sách mô hình của đơn vị, chưa xét điều kiện tập thể hoàn thành xuất sắc".to_owned()),
                        Some(g) => {
                            let year = c.to_year.unwrap_or(window.1);
                            let gm = marks_for(&strip(group_ratings.get(g.id())), Track::Any);
                            match gm.get(&year) {
                                Some(Rating::XuatSac) => {}
                                Some(other) => fails.push(format!(
                                    "tập thể \"{}\" do đồng chí đứng đầu năm {year} {}, chưa hoàn thành xuất sắc nhiệm vụ",
                                    g.name(),
                                    other.label().to_lowercase()
                                )),
                                None => missing.push(format!(
                                    "chưa có xếp loại năm {year} của tập thể \"{}\" do đồng chí đứng đầu",
                                    g.name()
                                )),
                            }
                        }
                    }
                }
            }
            let (verdict, mut reason) = if !fails.is_empty() {
                (Verdict::NotEligible, fails.join("; "))
            } else if !missing.is_empty() {
                (Verdict::Undecidable, missing.join("; "))
            } else if passed.is_empty() {
                (
                    Verdict::Undecidable,
                    "không có tiêu chuẩn nào áp dụng".to_owned(),
                )
            } else {
                (
                    Verdict::Eligible,
                    format!("đạt tiêu chuẩn {}", passed.join("; ")),
                )
            };
            if let Some(bad) = unreadable
                .get(r.id())
                .filter(|_| verdict != Verdict::Eligible)
            {
                notes.push(format!("không đọc được xếp loại {}", bad.join(", ")));
            }
            if !notes.is_empty() {
                reason = format!("{reason} ({})", notes.join("; "));
            }
            judged.push(candidate(
                r, subject, marks, leader, party, excellent, verdict, reason,
            ));
        }
        // Eligible, then not decidable, then not eligible; most excellent
        // years first within each.
        judged.sort_by(|a, b| {
            a.verdict_order()
                .cmp(&b.verdict_order())
                .then(b.excellent_years.cmp(&a.excellent_years))
                .then_with(|| a.unit.cmp(&b.unit))
                .then_with(|| a.name.cmp(&b.name))
        });
        let mut rank = 0u32;
        for c in &mut judged {
            if c.verdict == Verdict::Eligible {
                rank += 1;
                c.rank = Some(rank);
            }
        }
        let counts = VerdictCounts {
            candidates: judged.len() as u64,
            eligible: judged
                .iter()
                .filter(|c| c.verdict == Verdict::Eligible)
                .count() as u64,
            not_eligible: judged
                .iter()
                .filter(|c| c.verdict == Verdict::NotEligible)
                .count() as u64,
            undecidable: judged
                .iter()
                .filter(|c| c.verdict == Verdict::Undecidable)
                .count() as u64,
        };
        match subject {
            Subject::Exemplar => out.eligibility.individuals = counts,
            Subject::Model => out.eligibility.collectives = counts,
        }
        out.candidates.extend(judged);
    }
    if let Some(window) = window {
        out.honour_book = honour_book(&v, &criteria, &out.candidates, (&latest, window), findings);
    }
    proposals(&out.candidates, &latest, findings);
    (out.funnel, out.marks) = funnel(&v, reference, (people, groups), (&latest, &out.candidates));
    out
}

impl Candidate {
    fn verdict_order(&self) -> u8 {
        match self.verdict {
            Verdict::Eligible => 0,
            Verdict::Undecidable => 1,
            Verdict::NotEligible => 2,
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn candidate(
    r: &Row,
    subject: Subject,
    ratings: BTreeMap<u16, Vec<YearMark>>,
    leader: bool,
    party: bool,
    excellent_years: u16,
    verdict: Verdict,
    reason: String,
) -> Candidate {
    Candidate {
        subject,
        id: r.id().to_owned(),
        name: r.name().to_owned(),
        position: r.position().to_owned(),
        owner: r.owner().to_owned(),
        unit: r.unit().to_owned(),
        level: r.level().to_owned(),
        stage: r.stage().to_owned(),
        said: r.said().to_owned(),
        ratings,
        leader,
        party,
        excellent_years,
        verdict,
        reason,
        rank: None,
        file: r.file().to_owned(),
        sheet: r.sheet().to_owned(),
        row: r.row(),
    }
}

/// The collective a leader heads: a model of the same unit whose
/// implementing unit is the leader's workplace, or is named in the
/// position (`Trưởng phòng Kế hoạch` heads `Phòng Kế hoạch`); only when
/// exactly one fits.
fn collective_of<'a, 'f>(
    leader: &Row,
    collectives: &HashMap<&str, Vec<&'a Row<'f>>>,
) -> Option<&'a Row<'f>> {
    let workplace = match_key(leader.owner());
    let position = format!(" {} ", match_key(leader.position()));
    let fits: Vec<&&Row> = collectives
        .get(leader.unit())
        .map_or(&[][..], Vec::as_slice)
        .iter()
        .filter(|g| {
            let owner = match_key(g.owner());
            !owner.is_empty() && (owner == workplace || position.contains(&format!(" {owner} ")))
        })
        .collect();
    match fits.as_slice() {
        [one] => Some(**one),
        _ => None,
    }
}

/// One entry of the honour book (*sổ ghi danh*) in the latest period.
#[derive(Debug, Clone, Serialize)]
pub struct HonourEntry {
    /// The candidate's place in [`Commendation::candidates`].
    pub candidate: usize,
    /// Proposed to the level above for its book (`Đề nghị … ghi danh`),
    /// else entered at the branch (grassroots) level.
    pub proposed_above: bool,
    /// The year whose rating the book's minimum reads.
    pub year: Option<u16>,
    /// That year's rating.
    pub rating: Option<Rating>,
    /// Whether it meets the book's minimum (`None`: no criterion applies).
    pub meets: Option<bool>,
    /// Why not, or which criterion.
    pub reason: String,
}

/// Honour-book entries (a `ghi danh` statement) against the book's
/// minimum: the rating of the window's last year.
fn honour_book(
    v: &Vocabulary,
    criteria: &[Criterion],
    candidates: &[Candidate],
    (period, window): (&str, (u16, u16)),
    findings: &mut Vec<Finding>,
) -> Vec<HonourEntry> {
    use tonghop_text::stage::{statements, Stage};
    let mut out = Vec::new();
    for (i, c) in candidates.iter().enumerate() {
        let said = statements(v, &c.said);
        let entries: Vec<_> = said
            .iter()
            .filter(|s| s.stage == Stage::HonourBook)
            .collect();
        if entries.is_empty() && c.stage != "ghi_danh" {
            continue;
        }
        let mut entry = HonourEntry {
            candidate: i,
            proposed_above: entries.iter().any(|s| s.proposal),
            year: None,
            rating: None,
            meets: None,
            reason: "không có tiêu chuẩn ghi danh nào áp dụng".to_owned(),
        };
        for k in criteria
            .iter()
            .filter(|k| k.subject == c.subject && k.is_honour_book())
        {
            let applies = match k.track {
                Track::Party => c.party,
                Track::Work => !c.party || c.ratings.values().flatten().any(|m| !m.party),
                Track::Any => true,
            };
            let (Some(min), true) = (k.honour_min, applies) else {
                continue;
            };
            let year = k.to_year.unwrap_or(window.1);
            let rating = marks_for(&c.ratings, k.track).get(&year).copied();
            entry.year = Some(year);
            entry.rating = rating;
            let why = match rating {
                Some(r) if r >= min => {
                    entry.meets = Some(entry.meets.unwrap_or(true));
                    entry.reason = format!("đạt: {}", short_name(&k.name));
                    continue;
                }
                Some(r) => format!(
                    "năm {year} xếp loại {}, dưới mức {} ({})",
                    r.label().to_lowercase(),
                    min.label().to_lowercase(),
                    short_name(&k.name)
                ),
                None => format!(
                    "chưa có xếp loại năm {year} để xét mức {} ({})",
                    min.label().to_lowercase(),
                    short_name(&k.name)
                ),
            };
            entry.meets = Some(false);
            entry.reason.clone_from(&why);
            findings.push(
                tonghop_core::finding!(
                    HonourBookIneligible,
                    ten = c.name.clone(),
                    ma = c.id.clone(),
                    ly_do = why
                )
                .period(period)
                .unit(&c.unit)
                .file(&c.file)
                .at(&c.sheet, Some(c.row)),
            );
        }
        out.push(entry);
    }
    out
}

/// Honoured, proposed or awarded candidates that fail the criteria, or that
/// the ratings cannot decide.
fn proposals(candidates: &[Candidate], period: &str, findings: &mut Vec<Finding>) {
    for c in candidates {
        let stage = match c.stage.as_str() {
            "tuyen_duong" => "tuyên dương",
            "de_nghi_khen_thuong" => "đề nghị khen thưởng",
            "khen_thuong" => "khen thưởng",
            _ => continue,
        };
        let verdict = match c.verdict {
            Verdict::Eligible => continue,
            Verdict::NotEligible => "không đủ tiêu chuẩn",
            Verdict::Undecidable => "chưa đủ căn cứ để xét tiêu chuẩn",
        };
        findings.push(
            tonghop_core::finding!(
                ProposalIneligible,
                doi_tuong = match c.subject {
                    Subject::Exemplar => "Cá nhân",
                    Subject::Model => "Tập thể",
                },
                ten = c.name.clone(),
                ma = c.id.clone(),
                giai_doan = stage,
                ket_luan = verdict,
                ly_do = c.reason.clone()
            )
            .period(period)
            .unit(&c.unit)
            .file(&c.file)
            .at(&c.sheet, Some(c.row)),
        );
    }
}
