//! Reading returns and the reference workbook.
//!
//! What enters: the INPUTS folder — `danh-muc.xlsx` (optional) and period folders
//! of returns (.xlsx, .xlsm, .xls, .ods). What leaves: a [`Reference`] (roster,
//! periods, targets, taxonomy) from [`read_reference`], the files of each period from [`discover`], and
//! one [`Return`] per file from [`ingest`]: the sending unit and the document date with their evidence,
//! every row with its kind, the entries of each list, the stated totals, and the
//! findings met while reading. A file that cannot be read is a `FILE_UNREADABLE`
//! finding on its [`Return`], never an error of the batch.
//!
//! ```no_run
//! let inputs = std::path::Path::new("inputs");
//! let (mut reference, _findings) = tonghop_ingest::read_reference(inputs).unwrap();
//! let (files, _unsupported) = tonghop_ingest::discover(inputs, &mut reference).unwrap();
//! let limits = tonghop_ingest::Limits::default();
//! let returns = tonghop_ingest::ingest(&files, &reference, limits, |_| {});
//! println!("{} files", returns.len());
//! ```
#![deny(missing_docs)]

mod cells;
mod ods;
mod reference;
mod sheet;
mod unit;
mod walk;
mod why;

pub use reference::decisions::{decision_columns, decisions_file, DecisionColumns};
pub use reference::read_reference;
pub use sheet::{classify_header, Field};

use rayon::prelude::*;
use std::fmt;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use tonghop_core::{Date, DateSource, Finding, FindingCode, Reference, Return};

/// Extensions read as returns.
pub const RETURN_EXTENSIONS: &[&str] = &["xlsx", "xlsm", "xls", "ods"];

/// Word documents read as returns: their tables like sheets.
pub const WORD_EXTENSIONS: &[&str] = &["docx"];

/// Documents that may be returns but cannot be read: saved again as .docx.
const OLD_DOCUMENTS: &[&str] = &["doc", "pdf", "rtf", "odt"];

/// Limits that keep one hostile file from taking the batch down. A real return
/// is a few hundred kilobytes; these leave room for a hundred times that.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Files larger than this (bytes on disk) are not opened (default 100 MB).
    pub max_file_bytes: u64,
    /// Zip-based files (.xlsx, .xlsm, .ods) whose parts would inflate to more
    /// than this are not opened (default 200 MB): a zip bomb is refused before
    /// a byte is inflated.
    pub max_unzipped_bytes: u64,
    /// Rows read per sheet; the rest is reported (default 100,000).
    pub max_rows_per_sheet: u32,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: 100 * 1024 * 1024,
            max_unzipped_bytes: 200 * 1024 * 1024,
            max_rows_per_sheet: 100_000,
        }
    }
}

/// An error that stops the batch (not a bad return: those are findings).
#[derive(Debug)]
pub enum IngestError {
    /// The INPUTS folder cannot be listed.
    Inputs(PathBuf, std::io::Error),
    /// The reference workbook exists but cannot be read.
    Reference(PathBuf, String),
}

impl fmt::Display for IngestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IngestError::Inputs(p, e) => write!(
                f,
                "không đọc được thư mục đầu vào \"{}\": {}",
                p.display(),
                tonghop_core::io_reason(e)
            ),
            IngestError::Reference(p, why) => write!(
                f,
                "không đọc được file danh mục \"{}\": {why}\ngợi ý: mở file bằng Excel, lưu lại dạng .xlsx rồi chạy lại; hoặc tạm đổi tên file để chạy không có danh mục",
                p.display()
            ),
        }
    }
}

impl std::error::Error for IngestError {}

/// A file found under a period folder.
#[derive(Debug, Clone)]
pub struct FoundFile {
    /// Absolute path.
    pub path: PathBuf,
    /// Path relative to INPUTS with `/`.
    pub rel: String,
    /// Period id.
    pub period: String,
}

