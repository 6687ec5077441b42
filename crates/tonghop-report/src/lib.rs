//! What users take away.
//!
//! What enters: a [`Report`] — the returns, the consolidated frames, the
//! reconciliation and every finding. What leaves, in the output folder (CONTRACT.md):
//! `tong-hop.xlsx`, `bieu-do/*.png|svg`, `so-lieu.md`, `summary.json`,
//! `findings.csv` and `data/*.parquet`. Everything is written to a fresh folder
//! beside the target and swapped in at the end, so a run that fails half-way
//! leaves the previous outputs as they were.
#![deny(missing_docs)]

mod charts;
mod csv;
mod figures;
mod parquet;
mod workbook;

pub use csv::neutralise;
pub use figures::{format_int, sentences};

use std::fmt;
use std::path::{Path, PathBuf};
use tonghop_consolidate::Consolidated;
use tonghop_core::{Finding, Reference, Return};
use tonghop_reconcile::{Reconciled, Summary};

/// Everything a report is made from.
pub struct Report<'a> {
    /// The reference (periods, roster, taxonomy).
    pub reference: &'a Reference,
    /// Every file read.
    pub returns: &'a [Return],
    /// Consolidation.
    pub consolidated: &'a Consolidated,
    /// Reconciliation (with `summary.findings` filled in).
    pub reconciled: &'a Reconciled,
    /// Every finding, sorted for reading.
    pub findings: &'a [Finding],
}

impl Report<'_> {
    fn summary(&self) -> &Summary {
        &self.reconciled.summary
    }
}

/// An output that could not be written.
#[derive(Debug)]
pub struct ReportError {
    what: String,
    detail: String,
}

impl ReportError {
    pub(crate) fn new(what: impl Into<String>, detail: impl fmt::Display) -> ReportError {
        ReportError {
            what: what.into(),
            detail: detail.to_string(),
        }
    }
}

impl fmt::Display for ReportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "không ghi được {}: {}", self.what, self.detail)
    }
}

impl std::error::Error for ReportError {}

/// The files written, relative to the output folder.
pub const OUTPUTS: &[&str] = &[
    "tong-hop.xlsx",
    "so-lieu.md",
    "summary.json",
    "findings.csv",
    "data/models.parquet",
    "data/exemplars.parquet",
    "data/findings.parquet",
    "data/rows.parquet",
];

/// The Vietnamese name of a bridge term (`added`, `removed`…), as the
/// workbook and the charts show it.
pub(crate) fn term_label(term: &str) -> &'static str {
    match term {
        "opening" => "Đầu kỳ",
        "added" => "Bổ sung",
        "removed" => "Loại khỏi danh sách",
        "transferred_out" => "Đơn vị chuyển đi",
        "not_reported" => "Đơn vị chưa báo cáo",
        "reclassified" => "Đổi cấp / loại",
        "closing" => "Cuối kỳ",
        _ => "Không rõ lý do",
    }
}

/// Writes `tong-hop.xlsx` alone (for the benchmark; runs use [`write_all`]).
///
/// # Errors
/// When the file cannot be written.
pub fn write_workbook(report: &Report, path: &Path) -> Result<(), ReportError> {
    workbook::write(report, path)
}

/// Writes every output into `out`, replacing what was there only once all of it
/// is written.
///
/// # Errors
/// When a file cannot be written; the previous outputs are then left intact.
pub fn write_all(report: &Report, out: &Path) -> Result<Vec<PathBuf>, ReportError> {
    let parent = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent)
        .map_err(|e| ReportError::new(parent.display().to_string(), e))?;
    let name = out
        .file_name()
        .map_or_else(|| "outputs".to_owned(), |n| n.to_string_lossy().to_string());
    let staging = parent.join(format!(".{name}.tmp-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&staging);
    let result = write_into(report, &staging);
    if let Err(e) = result {
        let _ = std::fs::remove_dir_all(&staging);
        return Err(e);
    }
    // Keep a committed placeholder of the old folder (outputs/.gitkeep).
    if out.join(".gitkeep").exists() {
        let _ = std::fs::write(staging.join(".gitkeep"), "");
    }
    let old = parent.join(format!(".{name}.old-{}", std::process::id()));
    if out.exists() {
        std::fs::rename(out, &old).map_err(|e| ReportError::new(out.display().to_string(), e))?;
    }
    if let Err(e) = std::fs::rename(&staging, out) {
        let _ = std::fs::rename(&old, out);
        return Err(ReportError::new(out.display().to_string(), e));
    }
    let _ = std::fs::remove_dir_all(&old);
    let mut files: Vec<PathBuf> = OUTPUTS.iter().map(|f| out.join(f)).collect();
    files.push(out.join("bieu-do"));
    Ok(files)
}

fn write_into(report: &Report, dir: &Path) -> Result<(), ReportError> {
    let io = |what: &str| {
        let what = what.to_owned();
        move |e: std::io::Error| ReportError::new(what.clone(), e)
    };
    std::fs::create_dir_all(dir.join("data")).map_err(io("data/"))?;
    std::fs::create_dir_all(dir.join("bieu-do")).map_err(io("bieu-do/"))?;
    // The workbook on a thread of its own (its long lists on more), the
    // other files meanwhile.
    std::thread::scope(|scope| {
        let workbook = scope.spawn(|| workbook::write(report, &dir.join("tong-hop.xlsx")));
        let json = serde_json::to_string_pretty(report.summary())
            .map_err(|e| ReportError::new("summary.json", e))?;
        std::fs::write(dir.join("summary.json"), json + "\n").map_err(io("summary.json"))?;
        csv::write_findings(&dir.join("findings.csv"), report.findings)?;
        parquet::write_all(report, &dir.join("data"))?;
        std::fs::write(dir.join("so-lieu.md"), figures::sentences(report))
            .map_err(io("so-lieu.md"))?;
        charts::write_all(report, &dir.join("bieu-do"))?;
        workbook
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    })
}

/// Active models of one period counted by (category, level), read from the
/// frame's columns in place.
pub(crate) fn category_level_counts(
    models: &polars::prelude::DataFrame,
    period: &str,
) -> std::collections::BTreeMap<(String, String), u64> {
    use tonghop_consolidate::cols;
    let mut out = std::collections::BTreeMap::new();
    let column = |c: &str| models.column(c).ok().and_then(|c| c.str().ok());
    let (Some(p), Some(c), Some(l), Some(s)) = (
        column(cols::PERIOD),
        column(cols::CATEGORY),
        column(cols::LEVEL),
        column(cols::STATUS),
    ) else {
        return out;
    };
    let active = tonghop_core::Status::DangKy.code();
    for (((p, c), l), s) in p.iter().zip(c.iter()).zip(l.iter()).zip(s.iter()) {
        if p == Some(period) && s == Some(active) {
            *out.entry((c.unwrap_or("").to_owned(), l.unwrap_or("").to_owned()))
                .or_default() += 1;
        }
    }
    out
}
