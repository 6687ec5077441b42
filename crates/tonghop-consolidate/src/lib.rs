//! From the rows of every return to one set of distinct models and exemplars
//! per period.
//!
//! What enters: the [`Return`]s read by ingest and the [`Reference`]. What leaves:
//! a [`Consolidated`] — polars frames `models`, `exemplars` (one row per distinct
//! entity per period, ids stable across periods) and `rows` (every row read and
//! its fate), which return of each unit and period counts ([`ReturnUse`]), and the
//! findings of this stage (superseded returns, merged duplicates, codes that
//! could not be read).
//!
//! Identity: a model is its name and its implementing unit, an exemplar their
//! full name and workplace, both compared on the text crate's matching keys, so
//! later returns that fix punctuation, spacing or tone placement keep the id.
#![deny(missing_docs)]

pub mod codes;
pub mod cols;
mod decisions;

use codes::{CategoryFit, Taxonomy};
use polars::prelude::*;
use std::collections::HashMap;
use tonghop_core::{
    Fate, Finding, FindingCode, Level, RecodeField, Reference, Return, Status, Subject,
};
use tonghop_text::match_key;

/// What became of a whole file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReturnState {
    /// The unit's return for the period.
    Used,
    /// An older version of the unit's return.
    Superseded,
    /// Could not be read.
    Unreadable,
}

impl ReturnState {
    /// The Vietnamese label.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            ReturnState::Used => "dùng",
            ReturnState::Superseded => "bị thay thế",
            ReturnState::Unreadable => "không đọc được",
        }
    }
}

/// How one file was used.
#[derive(Debug, Clone)]
pub struct ReturnUse {
    /// Index into the returns given to [`consolidate`].
    pub index: usize,
    /// The unit key: roster code, or the detected name.
    pub unit: String,
    /// Used, superseded or unreadable.
    pub state: ReturnState,
}

/// The outcome of consolidation.
pub struct Consolidated {
    /// One row per distinct model per period (columns in [`cols`]).
    pub models: DataFrame,
    /// One row per distinct exemplar per period.
    pub exemplars: DataFrame,
    /// Lineage: every row read and its fate.
    pub rows: DataFrame,
    /// One per return, in the order given.
    pub returns: Vec<ReturnUse>,
    /// Findings of this stage.
    pub findings: Vec<Finding>,
}

/// The unit key of a return: its roster code, or the name it was detected by.
#[must_use]
pub fn unit_key(r: &Return) -> String {
    r.unit.code.clone().unwrap_or_else(|| r.unit.name.clone())
}

/// Chooses each unit's return per period: the latest document date wins, then
/// the latest file time, then the file name.
#[must_use]
pub fn choose_returns(returns: &[Return]) -> (Vec<ReturnUse>, Vec<Finding>) {
    let mut uses: Vec<ReturnUse> = returns
        .iter()
        .enumerate()
        .map(|(index, r)| ReturnUse {
            index,
            unit: unit_key(r),
            state: if r.readable {
                ReturnState::Used
            } else {
                ReturnState::Unreadable
            },
        })
        .collect();
    let mut groups: HashMap<(&str, &str), Vec<usize>> = HashMap::new();
    for (i, r) in returns.iter().enumerate() {
        if r.readable {
            groups
                .entry((r.period.as_str(), uses[i].unit.as_str()))
                .or_default()
                .push(i);
        }
    }
    let mut findings = Vec::new();
    let mut keys: Vec<_> = groups.keys().copied().collect();
    keys.sort_unstable();
    let mut superseded = Vec::new();
    for k in keys {
        let idx = &groups[&k];
        if idx.len() < 2 {
            continue;
        }
        let winner = *idx
            .iter()
            .max_by_key(|&&i| (returns[i].date, returns[i].mtime, returns[i].rel.clone()))
            .unwrap_or(&idx[0]);
        for &i in idx {
            if i != winner {
                superseded.push(i);
                let (old, new) = (&returns[i], &returns[winner]);
                findings.push(
                    Finding::new(
                        FindingCode::ReturnSuperseded,
                        format!(
                            "File này (ngày {}) được thay bằng bản mới hơn \"{}\" (ngày {}); số liệu của file này không được tính",
                            old.date.map(|d| d.to_string()).unwrap_or_default(),
                            new.rel,
                            new.date.map(|d| d.to_string()).unwrap_or_default()
                        ),
                    )
                    .period(&old.period)
                    .unit(k.1)
                    .file(&old.rel),
                );
            }
        }
    }
    for i in superseded {
        uses[i].state = ReturnState::Superseded;
    }
    (uses, findings)
}

