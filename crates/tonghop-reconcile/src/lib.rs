//! Reconciliation: do the figures add up, and where not, which cell is wrong.
//!
//! What enters: the [`Return`]s, the [`Consolidated`] frames and the
//! [`Reference`]. What leaves: a [`Reconciled`] — the [`Summary`] written to
//! `summary.json` (per-period totals, returns expected/received/missing/late and
//! the reporting rates by unit kind, the bridge between consecutive periods with
//! its terms by level and by category, targets, the campaign's rules), per-unit
//! completeness rows, the entities behind every bridge term, every rule checked
//! ([`rules`]), and the findings of this stage (`TOTAL_MISMATCH`,
//! `RETURN_MISSING`, `RETURN_LATE`, `TARGET_SHORTFALL`, `BRIDGE_UNEXPLAINED`,
//! `RULE_FAILED`, `REFERENCE_INVALID` for a rule that cannot be read), each
//! message from its rule's template.
//!
//! The bridge identity holds by construction: every entity active in the earlier
//! period and not in the later one is put in exactly one of `removed`,
//! `transferred_out`, `not_reported`, `unexplained`; within a level or a
//! category, entities still active that changed group are `moved_in` /
//! `moved_out`.
#![deny(missing_docs)]

use polars::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use tonghop_consolidate::{cols, numbers, strings, Consolidated, ReturnState};
use tonghop_core::{
    Date, DateSource, Fate, Finding, FindingCode, Level, Period, Reference, Return, RowKind,
    Severity, Status, Subject,
};
use tonghop_text::fold_key;

pub mod commendation;
mod evaluate;
pub mod obligations;
pub mod rules;
mod stated_stages;
use commendation::{Entities, Row};
use rules::Rules;
use tonghop_text::Vocabulary;

/// `summary.json`.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    /// One per period, in order.
    pub periods: Vec<PeriodSummary>,
    /// One per consecutive pair of periods and subject.
    pub bridges: Vec<Bridge>,
    /// Target results (an extension of the contract).
    pub targets: Vec<TargetResult>,
    /// The campaign's rules checked, per period (an extension of the contract).
    pub rules: Vec<RuleResult>,
    /// Commendation: eligibility of the latest period's candidates (an
    /// extension of the contract).
    pub commendation: CommendationSummary,
    /// Counts of findings.
    pub findings: FindingCounts,
    /// The Vietnamese label of each code used above (an extension of the
    /// contract), so that a notebook needs no table of its own.
    pub labels: Labels,
}

/// `summary.json` `commendation`.
#[derive(Debug, Clone, Default, Serialize)]
pub struct CommendationSummary {
    /// Who meets the criteria (see [`commendation`]).
    pub eligibility: commendation::Eligibility,
    /// Registered → meets the criteria → honoured → proposed → awarded, and
    /// proposed to the level above, per period and subject.
    pub funnel: Vec<commendation::Funnel>,
    /// Replacement obligations (sheet `Yêu cầu bổ sung`), met or short.
    pub obligations: Vec<obligations::ObligationResult>,
}

/// Vietnamese labels of the codes: levels, categories, the two subjects.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Labels {
    /// `tinh` → `Cấp tỉnh`, …, in report order.
    pub levels: BTreeMap<String, String>,
    /// Category code → its name in the taxonomy; `khong_ro` → `Chưa rõ loại`.
    pub categories: BTreeMap<String, String>,
    /// `models` → `mô hình`, `exemplars` → `điển hình`.
    pub subjects: BTreeMap<String, String>,
}

impl Labels {
    fn of(reference: &Reference) -> Labels {
        let (unknown, unknown_label) = tonghop_core::UNKNOWN_CATEGORY;
        Labels {
            levels: Level::ALL
                .iter()
                .map(|l| (l.code().to_owned(), l.label().to_owned()))
                .collect(),
            categories: reference
                .categories
                .iter()
                .map(|c| (c.code.clone(), c.name.clone()))
                .chain([(unknown.to_owned(), unknown_label.to_owned())])
                .collect(),
            subjects: [Subject::Model, Subject::Exemplar]
                .iter()
                .map(|s| (s.plural().to_owned(), s.label().to_owned()))
                .collect(),
        }
    }
}

/// Reporting rates of one kind of unit in one period, as DHIS2's
/// reporting-rate report gives them: expected, received, on time, late,
/// missing; rates in percent of expected.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct KindRate {
    /// Units on the roster for the period.
    pub expected: u64,
    /// Of those, units whose return was received.
    pub received: u64,
    /// Received by the deadline (or no deadline).
    pub on_time: u64,
    /// Received after the deadline.
    pub late: u64,
    /// Received, but whether on time cannot be told: the date rests on the
    /// file's modified time alone, is not believable, or its day is blank.
    pub timeliness_unknown: u64,
    /// Expected and not received.
    pub missing: u64,
    /// Files of these units set aside for a newer version.
    pub superseded_files: u64,
    /// `received / expected`, in percent.
    pub rate: f64,
    /// `on_time / expected`, in percent.
    pub on_time_rate: f64,
}

/// Figures of one period.
#[derive(Debug, Clone, Serialize)]
pub struct PeriodSummary {
    /// Period id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Deadline, ISO.
    pub deadline: Option<String>,
    /// Returns.
    pub returns: ReturnsSummary,
    /// Models.
    pub models: Counts,
    /// Exemplars.
    pub exemplars: Counts,
}

