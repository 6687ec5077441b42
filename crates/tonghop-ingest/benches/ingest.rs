//! Ingest alone against the floor — calamine reading every cell of every file
//! and doing nothing else — on the same generated corpus, in one run, both on
//! all cores (rayon).
//!
//! Run: `cargo bench -p tonghop-ingest` (2,000 returns of ~50 list rows), or set
//! `TONGHOP_BENCH_UNITS` (returns per period; three periods are written).

use std::path::PathBuf;
use std::time::Instant;
use tonghop_ingest::{discover, ingest, read_reference, Limits};

fn main() {
    let units: usize = std::env::var("TONGHOP_BENCH_UNITS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(667);
    let dir = std::env::temp_dir().join(format!("tonghop-bench-ingest-{units}"));
    let inputs = dir.join("inputs");
    if !inputs.exists() {
        let t = Instant::now();
        tonghop_gen::generate(&tonghop_gen::Scenario::sized(units, 50, true), 8, &inputs)
            .expect("corpus");
        eprintln!(
            "corpus written in {:.1} s: {}",
            t.elapsed().as_secs_f64(),
            inputs.display()
        );
    }
    let (mut reference, _) = read_reference(&inputs).expect("reference");
    let (files, _) = discover(&inputs, &mut reference).expect("files");
    let bytes: u64 = files
        .iter()
        .filter_map(|f| std::fs::metadata(&f.path).ok())
        .map(|m| m.len())
        .sum();
    println!(
        "corpus: {} files, {:.1} MB, {} threads",
        files.len(),
        bytes as f64 / 1e6,
        rayon::current_num_threads()
    );

    // Warm the page cache once so both measures read from memory.
    // `TONGHOP_BENCH_ONLY=ingest` skips the floor (for a profiler).
    let only_ingest = std::env::var("TONGHOP_BENCH_ONLY").is_ok_and(|v| v == "ingest");
    let paths: Vec<PathBuf> = files.iter().map(|f| f.path.clone()).collect();
    let (cells, floor_s) = if only_ingest {
        (0, f64::NAN)
    } else {
        let _ = tonghop_ingest::calamine_floor(&paths);
        let t = Instant::now();
        let cells = tonghop_ingest::calamine_floor(&paths);
        (cells, t.elapsed().as_secs_f64())
    };

    let t = Instant::now();
    let returns = ingest(&files, &reference, Limits::default(), |_| {});
    let ingest_s = t.elapsed().as_secs_f64();
    let rows: usize = returns.iter().map(|r| r.rows.len()).sum();
    let data: usize = returns
        .iter()
        .map(|r| r.rows.iter().filter(|x| x.entry.is_some()).count())
        .sum();

    let n = files.len() as f64;
    println!(
        "{:<34} {:>8} {:>10} {:>12} {:>12}",
        "", "wall s", "files/s", "rows/s", "× floor"
    );
    println!(
        "{:<34} {:>8.2} {:>10.0} {:>12.0} {:>12}",
        format!("calamine floor ({cells} cells)"),
        floor_s,
        n / floor_s,
        rows as f64 / floor_s,
        "1.00"
    );
    println!(
        "{:<34} {:>8.2} {:>10.0} {:>12.0} {:>12.2}",
        format!("tonghop ingest ({rows} rows, {data} entries)"),
        ingest_s,
        n / ingest_s,
        rows as f64 / ingest_s,
        ingest_s / floor_s
    );
}