/// A stable id from the matching keys (FNV-1a, so it never changes between
/// runs, machines or versions of the standard library).
#[must_use]
pub fn entity_id(subject: Subject, name_key: &str, owner_key: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in name_key.bytes().chain([b'|']).chain(owner_key.bytes()) {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    let prefix = match subject {
        Subject::Model => "MH",
        Subject::Exemplar => "DH",
    };
    format!("{prefix}-{:010x}", h >> 24)
}

/// The first source of an entity (index into the lineage) and the others.
type Sources = (usize, Vec<usize>);

#[derive(Default)]
/// Text borrowed from the returns where it can be: a million rows must not be
/// copied once more before polars copies them into its own buffers.
struct Columns<'a> {
    period: Vec<&'a str>,
    subject: Vec<&'static str>,
    id: Vec<String>,
    name: Vec<std::borrow::Cow<'a, str>>,
    owner: Vec<&'a str>,
    position: Vec<&'a str>,
    category: Vec<String>,
    /// Where the category came from: the category column, the model's name, a decision.
    category_from: Vec<&'static str>,
    level: Vec<&'static str>,
    status: Vec<&'static str>,
    extra: Vec<String>,
    unit: Vec<&'a str>,
    file: Vec<&'a str>,
    sheet: Vec<&'a str>,
    row: Vec<u32>,
    seq: Vec<u32>,
}

#[derive(Default)]
struct Lineage<'a> {
    file: Vec<&'a str>,
    sheet: Vec<&'a str>,
    row: Vec<u32>,
    period: Vec<&'a str>,
    unit: Vec<&'a str>,
    kind: Vec<&'static str>,
    fate: Vec<&'static str>,
    entity: Vec<Option<String>>,
    reason: Vec<String>,
}

