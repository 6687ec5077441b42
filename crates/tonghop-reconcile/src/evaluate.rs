//! The campaign's rules checked over the consolidated figures of each period,
//! in their scope, with DHIS2's missing-value strategies.

use crate::commendation::Row;
use crate::rules::{Campaign, Check, Expr, Figure, Missing, Rules, Scope, StatusSel};
use crate::{ByPeriod, RuleResult, UnitPeriod};
use std::collections::HashMap;
use tonghop_consolidate::{Consolidated, ReturnState};
use tonghop_core::{Finding, FindingCode, Reference, Return, Status, Subject};
use tonghop_text::fold_key;

/// The figures of one period in one scope.
struct Figures<'a> {
    /// The scope's entities (the whole committee's include those of units
    /// not on the roster).
    models: &'a [&'a Row<'a>],
    exemplars: &'a [&'a Row<'a>],
    /// The completeness rows of the scope's units.
    units: Vec<&'a UnitPeriod>,
    has_roster: bool,
}

/// A period's entities, all of them and per unit: a rule checked for each of
/// thousands of units reads only that unit's.
struct Scoped<'a> {
    all: HashMap<&'a str, Vec<&'a Row<'a>>>,
    by_unit: HashMap<&'a str, HashMap<&'a str, Vec<&'a Row<'a>>>>,
}

impl<'a> Scoped<'a> {
    fn new(by_period: &'a ByPeriod<'a>) -> Self {
        let mut all: HashMap<&str, Vec<&Row>> = HashMap::new();
        let mut by_unit: HashMap<&str, HashMap<&str, Vec<&Row>>> = HashMap::new();
        for (period, ents) in by_period {
            for (_, e) in ents {
                all.entry(period).or_default().push(e);
                by_unit
                    .entry(period)
                    .or_default()
                    .entry(e.unit())
                    .or_default()
                    .push(e);
            }
        }
        Scoped { all, by_unit }
    }

    fn get(&self, period: &str, unit: Option<&UnitPeriod>) -> &[&'a Row<'a>] {
        match unit {
            None => self.all.get(period),
            Some(u) => self
                .by_unit
                .get(period)
                .and_then(|units| units.get(u.unit.as_str())),
        }
        .map_or(&[], Vec::as_slice)
    }
}

impl Figures<'_> {
    /// A figure's value, `None` when it has none (see the module text of `rules`).
    fn value(&self, f: &Figure) -> Option<f64> {
        match f {
            Figure::Returns(what) => {
                if !self.has_roster {
                    return None;
                }
                let n = self
                    .units
                    .iter()
                    .filter(|u| match *what {
                        "du_kien" => u.expected,
                        "da_nop" => u.received,
                        "thieu" => u.expected && !u.received,
                        "nop_muon" => u.days_late.is_some(),
                        _ => u.received && u.days_late.is_none() && !u.timeliness_unknown,
                    })
                    .count();
                Some(count(n))
            }
            Figure::Entities {
                subject,
                level,
                category,
                status,
                commendation,
            } => {
                // A scope where nobody reported has no figures.
                if !self.units.iter().any(|u| u.received) {
                    return None;
                }
                let ents = match subject {
                    Subject::Model => self.models,
                    Subject::Exemplar => self.exemplars,
                };
                let in_scope = || ents.iter().copied();
                // Nobody wrote a commendation at all: no value, not zero.
                if commendation.is_some() && !in_scope().any(|e| !e.stage().is_empty()) {
                    return None;
                }
                let n = in_scope()
                    .filter(|e| match status {
                        StatusSel::Active => e.status() == Status::DangKy,
                        StatusSel::Removed => e.status() == Status::Loai,
                        StatusSel::All => true,
                    })
                    .filter(|e| level.as_ref().is_none_or(|l| e.level() == l))
                    .filter(|e| category.as_ref().is_none_or(|c| e.category() == c))
                    .filter(|e| commendation.as_ref().is_none_or(|c| e.stage() == c))
                    .count();
                Some(count(n))
            }
        }
    }

    /// A side's value, or `None` when its strategy skips it.
    fn side(&self, e: &Expr, missing: Missing) -> Option<f64> {
        let figures = e.figures();
        let absent = figures.iter().filter(|f| self.value(f).is_none()).count();
        let skip = match missing {
            Missing::SkipIfAny => absent > 0,
            Missing::SkipIfAll => !figures.is_empty() && absent == figures.len(),
            Missing::NeverSkip => false,
        };
        if skip {
            return None;
        }
        e.value(&mut |f| self.value(f))
    }
}