/// Returns of one period.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ReturnsSummary {
    /// Roster codes expected.
    pub expected: Vec<String>,
    /// Roster codes received.
    pub received: Vec<String>,
    /// Expected and not received.
    pub missing: Vec<String>,
    /// Received after the deadline.
    pub late: Vec<String>,
    /// Received, but whether on time cannot be told (extension): the date
    /// rests on the file's modified time alone and is after the deadline, is
    /// not believable (before the campaign, after today), or has a blank day
    /// in the deadline's month. Neither `late` nor on time.
    pub timeliness_unknown: Vec<String>,
    /// Returns whose unit is not in the roster.
    pub unknown_units: usize,
    /// Files found.
    pub files: usize,
    /// Files that could not be read.
    pub unreadable_files: usize,
    /// Files set aside for a newer version (extension).
    pub superseded_files: usize,
    /// Byte-for-byte copies of another file of the period, counted once (extension).
    pub copy_files: usize,
    /// Files not counted: their unit was not on the roster at the deadline, or
    /// they belong to another period (extension).
    pub excluded_files: usize,
    /// Days late of each late return, by roster code (extension).
    pub days_late: BTreeMap<String, i64>,
    /// The reporting-rate matrix by unit kind (extension).
    pub by_kind: BTreeMap<String, KindRate>,
}

/// Distinct active entities.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Counts {
    /// Total.
    pub total: u64,
    /// By level code.
    pub by_level: BTreeMap<String, u64>,
    /// By category code (models only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub by_category: Option<BTreeMap<String, u64>>,
    /// By level code, then category code (models only; an extension of the
    /// contract): the categories of each level, for a text that breaks one
    /// level down by category.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub by_level_category: Option<BTreeMap<String, BTreeMap<String, u64>>>,
}

/// The bridge between two periods for one subject.
#[derive(Debug, Clone, Serialize)]
pub struct Bridge {
    /// Earlier period.
    pub from: String,
    /// Later period.
    pub to: String,
    /// `models` or `exemplars`.
    pub subject: String,
    /// Active in the earlier period.
    pub opening: u64,
    /// Active in the later one only.
    pub added: u64,
    /// Marked removed in the later return.
    pub removed: u64,
    /// Their unit left the roster.
    pub transferred_out: u64,
    /// Their unit is expected but sent nothing.
    pub not_reported: u64,
    /// Their unit reported but the entity vanished without a status.
    pub unexplained: u64,
    /// Active in the later period.
    pub closing: u64,
    /// The same terms by level (an extension of the contract).
    pub by_level: BTreeMap<String, Terms>,
    /// The same terms by category (models only).
    pub by_category: Option<BTreeMap<String, Terms>>,
}

/// The bridge's terms within one level or one category. An entity active in
/// both periods whose level (or category) changed leaves one group
/// (`moved_out`) and joins another (`moved_in`), so that each group adds up:
/// `opening + added + moved_in − moved_out − removed − transferred_out −
/// not_reported − unexplained = closing`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Terms {
    /// Active in the earlier period.
    pub opening: u64,
    /// Active in the later one only.
    pub added: u64,
    /// Active in both, in another group before.
    pub moved_in: u64,
    /// Active in both, in another group after.
    pub moved_out: u64,
    /// Marked removed in the later return.
    pub removed: u64,
    /// Their unit left the roster.
    pub transferred_out: u64,
    /// Their unit is expected but sent nothing.
    pub not_reported: u64,
    /// Their unit reported but the entity vanished without a status.
    pub unexplained: u64,
    /// Active in the later period.
    pub closing: u64,
}

impl Terms {
    fn add(&mut self, term: &str) {
        let slot = match term {
            "opening" => &mut self.opening,
            "added" => &mut self.added,
            "moved_in" => &mut self.moved_in,
            "moved_out" => &mut self.moved_out,
            "removed" => &mut self.removed,
            "transferred_out" => &mut self.transferred_out,
            "not_reported" => &mut self.not_reported,
            "unexplained" => &mut self.unexplained,
            _ => &mut self.closing,
        };
        *slot += 1;
    }

    /// Whether the group's terms add up to its closing figure.
    #[must_use]
    pub fn balances(&self) -> bool {
        self.opening + self.added + self.moved_in
            == self.closing
                + self.moved_out
                + self.removed
                + self.transferred_out
                + self.not_reported
                + self.unexplained
    }
}

/// Finding counts.
#[derive(Debug, Clone, Default, Serialize)]
pub struct FindingCounts {
    /// By severity code.
    pub by_severity: BTreeMap<String, u64>,
    /// By finding code.
    pub by_code: BTreeMap<String, u64>,
}

impl FindingCounts {
    /// Counts a list of findings (every severity present, zero or not).
    #[must_use]
    pub fn of(findings: &[Finding]) -> FindingCounts {
        let mut c = FindingCounts::default();
        for s in [Severity::Error, Severity::Warning, Severity::Info] {
            c.by_severity.insert(s.as_str().to_owned(), 0);
        }
        for f in findings {
            *c.by_severity
                .entry(f.severity.as_str().to_owned())
                .or_default() += 1;
            *c.by_code.entry(f.code.as_str().to_owned()).or_default() += 1;
        }
        c
    }
}

/// One target checked.
#[derive(Debug, Clone, Serialize)]
pub struct TargetResult {
    /// Period id.
    pub period: String,
    /// `models` or `exemplars`.
    pub subject: String,
    /// Category code, when the target names one.
    pub category: Option<String>,
    /// Level code, when the target names one.
    pub level: Option<String>,
    /// Unit kind for per-unit minimums.
    pub unit_kind: Option<String>,
    /// The unit, for per-unit minimums.
    pub unit: Option<String>,
    /// The target.
    pub target: u64,
    /// Achieved.
    pub achieved: u64,
    /// `achieved - target` (negative = shortfall).
    pub gap: i64,
}