/// Consolidates a batch.
///
/// # Errors
/// Only when polars fails on frames built here (a bug, not bad input).
pub fn consolidate(returns: &[Return], reference: &Reference) -> PolarsResult<Consolidated> {
    let (uses, mut findings) = choose_returns(returns);
    let taxonomy = Taxonomy::new(&reference.categories);
    let decisions = decisions::Decisions::new(&reference.decisions);
    let mut entries = Columns::default();
    let mut lineage = Lineage::default();
    // (period, id) → first source (index into lineage) and the other sources.
    let mut seen: HashMap<(String, String), Sources> = HashMap::new();
    let mut seq: u32 = 0;
    let mut distinct: Vec<Distinct> = Vec::new();
    let mut category_cache: HashMap<String, CategoryFit> = HashMap::new();
    let mut level_cache: HashMap<String, Option<Level>> = HashMap::new();
    let mut status_cache: HashMap<String, Status> = HashMap::new();
    for (ri, r) in returns.iter().enumerate() {
        let state = uses[ri].state;
        let unit = &uses[ri].unit;
        for row in &r.rows {
            let li = lineage.file.len();
            lineage.file.push(&r.rel);
            lineage.sheet.push(&row.sheet);
            lineage.row.push(row.row);
            lineage.period.push(&r.period);
            lineage.unit.push(unit);
            lineage.kind.push(row.kind.code());
            let (fate, entity, reason) = match (row.kind.subject(), &row.entry) {
                (Some(_), Some(_)) if state == ReturnState::Superseded => (
                    Fate::Superseded,
                    None,
                    "file đã được thay bằng bản mới hơn".to_owned(),
                ),
                (Some(subject), Some(entry)) => {
                    if entry.name.is_empty() {
                        findings.push(
                            Finding::new(
                                FindingCode::FieldMissing,
                                format!(
                                    "Dòng {} có thông tin nhưng thiếu {}; dòng này không được tính, đề nghị đơn vị bổ sung",
                                    row.row,
                                    if subject == Subject::Model { "tên mô hình" } else { "họ và tên" }
                                ),
                            )
                            .period(&r.period)
                            .unit(unit)
                            .file(&r.rel)
                            .at(&row.sheet, Some(row.row)),
                        );
                        (Fate::Rejected, None, "thiếu tên".to_owned())
                    } else {
                        let name_key = match_key(&entry.name);
                        let owner_key = match_key(&entry.owner);
                        let id = decisions.resolve(entity_id(subject, &name_key, &owner_key));
                        let st = match decisions.recode(&id, RecodeField::Status) {
                            Some("loai") => Status::Loai,
                            Some("dang_ky") => Status::DangKy,
                            Some(v) => codes::status(v),
                            None => *status_cache
                                .entry(entry.status.clone())
                                .or_insert_with(|| codes::status(&entry.status)),
                        };
                        let key = (r.period.clone(), id.clone());
                        let first = match seen.get_mut(&key) {
                            Some((_, others)) => {
                                others.push(li);
                                false
                            }
                            None => {
                                seen.insert(key, (li, Vec::new()));
                                distinct.push(Distinct {
                                    period: r.period.clone(),
                                    subject,
                                    id: id.clone(),
                                    name: entry.name.clone(),
                                    name_key: name_key.clone(),
                                    owner_fold: tonghop_text::fold_key(&entry.owner),
                                    name_fold: tonghop_text::fold_key(&entry.name),
                                    source: li,
                                });
                                true
                            }
                        };
                        let level = match decisions.recode(&id, RecodeField::Level) {
                            Some(v) => Level::from_code(v).or_else(|| codes::level(v)),
                            None => *level_cache
                                .entry(entry.level.clone())
                                .or_insert_with(|| codes::level(&entry.level)),
                        };
                        let recoded = decisions.recode(&id, RecodeField::Category).map(|v| {
                            match taxonomy.classify(v) {
                                CategoryFit::One(c) => c,
                                _ if reference.categories.iter().any(|c| c.code == v) => {
                                    v.to_owned()
                                }
                                _ => "khong_ro".to_owned(),
                            }
                        });
                        let category_from = match (&recoded, subject) {
                            (Some(_), _) => "quyết định",
                            (None, Subject::Model) if entry.category.is_empty() => "tên mô hình",
                            (None, Subject::Model) => "cột lĩnh vực",
                            (None, Subject::Exemplar) => "",
                        };
                        let category = if let Some(c) = recoded {
                            c
                        } else if subject == Subject::Model {
                            // Labels repeat across thousands of rows: classify each once.
                            let (fit, evidence) = if entry.category.is_empty() {
                                (taxonomy.classify(&entry.name), "theo tên mô hình")
                            } else {
                                let fit = category_cache
                                    .entry(entry.category.clone())
                                    .or_insert_with(|| taxonomy.classify(&entry.category))
                                    .clone();
                                (fit, "theo cột lĩnh vực")
                            };
                            match fit {
                                CategoryFit::One(c) => c,
                                CategoryFit::Ambiguous(cs) => {
                                    if first {
                                        findings.push(code_finding(r, unit, row.sheet.as_str(), row.row, FindingCode::CategoryAmbiguous, format!(
                                            "Loại mô hình \"{}\" ({evidence}) khớp nhiều loại: {}; đề nghị ghi rõ một loại",
                                            if entry.category.is_empty() { &entry.name } else { &entry.category },
                                            cs.join(", ")
                                        )));
                                    }
                                    "khong_ro".to_owned()
                                }
                                CategoryFit::Unknown => {
                                    if first {
                                        findings.push(code_finding(r, unit, row.sheet.as_str(), row.row, FindingCode::CategoryUnknown, format!(
                                            "Không xác định được loại mô hình của \"{}\" (lĩnh vực ghi: \"{}\"); đề nghị ghi rõ lĩnh vực",
                                            entry.name, entry.category
                                        )));
                                    }
                                    "khong_ro".to_owned()
                                }
                            }
                        } else {
                            String::new()
                        };
                        if level.is_none() && first {
                            findings.push(code_finding(r, unit, row.sheet.as_str(), row.row, FindingCode::LevelUnknown, format!(
                                "Không đọc được cấp đăng ký của \"{}\" (ghi: \"{}\"); đề nghị ghi rõ Tỉnh, Khối hoặc Cơ sở",
                                entry.name, entry.level
                            )));
                        }
                        entries.period.push(&r.period);
                        entries.subject.push(if subject == Subject::Model {
                            "model"
                        } else {
                            "exemplar"
                        });
                        entries.id.push(id.clone());
                        entries.name.push(match decisions.name(&id) {
                            Some(n) => std::borrow::Cow::Owned(n.to_owned()),
                            None => std::borrow::Cow::Borrowed(entry.name.as_str()),
                        });
                        entries.owner.push(&entry.owner);
                        entries.position.push(&entry.position);
                        entries.category.push(category);
                        entries.category_from.push(category_from);
                        entries.level.push(level.unwrap_or(Level::KhongRo).code());
                        entries.status.push(st.code());
                        entries.extra.push(
                            entry
                                .extra
                                .iter()
                                .map(|(h, v)| format!("{h}: {v}"))
                                .collect::<Vec<_>>()
                                .join("; "),
                        );
                        entries.unit.push(unit);
                        entries.file.push(&r.rel);
                        entries.sheet.push(&row.sheet);
                        entries.row.push(row.row);
                        entries.seq.push(seq);
                        seq += 1;
                        let fate = match (first, st) {
                            (false, _) => Fate::Merged,
                            (true, Status::Loai) => Fate::Removed,
                            (true, Status::DangKy) => Fate::Kept,
                        };
                        let reason = match fate {
                            Fate::Merged => "trùng với dòng khác cùng kỳ".to_owned(),
                            Fate::Removed => format!("đánh dấu loại: \"{}\"", entry.status),
                            _ => String::new(),
                        };
                        (fate, Some(id), reason)
                    }
                }
                _ => (Fate::Structure, None, row.reason.to_owned()),
            };
            lineage.fate.push(fate.code());
            lineage.entity.push(entity);
            lineage.reason.push(reason);
        }
    }
    findings.extend(possible_duplicates(&distinct, &lineage, &decisions));
    findings.extend(decisions.findings());
    // One DUPLICATE_MERGED per entity listed more than once in a period.
    let mut dups: Vec<(&(String, String), &Sources)> =
        seen.iter().filter(|(_, (_, o))| !o.is_empty()).collect();
    dups.sort_by_key(|(_, (first, _))| *first);
    for ((period, id), (first, others)) in dups {
        let at = |i: usize| {
            format!(
                "{} / {} / dòng {}",
                lineage.file[i], lineage.sheet[i], lineage.row[i]
            )
        };
        findings.push(
            Finding::new(
                FindingCode::DuplicateMerged,
                format!(
                    "{id} được kê {} lần, đã gộp làm một: {}; các nguồn khác: {}",
                    others.len() + 1,
                    at(*first),
                    others.iter().map(|&i| at(i)).collect::<Vec<_>>().join("; ")
                ),
            )
            .period(period)
            .unit(lineage.unit[*first])
            .file(lineage.file[*first])
            .at(lineage.sheet[*first], Some(lineage.row[*first])),
        );
    }
    let entries_df = entries_frame(entries)?;
    let models = entities(entries_df.clone().lazy(), Subject::Model).collect()?;
    let exemplars = entities(entries_df.lazy(), Subject::Exemplar).collect()?;
    let rows = lineage_frame(lineage)?;
    Ok(Consolidated {
        models,
        exemplars,
        rows,
        returns: uses,
        findings,
    })
}

