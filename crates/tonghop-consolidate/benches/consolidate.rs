//! Consolidation of 1,000,000 rows: 10,000 returns of 50 rows in each of two
//! periods, with duplicates inside and across returns, near-duplicates, removed
//! entries and spelling changes between periods. Rows are made in memory (the
//! files are ingest's business, measured by its own bench).
//!
//! Run: `cargo bench -p tonghop-consolidate`; peak memory with
//! `/usr/bin/time -v target/release/deps/consolidate-*` (see BENCHMARKS.md).

use std::time::Instant;
use tonghop_core::Reference;

fn main() {
    let mut returns = tonghop_gen::memory::bench_returns();
    let rows: usize = returns.iter().map(|r| r.rows.len()).sum();
    let reference = Reference {
        categories: tonghop_text::default_categories(),
        ..Reference::default()
    };
    let t = Instant::now();
    let c = tonghop_consolidate::consolidate(&mut returns, &reference).expect("consolidated");
    let secs = t.elapsed().as_secs_f64();
    println!(
        "{rows} rows, {} returns: consolidated in {secs:.2} s ({:.0} rows/s) → {} models, {} exemplars (per period), {} findings",
        returns.len(),
        rows as f64 / secs,
        c.models.height(),
        c.exemplars.height(),
        c.findings.len()
    );
}
