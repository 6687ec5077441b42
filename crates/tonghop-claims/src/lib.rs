//! `tonghop claims`: reads a draft report (.docx, .txt, .md), finds every
//! figure it claims — counts of models, exemplars, collectives and
//! individuals with their level, stage and year, `x/y` forms, breakdowns,
//! cited documents — and checks the text against itself: totals against
//! their parts, `x ≤ y`, named lists against their number, one quantity
//! stated with two values, the commendation funnel, one document cited with
//! two dates. The result is one row per claim, errors first.
#![deny(missing_docs)]

pub mod checks;
pub mod data;
pub mod document;
pub mod extract;
mod write;

pub use checks::Verdict;
pub use write::{write_markdown, write_workbook};

use std::path::Path;

/// One row of the review: a claim, what was checked and the verdict.
#[derive(Debug, Clone)]
pub struct Row {
    /// Where the claim is (`đoạn 12`, `chú thích 3`, `bảng 1, dòng 2, cột 3`).
    pub place: String,
    /// The figure as written (`26 mô hình`).
    pub claim: String,
    /// What it counts, with its qualifiers.
    pub reading: String,
    /// The sentence.
    pub sentence: String,
    /// The checks made, joined.
    pub checks: String,
    /// The worst verdict.
    pub verdict: Verdict,
    /// The evidence, joined.
    pub evidence: String,
}

/// Reads a draft and reviews every claim.
///
/// # Errors
/// A Vietnamese message when the draft cannot be read.
pub fn review(path: &Path) -> Result<Vec<Row>, String> {
    review_with(path, None)
}

/// [`review`], and each claim against a run's figures when `data` is given.
///
/// # Errors
/// A Vietnamese message when the draft cannot be read.
pub fn review_with(path: &Path, data: Option<&data::Data>) -> Result<Vec<Row>, String> {
    let blocks = document::read(path)?;
    Ok(review_blocks(&blocks, data))
}

/// Reviews the claims of blocks already read.
#[must_use]
pub fn review_blocks(blocks: &[document::Block], data: Option<&data::Data>) -> Vec<Row> {
    let claims = extract::claims(blocks);
    let mut found = checks::internal(blocks, &claims);
    if let Some(d) = data {
        found.extend(d.checks(&claims));
    }
    let mut rows: Vec<(usize, usize, Row)> = claims
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let mine: Vec<&checks::Check> = found.iter().filter(|k| k.claim == i).collect();
            let verdict = mine
                .iter()
                .map(|k| k.verdict)
                .min()
                .unwrap_or(Verdict::Unchecked);
            let join = |f: &dyn Fn(&checks::Check) -> String| {
                let mut v: Vec<String> = mine.iter().map(|k| f(k)).collect();
                v.dedup();
                v.join(" | ")
            };
            let row = Row {
                place: c.place.label(),
                claim: c.text.clone(),
                reading: reading(c),
                sentence: c.sentence.clone(),
                checks: if mine.is_empty() {
                    if data.is_some() {
                        "không có kiểm tra nào áp dụng (số liệu không có con số này)".into()
                    } else {
                        "không có kiểm tra nội bộ nào áp dụng".into()
                    }
                } else {
                    join(&|k| k.what.clone())
                },
                verdict,
                evidence: join(&|k| k.evidence.clone()),
            };
            (c.block, c.span.0, row)
        })
        .collect();
    let cites = checks::citations(blocks);
    for (i, verdict, evidence) in checks::citation_checks(&cites) {
        let c = &cites[i];
        let block = blocks
            .iter()
            .position(|b| b.place == c.place)
            .unwrap_or(usize::MAX);
        rows.push((
            block,
            0,
            Row {
                place: c.place.label(),
                claim: c.text.clone(),
                reading: format!("văn bản dẫn: {}", c.document),
                sentence: c.sentence.clone(),
                checks: "một văn bản dẫn nhiều lần phải cùng ngày".into(),
                verdict,
                evidence,
            },
        ));
    }
    rows.sort_by_key(|r| (r.2.verdict, r.0, r.1));
    rows.into_iter().map(|(_, _, r)| r).collect()
}

fn reading(c: &extract::Claim) -> String {
    let mut s = match c.value {
        extract::Value::Count(n) => format!("{n} {}", c.counted.label()),
        extract::Value::Ratio(x, y) => format!("{x}/{y} {}", c.counted.label()),
        extract::Value::Range(a, b) => format!("từ {a} đến {b} {}", c.counted.label()),
    };
    if let Some(st) = c.stage {
        s.push_str(", ");
        s.push_str(st.label());
    }
    for l in &c.levels {
        s.push_str(", ");
        s.push_str(l.label());
    }
    if let Some(y) = c.year {
        s.push_str(&format!(", năm {y}"));
    }
    if let Some(code) = &c.category {
        s.push_str(", loại: ");
        s.push_str(&category_name(code));
    }
    s
}

/// The name of a category code in the default taxonomy.
pub(crate) fn category_name(code: &str) -> String {
    tonghop_core::category_label(&tonghop_text::default_categories(), code)
}

/// Counts of rows per verdict, in verdict order.
#[must_use]
pub fn tally(rows: &[Row]) -> Vec<(Verdict, usize)> {
    [
        Verdict::Mismatch,
        Verdict::Inconsistent,
        Verdict::Consistent,
        Verdict::Unchecked,
    ]
    .into_iter()
    .map(|v| (v, rows.iter().filter(|r| r.verdict == v).count()))
    .collect()
}

#[cfg(test)]
mod tests;