/// Lists the files of each period: the folders named in the reference, or the
/// immediate subfolders of INPUTS (a folder of returns with no subfolders is one
/// period). Each real folder is visited once (links cannot loop or lead out
/// of the period folder) and what is not a return is set aside with an info
/// line (`FILE_SKIPPED`); files of other types are `FILE_UNSUPPORTED`; a
/// spreadsheet beside the period folders, or in a folder no period names, is
/// not read and is a `FILE_OUTSIDE_PERIOD` warning.
///
/// # Errors
/// When INPUTS cannot be listed.
pub fn discover(
    inputs: &Path,
    reference: &mut Reference,
) -> Result<(Vec<FoundFile>, Vec<Finding>), IngestError> {
    let mut findings = Vec::new();
    if reference.periods.is_empty() {
        reference.periods = reference::periods_from_folders(inputs)?;
    }
    let rel_of = |path: &Path| {
        path.strip_prefix(inputs)
            .unwrap_or(path)
            .to_string_lossy()
            .replace('\\', "/")
    };
    let mut files = Vec::new();
    for period in &reference.periods {
        let dir = period_dir(inputs, period);
        if !dir.is_dir() {
            continue; // reported with the reference (a period with no folder)
        }
        let walked = walk::walk(&dir);
        for (path, skip) in &walked.skipped {
            findings.push(
                tonghop_core::finding!(FileSkipped, tep = rel_of(path), ly_do = skip.reason())
                    .period(&period.id)
                    .file(&rel_of(path)),
            );
        }
        for path in walked.files {
            let rel = rel_of(&path);
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_default();
            if dir == inputs && path.parent() == Some(inputs) && is_reserved(&name) {
                continue;
            }
            if is_return(&path) {
                files.push(FoundFile {
                    path,
                    rel,
                    period: period.id.clone(),
                });
            } else {
                let ext = path
                    .extension()
                    .map(|e| e.to_string_lossy().to_lowercase())
                    .unwrap_or_default();
                let f = if OLD_DOCUMENTS.contains(&ext.as_str()) {
                    tonghop_core::finding!(FileUnsupported, "van_ban", ten = name, duoi = ext)
                } else {
                    tonghop_core::finding!(FileUnsupported, ten = name)
                };
                findings.push(f.period(&period.id).file(&rel));
            }
        }
    }
    findings.extend(outside_periods(inputs, &reference.periods));
    Ok((files, findings))
}

/// The folder of a period under INPUTS.
pub(crate) fn period_dir(inputs: &Path, period: &tonghop_core::Period) -> PathBuf {
    if period.folder.is_empty() || period.folder == "." {
        inputs.to_path_buf()
    } else {
        inputs.join(&period.folder)
    }
}

fn is_return(path: &Path) -> bool {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    RETURN_EXTENSIONS.contains(&ext.as_str()) || WORD_EXTENSIONS.contains(&ext.as_str())
}

/// Spreadsheets that no period reads: at the top of INPUTS beside the period
/// folders, or in a folder that no period names.
fn outside_periods(inputs: &Path, periods: &[tonghop_core::Period]) -> Vec<Finding> {
    let mut findings = Vec::new();
    if periods
        .iter()
        .any(|p| p.folder.is_empty() || p.folder == ".")
    {
        return findings; // INPUTS itself is the period folder
    }
    let first = |folder: &str| {
        folder
            .trim_start_matches("./")
            .split(['/', '\\'])
            .next()
            .map(str::to_owned)
            .unwrap_or_default()
    };
    // Compared without case: Windows' folders are.
    let used: Vec<String> = periods
        .iter()
        .map(|p| first(&p.folder).to_lowercase())
        .collect();
    let Ok(entries) = std::fs::read_dir(inputs) else {
        return findings;
    };
    let mut entries: Vec<_> = entries.flatten().collect();
    entries.sort_by_key(std::fs::DirEntry::file_name);
    for e in entries {
        let name = e.file_name().to_string_lossy().to_string();
        if walk::not_a_return(&name).is_some() || used.contains(&name.to_lowercase()) {
            continue;
        }
        let path = e.path();
        if path.is_dir() {
            let n = walk::walk(&path)
                .files
                .iter()
                .filter(|f| is_return(f))
                .count();
            if n > 0 {
                findings.push(
                    tonghop_core::finding!(FileOutsidePeriod, "thu_muc", ten = name, so_file = n)
                        .file(&format!("{name}/")),
                );
            }
        } else if is_return(&path) && !is_reserved(&name) {
            findings.push(tonghop_core::finding!(FileOutsidePeriod, "tep", ten = name).file(&name));
        }
    }
    findings
}

