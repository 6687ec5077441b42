//! The consolidation pipelines: each takes and returns a `LazyFrame`, and the
//! chain is collected once (see [`crate::consolidate`]).

use crate::codes::{CategoryFit, Taxonomy};
use crate::cols::*;
use crate::ids::{self, KEY_BITS};
use crate::source::c;
use crate::udf;
use crate::ReturnState;
use polars::prelude::*;
use std::sync::Arc;
use tonghop_core::{Fate, Level, Subject};

/// Matching keys and the entity key of each row: the name and the
/// implementing unit (or workplace), compared on keys that ignore case,
/// spacing, punctuation, Unicode form and where the tone mark sits.
pub(crate) fn keyed(lf: LazyFrame) -> LazyFrame {
    lf.with_columns([
        udf::text(col(NAME), false, tonghop_text::match_key_into).alias(c::NAME_KEY),
        udf::text(col(OWNER), true, tonghop_text::match_key_into).alias(c::OWNER_KEY),
    ])
    .with_column(
        udf::entity_key(col(c::SUBJECT), col(c::NAME_KEY), col(c::OWNER_KEY)).alias(c::KEY),
    )
    .drop(by_name([c::OWNER_KEY], true, false))
}

/// Category, level and status codes, with where the category came from.
/// Labels repeat across thousands of rows: each distinct label is read once.
/// A blank category is read from the model's name.
pub(crate) fn coded(
    lf: LazyFrame,
    taxonomy: Arc<Taxonomy>,
    vocabulary: &Arc<tonghop_text::Vocabulary>,
) -> LazyFrame {
    let (v_level, v_status, v_commendation) =
        (vocabulary.clone(), vocabulary.clone(), vocabulary.clone());
    let is_model = col(c::SUBJECT).eq(lit(ids::tag(Subject::Model)));
    let blank = col(c::CATEGORY_LABEL).eq(lit(""));
    // Only models have a category: the others are not classified at all.
    let text = when(is_model.clone())
        .then(
            when(blank.clone())
                .then(col(NAME))
                .otherwise(col(c::CATEGORY_LABEL)),
        )
        .otherwise(lit(NULL).cast(DataType::String));
    let classified = udf::text(text, true, move |s, out| {
        out.push_str(match &taxonomy.classify(s) {
            CategoryFit::One(code) => code,
            _ => "khong_ro",
        });
    });
    lf.with_columns([
        col(c::DEC_CATEGORY)
            .fill_null(classified.fill_null(lit("")))
            .alias(CATEGORY),
        when(col(c::DEC_CATEGORY).is_not_null())
            .then(lit("quyết định"))
            .when(is_model.clone().and(blank))
            .then(lit("tên mô hình"))
            .when(is_model)
            .then(lit("cột lĩnh vực"))
            .otherwise(lit(""))
            .alias(CATEGORY_FROM),
        col(c::DEC_LEVEL)
            .fill_null(udf::code(col(c::LEVEL_LABEL), move |s| {
                v_level.level(s).unwrap_or(Level::KhongRo).code()
            }))
            .alias(LEVEL),
        // The status the row itself states (entry rows only), before any decision.
        when(col(c::SUBJECT).is_not_null())
            .then(udf::code(col(c::STATUS_LABEL), move |s| {
                v_status.status(s).code()
            }))
            .otherwise(lit(NULL).cast(DataType::String))
            .alias(c::ROW_STATUS),
        udf::code(col(c::COMMENDATION_LABEL), move |s| {
            v_commendation.commendation(s)
        })
        .alias(COMMENDATION),
    ])
    .with_column(
        col(c::DEC_STATUS)
            .fill_null(col(c::ROW_STATUS).fill_null(lit(tonghop_core::Status::DangKy.code())))
            .alias(STATUS),
    )
}

