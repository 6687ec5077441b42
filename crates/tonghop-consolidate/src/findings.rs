//! The findings of the stage, read from the collected frame of rows: rows
//! without a name, codes that could not be read, duplicates merged, near
//! duplicates left for an analyst.

use crate::codes::{CategoryFit, Taxonomy};
use crate::cols::*;
use crate::decisions::Decisions;
use crate::near;
use crate::source::{c, PerReturn};
use polars::prelude::*;
use tonghop_core::{finding, Fate, Finding};

/// Typed views of the columns a finding cites, indexed by the row's
/// position in the frame.
pub(crate) struct Cite<'a> {
    returns: &'a PerReturn,
    ri: &'a UInt32Chunked,
    sheet: &'a StringChunked,
    row: &'a UInt32Chunked,
    name: &'a StringChunked,
    id: &'a StringChunked,
    key: &'a UInt64Chunked,
}

impl<'a> Cite<'a> {
    pub(crate) fn new(rows: &'a DataFrame, returns: &'a PerReturn) -> PolarsResult<Cite<'a>> {
        let s = |n: &str| -> PolarsResult<&'a StringChunked> { rows.column(n)?.str() };
        Ok(Cite {
            returns,
            ri: rows.column(c::RI)?.u32()?,
            sheet: s(SOURCE_SHEET)?,
            row: rows.column(SOURCE_ROW)?.u32()?,
            name: s(NAME)?,
            id: s(ENTITY_ID)?,
            key: rows.column(c::KEY)?.u64()?,
        })
    }

    fn text(ca: &'a StringChunked, i: usize) -> &'a str {
        ca.get(i).unwrap_or("")
    }

    fn name(&self, i: usize) -> &'a str {
        Self::text(self.name, i)
    }

    fn id(&self, i: usize) -> &'a str {
        Self::text(self.id, i)
    }

    /// `file / sheet / dòng n`.
    fn place(&self, i: usize) -> String {
        format!(
            "{} / {} / dòng {}",
            self.returns.of(self.ri.get(i)).1,
            Self::text(self.sheet, i),
            self.row.get(i).unwrap_or(0)
        )
    }

    /// A finding located at row `i`.
    fn finding(&self, i: usize, f: Finding) -> Finding {
        let (period, file, unit) = self.returns.of(self.ri.get(i));
        f.period(period)
            .unit(unit)
            .file(file)
            .at(Self::text(self.sheet, i), self.row.get(i))
    }
}

/// The positions of the rows a filter keeps, in reading order.
fn positions(rows: &DataFrame, keep: Expr) -> PolarsResult<Vec<usize>> {
    let kept = rows
        .clone()
        .lazy()
        .with_row_index(near::POS, None)
        .filter(keep)
        .select([col(near::POS)])
        .collect()?;
    Ok(kept
        .column(near::POS)?
        .idx()?
        .into_no_null_iter()
        .map(|s| s as usize)
        .collect())
}

