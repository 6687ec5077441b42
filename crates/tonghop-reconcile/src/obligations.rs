//! Replacement obligations (sheet `Yêu cầu bổ sung`) followed in the
//! returns: the period named must list, from the unit, as many *new*
//! models or exemplars of the level and category asked — new meaning not
//! listed by any return of the period before — else a finding says how
//! many are short.

use polars::prelude::*;
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use tonghop_consolidate::{cols, Consolidated};
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
    if reference.obligations.is_empty() {
        return Ok(Vec::new());
    }
    let models = Frame::of(&cons.models, cols::MODEL_ID, cols::NAME)?;
    let exemplars = Frame::of(&cons.exemplars, cols::PERSON_ID, cols::FULL_NAME)?;
    let mut out = Vec::new();
    for o in &reference.obligations {
        let (f, plural) = match o.subject {
            Subject::Model => (&models, "models"),
            Subject::Exemplar => (&exemplars, "exemplars"),
        };
        let at = reference.periods.iter().position(|p| p.id == o.period);
        let before: Option<&str> = at
            .and_then(|i| i.checked_sub(1))
            .map(|i| reference.periods[i].id.as_str());
        // Due once the period has returns listing anything.
        let due = models.periods.contains(o.period.as_str())
            || exemplars.periods.contains(o.period.as_str());
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
        let empty = Vec::new();
        let earlier = before.and_then(|b| f.ids.get(b));
        for &k in f
            .by_unit
            .get(&(o.period.as_str(), o.unit.as_str()))
            .unwrap_or(&empty)
        {
            let fits = f.status(k) != "loai"
                && o.level.is_none_or(|l| f.level(k) == l.code())
                && o.category.as_ref().is_none_or(|c| f.category(k) == c)
                && !earlier.is_some_and(|ids| ids.contains(f.id(k)));
            if fits {
                r.entities.push(f.id(k).to_owned());
                r.names.push(f.name(k).to_owned());
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

/// An entity frame read once for every obligation: its text borrowed, its
/// rows by (period, unit), its ids by period.
struct Frame<'a> {
    id: &'a StringChunked,
    name: &'a StringChunked,
    level: &'a StringChunked,
    status: &'a StringChunked,
    category: Option<&'a StringChunked>,
    by_unit: HashMap<(&'a str, &'a str), Vec<usize>>,
    ids: HashMap<&'a str, HashSet<&'a str>>,
    periods: HashSet<&'a str>,
}

impl<'a> Frame<'a> {
    fn of(df: &'a DataFrame, id: &str, name: &str) -> PolarsResult<Frame<'a>> {
        let text = |c: &str| -> PolarsResult<&'a StringChunked> { df.column(c)?.str() };
        let (period, unit) = (text(cols::PERIOD)?, text(cols::UNIT)?);
        let mut f = Frame {
            id: text(id)?,
            name: text(name)?,
            level: text(cols::LEVEL)?,
            status: text(cols::STATUS)?,
            category: df
                .column(cols::CATEGORY)
                .ok()
                .map(|c| c.str())
                .transpose()?,
            by_unit: HashMap::new(),
            ids: HashMap::new(),
            periods: HashSet::new(),
        };
        for k in 0..df.height() {
            let p = period.get(k).unwrap_or("");
            f.by_unit
                .entry((p, unit.get(k).unwrap_or("")))
                .or_default()
                .push(k);
            f.ids
                .entry(p)
                .or_default()
                .insert(f.id.get(k).unwrap_or(""));
            f.periods.insert(p);
        }
        Ok(f)
    }
    fn id(&self, k: usize) -> &'a str {
        self.id.get(k).unwrap_or("")
    }
    fn name(&self, k: usize) -> &'a str {
        self.name.get(k).unwrap_or("")
    }
    fn level(&self, k: usize) -> &'a str {
        self.level.get(k).unwrap_or("")
    }
    fn status(&self, k: usize) -> &'a str {
        self.status.get(k).unwrap_or("")
    }
    fn category(&self, k: usize) -> &'a str {
        self.category.and_then(|c| c.get(k)).unwrap_or("")
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