/// Which entries count, which is each entity's first source in its period,
/// and the fate of every entry with the reason in Vietnamese (the other rows
/// are `structure`, see [`lineage`]).
pub(crate) fn fated(lf: LazyFrame) -> PolarsResult<LazyFrame> {
    let named = col(NAME).neq(lit(""));
    let used = col(c::ASIDE).eq(lit(u32::from(ReturnState::Used.aside())));
    let counted = used.clone().and(named.clone());
    let ek = (col(c::PI).cast(DataType::UInt64) * lit(1u64 << KEY_BITS)) + col(c::KEY);
    Ok(lf
        .with_column(
            when(counted)
                .then(ek)
                .otherwise(lit(NULL).cast(DataType::UInt64))
                .alias(c::EK),
        )
        .with_columns([
            col(c::EK)
                .is_not_null()
                .and(col(c::SEQ).eq(col(c::SEQ).min().over([col(c::EK)])?))
                .alias(c::FIRST),
            // An entity is removed only when every source of it says so.
            col(STATUS).min().over([col(c::EK)])?.alias("entity_status"),
        ])
        .with_columns([
            when(col(c::ASIDE).eq(lit(u32::from(ReturnState::Excluded.aside()))))
                .then(lit(Fate::Excluded.code()))
                .when(used.clone().not())
                .then(lit(Fate::Superseded.code()))
                .when(named.clone().not())
                .then(lit(Fate::Rejected.code()))
                .when(col(c::FIRST).not())
                .then(lit(Fate::Merged.code()))
                .when(col("entity_status").eq(lit("loai")))
                .then(lit(Fate::Removed.code()))
                .otherwise(lit(Fate::Kept.code()))
                .alias(FATE),
            when(col(c::ASIDE).eq(lit(u32::from(ReturnState::Excluded.aside()))))
                .then(lit(ReturnState::Excluded.reason()))
                .when(col(c::ASIDE).eq(lit(u32::from(ReturnState::Copy.aside()))))
                .then(lit(ReturnState::Copy.reason()))
                .when(used.not())
                .then(lit(ReturnState::Superseded.reason()))
                .when(named.not())
                .then(lit("thiếu tên"))
                .when(col(c::FIRST).not())
                .then(lit("trùng với dòng khác cùng kỳ"))
                .when(
                    col("entity_status")
                        .eq(lit("loai"))
                        .and(col(c::DEC_STATUS).is_not_null()),
                )
                .then(lit("loại theo quyết định của người tổng hợp"))
                .when(col("entity_status").eq(lit("loai")))
                .then(lit("đánh dấu loại: \"") + col(c::STATUS_LABEL) + lit("\""))
                .otherwise(lit(""))
                .alias(REASON),
        ])
        .drop(by_name(["entity_status"], true, false))
        .with_column(udf::id_text(col(c::EK)).alias(ENTITY_ID))
        // Back to reading order after the joins (a no-op when there were none).
        .sort([c::SEQ], SortMultipleOptions::default()))
}

/// Distinct entities of one subject: one row per period and id, the first
/// source giving the fields (the analyst's name if renamed), the first known
/// level winning, an entity active when any of its sources lists it as
/// active, sorted by period and id.
pub(crate) fn entities(rows: LazyFrame, subject: Subject) -> LazyFrame {
    let known_level = col(LEVEL).filter(col(LEVEL).neq(lit("khong_ro"))).first();
    let grouped = rows
        .filter(
            col(c::EK)
                .is_not_null()
                .and(col(c::SUBJECT).eq(lit(ids::tag(subject)))),
        )
        .group_by_stable([col(c::EK)])
        .agg([
            // The period, file and unit of the first source (see `PerReturn`).
            col(c::RI).first(),
            // Every source of an entity has its id: the text is shared, not made again.
            col(ENTITY_ID).first().alias(ID),
            col(c::DEC_NAME).fill_null(col(NAME)).first().alias(NAME),
            col(OWNER).first(),
            col(POSITION).first(),
            col(CATEGORY).first(),
            col(CATEGORY_FROM).first(),
            known_level.alias(LEVEL),
            // `dang_ky` sorts before `loai`: active when any source is.
            col(STATUS).min().alias(STATUS),
            // The first stage written among the sources.
            col(COMMENDATION)
                .filter(col(COMMENDATION).neq(lit("")))
                .first()
                .alias(COMMENDATION),
            col(c::COMMENDATION_LABEL)
                .filter(col(c::COMMENDATION_LABEL).neq(lit("")))
                .first()
                .alias(COMMENDATION_TEXT),
            // The first source that gives ratings.
            col(RATINGS)
                .filter(col(RATINGS).neq(lit("")))
                .first()
                .alias(RATINGS),
            col(EXTRA).first(),
            col(SOURCE_SHEET).first(),
            col(SOURCE_ROW).first(),
            len().cast(DataType::UInt32).alias(N_SOURCES),
        ])
        .with_columns([
            col(LEVEL).fill_null(lit("khong_ro")),
            col(COMMENDATION).fill_null(lit("")),
            col(RATINGS).fill_null(lit("")),
            col(COMMENDATION_TEXT).fill_null(lit("")),
        ])
        // The period index is above the key: this is period, then id.
        .sort([c::EK], SortMultipleOptions::default());
    match subject {
        Subject::Model => grouped.select([
            col(c::RI).alias(PERIOD),
            col(ID).alias(MODEL_ID),
            col(NAME),
            col(OWNER),
            col(CATEGORY),
            col(CATEGORY_FROM),
            col(LEVEL),
            col(STATUS),
            col(c::RI).alias(UNIT),
            col(c::RI).alias(SOURCE_FILE),
            col(SOURCE_SHEET),
            col(SOURCE_ROW),
            col(N_SOURCES),
            col(COMMENDATION),
            col(COMMENDATION_TEXT),
            col(RATINGS),
            col(EXTRA),
        ]),
        Subject::Exemplar => grouped.select([
            col(c::RI).alias(PERIOD),
            col(ID).alias(PERSON_ID),
            col(NAME).alias(FULL_NAME),
            col(POSITION),
            col(OWNER).alias(WORKPLACE),
            col(LEVEL),
            col(STATUS),
            col(c::RI).alias(UNIT),
            col(c::RI).alias(SOURCE_FILE),
            col(SOURCE_SHEET),
            col(SOURCE_ROW),
            col(N_SOURCES),
            col(COMMENDATION),
            col(COMMENDATION_TEXT),
            col(RATINGS),
            col(EXTRA),
        ]),
    }
}