/// A distinct entity of a period, as near-duplicate detection sees it.
struct Distinct {
    period: String,
    subject: Subject,
    id: String,
    name: String,
    name_key: String,
    owner_fold: String,
    name_fold: String,
    /// Index of its first source in the lineage.
    source: usize,
}

/// Near-identical entities (one word more, a typo, another tone mark) of the
/// same implementing unit or workplace in one period, left separate and
/// reported for an analyst to decide.
///
/// Blocking keeps this linear in the rows: only entities sharing the period,
/// the subject, the owner (diacritic-free) and the first or the last word of
/// the name are compared — a typo in the owner, or in both the first and the
/// last word, is not caught. Pairs already equal on the matching key were
/// merged and never reach here.
fn possible_duplicates(
    distinct: &[Distinct],
    lineage: &Lineage<'_>,
    decisions: &decisions::Decisions,
) -> Vec<Finding> {
    let mut blocks: HashMap<(&str, Subject, &str, &str, u8), Vec<usize>> = HashMap::new();
    for (i, d) in distinct.iter().enumerate() {
        let first = d.name_fold.split(' ').next().unwrap_or("");
        let last = d.name_fold.rsplit(' ').next().unwrap_or("");
        blocks
            .entry((&d.period, d.subject, &d.owner_fold, first, 0))
            .or_default()
            .push(i);
        blocks
            .entry((&d.period, d.subject, &d.owner_fold, last, 1))
            .or_default()
            .push(i);
    }
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    for members in blocks.values() {
        // A block larger than this is a list of near-namesakes (`Nguyễn Văn …`
        // of one office): its pairs are left to the other pass.
        if members.len() > 200 {
            continue;
        }
        for (k, &a) in members.iter().enumerate() {
            for &b in &members[k + 1..] {
                pairs.push((a.min(b), a.max(b)));
            }
        }
    }
    pairs.sort_unstable();
    pairs.dedup();
    let mut out = Vec::new();
    for (a, b) in pairs {
        let (x, y) = (&distinct[a], &distinct[b]);
        // The cheap score first; the explanation only for pairs reported.
        if tonghop_text::score_keys_from(&x.name_key, &y.name_key, tonghop_text::THRESHOLD)
            .is_none()
            || decisions.kept_apart(&x.id, &y.id)
        {
            continue;
        }
        let s = tonghop_text::similarity(&x.name, &y.name);
        let at = |i: usize| {
            format!(
                "{} / {} / dòng {}",
                lineage.file[i], lineage.sheet[i], lineage.row[i]
            )
        };
        out.push(
            Finding::new(
                FindingCode::PossibleDuplicate,
                format!(
                    "Có thể trùng: \"{}\" ({}, {}) và \"{}\" ({}, {}) — {}. Chưa gộp; nếu là một, ghi quyết định gộp vào quyet-dinh.xlsx",
                    x.name,
                    x.id,
                    at(x.source),
                    y.name,
                    y.id,
                    at(y.source),
                    s.explain()
                ),
            )
            .period(&y.period)
            .unit(lineage.unit[y.source])
            .file(lineage.file[y.source])
            .at(lineage.sheet[y.source], Some(lineage.row[y.source])),
        );
    }
    out
}