/// Rows with an entry but no name, and codes that could not be read (once
/// per entity, at its first source).
pub(crate) fn rows_and_codes(
    rows: &DataFrame,
    cite: &Cite<'_>,
    taxonomy: &Taxonomy,
) -> PolarsResult<Vec<Finding>> {
    let subject = rows.column(c::SUBJECT)?.str()?;
    let category = rows.column(CATEGORY)?.str()?;
    let from = rows.column(CATEGORY_FROM)?.str()?;
    let level = rows.column(LEVEL)?.str()?;
    let label = |n: &str, i: usize| -> PolarsResult<String> {
        Ok(rows.column(n)?.str()?.get(i).unwrap_or("").to_owned())
    };
    let model = lit(crate::ids::tag(tonghop_core::Subject::Model));
    let unreadable_category = col(c::SUBJECT)
        .eq(model)
        .and(col(CATEGORY).eq(lit("khong_ro")))
        .and(col(CATEGORY_FROM).neq(lit("quyết định")));
    let inferred = col(c::SUBJECT)
        .eq(lit(crate::ids::tag(tonghop_core::Subject::Model)))
        .and(col(CATEGORY).neq(lit("khong_ro")))
        .and(col(CATEGORY_FROM).eq(lit("tên mô hình")));
    let keep = col(FATE)
        .eq(lit(Fate::Rejected.code()))
        .or(col(c::FIRST).and(
            unreadable_category
                .or(inferred)
                .or(col(LEVEL).eq(lit("khong_ro"))),
        ));
    let mut out = Vec::new();
    for i in positions(rows, keep)? {
        let is_model = subject.get(i) == Some(crate::ids::tag(tonghop_core::Subject::Model));
        if cite.name(i).is_empty() {
            out.push(cite.finding(
                i,
                finding!(
                    FieldMissing,
                    so_dong = cite.row.get(i).unwrap_or(0),
                    truong = if is_model {
                        "tên mô hình"
                    } else {
                        "họ và tên"
                    }
                ),
            ));
            continue;
        }
        if is_model && category.get(i) == Some("khong_ro") && from.get(i) != Some("quyết định")
        {
            let written = label(c::CATEGORY_LABEL, i)?;
            let (text, evidence) = if written.is_empty() {
                (cite.name(i).to_owned(), "theo tên mô hình")
            } else {
                (written.clone(), "theo cột lĩnh vực")
            };
            out.push(match taxonomy.classify(&text) {
                CategoryFit::Ambiguous(cs) => cite.finding(
                    i,
                    finding!(
                        CategoryAmbiguous,
                        chu = text,
                        can_cu = evidence,
                        cac_loai = cs.join(", ")
                    ),
                ),
                _ => cite.finding(
                    i,
                    finding!(CategoryUnknown, ten = cite.name(i), ghi = written),
                ),
            });
        }
        if is_model && category.get(i) != Some("khong_ro") && from.get(i) == Some("tên mô hình")
        {
            let code = category.get(i).unwrap_or("");
            out.push(cite.finding(
                i,
                finding!(
                    CategoryInferred,
                    ten = cite.name(i),
                    loai = taxonomy.name(code).unwrap_or(code)
                ),
            ));
        }
        if level.get(i) == Some("khong_ro") {
            out.push(cite.finding(
                i,
                finding!(
                    LevelUnknown,
                    ten = cite.name(i),
                    ghi = label(c::LEVEL_LABEL, i)?
                ),
            ));
        }
    }
    Ok(out)
}

/// One `DUPLICATE_MERGED` per entity listed more than once in a period,
/// listing every source.
pub(crate) fn duplicates(rows: &DataFrame, cite: &Cite<'_>) -> PolarsResult<Vec<Finding>> {
    let listed_again = col(c::EK)
        .is_not_null()
        .and(len().over([col(c::EK)])?.gt(lit(1)));
    let ek = rows.column(c::EK)?.u64()?;
    // Entities in the order of their first source; sources in reading order.
    let mut groups: Vec<(u64, Vec<usize>)> = Vec::new();
    let mut at: std::collections::HashMap<u64, usize> = std::collections::HashMap::new();
    for i in positions(rows, listed_again)? {
        let k = ek.get(i).unwrap_or_default();
        let g = *at.entry(k).or_insert_with(|| {
            groups.push((k, Vec::new()));
            groups.len() - 1
        });
        groups[g].1.push(i);
    }
    Ok(groups
        .into_iter()
        .map(|(_, sources)| {
            let first = sources[0];
            cite.finding(
                first,
                finding!(
                    DuplicateMerged,
                    ma = cite.id(first),
                    so_lan = sources.len(),
                    nguon = cite.place(first),
                    nguon_khac = sources[1..]
                        .iter()
                        .map(|&i| cite.place(i))
                        .collect::<Vec<_>>()
                        .join("; ")
                ),
            )
        })
        .collect())
}

/// One `POSSIBLE_DUPLICATE` per pair scored at the threshold or above and not
/// kept apart by an analyst, with the explanation of the score.
pub(crate) fn possible_duplicates(
    pairs: &DataFrame,
    cite: &Cite<'_>,
    decisions: &Decisions<'_>,
) -> PolarsResult<Vec<Finding>> {
    let a = pairs.column(near::POS)?.idx()?;
    let b = pairs.column(near::POS_B)?.idx()?;
    let mut out = Vec::new();
    for (x, y) in a.into_no_null_iter().zip(b.into_no_null_iter()) {
        let (x, y) = (x as usize, y as usize);
        let (kx, ky) = (
            cite.key.get(x).unwrap_or_default(),
            cite.key.get(y).unwrap_or_default(),
        );
        if decisions.kept_apart(kx, ky) {
            continue;
        }
        let s = tonghop_text::similarity(cite.name(x), cite.name(y));
        out.push(cite.finding(
            y,
            finding!(
                PossibleDuplicate,
                ten = cite.name(x),
                ma = cite.id(x),
                nguon = cite.place(x),
                ten_2 = cite.name(y),
                ma_2 = cite.id(y),
                nguon_2 = cite.place(y),
                do_giong = s.explain()
            ),
        ));
    }
    Ok(out)
}
