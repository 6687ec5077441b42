//! The analysts' decisions (`quyet-dinh.xlsx`), applied on every run and
//! reported: each one used says so (`DECISION_APPLIED`), each one that matches
//! nothing any more is a warning (`DECISION_UNUSED`).
//!
//! Merges become a small frame (old key → kept key) and renames and recodes
//! another (key → name, codes), both joined onto the rows.

use crate::codes::{CategoryFit, Taxonomy};
use crate::ids::parse_id;
use crate::source::c;
use polars::prelude::*;
use std::cell::Cell;
use std::collections::{BTreeMap, HashMap};
use tonghop_core::{
    finding, CategoryDef, Decision, DecisionKind, Finding, Level, RecodeField, Status,
};

/// Column of the merge frame: the key kept.
const MERGED_TO: &str = "merged_to";

/// Decisions about one entity: indices into the list.
#[derive(Default)]
struct PerKey {
    name: Option<usize>,
    category: Option<usize>,
    level: Option<usize>,
    status: Option<usize>,
}

pub(crate) struct Decisions<'a> {
    list: &'a [Decision],
    /// Old key → (kept key, the decisions followed to get there).
    merges: BTreeMap<u64, (u64, Vec<usize>)>,
    per_key: BTreeMap<u64, PerKey>,
    apart: HashMap<(u64, u64), usize>,
    used: Vec<Cell<u32>>,
}