/// Completeness of one unit in one period (the reporting-rate matrix).
#[derive(Debug, Clone, Serialize)]
pub struct UnitPeriod {
    /// Period id.
    pub period: String,
    /// Unit key.
    pub unit: String,
    /// Unit name.
    pub name: String,
    /// Unit kind.
    pub kind: String,
    /// Expected by the roster.
    pub expected: bool,
    /// A return was used.
    pub received: bool,
    /// Days late, when late.
    pub days_late: Option<i64>,
    /// Received, but whether on time cannot be told.
    pub timeliness_unknown: bool,
    /// Distinct active models by level code.
    pub models: BTreeMap<String, u64>,
    /// Distinct active exemplars by level code.
    pub exemplars: BTreeMap<String, u64>,
}

/// Which bridge term an entity fell into.
#[derive(Debug, Clone, Serialize)]
pub struct BridgeEntity {
    /// Index into `Summary::bridges`.
    pub bridge: usize,
    /// `added`, `removed`, `transferred_out`, `not_reported`, `unexplained`,
    /// or `reclassified` (active in both periods, level or category changed).
    pub term: &'static str,
    /// Entity id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Unit key.
    pub unit: String,
    /// Level code in the period that counts it.
    pub level: String,
    /// Category code (models).
    pub category: String,
    /// For `reclassified`: the level in the earlier period.
    pub from_level: String,
    /// For `reclassified`: the category in the earlier period.
    pub from_category: String,
}

/// How a campaign rule (sheet `Quy tắc`) fared in one period.
#[derive(Debug, Clone, Serialize)]
pub struct RuleResult {
    /// The rule's code.
    pub code: String,
    /// What it says.
    pub name: String,
    /// The period.
    pub period: String,
    /// Where it was checked (`toàn khối`, `từng đơn vị`…).
    pub scope: String,
    /// Times checked (once, or once per unit).
    pub checked: u64,
    /// Times it did not hold (each a `RULE_FAILED` finding).
    pub failed: u64,
    /// Times skipped for missing figures.
    pub skipped: u64,
    /// The two sides when checked once (committee scope), for the report.
    pub left: Option<f64>,
    /// Right side value.
    pub right: Option<f64>,
}

/// Everything this stage produces.
pub struct Reconciled {
    /// `summary.json` (findings counted by the caller, once all are in).
    pub summary: Summary,
    /// Per unit and period.
    pub units: Vec<UnitPeriod>,
    /// Entities behind every bridge term.
    pub bridge_entities: Vec<BridgeEntity>,
    /// Every rule checked: the built-in ones and the campaign's.
    pub rules: Rules,
    /// Every candidate for commendation with its verdict.
    pub commendation: commendation::Commendation,
    /// Findings of this stage.
    pub findings: Vec<Finding>,
}

/// Entities of each period: (id, entity).
pub(crate) type ByPeriod<'a> = HashMap<&'a str, Vec<(&'a str, Row<'a>)>>;

/// Counts of active entities by period and one column, in polars.
fn counts_by(lf: LazyFrame, by: &str) -> PolarsResult<HashMap<(String, String), u64>> {
    let df = lf
        .filter(col(cols::STATUS).eq(lit(Status::DangKy.code())))
        .group_by([col(cols::PERIOD), col(by)])
        .agg([len().alias("n")])
        .collect()?;
    let p = strings(&df, cols::PERIOD)?;
    let k = strings(&df, by)?;
    let n = numbers(&df, "n")?;
    Ok(p.into_iter()
        .zip(k)
        .zip(n.into_iter().map(u64::from))
        .collect())
}

/// Active entities counted by (period, level, `by`).
fn counts_by_level_and(
    lf: LazyFrame,
    by: &str,
) -> PolarsResult<HashMap<(String, String, String), u64>> {
    let df = lf
        .filter(col(cols::STATUS).eq(lit(Status::DangKy.code())))
        .group_by([col(cols::PERIOD), col(cols::LEVEL), col(by)])
        .agg([len().alias("n")])
        .collect()?;
    let p = strings(&df, cols::PERIOD)?;
    let l = strings(&df, cols::LEVEL)?;
    let k = strings(&df, by)?;
    let n = numbers(&df, "n")?;
    Ok(p.into_iter()
        .zip(l)
        .zip(k)
        .zip(n.into_iter().map(u64::from))
        .map(|(((p, l), k), n)| ((p, l, k), n))
        .collect())
}