fn is_reserved(name: &str) -> bool {
    let k = tonghop_text::fold_key(name);
    k.starts_with("danh muc") || k.starts_with("quyet dinh")
}

/// Reads the files found by [`discover`] in parallel. `progress` is called once
/// per file read, from any thread. Never fails: a bad file is a finding on its
/// [`Return`]. The returns come sorted by period, then file.
pub fn ingest(
    files: &[FoundFile],
    reference: &Reference,
    limits: Limits,
    progress: impl Fn(&str) + Sync,
) -> Vec<Return> {
    ingest_into(files, reference, limits, progress, |_| {})
}

/// Files read at a time by [`ingest_into`] before its `sink` sees them.
pub const BATCH_FILES: usize = 512;

/// [`ingest`], handing each batch of returns to `sink` as soon as it is read,
/// in the final order (period, then file), so that a caller can take the rows
/// away (into a column store) before the next batch is read: a national batch
/// then never holds every row as separate strings. `sink` runs on one batch
/// while the next is being read.
pub fn ingest_into(
    files: &[FoundFile],
    reference: &Reference,
    limits: Limits,
    progress: impl Fn(&str) + Sync,
    mut sink: impl FnMut(&mut [Return]) + Send,
) -> Vec<Return> {
    let matcher = Prepared::new(reference);
    let mut order: Vec<&FoundFile> = files.iter().collect();
    order.sort_by(|a, b| (&a.period, &a.rel).cmp(&(&b.period, &b.rel)));
    let read = |batch: &[&FoundFile]| -> Vec<Return> {
        batch
            .par_iter()
            .map(|f| {
                let r = read_prepared(f, reference, &matcher, limits);
                progress(&f.rel);
                r
            })
            .collect()
    };
    let mut returns: Vec<Return> = Vec::with_capacity(files.len());
    let mut pending: Option<Vec<Return>> = None;
    for batch in order.chunks(BATCH_FILES) {
        let (next, ()) = rayon::join(
            || read(batch),
            || {
                if let Some(p) = pending.as_mut() {
                    sink(p);
                }
            },
        );
        returns.extend(pending.replace(next).into_iter().flatten());
    }
    if let Some(mut p) = pending {
        sink(&mut p);
        returns.append(&mut p);
    }
    returns
}

/// What every file of a batch is read with, prepared once from the reference.
pub(crate) struct Prepared {
    /// The roster's names, keyed.
    pub units: unit::UnitMatcher,
    /// The campaign's taxonomy, for columns told by their content.
    pub taxonomy: tonghop_text::codes::Taxonomy,
    /// The vocabulary with the campaign's words (sheet `Từ điển`).
    pub vocabulary: tonghop_text::Vocabulary,
    /// Whether every column's score is worked out for the reading's account
    /// (one file read, as `inspect` does), not only where two columns
    /// compete for a role (a batch).
    pub explain: bool,
}

impl Prepared {
    fn new(reference: &Reference) -> Prepared {
        let (vocabulary, _) = tonghop_text::Vocabulary::for_campaign(&reference.words);
        Prepared {
            units: unit::UnitMatcher::new(reference, &vocabulary),
            taxonomy: tonghop_text::codes::Taxonomy::new(&reference.categories),
            vocabulary,
            explain: false,
        }
    }
}

/// Reads one return; a panic inside the reader becomes a `FILE_UNREADABLE`.
#[must_use]
pub fn read_return(file: &FoundFile, reference: &Reference, limits: Limits) -> Return {
    let mut prepared = Prepared::new(reference);
    prepared.explain = true;
    read_prepared(file, reference, &prepared, limits)
}

