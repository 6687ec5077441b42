//! Replacement obligations (sheet `Yêu cầu bổ sung`) followed in the
//! returns: the period named must list, from the unit, as many *new*
//! models or exemplars of the level and category asked — new meaning not
//! listed by any return of the period before — else a finding says how
//! many are short.

use polars::prelude::*;
use serde::Serialize;
use std::collections::HashSet;
use tonghop_consolidate::{cols, strings, Consolidated};
use tonghop_core::{Finding, Level, Reference, Subject};

/// One obligation and what the returns show.
#[derive(Debug, Clone, Serialize)]
pub struct ObligationResult {
    /// The unit's roster code.
    pub unit: String,
    /// `models` or `exemplars`.
    pub subject: &'static str,
    /// Level code asked (`None`: any).
    pub level: Option<String>,
    /// Category code asked (`None`: any).
    pub category: Option<String>,
    /// How many.
    pub count: u32,
    /// The period whose returns must show them.
    pub period: String,
    /// The directive, as written.
    pub basis: String,
    /// Whether that period has returns yet (else not due).
    pub due: bool,
    /// New entities that meet it (ids).
    pub entities: Vec<String>,
    /// Their names, in the same order.
    pub names: Vec<String>,
    /// How many are still short (0 when met).
    pub short: u32,
    /// The sheet's row.
    pub row: u32,
}

/// Follows every obligation.
///
/// # Errors
/// Only when a frame lacks a contract column (a bug).
pub fn follow(
    cons: &Consolidated,
    reference: &Reference,
    findings: &mut Vec<Finding>,
) -> PolarsResult<Vec<ObligationResult>> {
    let mut out = Vec::new();
    for o in &reference.obligations {
        let (df, id_col, name_col, plural) = match o.subject {
            Subject::Model => (&cons.models, cols::MODEL_ID, cols::NAME, "models"),
            Subject::Exemplar => (
                &cons.exemplars,
                cols::PERSON_ID,
                cols::FULL_NAME,
                "exemplars",
            ),
        };
        let (period, id, name, unit, level, status) = (
            strings(df, cols::PERIOD)?,
            strings(df, id_col)?,
            strings(df, name_col)?,
            strings(df, cols::UNIT)?,
            strings(df, cols::LEVEL)?,
            strings(df, cols::STATUS)?,
        );
        let category = if df.column(cols::CATEGORY).is_ok() {
            strings(df, cols::CATEGORY)?
        } else {
            vec![String::new(); df.height()]
        };
        let at = reference.periods.iter().position(|p| p.id == o.period);
        let before: Option<&str> = at
            .and_then(|i| i.checked_sub(1))
            .map(|i| reference.periods[i].id.as_str());
        let earlier: HashSet<&str> = (0..df.height())
            .filter(|&k| Some(period[k].as_str()) == before)
            .map(|k| id[k].as_str())
            .collect();
        // Due once the period has returns listing anything.
        let due = period.contains(&o.period)
            || strings(other(cons, o.subject), cols::PERIOD)?.contains(&o.period);
        let mut r = ObligationResult {
            unit: o.unit.clone(),
            subject: plural,
            level: o.level.map(|l| l.code().to_owned()),
            category: o.category.clone(),
            count: o.count,
            period: o.period.clone(),
            basis: o.basis.clone(),
            due,
            entities: Vec::new(),
            names: Vec::new(),
            short: 0,
            row: o.row,
        };
        for k in 0..df.height() {
            let fits = period[k] == o.period
                && unit[k] == o.unit
                && status[k] != "loai"
                && o.level.is_none_or(|l| level[k] == l.code())
                && o.category.as_ref().is_none_or(|c| category[k] == *c)
                && !earlier.contains(id[k].as_str());
            if fits {
                r.entities.push(id[k].clone());
                r.names.push(name[k].clone());
            }
        }
        let found = u32::try_from(r.entities.len()).unwrap_or(u32::MAX);
        r.short = o.count.saturating_sub(found);
        if due && r.short > 0 {
            let what = describe(reference, o.subject, o.level, o.category.as_deref());
            findings.push(
                tonghop_core::finding!(
                    ObligationShort,
                    don_vi = reference
                        .unit(&o.unit)
                        .map_or_else(|| o.unit.clone(), |u| u.name.clone()),
                    so = o.count,
                    noi_dung = what,
                    can_cu = if o.basis.is_empty() {
                        String::new()
                    } else {
                        format!(" ({})", o.basis)
                    },
                    ky = reference
                        .periods
                        .iter()
                        .find(|p| p.id == o.period)
                        .map_or_else(|| o.period.clone(), |p| p.name.clone()),
                    co = found,
                    ten = if r.names.is_empty() {
                        String::new()
                    } else {
                        format!(" ({})", r.names.join("; "))
                    },
                    thieu = r.short
                )
                .period(&o.period)
                .unit(&o.unit),
            );
        }
        out.push(r);
    }
    Ok(out)
}

/// The frame of the other subject.
fn other(cons: &Consolidated, subject: Subject) -> &DataFrame {
    match subject {
        Subject::Model => &cons.exemplars,
        Subject::Exemplar => &cons.models,
    }
}

/// `mô hình mới cấp tỉnh thuộc loại Y tế` as a finding says it.
fn describe(
    reference: &Reference,
    subject: Subject,
    level: Option<Level>,
    category: Option<&str>,
) -> String {
    let mut s = match subject {
        Subject::Model => "mô hình mới".to_owned(),
        Subject::Exemplar => "điển hình mới".to_owned(),
    };
    if let Some(l) = level {
        s.push(' ');
        s.push_str(l.phrase());
    }
    if let Some(c) = category {
        s.push_str(" thuộc loại ");
        s.push_str(&tonghop_core::category_label(&reference.categories, c));
    }
    s
}