/// Runs every check.
///
/// # Errors
/// Only when a frame from consolidation lacks a contract column (a bug).
#[allow(clippy::too_many_lines)]
pub fn reconcile(
    returns: &[Return],
    cons: &Consolidated,
    reference: &Reference,
) -> PolarsResult<Reconciled> {
    let mut findings = Vec::new();
    let rules = Rules::new(&reference.rules, &reference.categories, &mut findings);
    let (model_cols, exemplar_cols) = (
        Entities::of(&cons.models, Subject::Model)?,
        Entities::of(&cons.exemplars, Subject::Exemplar)?,
    );
    let (models, exemplars) = (model_cols.by_period(), exemplar_cols.by_period());
    let m_level = counts_by(cons.models.clone().lazy(), cols::LEVEL)?;
    let m_cat = counts_by(cons.models.clone().lazy(), cols::CATEGORY)?;
    let m_level_cat = counts_by_level_and(cons.models.clone().lazy(), cols::CATEGORY)?;
    let e_level = counts_by(cons.exemplars.clone().lazy(), cols::LEVEL)?;
    let m_unit_level = counts_by(
        cons.models
            .clone()
            .lazy()
            .with_column((col(cols::UNIT) + lit("\u{1}") + col(cols::LEVEL)).alias("ul")),
        "ul",
    )?;
    let e_unit_level = counts_by(
        cons.exemplars
            .clone()
            .lazy()
            .with_column((col(cols::UNIT) + lit("\u{1}") + col(cols::LEVEL)).alias("ul")),
        "ul",
    )?;

    let counted = counted_rows(&cons.rows)?;
    stated_totals(returns, cons, &counted, &rules, &mut findings);
    // The entities as commendation reads them, listed once for it and for
    // the stated stages.
    let (people, groups) = (exemplar_cols.rows(), model_cols.rows());
    stated_stages::check(
        returns,
        cons,
        &counted,
        &Vocabulary::for_campaign(&reference.words).0,
        (&people, &groups),
        &mut findings,
    );

    // What the stated figures were checked against is let go before the
    // heavier steps below (the commendation's judgement is the stage's peak).
    drop(counted);
    tonghop_core::memory::give_back();
    let mut periods = Vec::new();
    let mut units = Vec::new();
    for p in &reference.periods {
        let (returns_summary, unit_rows) = completeness(
            p,
            returns,
            cons,
            reference,
            &m_unit_level,
            &e_unit_level,
            &rules,
            &mut findings,
        );
        units.extend(unit_rows);
        let level_counts = |m: &HashMap<(String, String), u64>| -> BTreeMap<String, u64> {
            Level::ALL
                .iter()
                .map(|l| {
                    (
                        l.code().to_owned(),
                        m.get(&(p.id.clone(), l.code().to_owned()))
                            .copied()
                            .unwrap_or(0),
                    )
                })
                .collect()
        };
        let by_level = level_counts(&m_level);
        let mut by_category: BTreeMap<String, u64> = reference
            .categories
            .iter()
            .map(|c| (c.code.clone(), 0))
            .collect();
        by_category.insert("khong_ro".to_owned(), 0);
        for ((period, cat), n) in &m_cat {
            if period == &p.id {
                by_category.insert(cat.clone(), *n);
            }
        }
        let e_by_level = level_counts(&e_level);
        let by_level_category: BTreeMap<String, BTreeMap<String, u64>> = Level::ALL
            .iter()
            .map(|l| {
                let cats = by_category
                    .keys()
                    .map(|c| {
                        let key = (p.id.clone(), l.code().to_owned(), c.clone());
                        (c.clone(), m_level_cat.get(&key).copied().unwrap_or(0))
                    })
                    .collect();
                (l.code().to_owned(), cats)
            })
            .collect();
        periods.push(PeriodSummary {
            id: p.id.clone(),
            name: p.name.clone(),
            deadline: p.deadline.map(tonghop_core::Date::iso),
            returns: returns_summary,
            models: Counts {
                total: by_level.values().sum(),
                by_level,
                by_category: Some(by_category),
                by_level_category: Some(by_level_category),
            },
            exemplars: Counts {
                total: e_by_level.values().sum(),
                by_level: e_by_level,
                by_category: None,
                by_level_category: None,
            },
        });
    }

    let mut bridges = Vec::new();
    let mut bridge_entities = Vec::new();
    let roster: HashMap<&str, &tonghop_core::Unit> = reference
        .units
        .iter()
        .map(|u| (u.code.as_str(), u))
        .collect();
    for pair in reference.periods.windows(2) {
        for (subject, ents, frame) in [
            (Subject::Model, &models, &cons.models),
            (Subject::Exemplar, &exemplars, &cons.exemplars),
        ] {
            let reporting: BTreeSet<String> = cons
                .returns
                .iter()
                .filter(|u| u.state == ReturnState::Used && returns[u.index].period == pair[1].id)
                .map(|u| u.unit.clone())
                .collect();
            let b = bridge(
                &pair[0],
                &pair[1],
                subject,
                (ents, frame),
                &reporting,
                reference,
                &roster,
                bridges.len(),
                &mut bridge_entities,
                &rules,
                &mut findings,
            );
            bridges.push(b);
        }
    }

    let targets = targets(
        reference,
        &periods,
        &models,
        &exemplars,
        &units,
        &rules,
        &mut findings,
    );
    let rule_results = evaluate::campaign_rules(
        &rules,
        reference,
        &models,
        &exemplars,
        &units,
        returns,
        cons,
        &mut findings,
    );

    let commendation = commendation::judge(reference, (&people, &groups), &mut findings);
    let obligations = obligations::follow(cons, reference, &mut findings)?;

    Ok(Reconciled {
        summary: Summary {
            periods,
            bridges,
            targets,
            rules: rule_results,
            commendation: CommendationSummary {
                eligibility: commendation.eligibility.clone(),
                funnel: commendation.funnel.clone(),
                obligations,
            },
            findings: FindingCounts::default(),
            labels: Labels::of(reference),
        },
        units,
        bridge_entities,
        rules,
        commendation,
        findings,
    })
}

/// The rows a stated figure may count, by file and sheet: (row, kind,
/// entity), sorted by row — active data rows of the lineage (the row's own
/// status, before any analyst's decision), not rejected.
type CountedRows<'a> = HashMap<(&'a str, &'a str), Vec<(u32, &'a str, Option<&'a str>)>>;

