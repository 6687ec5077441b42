//! What users take away.
//!
//! What enters: a [`Report`] — the returns, the consolidated frames, the
//! reconciliation and every finding. What leaves, in the output folder (CONTRACT.md):
//! `tong-hop.xlsx`, `bieu-do/*.png|svg`, `so-lieu.md` and `so-lieu.docx`, the letters
//! to units in `thu/`, `summary.json`,
//! `findings.csv` and `data/*.parquet`. Everything is written to a fresh folder
//! beside the target and swapped in at the end, so a run that fails half-way
//! leaves the previous outputs as they were.
#![deny(missing_docs)]

mod charts;
mod csv;
mod figures;
mod letters;
mod parquet;
mod word;
mod workbook;

pub use csv::neutralise;
pub use figures::{figures, format_int, sentences, Figures, Section, Sentence};

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

/// An output that could not be written: which file (its path inside the
/// output folder) and why, in Vietnamese.
#[derive(Debug)]
pub struct ReportError {
    file: String,
    reason: String,
}

impl ReportError {
    /// The system refused to write `file`.
    pub(crate) fn io(file: impl Into<String>, e: &std::io::Error) -> ReportError {
        ReportError {
            file: file.into(),
            reason: tonghop_out::io_reason(e),
        }
    }
    /// The workbook writer failed on `file`.
    pub(crate) fn xlsx(file: impl Into<String>, e: &rust_xlsxwriter::XlsxError) -> ReportError {
        use rust_xlsxwriter::XlsxError;
        let reason = match e {
            XlsxError::IoError(io) => tonghop_out::io_reason(io),
            XlsxError::ZipError(zip::result::ZipError::Io(io)) => tonghop_out::io_reason(io),
            other => tonghop_core::io_reason_in(&other.to_string()).unwrap_or_else(|| {
                format!("lỗi của bộ tạo bảng tính ({other}); xin báo cho người phát triển kèm file đầu vào")
            }),
        };
        ReportError {
            file: file.into(),
            reason,
        }
    }
    /// polars failed on `file`.
    pub(crate) fn polars(file: impl Into<String>, e: &polars::prelude::PolarsError) -> ReportError {
        let reason = match e {
            polars::prelude::PolarsError::IO { error, .. } => tonghop_out::io_reason(error),
            // Parquet's writer turns an I/O error into text of its own.
            other => tonghop_core::io_reason_in(&other.to_string()).unwrap_or_else(|| {
                format!("lỗi khi tạo bảng dữ liệu ({other}); xin báo cho người phát triển kèm file đầu vào")
            }),
        };
        ReportError {
            file: file.into(),
            reason,
        }
    }
    /// Another failure on `file`, already in words.
    pub(crate) fn other(file: impl Into<String>, reason: impl Into<String>) -> ReportError {
        ReportError {
            file: file.into(),
            reason: reason.into(),
        }
    }
    /// The same error, naming the file by its place in `dir`.
    fn in_dir(mut self, dir: &Path) -> ReportError {
        let path = if self.file.is_empty() {
            dir.to_path_buf()
        } else {
            dir.join(&self.file)
        };
        self.file = path.display().to_string();
        self
    }
}

impl fmt::Display for ReportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "không ghi được \"{}\": {}", self.file, self.reason)
    }
}

impl std::error::Error for ReportError {}

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
    workbook::write(report, path, None)
}

/// Writes every output into the output folder: into a staging folder first,
/// then swapped in file by file ([`tonghop_out::OutDir::commit`]), so that a
/// run that fails or is killed half-way leaves the previous outputs whole, and
/// only the files an earlier run wrote are replaced.
///
/// # Errors
/// When a file cannot be written; the previous outputs are then left intact.
pub fn write_all(report: &Report, out: &tonghop_out::OutDir) -> Result<Vec<PathBuf>, ReportError> {
    let outer = |e: tonghop_out::OutError| ReportError::other("", e.to_string());
    let staging = out.stage("run").map_err(outer)?;
    // Errors name the file where the user will look for it, in OUT.
    if let Err(e) = write_into(report, staging.path()) {
        out.discard(staging);
        return Err(e.in_dir(out.path()));
    }
    tonghop_out::interrupt_point("da-ghi-xong");
    let files = out.commit(staging).map_err(outer)?;
    Ok(files.into_iter().map(|f| out.path().join(f)).collect())
}

fn write_into(report: &Report, dir: &Path) -> Result<(), ReportError> {
    let io = |what: &'static str| move |e: std::io::Error| ReportError::io(what, &e);
    std::fs::create_dir_all(dir.join("data")).map_err(io("data"))?;
    std::fs::create_dir_all(dir.join("bieu-do")).map_err(io("bieu-do"))?;
    // The charts first (the workbook shows their pictures), then the
    // workbook on a thread of its own (its long lists on more), the other
    // files meanwhile.
    charts::write_all(report, &dir.join("bieu-do"))?;
    std::thread::scope(|scope| {
        let workbook = scope.spawn(|| {
            workbook::write(
                report,
                &dir.join("tong-hop.xlsx"),
                Some(&dir.join("bieu-do")),
            )
        });
        let json = serde_json::to_string_pretty(report.summary())
            .map_err(|e| ReportError::other("summary.json", format!("lỗi khi tạo JSON ({e})")))?;
        std::fs::write(dir.join("summary.json"), json + "\n").map_err(io("summary.json"))?;
        tonghop_out::interrupt_point("dang-ghi");
        csv::write_findings(&dir.join("findings.csv"), report.findings)?;
        parquet::write_all(report, &dir.join("data"))?;
        std::fs::write(dir.join("so-lieu.md"), figures::sentences(report))
            .map_err(io("so-lieu.md"))?;
        word::so_lieu(&figures::figures(report), &dir.join("so-lieu.docx"))?;
        letters::write(report, dir)?;
        workbook
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    })
}

/// Active models of one period counted by (category, level), as
/// reconciliation counted them (`summary.json`'s `by_level_category`).
pub(crate) fn category_level_counts(
    period: &tonghop_reconcile::PeriodSummary,
) -> std::collections::BTreeMap<(String, String), u64> {
    period
        .models
        .by_level_category
        .iter()
        .flatten()
        .flat_map(|(level, cats)| {
            cats.iter()
                .map(move |(cat, n)| ((cat.clone(), level.clone()), *n))
        })
        .collect()
}
