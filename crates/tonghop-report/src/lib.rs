//! What users take away.
//!
//! What enters: a [`Report`] — the returns, the consolidated frames, the
//! reconciliation and every finding. What leaves, in the output folder (CONTRACT.md):
//! `tong-hop.xlsx`, `tong-hop.html`, `bieu-do/*.png|svg`, `so-lieu.md` and `so-lieu.docx`, the letters
//! to units in `thu/`, `summary.json`,
//! `findings.csv` and `data/*.parquet`. Everything is written to a fresh folder
//! beside the target and swapped in at the end, so a run that fails half-way
//! leaves the previous outputs as they were.
#![deny(missing_docs)]

mod charts;
mod csv;
mod figures;
mod html;
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

    /// The file counted for each (period, unit key), relative to INPUTS.
    #[must_use]
    pub fn files_counted(&self) -> std::collections::HashMap<(&str, &str), &str> {
        self.consolidated
            .returns
            .iter()
            .filter(|u| u.state == tonghop_consolidate::ReturnState::Used)
            .filter_map(|u| {
                let r = self.returns.get(u.index)?;
                Some(((r.period.as_str(), u.unit.as_str()), r.rel.as_str()))
            })
            .collect()
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
    // The charts on threads of their own while the workbook is made (on
    // another, its long lists on more) and the other files are written here:
    // only the workbook's last sheet shows the charts' pictures, and waits
    // for them (on the sample the charts were a tenth of the run, drawn
    // before anything else was written; issue 21).
    let drawn = Drawn::new(dir.join("bieu-do"));
    std::thread::scope(|scope| {
        let charts = scope.spawn(|| {
            let signal = drawn.signal();
            let result = charts::write_all(report, drawn.dir());
            signal.done(result.is_ok());
            result
        });
        let workbook =
            scope.spawn(|| workbook::write(report, &dir.join("tong-hop.xlsx"), Some(&drawn)));
        let json = serde_json::to_string_pretty(report.summary())
            .map_err(|e| ReportError::other("summary.json", format!("lỗi khi tạo JSON ({e})")))?;
        std::fs::write(dir.join("summary.json"), json + "\n").map_err(io("summary.json"))?;
        tonghop_out::interrupt_point("dang-ghi");
        csv::write_findings(&dir.join("findings.csv"), report.findings)?;
        parquet::write_all(report, &dir.join("data"))?;
        html::write(report, &dir.join("tong-hop.html"))?;
        std::fs::write(dir.join("so-lieu.md"), figures::sentences(report))
            .map_err(io("so-lieu.md"))?;
        word::so_lieu(&figures::figures(report), &dir.join("so-lieu.docx"))?;
        letters::write(report, dir)?;
        let join = |h: std::thread::ScopedJoinHandle<'_, Result<(), ReportError>>| {
            h.join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
        };
        // A chart that failed is the error (the workbook then shows none).
        let (charts, workbook) = (join(charts), join(workbook));
        charts.and(workbook)
    })
}

/// The folder of the PNG charts, and whether they are drawn yet: the
/// workbook waits for them only where it shows them.
pub(crate) struct Drawn {
    dir: PathBuf,
    /// `None` while drawing; then whether every chart was drawn.
    state: std::sync::Mutex<Option<bool>>,
    changed: std::sync::Condvar,
}

impl Drawn {
    fn new(dir: PathBuf) -> Drawn {
        Drawn {
            dir,
            state: std::sync::Mutex::new(None),
            changed: std::sync::Condvar::new(),
        }
    }

    fn dir(&self) -> &Path {
        &self.dir
    }

    /// Told when drawing ends — also when it panics, so that nothing waits
    /// for charts that never come.
    fn signal(&self) -> Signal<'_> {
        Signal(self)
    }

    fn set(&self, ok: bool) {
        let mut state = self
            .state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if state.is_none() {
            *state = Some(ok);
        }
        self.changed.notify_all();
    }

    /// Waits until the charts are drawn: their folder when every one was,
    /// `None` when drawing failed.
    pub(crate) fn wait(&self) -> Option<&Path> {
        let mut state = self
            .state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        while state.is_none() {
            state = self
                .changed
                .wait(state)
                .unwrap_or_else(std::sync::PoisonError::into_inner);
        }
        (*state == Some(true)).then_some(self.dir.as_path())
    }
}

/// Ends a drawing: [`Signal::done`] says how; dropped without it (a panic),
/// the drawing failed.
struct Signal<'a>(&'a Drawn);

impl Signal<'_> {
    fn done(self, ok: bool) {
        self.0.set(ok);
    }
}

impl Drop for Signal<'_> {
    fn drop(&mut self) {
        self.0.set(false);
    }
}

/// The taxonomy's category codes in order, then the code of an unknown
/// category.
pub(crate) fn category_codes(reference: &tonghop_core::Reference) -> Vec<String> {
    let mut codes: Vec<String> = reference
        .categories
        .iter()
        .map(|c| c.code.clone())
        .collect();
    codes.push(tonghop_core::UNKNOWN_CATEGORY.0.to_owned());
    codes
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

#[cfg(test)]
mod tests {
    use super::Drawn;
    use std::path::Path;

    /// The workbook's thread waits for the charts, and has their folder
    /// once they are drawn.
    #[test]
    fn the_workbook_waits_for_the_charts() {
        let drawn = Drawn::new("bieu-do".into());
        let seen = std::thread::scope(|scope| {
            let waiting = scope.spawn(|| drawn.wait().map(Path::to_path_buf));
            std::thread::sleep(std::time::Duration::from_millis(20));
            drawn.signal().done(true);
            waiting.join().unwrap()
        });
        assert_eq!(seen.as_deref(), Some(Path::new("bieu-do")));
    }

    /// Charts that failed, or whose drawing panicked, leave nothing to wait
    /// for: the workbook goes on without their pictures.
    #[test]
    fn a_failed_or_panicked_drawing_never_keeps_the_workbook_waiting() {
        let failed = Drawn::new("bieu-do".into());
        failed.signal().done(false);
        assert_eq!(failed.wait(), None);
        let panicked = Drawn::new("bieu-do".into());
        std::thread::scope(|scope| {
            let drawing = scope.spawn(|| {
                let _signal = panicked.signal();
                panic!("a chart failed to draw");
            });
            assert_eq!(panicked.wait(), None);
            assert!(drawing.join().is_err());
        });
    }
}