#[allow(clippy::cast_precision_loss)]
fn count(n: usize) -> f64 {
    n as f64
}

/// A figure as written in messages: whole numbers without decimals.
fn shown(v: f64) -> String {
    if v.fract().abs() < 1e-9 {
        format!("{v:.0}")
    } else {
        format!("{v:.2}").replace('.', ",")
    }
}

#[allow(clippy::too_many_arguments)]
pub(crate) fn campaign_rules(
    rules: &Rules,
    reference: &Reference,
    models: &ByPeriod,
    exemplars: &ByPeriod,
    units: &[UnitPeriod],
    returns: &[Return],
    cons: &Consolidated,
    findings: &mut Vec<Finding>,
) -> Vec<RuleResult> {
    let (models, exemplars) = (Scoped::new(models), Scoped::new(exemplars));
    let mut out = Vec::new();
    for rule in &rules.list {
        let Check::Campaign(c) = &rule.check else {
            continue;
        };
        for p in &reference.periods {
            let in_period: Vec<&UnitPeriod> = units.iter().filter(|u| u.period == p.id).collect();
            let scopes: Vec<(Option<&UnitPeriod>, Vec<&UnitPeriod>)> = match &c.scope {
                Scope::Committee => vec![(None, in_period.clone())],
                Scope::EachUnit => in_period.iter().map(|u| (Some(*u), vec![*u])).collect(),
                Scope::Kind(k) => {
                    let k = fold_key(k);
                    in_period
                        .iter()
                        .filter(|u| fold_key(&u.kind) == k)
                        .map(|u| (Some(*u), vec![*u]))
                        .collect()
                }
            };
            let mut result = RuleResult {
                code: rule.code.clone(),
                name: rule.name.clone(),
                period: p.id.clone(),
                scope: c.scope.label(),
                checked: 0,
                failed: 0,
                skipped: 0,
                left: None,
                right: None,
            };
            for (unit, scope_units) in scopes {
                let figures = Figures {
                    models: models.get(&p.id, unit),
                    exemplars: exemplars.get(&p.id, unit),
                    units: scope_units,
                    has_roster: reference.has_roster,
                };
                let (Some(a), Some(b)) = (
                    figures.side(&c.left, c.missing),
                    figures.side(&c.right, c.missing),
                ) else {
                    result.skipped += 1;
                    continue;
                };
                result.checked += 1;
                if unit.is_none() {
                    result.left = Some(a);
                    result.right = Some(b);
                }
                if c.op.holds(a, b) {
                    continue;
                }
                result.failed += 1;
                findings.push(failure(rule, c, p, unit, a, b, returns, cons));
            }
            out.push(result);
        }
    }
    out
}

#[allow(clippy::too_many_arguments)]
fn failure(
    rule: &crate::rules::Rule,
    c: &Campaign,
    p: &tonghop_core::Period,
    unit: Option<&UnitPeriod>,
    a: f64,
    b: f64,
    returns: &[Return],
    cons: &Consolidated,
) -> Finding {
    let mut f = Finding::of(
        FindingCode::RuleFailed,
        &rule.template,
        vec![
            ("ma", rule.code.clone()),
            ("ten", rule.name.clone()),
            (
                "pham_vi",
                unit.map(|u| format!(" ở {}", u.name)).unwrap_or_default(),
            ),
            ("don_vi", unit.map(|u| u.name.clone()).unwrap_or_default()),
            ("ky", p.name.clone()),
            ("ve_trai", c.left_text.clone()),
            ("ve_phai", c.right_text.clone()),
            ("trai", shown(a)),
            ("phai", shown(b)),
            ("so_sanh", c.op.symbol().to_owned()),
        ],
    )
    .period(&p.id);
    f.severity = rule.severity;
    match unit {
        // A unit's figures: the unit's return is where to look.
        Some(u) => {
            let file = cons
                .returns
                .iter()
                .find(|x| {
                    x.state == ReturnState::Used
                        && x.unit == u.unit
                        && returns[x.index].period == p.id
                })
                .map(|x| returns[x.index].rel.clone())
                .unwrap_or_default();
            f.unit(&u.unit).file(&file)
        }
        // The committee's figures: the rule itself is the cell to cite.
        None => f.file("danh-muc.xlsx").at("Quy tắc", Some(c.row)),
    }
}