fn read_prepared(
    file: &FoundFile,
    reference: &Reference,
    matcher: &Prepared,
    limits: Limits,
) -> Return {
    let mtime = std::fs::metadata(&file.path)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_secs());
    let mut ret = Return::new(file.path.clone(), &file.rel, &file.period);
    ret.mtime = mtime;
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        sheet::read_workbook(&file.path, limits)
    }));
    let mut workbook = match outcome {
        Ok(Ok(wb)) => wb,
        Ok(Err(msg)) => {
            ret.findings.push(unreadable(&ret, &msg));
            unit::detect(
                &mut ret,
                reference,
                &matcher.units,
                &matcher.vocabulary,
                &unit::Lines::default(),
                &[],
                &file_stem(file),
            );
            ret.findings
                .retain(|f| f.code == FindingCode::FileUnreadable);
            stamp(&mut ret);
            return ret;
        }
        Err(_) => {
            ret.findings
                .push(unreadable(&ret, "lỗi bất thường khi đọc (đã được chặn)"));
            return ret;
        }
    };
    ret.readable = true;
    ret.content = Some(workbook.content);
    sheet::analyse(
        &mut ret,
        &mut workbook,
        reference,
        matcher,
        &file_stem(file),
    );
    if ret.date.is_none() {
        date_from_file(&mut ret, workbook.metadata_date, mtime);
    }
    stamp(&mut ret);
    ret
}

/// A return with no date line: the date its properties carry, else the
/// file's modified time, and a finding that says which and what it was.
fn date_from_file(ret: &mut Return, properties: Option<Date>, mtime: u64) {
    let (date, source) = match properties {
        Some(d) => (d, DateSource::Properties),
        None => (
            Date::from_days_since_epoch(i64::try_from(mtime / 86_400).unwrap_or(0)),
            DateSource::FileTime,
        ),
    };
    ret.date = Some(date);
    ret.date_source = source;
    ret.date_evidence = format!(
        "không thấy dòng địa danh, ngày tháng; dùng {} {date}",
        source.label()
    );
    let caution = if source == DateSource::FileTime {
        " Ngày này đổi khi file được sao chép, nên nộp muộn tính theo nó chỉ được ghi để tham khảo, không tính vào số báo cáo nộp muộn."
    } else {
        ""
    };
    ret.findings.push(
        tonghop_core::finding!(
            DateUnknown,
            nguon = source.label(),
            ngay = date,
            luu_y = caution
        )
        .period(&ret.period)
        .file(&ret.rel),
    );
}

/// Fills in the period, unit and file of the return's own findings.
fn stamp(ret: &mut Return) {
    let unit = ret
        .unit
        .code
        .clone()
        .unwrap_or_else(|| ret.unit.name.clone());
    for f in &mut ret.findings {
        if f.unit.is_empty() {
            f.unit.clone_from(&unit);
        }
        if f.period.is_empty() {
            f.period.clone_from(&ret.period);
        }
        if f.file.is_empty() {
            f.file.clone_from(&ret.rel);
        }
    }
}

fn file_stem(file: &FoundFile) -> String {
    file.path
        .file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_default()
}

fn unreadable(ret: &Return, why: &str) -> Finding {
    let word = ret
        .path
        .extension()
        .is_some_and(|e| WORD_EXTENSIONS.iter().any(|w| e.eq_ignore_ascii_case(w)));
    let f = if word {
        tonghop_core::finding!(FileUnreadable, "van_ban", ly_do = why)
    } else {
        tonghop_core::finding!(FileUnreadable, ly_do = why)
    };
    f.period(&ret.period).file(&ret.rel)
}

/// The floor the benchmarks compare ingest with: every cell of every sheet of
/// every file read with calamine, on all cores, and nothing else. Returns the
/// number of non-empty cells (files calamine cannot open count none).
#[doc(hidden)]
#[must_use]
pub fn calamine_floor(paths: &[PathBuf]) -> usize {
    use calamine::{open_workbook_auto, Data, Reader};
    paths
        .par_iter()
        .map(|p| {
            let Ok(mut wb) = open_workbook_auto(p) else {
                return 0;
            };
            let mut n = 0;
            for name in wb.sheet_names() {
                if let Ok(range) = wb.worksheet_range(&name) {
                    n += range
                        .used_cells()
                        .filter(|(_, _, d)| !matches!(d, Data::Empty))
                        .count();
                }
            }
            n
        })
        .sum()
}
