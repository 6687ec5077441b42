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
//!
//! How: the entry rows read become one polars frame (`source`; the other rows
//! — titles, headers, totals… — wait apart for the lineage, and what is the
//! same for a whole return is held once per return); lazy pipelines
//! (`stages`, `decisions`) add the keys, the analysts' decisions, the codes and
//! each row's fate, and are collected once; the entity frames, the lineage and
//! the near-duplicate pairs (`near`, blocked self-join) are read from that
//! collected frame. Vietnamese keys and codes are column functions
//! (`udf`) run in parallel parts. Inside the stage an entity is a `u64` key,
//! printed as `MH-…`/`DH-…` only where written (`ids`).
#![deny(missing_docs)]

/// Free text to codes (moved to the text crate, where the vocabulary is).
pub use tonghop_text::codes;
pub mod cols;
mod decisions;
mod findings;
mod ids;
mod near;
mod returns;
mod source;
mod stages;
mod udf;

pub use ids::entity_id;
pub use returns::{choose_returns, unit_key, ReturnState, ReturnUse};
pub use source::Source;

use codes::Taxonomy;
use polars::prelude::*;
use tonghop_core::{Finding, Reference, Return, Subject};

/// The outcome of consolidation.
pub struct Consolidated {
    /// One row per distinct model per period (columns in [`cols`]).
    pub models: DataFrame,
    /// One row per distinct exemplar per period.
    pub exemplars: DataFrame,
    /// Lineage: every row read, the status it states and its fate.
    pub rows: DataFrame,
    /// One per return, in the order given.
    pub returns: Vec<ReturnUse>,
    /// Findings of this stage.
    pub findings: Vec<Finding>,
}

/// Consolidates a batch: the entry rows read become one polars frame, the lazy
/// pipelines (keys, analysts' decisions, codes, fates) run over it and are
/// collected once; the entity frames, the lineage and the findings are read
/// from that one collected frame.
///
/// The rows of each return are *moved* into the frame: afterwards the returns
/// keep their metadata (sheets, stated totals, findings) and every row is in
/// the lineage ([`Consolidated::rows`]). A caller reading a large batch moves
/// them as it reads ([`Source`], [`consolidate_source`]).
///
/// # Errors
/// Only when polars fails on frames built here (a bug, not bad input).
pub fn consolidate(returns: &mut [Return], reference: &Reference) -> PolarsResult<Consolidated> {
    let mut source = Source::new();
    source.take(returns)?;
    consolidate_source(source, returns, reference)
}

/// [`consolidate`] with rows already moved into a [`Source`], batch by batch,
/// from exactly these returns in this order.
///
/// # Errors
/// When the source holds the rows of another number of returns, or polars
/// fails on frames built here (a bug, not bad input).
pub fn consolidate_source(
    source: Source,
    returns: &[Return],
    reference: &Reference,
) -> PolarsResult<Consolidated> {
    let (uses, mut findings) = choose_returns(returns, reference);
    let taxonomy = std::sync::Arc::new(Taxonomy::new(&reference.categories));
    let vocabulary =
        std::sync::Arc::new(tonghop_text::Vocabulary::for_campaign(&reference.words).0);
    let decisions = decisions::Decisions::new(&reference.decisions);
    let source::Frames { entries, others } = source.frames(returns, &uses)?;
    let per_return = source::PerReturn::new(returns, &uses);
    // Period by period: an entity lives in one period (its key holds the
    // period), so keys, codes, fates, duplicates and near duplicates never
    // look across periods — and a national batch's intermediate columns are
    // held for one period at a time.
    let (mut models, mut exemplars, mut lineage) = (Vec::new(), Vec::new(), Vec::new());
    for entries in source::by_period(entries, source::periods(returns).len())? {
        let rows = stages::keyed(entries.lazy());
        let rows = decisions.merged(rows)?;
        let rows = decisions.decided(rows, &taxonomy, &reference.categories, &vocabulary)?;
        let rows = stages::coded(rows, taxonomy.clone(), &vocabulary);
        let rows = stages::fated(rows)?.collect()?;
        let cite = findings::Cite::new(&rows, &per_return)?;
        findings.extend(findings::rows_and_codes(&rows, &cite, &taxonomy)?);
        let pairs = near::pairs(&rows)?;
        findings.extend(findings::possible_duplicates(&pairs, &cite, &decisions)?);
        let ek = rows.column(source::c::EK)?.u64()?;
        let key = rows.column(source::c::KEY)?.u64()?;
        let merged_from = rows.column(source::c::MERGED_FROM)?.u64()?;
        decisions.count_uses(
            ek.iter()
                .zip(key.iter())
                .zip(merged_from.iter())
                .filter_map(|((e, k), m)| e.and(k).map(|k| (k, m))),
        );
        findings.extend(findings::duplicates(&rows, &cite)?);
        // Only what the entities and the lineage read from here on: the keys,
        // labels and decisions are let go before the entity frames are built.
        let rows = stages::kept_for_outputs(rows)?;
        models.push(stages::entities(rows.clone().lazy(), Subject::Model).collect()?);
        exemplars.push(stages::entities(rows.clone().lazy(), Subject::Exemplar).collect()?);
        lineage.push(stages::lineage_of_entries(rows.lazy()).collect()?);
        // The period's keys, codes and intermediate columns are gone: their
        // pages back before the next period makes its own.
        tonghop_core::memory::give_back();
    }
    findings.extend(decisions.findings());
    let models = per_return.attach(source::stacked(models)?)?;
    let exemplars = per_return.attach(source::stacked(exemplars)?)?;
    let lineage = stages::lineage(source::stacked(lineage)?.lazy(), others.lazy())?;
    let lineage = per_return.attach(lineage.collect()?)?;
    Ok(Consolidated {
        models,
        exemplars,
        rows: lineage,
        returns: uses,
        findings,
    })
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
