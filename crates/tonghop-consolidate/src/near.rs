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

/// Column of the pairs: the second entity's first row.
pub(crate) const SEQ_B: &str = "seq_b";
const FIRST_WORD: &str = "block_first_word";
const LAST_WORD: &str = "block_last_word";
const BLOCK: &str = "block";
const PAIR: &str = "pair";
const KEY_B: &str = "name_key_b";

/// A block larger than this is a list of near-namesakes (`Nguyễn Văn …` of one
/// office): its pairs are left to the other word's block.
const MAX_BLOCK: u32 = 200;

/// Pairs (`seq`, `seq_b`) of first rows of distinct entities whose names
/// score at least the threshold, in reading order.
pub(crate) fn pairs(rows: LazyFrame) -> PolarsResult<LazyFrame> {
    let block = |last| udf::block_key(col(c::PI), col(c::SUBJECT), col(OWNER), col(NAME), last);
    let distinct = rows
        .filter(col(c::FIRST))
        .select([
            col(c::SEQ),
            col(c::NAME_KEY),
            block(false).alias(FIRST_WORD),
            block(true).alias(LAST_WORD),
        ])
        .cache();
    let side = |word: &str| {
        distinct
            .clone()
            .select([col(c::SEQ), col(word).alias(BLOCK)])
    };
    let blocks = concat([side(FIRST_WORD), side(LAST_WORD)], UnionArgs::default())?
        .filter(len().over([col(BLOCK)])?.lt_eq(lit(MAX_BLOCK)))
        .cache();
    let by_seq = |seq: &str, key: &str| {
        distinct
            .clone()
            .select([col(c::SEQ).alias(seq), col(c::NAME_KEY).alias(key)])
    };
    let inner = || JoinArgs::new(JoinType::Inner);
    Ok(blocks
        .clone()
        .join(
            blocks.select([col(BLOCK), col(c::SEQ).alias(SEQ_B)]),
            [col(BLOCK)],
            [col(BLOCK)],
            inner(),
        )
        .filter(col(c::SEQ).lt(col(SEQ_B)))
        // A pair sharing both words is met twice.
        .with_column(
            (col(c::SEQ).cast(DataType::UInt64) * lit(1u64 << 32)
                + col(SEQ_B).cast(DataType::UInt64))
            .alias(PAIR),
        )
        .unique(Some(cols([PAIR])), UniqueKeepStrategy::Any)
        .join(
            by_seq(c::SEQ, c::NAME_KEY),
            [col(c::SEQ)],
            [col(c::SEQ)],
            inner(),
        )
        .join(by_seq(SEQ_B, KEY_B), [col(SEQ_B)], [col(SEQ_B)], inner())
        .filter(udf::score(col(c::NAME_KEY), col(KEY_B)).is_not_null())
        .select([col(c::SEQ), col(SEQ_B)])
        .sort([c::SEQ, SEQ_B], SortMultipleOptions::default()))
}