fn code_finding(
    r: &Return,
    unit: &str,
    sheet: &str,
    row: u32,
    code: FindingCode,
    msg: String,
) -> Finding {
    Finding::new(code, msg)
        .period(&r.period)
        .unit(unit)
        .file(&r.rel)
        .at(sheet, Some(row))
}

fn entries_frame(c: Columns) -> PolarsResult<DataFrame> {
    let name: Vec<&str> = c.name.iter().map(AsRef::as_ref).collect();
    use cols::*;
    DataFrame::new_infer_height(vec![
        Column::new(PERIOD.into(), c.period),
        Column::new("subject".into(), c.subject),
        Column::new(ID.into(), c.id),
        Column::new(NAME.into(), name),
        Column::new(OWNER.into(), c.owner),
        Column::new(POSITION.into(), c.position),
        Column::new(CATEGORY.into(), c.category),
        Column::new(CATEGORY_FROM.into(), c.category_from),
        Column::new(LEVEL.into(), c.level),
        Column::new(STATUS.into(), c.status),
        Column::new(EXTRA.into(), c.extra),
        Column::new(UNIT.into(), c.unit),
        Column::new(SOURCE_FILE.into(), c.file),
        Column::new(SOURCE_SHEET.into(), c.sheet),
        Column::new(SOURCE_ROW.into(), c.row),
        Column::new("seq".into(), c.seq),
    ])
}

