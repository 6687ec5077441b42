//! Near-identical entities (one word more, a typo, another tone mark) of the
//! same implementing unit or workplace in one period: left separate and
//! reported for an analyst to decide.
//!
//! Blocking keeps this linear in the rows: only entities sharing the period,
//! the subject, the owner (diacritic-free) and the first or the last word of
//! the name are paired — a typo in the owner, or in both the first and the
//! last word, is not caught. Pairs already equal on the matching key were
//! merged and never reach here.

use crate::cols::{NAME, OWNER};
use crate::source::c;
use crate::udf;
use polars::prelude::*;
use rayon::prelude::*;

/// Columns of the pairs: the positions of the first rows of the two
/// entities in the collected frame (in reading order).
pub(crate) const POS: &str = "pos";
pub(crate) const POS_B: &str = "pos_b";
const FIRST_WORD: &str = "block_first_word";
const LAST_WORD: &str = "block_last_word";
const BLOCK: &str = "block";
const PAIR: &str = "pair";

/// A block larger than this is a list of near-namesakes (`Nguyễn Văn …` of one
/// office): its pairs are left to the other word's block.
const MAX_BLOCK: u32 = 200;

/// Pairs (`pos`, `pos_b`) of the first rows of distinct entities whose
/// names score at least the threshold, by their positions in `rows` (the
/// collected frame, in reading order): the candidate pairs are scored on the
/// rows' matching keys in place.
pub(crate) fn pairs(rows: &DataFrame) -> PolarsResult<DataFrame> {
    let block = |last| udf::block_key(col(c::PI), col(c::SUBJECT), col(OWNER), col(NAME), last);
    let distinct = rows
        .clone()
        .lazy()
        .with_row_index(POS, None)
        .filter(col(c::FIRST))
        .select([
            col(POS),
            block(false).alias(FIRST_WORD),
            block(true).alias(LAST_WORD),
        ])
        .cache();
    let side = |word: &str| distinct.clone().select([col(POS), col(word).alias(BLOCK)]);
    let blocks = concat([side(FIRST_WORD), side(LAST_WORD)], UnionArgs::default())?
        .filter(len().over([col(BLOCK)])?.lt_eq(lit(MAX_BLOCK)))
        .cache();
    let candidates = blocks
        .clone()
        .join(
            blocks.select([col(BLOCK), col(POS).alias(POS_B)]),
            [col(BLOCK)],
            [col(BLOCK)],
            JoinArgs::new(JoinType::Inner),
        )
        .filter(col(POS).lt(col(POS_B)))
        // A pair sharing both words is met twice.
        .select([(col(POS).cast(DataType::UInt64) * lit(1u64 << 32)
            + col(POS_B).cast(DataType::UInt64))
        .alias(PAIR)])
        .unique(None, UniqueKeepStrategy::Any)
        .collect()?;
    let keys = rows.column(c::NAME_KEY)?.str()?;
    let candidates = candidates.column(PAIR)?.u64()?;
    let key = |at: u32| keys.get(at as usize);
    let mut kept: Vec<u64> = candidates
        .downcast_iter()
        .flat_map(|a| a.values().as_slice())
        .copied()
        .collect::<Vec<u64>>()
        .par_chunks(64 * 1024)
        .flat_map_iter(|part| {
            part.iter().copied().filter(|&pair| {
                let (a, b) = split(pair);
                matches!((key(a), key(b)), (Some(x), Some(y))
                    if tonghop_text::score_keys_from(x, y, tonghop_text::THRESHOLD).is_some())
            })
        })
        .collect();
    kept.sort_unstable();
    let (a, b): (Vec<u32>, Vec<u32>) = kept.into_iter().map(split).unzip();
    DataFrame::new_infer_height(vec![
        Column::new(POS.into(), a),
        Column::new(POS_B.into(), b),
    ])
}

/// The two positions of a pair made as `pos << 32 | pos_b`.
fn split(pair: u64) -> (u32, u32) {
    let a = u32::try_from(pair >> 32).unwrap_or(u32::MAX);
    let b = u32::try_from(pair & u64::from(u32::MAX)).unwrap_or(u32::MAX);
    (a, b)
}