/// The collected rows with only the columns [`entities`] and [`lineage`] read.
pub(crate) fn kept_for_outputs(rows: DataFrame) -> PolarsResult<DataFrame> {
    rows.select([
        c::SEQ,
        c::EK,
        c::SUBJECT,
        c::RI,
        c::DEC_NAME,
        NAME,
        OWNER,
        POSITION,
        CATEGORY,
        CATEGORY_FROM,
        LEVEL,
        STATUS,
        COMMENDATION,
        c::COMMENDATION_LABEL,
        RATINGS,
        EXTRA,
        SOURCE_SHEET,
        SOURCE_ROW,
        KIND,
        c::ROW_STATUS,
        FATE,
        ENTITY_ID,
        REASON,
    ])
}

/// Where a row was read, what it is and what became of it: the columns of
/// the lineage, with `seq` to put it in reading order.
fn lineage_row(lf: LazyFrame, status: Expr, fate: Expr, entity: Expr, reason: Expr) -> LazyFrame {
    lf.select([
        col(c::SEQ),
        col(c::RI).alias(SOURCE_FILE),
        col(SOURCE_SHEET),
        col(SOURCE_ROW),
        col(c::RI).alias(PERIOD),
        col(c::RI).alias(UNIT),
        col(KIND),
        status.alias(STATUS),
        fate.alias(FATE),
        entity.alias(ENTITY_ID),
        reason.alias(REASON),
    ])
}

/// The lineage of the consolidated entries (one period's, see [`lineage`]).
pub(crate) fn lineage_of_entries(rows: LazyFrame) -> LazyFrame {
    lineage_row(
        rows,
        col(c::ROW_STATUS),
        col(FATE),
        col(ENTITY_ID),
        col(REASON),
    )
}

/// The lineage written to `rows.parquet`: every row read and its fate, in
/// reading order — the entries' ([`lineage_of_entries`]) and the other rows
/// (structure: titles, headers, totals…) as they were read.
/// `period`, `source_file` and `unit` are the row's return index until
/// `PerReturn::attach` (in the entity frames too).
pub(crate) fn lineage(entries: LazyFrame, others: LazyFrame) -> PolarsResult<LazyFrame> {
    let none = || lit(NULL).cast(DataType::String);
    let others = lineage_row(
        others,
        none(),
        lit(Fate::Structure.code()),
        none(),
        col(c::NOTE),
    );
    Ok(concat([entries, others], UnionArgs::default())?
        .sort([c::SEQ], SortMultipleOptions::default())
        .drop(by_name([c::SEQ], true, false)))
}