impl<'a> Decisions<'a> {
    pub(crate) fn new(list: &'a [Decision]) -> Decisions<'a> {
        let mut d = Decisions {
            list,
            merges: BTreeMap::new(),
            per_key: BTreeMap::new(),
            apart: HashMap::new(),
            used: (0..list.len()).map(|_| Cell::new(0)).collect(),
        };
        // One step per merge; chains (a into b, b into c) are followed below.
        let mut step: HashMap<u64, (u64, usize)> = HashMap::new();
        for (i, x) in list.iter().enumerate() {
            let Some(id) = parse_id(&x.id) else { continue };
            match x.kind {
                DecisionKind::Merge => {
                    if let Some(other) = parse_id(&x.other).filter(|o| *o != id) {
                        step.insert(other, (id, i));
                    }
                }
                DecisionKind::KeepApart => {
                    if let Some(other) = parse_id(&x.other) {
                        d.apart.insert((id.min(other), id.max(other)), i);
                    }
                }
                DecisionKind::Rename => d.per_key.entry(id).or_default().name = Some(i),
                DecisionKind::Recode(f) => {
                    let e = d.per_key.entry(id).or_default();
                    match f {
                        RecodeField::Category => e.category = Some(i),
                        RecodeField::Level => e.level = Some(i),
                        RecodeField::Status => e.status = Some(i),
                    }
                }
            }
        }
        for &from in step.keys() {
            let (mut to, mut path) = (from, Vec::new());
            // Bounded: a loop of merges stops instead of spinning.
            while let Some(&(next, i)) = step.get(&to) {
                if path.len() >= 16 || path.contains(&i) {
                    break;
                }
                path.push(i);
                to = next;
            }
            d.merges.insert(from, (to, path));
        }
        d
    }

    fn mark(&self, i: usize, n: u32) {
        self.used[i].set(self.used[i].get() + n);
    }

    /// Replaces merged keys by the key kept; `MERGED_FROM` keeps the old one.
    pub(crate) fn merged(&self, lf: LazyFrame) -> PolarsResult<LazyFrame> {
        let no_key = || lit(NULL).cast(DataType::UInt64);
        if self.merges.is_empty() {
            return Ok(lf.with_column(no_key().alias(c::MERGED_FROM)));
        }
        let merges = DataFrame::new_infer_height(vec![
            Column::new(
                c::KEY.into(),
                self.merges.keys().copied().collect::<Vec<u64>>(),
            ),
            Column::new(
                MERGED_TO.into(),
                self.merges
                    .values()
                    .map(|(to, _)| *to)
                    .collect::<Vec<u64>>(),
            ),
        ])?;
        Ok(lf
            .join(
                merges.lazy(),
                [col(c::KEY)],
                [col(c::KEY)],
                JoinArgs::new(JoinType::Left),
            )
            .with_columns([
                when(col(MERGED_TO).is_not_null())
                    .then(col(c::KEY))
                    .otherwise(no_key())
                    .alias(c::MERGED_FROM),
                col(MERGED_TO).fill_null(col(c::KEY)).alias(c::KEY),
            ])
            .drop(by_name([MERGED_TO], true, false)))
    }

    /// Adds the analyst's name and codes of each row's entity (null where none
    /// was decided); recoded values are read into codes here, once each.
    pub(crate) fn decided(
        &self,
        lf: LazyFrame,
        taxonomy: &Taxonomy,
        categories: &[CategoryDef],
        vocabulary: &tonghop_text::Vocabulary,
    ) -> PolarsResult<LazyFrame> {
        let names = [c::DEC_NAME, c::DEC_CATEGORY, c::DEC_LEVEL, c::DEC_STATUS];
        if self.per_key.is_empty() {
            return Ok(lf.with_columns(names.map(|n| lit(NULL).cast(DataType::String).alias(n))));
        }
        let value = |i: Option<usize>| i.map(|i| self.list[i].value.as_str());
        let category = |v: &str| match taxonomy.classify(v) {
            CategoryFit::One(c) => c,
            _ if categories.iter().any(|c| c.code == v.trim()) => v.trim().to_owned(),
            _ => "khong_ro".to_owned(),
        };
        let level = |v: &str| {
            Level::from_code(v.trim())
                .or_else(|| vocabulary.level(v))
                .unwrap_or(Level::KhongRo)
                .code()
        };
        let status = |v: &str| {
            match v.trim() {
                "loai" => Status::Loai,
                "dang_ky" => Status::DangKy,
                v => vocabulary.status(v),
            }
            .code()
        };
        let d = &self.per_key;
        let frame = DataFrame::new_infer_height(vec![
            Column::new(c::KEY.into(), d.keys().copied().collect::<Vec<u64>>()),
            Column::new(
                c::DEC_NAME.into(),
                d.values().map(|p| value(p.name)).collect::<Vec<_>>(),
            ),
            Column::new(
                c::DEC_CATEGORY.into(),
                d.values()
                    .map(|p| value(p.category).map(category))
                    .collect::<Vec<_>>(),
            ),
            Column::new(
                c::DEC_LEVEL.into(),
                d.values()
                    .map(|p| value(p.level).map(level))
                    .collect::<Vec<_>>(),
            ),
            Column::new(
                c::DEC_STATUS.into(),
                d.values()
                    .map(|p| value(p.status).map(status))
                    .collect::<Vec<_>>(),
            ),
        ])?;
        Ok(lf.join(
            frame.lazy(),
            [col(c::KEY)],
            [col(c::KEY)],
            JoinArgs::new(JoinType::Left),
        ))
    }

    /// Counts what each decision did, from the rows counted (`keys` are the
    /// entity keys after merges, `merged_from` the keys before, where merged).
    pub(crate) fn count_uses(&self, keys: impl Iterator<Item = (u64, Option<u64>)>) {
        if self.merges.is_empty() && self.per_key.is_empty() {
            return;
        }
        let mut merged: HashMap<u64, u32> = HashMap::new();
        let mut per_key: HashMap<u64, u32> = HashMap::new();
        for (key, from) in keys {
            if let Some(f) = from {
                *merged.entry(f).or_default() += 1;
            }
            if self.per_key.contains_key(&key) {
                *per_key.entry(key).or_default() += 1;
            }
        }
        for (from, n) in merged {
            if let Some((_, path)) = self.merges.get(&from) {
                for &i in path {
                    self.mark(i, n);
                }
            }
        }
        for (key, n) in per_key {
            let p = &self.per_key[&key];
            for i in [p.name, p.category, p.level, p.status]
                .into_iter()
                .flatten()
            {
                self.mark(i, n);
            }
        }
    }

    /// Whether an analyst said these two are different entities.
    pub(crate) fn kept_apart(&self, a: u64, b: u64) -> bool {
        self.apart.get(&(a.min(b), a.max(b))).is_some_and(|&i| {
            self.mark(i, 1);
            true
        })
    }

    pub(crate) fn findings(&self) -> Vec<Finding> {
        self.list
            .iter()
            .enumerate()
            .map(|(i, x)| {
                let what = match x.kind {
                    DecisionKind::Merge => format!("gộp {} vào {}", x.other, x.id),
                    DecisionKind::KeepApart => format!("giữ riêng {} và {}", x.id, x.other),
                    DecisionKind::Rename => format!("đổi tên {} thành \"{}\"", x.id, x.value),
                    DecisionKind::Recode(f) => format!(
                        "đặt {} của {} là \"{}\"",
                        match f {
                            RecodeField::Category => "loại mô hình",
                            RecodeField::Level => "cấp",
                            RecodeField::Status => "tình trạng",
                        },
                        x.id,
                        x.value
                    ),
                };
                let n = self.used[i].get();
                let f = if n > 0 {
                    finding!(
                        DecisionApplied,
                        so_dong = x.row,
                        noi_dung = what,
                        so_lan = n
                    )
                } else {
                    finding!(DecisionUnused, so_dong = x.row, noi_dung = what)
                };
                f.file(&x.file).at("", Some(x.row))
            })
            .collect()
    }
}
