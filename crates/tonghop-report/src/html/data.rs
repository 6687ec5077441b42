//! The rows behind the page's figures, embedded as one JSON document that the
//! page's script reads: every entity of every period (as many as fit the
//! page, latest period first), every unit's return in every period, the
//! findings, and which entities make each term of each bridge. Texts that
//! repeat (units, files, sheets, codes) are written once, in a table of
//! strings, and referred to by their position.
//!
//! A figure on the page is linked to its rows by a [`Query`]: equality on a
//! few fields of one dataset, which the page's script applies and the tests
//! apply again to check that every linked figure counts its rows.

use crate::Report;
use polars::prelude::{DataFrame, DataType};
use serde::Serialize;
use std::collections::HashMap;
use std::fmt::Write;
use tonghop_consolidate::cols;

/// At most this many entity rows are embedded: a national batch's
/// 600,000 would make a page no browser opens by double-click. The latest
/// period comes first; a period that does not fit whole is left out, and its
/// figures are shown without a link (the workbook lists every row).
pub(crate) const ENTITY_BUDGET: usize = 400_000;
/// At most this many findings, the most severe first.
pub(crate) const FINDING_BUDGET: usize = 50_000;

/// Which rows a figure stands for: equality on the fields given.
#[derive(Debug, Clone, Default, Serialize)]
pub(crate) struct Query {
    /// The dataset: `ent`, `units`, `fin` or `bm` (a bridge's entities).
    pub d: &'static str,
    /// Period id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub p: Option<String>,
    /// Subject: 0 models, 1 exemplars.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sj: Option<u8>,
    /// Status code.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub st: Option<&'static str>,
    /// Level code.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub l: Option<String>,
    /// Category code.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub c: Option<String>,
    /// Unit key.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub u: Option<String>,
    /// Unit kind.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub k: Option<String>,
    /// Return states of a unit (any of).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rs: Option<Vec<u8>>,
    /// Severity: 0 error, 1 warning, 2 info.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sev: Option<u8>,
    /// Bridge index.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub b: Option<usize>,
    /// Bridge term.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub t: Option<&'static str>,
    /// A stage of the commendation funnel the entity has passed (a bit of
    /// `tonghop_reconcile::commendation::mark`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cs: Option<u8>,
}

impl Query {
    /// The active entities of a subject (0 models, 1 exemplars) in a period.
    pub(crate) fn active(period: String, sj: u8) -> Query {
        Query {
            d: "ent",
            p: Some(period),
            sj: Some(sj),
            st: Some("dang_ky"),
            ..Query::default()
        }
    }

    /// The units of a period in any of the return states `rs`.
    pub(crate) fn units(period: String, rs: Vec<u8>) -> Query {
        Query {
            d: "units",
            p: Some(period),
            rs: Some(rs),
            ..Query::default()
        }
    }
}

/// A unit's return in a period, as the page's units table shows it.
pub(crate) mod state {
    /// Received on time.
    pub const ON_TIME: u8 = 0;
    /// Received late.
    pub const LATE: u8 = 1;
    /// Received; whether on time cannot be told.
    pub const UNKNOWN: u8 = 2;
    /// Expected and not received.
    pub const MISSING: u8 = 3;
    /// Received from a unit not expected (not on the roster for the period).
    pub const UNEXPECTED: u8 = 4;
    /// Neither expected nor received.
    pub const NONE: u8 = 5;
    /// Received from a unit expected to send.
    pub const RECEIVED: [u8; 3] = [ON_TIME, LATE, UNKNOWN];
    /// Expected to send.
    pub const EXPECTED: [u8; 4] = [ON_TIME, LATE, UNKNOWN, MISSING];
}

/// Texts written once and referred to by position; every text is borrowed
/// from the report (a national batch has millions of cells to refer to).
#[derive(Default)]
struct Strings<'a> {
    at: HashMap<&'a str, u32>,
    list: Vec<&'a str>,
}

impl<'a> Strings<'a> {
    fn id(&mut self, s: &'a str) -> u32 {
        let next = u32::try_from(self.list.len()).unwrap_or(u32::MAX);
        let id = *self.at.entry(s).or_insert(next);
        if id == next {
            self.list.push(s);
        }
        id
    }

