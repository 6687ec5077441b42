//! Writing `tong-hop.xlsx` for 1,000,000 rows read (980,000 distinct entities
//! over two periods, the returns of `tonghop_gen::memory`): time, and the memory
//! the writing adds on top of what the run already holds (peak resident set
//! reset just before writing, through `/proc/self/clear_refs`).
//!
//! Run: `cargo bench -p tonghop-report` (`TONGHOP_BENCH_RETURNS` returns a
//! period, default 10,000).

use std::time::Instant;
use tonghop_core::Reference;

/// `VmRSS` and `VmHWM` of this process, in MB.
fn memory() -> (f64, f64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse::<f64>().ok())
            .map_or(0.0, |kb| kb / 1024.0)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

fn main() {
    let mut returns = tonghop_gen::memory::bench_returns();
    let rows: usize = returns.iter().map(|r| r.rows.len()).sum();
    let reference = Reference {
        categories: tonghop_text::default_categories(),
        periods: ["P1", "P2"]
            .iter()
            .map(|p| tonghop_core::Period {
                id: (*p).to_owned(),
                name: format!("Kỳ {p}"),
                folder: (*p).to_owned(),
                deadline: None,
                opens: None,
                kind: String::new(),
            })
            .collect(),
        ..Reference::default()
    };
    let consolidated =
        tonghop_consolidate::consolidate(&mut returns, &reference).expect("consolidated");
    let reconciled =
        tonghop_reconcile::reconcile(&returns, &consolidated, &reference).expect("reconciled");
    let mut findings = consolidated.findings.clone();
    findings.extend(reconciled.findings.iter().cloned());
    let report = tonghop_report::Report {
        reference: &reference,
        returns: &returns,
        consolidated: &consolidated,
        reconciled: &reconciled,
        findings: &findings,
    };
    let path = std::env::temp_dir().join(format!("tonghop-bench-{}.xlsx", std::process::id()));
    // The peak from here on is the writing's.
    let _ = std::fs::write("/proc/self/clear_refs", "5");
    let (before, _) = memory();
    let t = Instant::now();
    tonghop_report::write_workbook(&report, &path).expect("written");
    let secs = t.elapsed().as_secs_f64();
    let (_, peak) = memory();
    let size = std::fs::metadata(&path).map_or(0, |m| m.len());
    let _ = std::fs::remove_file(&path);
    println!(
        "{rows} rows read, {} models and {} exemplars (both periods): tong-hop.xlsx ({:.0} MB) in {secs:.2} s; resident {before:.0} MB before, peak {peak:.0} MB while writing (+{:.0} MB)",
        consolidated.models.height(),
        consolidated.exemplars.height(),
        size as f64 / 1e6,
        peak - before
    );
}