fn counted_rows(lineage: &DataFrame) -> PolarsResult<CountedRows<'_>> {
    let text = |c: &str| -> PolarsResult<&StringChunked> { lineage.column(c)?.str() };
    let (file, sheet, kind, status, fate) = (
        text(cols::SOURCE_FILE)?,
        text(cols::SOURCE_SHEET)?,
        text(cols::KIND)?,
        text(cols::STATUS)?,
        text(cols::FATE)?,
    );
    let row = lineage.column(cols::SOURCE_ROW)?.u32()?;
    let entity = text(cols::ENTITY_ID)?;
    let mut counted: CountedRows = HashMap::new();
    for ((((((f, s), k), st), fa), r), e) in file
        .iter()
        .zip(sheet.iter())
        .zip(kind.iter())
        .zip(status.iter())
        .zip(fate.iter())
        .zip(row.iter())
        .zip(entity.iter())
    {
        if st == Some(Status::DangKy.code()) && fa != Some(Fate::Rejected.code()) {
            if let (Some(f), Some(s), Some(k), Some(r)) = (f, s, k, r) {
                counted.entry((f, s)).or_default().push((r, k, e));
            }
        }
    }
    for rows in counted.values_mut() {
        rows.sort_unstable();
    }
    Ok(counted)
}