    /// [`Strings::id`] of a column's text, remembering the column's last:
    /// rows of one file repeat its unit, file, sheet, level and status.
    fn id_in(&mut self, last: &mut (&'a str, u32), s: &'a str) -> u32 {
        if last.0 != s || last.1 == u32::MAX {
            *last = (s, self.id(s));
        }
        last.1
    }
}

/// The datasets, written as JSON, and what the page needs to know of them.
pub(crate) struct Data {
    /// The JSON document (`<` escaped, so it can sit inside a script element).
    pub json: String,
    /// Periods whose entities are all embedded.
    pub complete: Vec<String>,
    /// Whether every finding is embedded.
    pub all_findings: bool,
    /// Entity rows embedded, and in all.
    pub entities: (usize, usize),
}

impl Data {
    /// Whether a figure on `q` can be linked to its rows.
    pub(crate) fn linkable(&self, q: &Query) -> bool {
        match q.d {
            "ent" | "bm" => match &q.p {
                Some(p) => self.complete.contains(p),
                None => false,
            },
            "fin" => self.all_findings,
            _ => true,
        }
    }
}

/// One entity frame: the columns the page shows, read in order (a chunked
/// column's `get(i)` looks for its chunk on every call) once per period
/// embedded, without copying them.
struct Frame<'a> {
    df: &'a DataFrame,
    /// period, id, name, category or position, owner or workplace, category,
    /// level, status, unit, file, sheet.
    names: [&'static str; 11],
    rows: Vec<u32>,
}

impl<'a> Frame<'a> {
    fn of(
        df: &'a DataFrame,
        id: &'static str,
        name: &'static str,
        second: &'static str,
        owner: &'static str,
    ) -> Frame<'a> {
        let rows = df
            .column(cols::SOURCE_ROW)
            .ok()
            .and_then(|c| c.cast(&DataType::UInt32).ok())
            .and_then(|c| {
                c.u32()
                    .ok()
                    .map(|ca| ca.iter().map(|v| v.unwrap_or(0)).collect())
            })
            .unwrap_or_else(|| vec![0; df.height()]);
        Frame {
            df,
            names: [
                cols::PERIOD,
                id,
                name,
                second,
                owner,
                cols::CATEGORY,
                cols::LEVEL,
                cols::STATUS,
                cols::UNIT,
                cols::SOURCE_FILE,
                cols::SOURCE_SHEET,
            ],
            rows,
        }
    }