/// Distinct entities of one subject: one row per period and id, the first
/// source giving the fields, the first known level winning, an entity active
/// when any of its sources lists it as active.
fn entities(lf: LazyFrame, subject: Subject) -> LazyFrame {
    use cols::*;
    let tag = if subject == Subject::Model {
        "model"
    } else {
        "exemplar"
    };
    let known_level = col(LEVEL).filter(col(LEVEL).neq(lit("khong_ro"))).first();
    let grouped = lf
        .filter(col("subject").eq(lit(tag)))
        .sort(["seq"], SortMultipleOptions::default())
        .group_by_stable([col(PERIOD), col(ID)])
        .agg([
            col(NAME).first(),
            col(OWNER).first(),
            col(POSITION).first(),
            col(CATEGORY).first(),
            col(CATEGORY_FROM).first(),
            known_level.alias(LEVEL),
            col(STATUS).min().alias(STATUS),
            col(EXTRA).first(),
            col(UNIT).first(),
            col(SOURCE_FILE).first(),
            col(SOURCE_SHEET).first(),
            col(SOURCE_ROW).first(),
            len().alias(N_SOURCES),
        ])
        .with_column(col(LEVEL).fill_null(lit("khong_ro")))
        .sort([PERIOD, ID], SortMultipleOptions::default());
    // `dang_ky` sorts before `loai`, so `min` is active when any source is.
    match subject {
        Subject::Model => grouped.select([
            col(PERIOD),
            col(ID).alias(MODEL_ID),
            col(NAME),
            col(OWNER),
            col(CATEGORY),
            col(CATEGORY_FROM),
            col(LEVEL),
            col(STATUS),
            col(UNIT),
            col(SOURCE_FILE),
            col(SOURCE_SHEET),
            col(SOURCE_ROW),
            col(N_SOURCES),
            col(EXTRA),
        ]),
        Subject::Exemplar => grouped.select([
            col(PERIOD),
            col(ID).alias(PERSON_ID),
            col(NAME).alias(FULL_NAME),
            col(POSITION),
            col(OWNER).alias(WORKPLACE),
            col(LEVEL),
            col(STATUS),
            col(UNIT),
            col(SOURCE_FILE),
            col(SOURCE_SHEET),
            col(SOURCE_ROW),
            col(N_SOURCES),
            col(EXTRA),
        ]),
    }
}

fn lineage_frame(l: Lineage) -> PolarsResult<DataFrame> {
    use cols::*;
    DataFrame::new_infer_height(vec![
        Column::new(SOURCE_FILE.into(), l.file),
        Column::new(SOURCE_SHEET.into(), l.sheet),
        Column::new(SOURCE_ROW.into(), l.row),
        Column::new(PERIOD.into(), l.period),
        Column::new(UNIT.into(), l.unit),
        Column::new(KIND.into(), l.kind),
        Column::new(FATE.into(), l.fate),
        Column::new(ENTITY_ID.into(), l.entity),
        Column::new(REASON.into(), l.reason),
    ])
}

/// Reads a string column of a collected frame (helper for later stages).
///
/// # Errors
/// When the column is missing or not text.
pub fn strings(df: &DataFrame, name: &str) -> PolarsResult<Vec<String>> {
    Ok(df
        .column(name)?
        .str()?
        .iter()
        .map(|v| v.unwrap_or_default().to_owned())
        .collect())
}

/// Reads an unsigned column of a collected frame.
///
/// # Errors
/// When the column is missing or not numeric.
pub fn numbers(df: &DataFrame, name: &str) -> PolarsResult<Vec<u32>> {
    let c = df.column(name)?.cast(&DataType::UInt32)?;
    Ok(c.u32()?.iter().map(Option::unwrap_or_default).collect())
}

#[cfg(test)]
mod tests;