/// Stated totals against the rows counted: active data rows with a name, of the
/// subject, on the sheet, in the rows the total covers — read from the lineage
/// (the row's own status, before any analyst's decision).
fn stated_totals(
    returns: &[Return],
    cons: &Consolidated,
    counted_rows: &CountedRows,
    rules: &Rules,
    findings: &mut Vec<Finding>,
) {
    for (i, r) in returns.iter().enumerate() {
        if cons.returns[i].state != ReturnState::Used {
            continue;
        }
        for t in &r.totals {
            // A figure for a subject the return lists nowhere was reported
            // as LIST_MISSING when it was read: not once more as a mismatch.
            if r.findings.iter().any(|f| {
                f.code == FindingCode::ListMissing
                    && f.fields
                        .iter()
                        .any(|(k, v)| *k == "doi_tuong" && v == t.subject.label())
            }) {
                continue;
            }
            let kind = match t.subject {
                Subject::Model => RowKind::Model,
                Subject::Exemplar => RowKind::Exemplar,
            }
            .code();
            let count_in = |sheet: &str, first: u32, last: u32| {
                counted_rows
                    .get(&(r.rel.as_str(), sheet))
                    .map_or(0, |rows| {
                        rows.iter()
                            .filter(|&&(n, k, _)| n >= first && n <= last && k == kind)
                            .count()
                    })
            };
            // A statement for the whole document (`Tổng số: 05 mô hình, 02
            // điển hình` on the first sheet) counts the lists of every sheet
            // when its own sheet has no list of that subject.
            let whole_sheet = t.first_row <= 1 && t.last_row == u32::MAX;
            let own_list = r
                .sheets
                .iter()
                .find(|s| s.name == t.sheet)
                .is_none_or(|s| s.lists.iter().any(|l| l.subject == t.subject));
            let counted = if whole_sheet && !own_list {
                r.sheets
                    .iter()
                    .map(|s| count_in(&s.name, 1, u32::MAX))
                    .sum()
            } else {
                count_in(&t.sheet, t.first_row, t.last_row)
            };
            if i64::try_from(counted).unwrap_or(i64::MAX) != t.value {
                findings.push(
                    rules
                        .finding(
                            FindingCode::TotalMismatch,
                            vec![
                                ("doi_tuong", t.subject.label().to_owned()),
                                ("ghi", t.value.to_string()),
                                ("chu", t.text.clone()),
                                ("dem", counted.to_string()),
                            ],
                        )
                        .period(&r.period)
                        .unit(&cons.returns[i].unit)
                        .file(&r.rel)
                        .at(&t.sheet, Some(t.row)),
                );
            }
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn completeness(
    p: &Period,
    returns: &[Return],
    cons: &Consolidated,
    reference: &Reference,
    m_unit_level: &HashMap<(String, String), u64>,
    e_unit_level: &HashMap<(String, String), u64>,
    rules: &Rules,
    findings: &mut Vec<Finding>,
) -> (ReturnsSummary, Vec<UnitPeriod>) {
    let mut s = ReturnsSummary::default();
    let in_period: Vec<usize> = (0..returns.len())
        .filter(|&i| returns[i].period == p.id)
        .collect();
    s.files = in_period.len();
    s.unreadable_files = in_period
        .iter()
        .filter(|&&i| cons.returns[i].state == ReturnState::Unreadable)
        .count();
    let in_state = |state: ReturnState| {
        in_period
            .iter()
            .filter(|&&i| cons.returns[i].state == state)
            .count()
    };
    s.superseded_files = in_state(ReturnState::Superseded);
    s.copy_files = in_state(ReturnState::Copy);
    s.excluded_files = in_state(ReturnState::Excluded);
    let used: Vec<usize> = in_period
        .iter()
        .copied()
        .filter(|&i| cons.returns[i].state == ReturnState::Used)
        .collect();
    s.unknown_units = if reference.has_roster {
        used.iter()
            .filter(|&&i| returns[i].unit.code.is_none())
            .count()
    } else {
        0
    };
    let received: BTreeSet<String> = used
        .iter()
        .filter_map(|&i| returns[i].unit.code.clone())
        .collect();
    let expected: Vec<&tonghop_core::Unit> = if reference.has_roster {
        reference
            .units
            .iter()
            .filter(|u| p.deadline.map_or(u.to.is_none(), |d| u.active_on(d)))
            .collect()
    } else {
        Vec::new()
    };
    s.expected = expected.iter().map(|u| u.code.clone()).collect();
    s.received = received.iter().cloned().collect();
    s.missing = expected
        .iter()
        .filter(|u| !received.contains(&u.code))
        .map(|u| u.code.clone())
        .collect();
    for u in expected.iter().filter(|u| !received.contains(&u.code)) {
        findings.push(
            rules
                .finding(
                    FindingCode::ReturnMissing,
                    vec![
                        ("don_vi", u.name.clone()),
                        ("ky", p.name.clone()),
                        (
                            "han_nop",
                            p.deadline
                                .map(|d| format!(" (hạn nộp {d})"))
                                .unwrap_or_default(),
                        ),
                    ],
                )
                .period(&p.id)
                .unit(&u.code),
        );
    }
    let mut days_late: HashMap<String, i64> = HashMap::new();
    let mut unknown: HashSet<String> = HashSet::new();
    for &i in &used {
        let r = &returns[i];
        let unit = cons.returns[i].unit.as_str();
        match timeliness(r, p.deadline, reference) {
            Timeliness::OnTime | Timeliness::NoDeadline => {}
            Timeliness::Implausible(why) => {
                findings.push(
                    tonghop_core::finding!(
                        DateImplausible,
                        ngay = r.date.map(|d| d.to_string()).unwrap_or_default(),
                        can_cu = r.date_evidence,
                        ly_do = why
                    )
                    .period(&p.id)
                    .unit(unit)
                    .file(&r.rel),
                );
                if reference.has_roster && r.unit.code.is_some() {
                    unknown.insert(unit.to_owned());
                }
            }
            Timeliness::Late { days, at_least } => {
                let Some(deadline) = p.deadline else { continue };
                if !reference.has_roster || r.unit.code.is_none() {
                    continue;
                }
                days_late.insert(unit.to_owned(), days);
                s.late.push(unit.to_owned());
                findings.push(
                    rules
                        .finding(
                            FindingCode::ReturnLate,
                            vec![
                                ("ngay", r.date_shown()),
                                ("han", deadline.to_string()),
                                (
                                    "so_ngay",
                                    if at_least {
                                        format!("ít nhất {days}")
                                    } else {
                                        days.to_string()
                                    },
                                ),
                                ("can_cu", r.date_evidence.clone()),
                            ],
                        )
                        .period(&p.id)
                        .unit(unit)
                        .file(&r.rel),
                );
            }
            Timeliness::Unknown(why) => {
                if !reference.has_roster || r.unit.code.is_none() {
                    continue;
                }
                unknown.insert(unit.to_owned());
                findings.push(
                    tonghop_core::finding!(ReturnTimelinessUnknown, ly_do = why)
                        .period(&p.id)
                        .unit(unit)
                        .file(&r.rel),
                );
            }
        }
    }
    s.timeliness_unknown = unknown.iter().cloned().collect();
    s.timeliness_unknown.sort();
    s.late.sort();
    // The per-unit matrix: roster units expected or received, then unknown senders.
    let mut rows = Vec::new();
    let levels = |m: &HashMap<(String, String), u64>, unit: &str| -> BTreeMap<String, u64> {
        Level::ALL
            .iter()
            .map(|l| {
                (
                    l.code().to_owned(),
                    m.get(&(p.id.clone(), format!("{unit}\u{1}{}", l.code())))
                        .copied()
                        .unwrap_or(0),
                )
            })
            .collect()
    };
    let expected: HashSet<&str> = s.expected.iter().map(String::as_str).collect();
    for u in &reference.units {
        let is_expected = expected.contains(u.code.as_str());
        let is_received = received.contains(&u.code);
        if !is_expected && !is_received {
            continue;
        }
        rows.push(UnitPeriod {
            period: p.id.clone(),
            unit: u.code.clone(),
            name: u.name.clone(),
            kind: u.kind.clone(),
            expected: is_expected,
            received: is_received,
            days_late: days_late.get(&u.code).copied(),
            timeliness_unknown: is_received && unknown.contains(&u.code),
            models: levels(m_unit_level, &u.code),
            exemplars: levels(e_unit_level, &u.code),
        });
    }
    for &i in &used {
        if returns[i].unit.code.is_none() {
            let key = &cons.returns[i].unit;
            rows.push(UnitPeriod {
                period: p.id.clone(),
                unit: key.clone(),
                name: returns[i].unit.name.clone(),
                kind: String::new(),
                expected: false,
                received: true,
                days_late: None,
                timeliness_unknown: false,
                models: levels(m_unit_level, key),
                exemplars: levels(e_unit_level, key),
            });
        }
    }
    s.days_late = days_late.into_iter().collect();
    s.by_kind = by_kind(p, returns, cons, &rows);
    (s, rows)
}

/// Whether a return came in on time, as far as its date can tell.
enum Timeliness {
    NoDeadline,
    OnTime,
    Late {
        days: i64,
        at_least: bool,
    },
    /// Cannot be told (why, in words).
    Unknown(String),
    /// The date is not believable (why, in words).
    Implausible(String),
}

/// A return's timeliness: a date outside the campaign or after today is not
/// believed; a modified time after the deadline proves nothing (a copy
/// changes it), one before it does; a blank day decides only when the whole
/// month is on one side of the deadline.
fn timeliness(r: &Return, deadline: Option<Date>, reference: &Reference) -> Timeliness {
    let (Some(date), Some((first, last))) = (r.date, r.date_span()) else {
        return Timeliness::NoDeadline;
    };
    if let Some(why) = reference.implausible(first, last) {
        return Timeliness::Implausible(why);
    }
    let Some(deadline) = deadline else {
        return Timeliness::NoDeadline;
    };
    match r.date_source {
        DateSource::FileTime if date > deadline => Timeliness::Unknown(format!(
            "Báo cáo không ghi ngày ký; ngày sửa file trên máy là {date}, sau hạn nộp {deadline}, nhưng ngày này đổi mỗi khi file được sao chép nên không chứng tỏ được là nộp muộn"
        )),
        DateSource::TextMonth if first > deadline => Timeliness::Late {
            days: deadline.days_until(first),
            at_least: true,
        },
        DateSource::TextMonth if last > deadline => Timeliness::Unknown(format!(
            "Báo cáo để trống ngày ký (tháng {}/{}), cùng tháng với hạn nộp {deadline}: không biết nộp đúng hạn hay muộn",
            date.month(),
            date.year()
        )),
        _ if date > deadline => Timeliness::Late {
            days: deadline.days_until(date),
            at_least: false,
        },
        _ => Timeliness::OnTime,
    }
}

/// The reporting-rate matrix of a period by unit kind, from its per-unit rows.
fn by_kind(
    p: &Period,
    returns: &[Return],
    cons: &Consolidated,
    rows: &[UnitPeriod],
) -> BTreeMap<String, KindRate> {
    let mut out: BTreeMap<String, KindRate> = BTreeMap::new();
    let kind_of = |u: &UnitPeriod| {
        if u.kind.trim().is_empty() {
            "(chưa ghi loại đơn vị)".to_owned()
        } else {
            u.kind.trim().to_owned()
        }
    };
    for u in rows.iter().filter(|u| u.expected) {
        let k = out.entry(kind_of(u)).or_default();
        k.expected += 1;
        if u.received {
            k.received += 1;
            if u.days_late.is_some() {
                k.late += 1;
            } else if u.timeliness_unknown {
                k.timeliness_unknown += 1;
            } else {
                k.on_time += 1;
            }
        } else {
            k.missing += 1;
        }
    }
    for x in cons
        .returns
        .iter()
        .filter(|x| x.state == ReturnState::Superseded && returns[x.index].period == p.id)
    {
        if let Some(u) = rows.iter().find(|u| u.unit == x.unit && u.expected) {
            out.entry(kind_of(u)).or_default().superseded_files += 1;
        }
    }
    #[allow(clippy::cast_precision_loss)]
    for k in out.values_mut() {
        if k.expected > 0 {
            k.rate = (1000.0 * k.received as f64 / k.expected as f64).round() / 10.0;
            k.on_time_rate = (1000.0 * k.on_time as f64 / k.expected as f64).round() / 10.0;
        }
    }
    out
}

#[allow(clippy::too_many_arguments)]
fn bridge(
    from: &Period,
    to: &Period,
    subject: Subject,
    (ents, frame): (&ByPeriod, &DataFrame),
    reporting: &BTreeSet<String>,
    reference: &Reference,
    roster: &HashMap<&str, &tonghop_core::Unit>,
    index: usize,
    out: &mut Vec<BridgeEntity>,
    rules: &Rules,
    findings: &mut Vec<Finding>,
) -> Bridge {
    let empty = Vec::new();
    let before: BTreeMap<&str, &Row> = ents
        .get(from.id.as_str())
        .unwrap_or(&empty)
        .iter()
        .map(|(id, e)| (*id, e))
        .collect();
    let after: BTreeMap<&str, &Row> = ents
        .get(to.id.as_str())
        .unwrap_or(&empty)
        .iter()
        .map(|(id, e)| (*id, e))
        .collect();
    let active = |m: &BTreeMap<&str, &Row>, id: &str| {
        m.get(id).is_some_and(|e| e.status() == Status::DangKy)
    };
    let mut b = Bridge {
        from: from.id.clone(),
        to: to.id.clone(),
        subject: subject.plural().to_owned(),
        opening: 0,
        added: 0,
        removed: 0,
        transferred_out: 0,
        not_reported: 0,
        unexplained: 0,
        closing: 0,
        by_level: Level::ALL
            .iter()
            .map(|l| (l.code().to_owned(), Terms::default()))
            .collect(),
        by_category: (subject == Subject::Model).then(|| {
            reference
                .categories
                .iter()
                .map(|c| c.code.clone())
                .chain(["khong_ro".to_owned()])
                .map(|c| (c, Terms::default()))
                .collect()
        }),
    };
    // Each term counted in the totals and in the entity's level and category.
    let tally = |b: &mut Bridge, term: &str, e: &Row| {
        match term {
            "opening" => b.opening += 1,
            "added" => b.added += 1,
            "removed" => b.removed += 1,
            "transferred_out" => b.transferred_out += 1,
            "not_reported" => b.not_reported += 1,
            "unexplained" => b.unexplained += 1,
            "closing" => b.closing += 1,
            _ => {}
        }
        b.by_level
            .entry(e.level().to_owned())
            .or_default()
            .add(term);
        if let Some(c) = b.by_category.as_mut() {
            c.entry(e.category().to_owned()).or_default().add(term);
        }
    };
    let mut push = |term: &'static str, id: &str, e: &Row, was: Option<&Row>| {
        out.push(BridgeEntity {
            bridge: index,
            term,
            id: id.to_owned(),
            name: e.name().to_owned(),
            unit: e.unit().to_owned(),
            level: e.level().to_owned(),
            category: e.category().to_owned(),
            from_level: was.map(|w| w.level().to_owned()).unwrap_or_default(),
            from_category: was.map(|w| w.category().to_owned()).unwrap_or_default(),
        });
    };
    for (id, e) in &before {
        if e.status() != Status::DangKy {
            continue;
        }
        tally(&mut b, "opening", e);
        if active(&after, id) {
            continue;
        }
        if after.contains_key(id) {
            tally(&mut b, "removed", e);
            push("removed", id, e, None);
            continue;
        }
        let on_roster = roster.get(e.unit());
        let left = reference.has_roster
            && on_roster.is_some_and(|u| to.deadline.map_or(u.to.is_some(), |d| !u.active_on(d)));
        if left {
            tally(&mut b, "transferred_out", e);
            push("transferred_out", id, e, None);
        } else if !reporting.contains(e.unit()) {
            tally(&mut b, "not_reported", e);
            push("not_reported", id, e, None);
        } else {
            tally(&mut b, "unexplained", e);
            push("unexplained", id, e, None);
            findings.push(
                rules
                    .finding(
                        FindingCode::BridgeUnexplained,
                        vec![
                            (
                                "doi_tuong",
                                if subject == Subject::Model {
                                    "Mô hình"
                                } else {
                                    "Điển hình"
                                }
                                .to_owned(),
                            ),
                            ("ten", e.name().to_owned()),
                            ("ma", (*id).to_owned()),
                            ("ky_truoc", from.name.clone()),
                            ("ky_sau", to.name.clone()),
                        ],
                    )
                    .period(&to.id)
                    .unit(e.unit())
                    .file(e.file())
                    .at(
                        e.sheet(),
                        frame
                            .column(cols::SOURCE_ROW)
                            .ok()
                            .and_then(|c| c.get(e.at() as usize).ok())
                            .and_then(|v| v.extract::<u32>()),
                    ),
            );
        }
    }
    for (id, e) in &after {
        if e.status() != Status::DangKy {
            continue;
        }
        tally(&mut b, "closing", e);
        match before.get(id).filter(|w| w.status() == Status::DangKy) {
            None => {
                tally(&mut b, "added", e);
                push("added", id, e, None);
            }
            // Still active, in another level or category: moved between groups.
            Some(w) if w.level() != e.level() || w.category() != e.category() => {
                if w.level() != e.level() {
                    b.by_level
                        .entry(w.level().to_owned())
                        .or_default()
                        .add("moved_out");
                    b.by_level
                        .entry(e.level().to_owned())
                        .or_default()
                        .add("moved_in");
                }
                if w.category() != e.category() {
                    if let Some(c) = b.by_category.as_mut() {
                        c.entry(w.category().to_owned())
                            .or_default()
                            .add("moved_out");
                        c.entry(e.category().to_owned())
                            .or_default()
                            .add("moved_in");
                    }
                }
                push("reclassified", id, e, Some(w));
            }
            Some(_) => {}
        }
    }
    b
}

fn targets(
    reference: &Reference,
    periods: &[PeriodSummary],
    models: &ByPeriod,
    exemplars: &ByPeriod,
    units: &[UnitPeriod],
    rules: &Rules,
    findings: &mut Vec<Finding>,
) -> Vec<TargetResult> {
    let mut out = Vec::new();
    if !reference.has_roster {
        return out;
    }
    for t in &reference.targets {
        for p in periods {
            if t.period.as_ref().is_some_and(|tp| tp != &p.id) {
                continue;
            }
            let ents = match t.subject {
                Subject::Model => models.get(p.id.as_str()),
                Subject::Exemplar => exemplars.get(p.id.as_str()),
            };
            // The entities the target counts, in all and per unit, in one
            // pass (a target per unit kind is checked for thousands of units).
            let (mut all, mut by_unit) = (0u64, HashMap::<&str, u64>::new());
            for (_, e) in ents.into_iter().flatten() {
                if e.status() == Status::DangKy
                    && t.category.as_ref().is_none_or(|c| e.category() == c)
                    && t.level.is_none_or(|l| e.level() == l.code())
                {
                    all += 1;
                    *by_unit.entry(e.unit()).or_default() += 1;
                }
            }
            let count = |unit: Option<&str>| -> u64 {
                unit.map_or(all, |u| by_unit.get(u).copied().unwrap_or(0))
            };
            let what = || {
                let mut s = t.subject.label().to_owned();
                if let Some(c) = &t.category {
                    let name = reference
                        .categories
                        .iter()
                        .find(|x| &x.code == c)
                        .map_or(c.as_str(), |x| x.name.as_str());
                    s.push_str(&format!(" loại \"{name}\""));
                }
                if let Some(l) = t.level {
                    s.push_str(&format!(" {}", l.phrase()));
                }
                s
            };
            let mut record = |unit: Option<&UnitPeriod>, achieved: u64| {
                let gap = i64::try_from(achieved).unwrap_or(i64::MAX) - i64::from(t.count);
                if gap < 0 {
                    let who = unit.map_or_else(|| "Toàn Khối".to_owned(), |u| u.name.clone());
                    findings.push(
                        rules
                            .finding(
                                FindingCode::TargetShortfall,
                                vec![
                                    ("ai", who),
                                    ("noi_dung", what()),
                                    ("dat", achieved.to_string()),
                                    ("chi_tieu", t.count.to_string()),
                                    ("thieu", (-gap).to_string()),
                                ],
                            )
                            .period(&p.id)
                            .unit(unit.map_or("", |u| u.unit.as_str()))
                            .file("danh-muc.xlsx")
                            .at("Chỉ tiêu", Some(t.row)),
                    );
                }
                out.push(TargetResult {
                    period: p.id.clone(),
                    subject: t.subject.plural().to_owned(),
                    category: t.category.clone(),
                    level: t.level.map(|l| l.code().to_owned()),
                    unit_kind: t.unit_kind.clone(),
                    unit: unit.map(|u| u.unit.clone()),
                    target: u64::from(t.count),
                    achieved,
                    gap,
                });
            };
            match &t.unit_kind {
                None => record(None, count(None)),
                Some(kind) => {
                    let k = fold_key(kind);
                    for u in units
                        .iter()
                        .filter(|u| u.period == p.id && u.expected && fold_key(&u.kind) == k)
                    {
                        record(Some(u), count(Some(&u.unit)));
                    }
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests;