    /// Each row's texts, in order.
    fn texts(&self) -> impl Iterator<Item = [&'a str; 11]> + 'a {
        let height = self.df.height();
        let mut columns: Vec<Box<dyn Iterator<Item = &'a str> + 'a>> = self
            .names
            .iter()
            .map(|c| -> Box<dyn Iterator<Item = &'a str> + 'a> {
                match self.df.column(c).ok().and_then(|c| c.str().ok()) {
                    Some(ca) => Box::new(ca.iter().map(|v| v.unwrap_or(""))),
                    None => Box::new(std::iter::repeat_n("", height)),
                }
            })
            .collect();
        (0..height).map(move |_| std::array::from_fn(|k| columns[k].next().unwrap_or("")))
    }
}

/// `s` as a JSON string, `<` escaped: inside a script element, `</script>`
/// or `<!--` in a text would end it.
fn string(out: &mut String, s: &str) {
    let json = serde_json::to_string(s).unwrap_or_else(|_| "\"\"".to_owned());
    if json.contains('<') {
        out.push_str(&json.replace('<', "\\u003c"));
    } else {
        out.push_str(&json);
    }
}

/// Builds the datasets of `report`.
#[allow(clippy::too_many_lines)]
pub(crate) fn build<'a>(report: &'a Report<'a>) -> Data {
    let s = &report.reconciled.summary;
    let mut strings = Strings::default();
    let positions = report.reference.unit_positions();
    let unit_name = |key: &'a str| -> &'a str {
        positions
            .get(key)
            .and_then(|&i| report.reference.units.get(i))
            .map_or(key, |u| u.name.as_str())
    };
    let period_index: HashMap<&str, usize> = s
        .periods
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id.as_str(), i))
        .collect();
    let c = &report.consolidated;
    let frames = [
        Frame::of(
            &c.models,
            cols::MODEL_ID,
            cols::NAME,
            cols::CATEGORY,
            cols::OWNER,
        ),
        Frame::of(
            &c.exemplars,
            cols::PERSON_ID,
            cols::FULL_NAME,
            cols::POSITION,
            cols::WORKPLACE,
        ),
    ];
    // Rows of each period; the latest periods first, as many whole as fit.
    let mut counts = vec![0usize; s.periods.len()];
    for f in &frames {
        if let Some(ca) = f.df.column(cols::PERIOD).ok().and_then(|c| c.str().ok()) {
            for p in ca.iter().flatten() {
                if let Some(&i) = period_index.get(p) {
                    counts[i] += 1;
                }
            }
        }
    }
    let total: usize = counts.iter().sum();
    let mut complete = Vec::new();
    let mut taken = 0usize;
    for p in (0..s.periods.len()).rev() {
        if taken + counts[p] > ENTITY_BUDGET {
            break;
        }
        taken += counts[p];
        complete.push(s.periods[p].id.clone());
    }
    let mut json = String::with_capacity(taken * 64 + 4096);
    json.push_str("{\"ent\":[");
    // The place in `ent` of each entity a bridge term names, by (period,
    // subject, id).
    let wanted: std::collections::HashSet<(u8, &str)> = report
        .reconciled
        .bridge_entities
        .iter()
        .filter_map(|e| {
            let b = s.bridges.get(e.bridge)?;
            Some((u8::from(b.subject != "models"), e.id.as_str()))
        })
        .collect();
    let mut place: HashMap<(usize, u8, &str), usize> = HashMap::with_capacity(wanted.len());
    let mut n = 0usize;
    let category_names: HashMap<&str, &str> = report
        .reference
        .categories
        .iter()
        .map(|c| (c.code.as_str(), c.name.as_str()))
        .collect();
    let mut last = [("", u32::MAX); 8];
    // The commendation stages each entity has passed.
    let marks: HashMap<(&str, u8, &str), u8> = report
        .reconciled
        .commendation
        .marks
        .iter()
        .map(|((p, subject, id), m)| {
            (
                (p.as_str(), u8::from(*subject != "models"), id.as_str()),
                *m,
            )
        })
        .collect();
    // The latest period first: the table opens on it.
    for p in (0..s.periods.len()).rev() {
        if !complete.contains(&s.periods[p].id) {
            continue;
        }
        let id = s.periods[p].id.as_str();
        for (subject, f) in (0u8..).zip(&frames) {
            for (t, row) in f.texts().zip(&f.rows) {
                let [period, eid, name, second, owner, category, level, status, unit, file, sheet] =
                    t;
                if period != id {
                    continue;
                }
                let second = if subject == 0 {
                    match category_names.get(category) {
                        Some(name) => name,
                        None if category == tonghop_core::UNKNOWN_CATEGORY.0 => {
                            tonghop_core::UNKNOWN_CATEGORY.1
                        }
                        None => category,
                    }
                } else {
                    second
                };
                let ids = [
                    strings.id(eid),
                    strings.id(name),
                    strings.id_in(&mut last[0], second),
                    strings.id(owner),
                    strings.id_in(&mut last[1], category),
                    strings.id_in(&mut last[2], level),
                    strings.id_in(&mut last[3], status),
                    strings.id_in(&mut last[4], unit),
                    strings.id_in(&mut last[5], unit_name(unit)),
                    strings.id_in(&mut last[6], file),
                    strings.id_in(&mut last[7], sheet),
                ];
                if n > 0 {
                    json.push(',');
                }
                let _ = write!(json, "[{p},{subject}");
                for x in ids {
                    let _ = write!(json, ",{x}");
                }
                let marks = marks.get(&(id, subject, eid)).copied().unwrap_or(0);
                let _ = write!(json, ",{row},{marks}]");
                if wanted.contains(&(subject, eid)) {
                    place.insert((p, subject, eid), n);
                }
                n += 1;
            }
        }
    }
    json.push_str("],\"bm\":[");
    // Which entities make each term: the later period's row for what entered
    // or changed there, the earlier one's for what left.
    let mut first = true;
    for e in &report.reconciled.bridge_entities {
        let Some(b) = s.bridges.get(e.bridge) else {
            continue;
        };
        let subject = u8::from(b.subject != "models");
        let (Some(&from), Some(&to)) = (
            period_index.get(b.from.as_str()),
            period_index.get(b.to.as_str()),
        ) else {
            continue;
        };
        let order = if matches!(e.term, "added" | "removed" | "reclassified") {
            [to, from]
        } else {
            [from, to]
        };
        let Some(at) = order
            .iter()
            .find_map(|&p| place.get(&(p, subject, e.id.as_str())))
        else {
            continue;
        };
        if !first {
            json.push(',');
        }
        first = false;
        let _ = write!(json, "[{},", e.bridge);
        string(&mut json, e.term);
        let _ = write!(json, ",{at}]");
    }
    json.push_str("],\"units\":[");
    // Each unit's file counted in a period.
    let files = report.files_counted();
    for (i, u) in report.reconciled.units.iter().enumerate() {
        let state = match (u.expected, u.received) {
            (true, false) => state::MISSING,
            (false, false) => state::NONE,
            (false, true) => state::UNEXPECTED,
            (true, true) if u.timeliness_unknown => state::UNKNOWN,
            (true, true) if u.days_late.is_some_and(|d| d > 0) => state::LATE,
            (true, true) => state::ON_TIME,
        };
        let p = period_index.get(u.period.as_str()).copied().unwrap_or(0);
        let file = files
            .get(&(u.period.as_str(), u.unit.as_str()))
            .copied()
            .unwrap_or("");
        let ids = [
            strings.id(&u.unit),
            strings.id(&u.name),
            strings.id(&u.kind),
            strings.id(file),
        ];
        if i > 0 {
            json.push(',');
        }
        let _ = write!(
            json,
            "[{p},{},{},{},{},{state},{},{},{}]",
            ids[0],
            ids[1],
            ids[2],
            ids[3],
            u.days_late.unwrap_or(0),
            u.models.values().sum::<u64>(),
            u.exemplars.values().sum::<u64>()
        );
    }
    json.push_str("],\"fin\":[");
    let all_findings = report.findings.len() <= FINDING_BUDGET;
    // Findings are sorted most severe first.
    for (i, f) in report.findings.iter().take(FINDING_BUDGET).enumerate() {
        let sev = match f.severity {
            tonghop_core::Severity::Error => 0,
            tonghop_core::Severity::Warning => 1,
            tonghop_core::Severity::Info => 2,
        };
        let ids = [
            strings.id(f.code.as_str()),
            strings.id(&f.period),
            strings.id(&f.unit),
            strings.id(&f.file),
            strings.id(&f.sheet),
        ];
        if i > 0 {
            json.push(',');
        }
        let _ = write!(
            json,
            "[{sev},{},{},{},{},{},{},",
            ids[0],
            ids[1],
            ids[2],
            ids[3],
            ids[4],
            f.row.unwrap_or(0)
        );
        string(&mut json, &f.message);
        json.push(']');
    }
    json.push_str("],\"periods\":[");
    for (i, p) in s.periods.iter().enumerate() {
        if i > 0 {
            json.push(',');
        }
        json.push('[');
        string(&mut json, &p.id);
        json.push(',');
        string(&mut json, &p.name);
        json.push(']');
    }
    json.push_str("],\"labels\":{");
    let mut labels: Vec<(String, String)> = tonghop_core::Level::ALL
        .iter()
        .map(|l| (format!("l:{}", l.code()), l.label().to_owned()))
        .collect();
    labels.push(("st:dang_ky".to_owned(), "Đang đăng ký".to_owned()));
    labels.push(("st:loai".to_owned(), "Loại khỏi danh sách".to_owned()));
    for t in [
        "added",
        "removed",
        "transferred_out",
        "not_reported",
        "unexplained",
        "reclassified",
    ] {
        labels.push((format!("t:{t}"), crate::term_label(t).to_owned()));
    }
    for (i, b) in s.bridges.iter().enumerate() {
        labels.push((
            format!("b:{i}"),
            format!(
                "{}: {} → {}",
                if b.subject == "models" {
                    "Mô hình"
                } else {
                    "Điển hình"
                },
                period_name(s, &b.from),
                period_name(s, &b.to)
            ),
        ));
    }
    for (i, (k, v)) in labels.iter().enumerate() {
        if i > 0 {
            json.push(',');
        }
        string(&mut json, k);
        json.push(':');
        string(&mut json, v);
    }
    json.push_str("},\"s\":[");
    for (i, t) in strings.list.iter().enumerate() {
        if i > 0 {
            json.push(',');
        }
        string(&mut json, t);
    }
    json.push_str("]}");
    Data {
        json,
        complete,
        all_findings,
        entities: (n, total),
    }
}

/// A period's name (its id when it has none).
pub(crate) fn period_name<'a>(s: &'a tonghop_reconcile::Summary, id: &'a str) -> &'a str {
    s.periods
        .iter()
        .find(|p| p.id == id)
        .map_or(id, |p| p.name.as_str())
}
