//! `tonghop run` and `tonghop check`: the whole pipeline.

use crate::progress::{Progress, Stages, Verbosity};
use anyhow::{bail, Context, Result};
use std::io::Write;
use std::path::Path;
use tonghop_core::{Finding, FindingCode, Severity};
use tonghop_reconcile::FindingCounts;
use tonghop_report::Report;

/// Runs the pipeline; writes outputs into `out` when given (`run`), prints the
/// findings otherwise (`check`).
pub fn run(
    inputs: &Path,
    out: Option<&Path>,
    limits: tonghop_ingest::Limits,
    verbosity: Verbosity,
) -> Result<()> {
    execute(inputs, out, limits, verbosity, false).map(|_| ())
}

/// The pipeline for `tonghop serve`: outputs written into `out`, and what the
/// server's pages show kept.
pub fn run_kept(
    inputs: &Path,
    out: &Path,
    limits: tonghop_ingest::Limits,
) -> Result<tonghop_serve::Snapshot> {
    execute(inputs, Some(out), limits, Verbosity::Quiet, true)?
        .context("lần chạy không ghi kết quả")
}

/// The pipeline; with `keep`, what the server shows of the run.
#[allow(clippy::too_many_lines)]
fn execute(
    inputs: &Path,
    out: Option<&Path>,
    limits: tonghop_ingest::Limits,
    verbosity: Verbosity,
    keep: bool,
) -> Result<Option<tonghop_serve::Snapshot>> {
    let say = |line: &str| {
        if verbosity != Verbosity::Quiet {
            eprintln!("{line}");
        }
    };
    if inputs.is_file() {
        bail!(
            "\"{}\" là một file, không phải thư mục đầu vào\ngợi ý: chỉ thư mục chứa danh-muc.xlsx và các thư mục kỳ báo cáo: tonghop run <THƯ_MỤC>",
            inputs.display()
        );
    }
    if !inputs.is_dir() {
        bail!(
            "không thấy thư mục đầu vào \"{}\"\ngợi ý: tạo thư mục đó, hoặc chỉ đường dẫn khác: tonghop run <THƯ_MỤC>",
            inputs.display()
        );
    }
    // The output folder first: checked, locked and recovered before a file is
    // read, so that a refused OUT costs nothing and two runs never interleave.
    let out_dir = out
        .map(|o| {
            tonghop_out::OutDir::open(o, Some(inputs), || {
                eprintln!(
                    "Thư mục kết quả \"{}\" đang được một lần chạy khác ghi; chờ lần chạy đó xong …",
                    o.display()
                );
            })
        })
        .transpose()?;
    // Timed from here: a wait for another run's lock is not reading.
    let mut stages = Stages::start();
    let (mut reference, ref_findings) = tonghop_ingest::read_reference(inputs)?;
    let (files, discover_findings) = tonghop_ingest::discover(inputs, &mut reference)?;
    let total = files.len();
    if total == 0 {
        bail!(
            "không có file báo cáo nào (.xlsx, .xlsm, .xls, .ods) trong \"{}\"\ngợi ý: đặt báo cáo của mỗi kỳ vào một thư mục con, ví dụ {}/2023-03/",
            inputs.display(),
            inputs.display()
        );
    }
    say(&format!("Đọc {total} file trong {} …", inputs.display()));
    let progress = Progress::files(total, verbosity);
    // Each batch's rows go into the column store as soon as it is read.
    let mut source = tonghop_consolidate::Source::new();
    let mut taken = Ok(());
    let returns = tonghop_ingest::ingest_into(
        &files,
        &reference,
        limits,
        |rel| progress.read(rel),
        |batch| {
            if taken.is_ok() {
                taken = source.take(batch);
            }
        },
    );
    progress.finish();
    tonghop_core::memory::give_back();
    stages.end("đọc");
    if !returns.iter().any(|r| r.readable) {
        bail!(
            "không đọc được file báo cáo nào trong \"{}\"\ngợi ý: xem vì sao từng file không đọc được: tonghop check \"{}\"",
            inputs.display(),
            inputs.display()
        );
    }
    say("Hợp nhất và đối chiếu …");
    taken.context("hợp nhất")?;
    let consolidated = tonghop_consolidate::consolidate_source(source, &returns, &reference)
        .context("hợp nhất")?;
    tonghop_core::memory::give_back();
    stages.end("hợp nhất");
    let mut reconciled =
        tonghop_reconcile::reconcile(&returns, &consolidated, &reference).context("đối chiếu")?;
    let mut findings: Vec<Finding> = ref_findings;
    findings.extend(discover_findings);
    for r in &returns {
        findings.extend(r.findings.iter().cloned());
    }
    findings.extend(consolidated.findings.iter().cloned());
    findings.extend(reconciled.findings.iter().cloned());
    tonghop_reconcile::rules::apply_code_overrides(&reference.rules, &mut findings);
    findings.sort_by(|a, b| {
        (a.severity, &a.period, &a.file, &a.sheet, a.row, a.code)
            .cmp(&(b.severity, &b.period, &b.file, &b.sheet, b.row, b.code))
    });
    reconciled.summary.findings = FindingCounts::of(&findings);
    tonghop_core::memory::give_back();
    stages.end("đối chiếu");
    let mut kept = None;
    match &out_dir {
        Some(out) => {
            let report = Report {
                reference: &reference,
                returns: &returns,
                consolidated: &consolidated,
                reconciled: &reconciled,
                findings: &findings,
            };
            let written = tonghop_report::write_all(&report, out)?;
            stages.end("ghi kết quả");
            if keep {
                kept = Some(snapshot(&report, out.path(), &written));
            }
            print_reference_errors(&findings);
            eprintln!("Đã ghi kết quả vào {}:", out.path().display());
            for f in shown(&written) {
                eprintln!("  {}", f.display());
            }
        }
        None => {
            let mut stdout = std::io::stdout().lock();
            for f in &findings {
                let at = [f.file.as_str(), f.sheet.as_str()]
                    .iter()
                    .filter(|s| !s.is_empty())
                    .copied()
                    .collect::<Vec<_>>()
                    .join(" / ");
                let row = f.row.map(|r| format!(" dòng {r}")).unwrap_or_default();
                let _ = writeln!(
                    stdout,
                    "[{}] {} {} {}{}{}: {}",
                    f.severity.label(),
                    f.code.as_str(),
                    f.period,
                    f.unit,
                    if at.is_empty() {
                        String::new()
                    } else {
                        format!(" ({at}")
                    },
                    if at.is_empty() {
                        String::new()
                    } else {
                        format!("{row})")
                    },
                    f.message
                );
            }
        }
    }
    let count = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
    for p in &reconciled.summary.periods {
        eprintln!(
            "Kỳ {}: {} mô hình, {} điển hình; {}/{} file dùng được",
            p.name,
            p.models.total,
            p.exemplars.total,
            p.returns.files
                - p.returns.unreadable_files
                - p.returns.superseded_files
                - p.returns.copy_files
                - p.returns.excluded_files,
            p.returns.files
        );
    }
    eprintln!(
        "Phát hiện {} vấn đề: {} lỗi, {} cảnh báo, {} thông tin",
        findings.len(),
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info)
    );
    if verbosity == Verbosity::Verbose {
        stages.print();
    }
    // Let go of a batch's millions of rows on a thread of their own: freeing
    // them took a few tenths of a second at 20,000 returns after everything
    // was written, and the process ends without waiting for it (issue 21).
    std::thread::spawn(move || drop((returns, consolidated, reconciled, findings, reference)));
    Ok(kept)
}

/// What `tonghop serve` shows of a run.
fn snapshot(
    report: &Report,
    out: &Path,
    written: &[std::path::PathBuf],
) -> tonghop_serve::Snapshot {
    use std::collections::{HashMap, HashSet};
    use tonghop_consolidate::cols;
    let reviewed = [
        FindingCode::CategoryAmbiguous,
        FindingCode::CategoryUnknown,
        FindingCode::LevelUnknown,
    ];
    // The entity each reviewed finding's row became, from the lineage.
    let wanted: HashSet<(&str, &str, u32)> = report
        .findings
        .iter()
        .filter(|f| reviewed.contains(&f.code))
        .filter_map(|f| Some((f.file.as_str(), f.sheet.as_str(), f.row?)))
        .collect();
    let mut entity_at = HashMap::new();
    if !wanted.is_empty() {
        let rows = &report.consolidated.rows;
        let text = |c: &str| rows.column(c).ok().and_then(|c| c.str().ok().cloned());
        let number = |c: &str| {
            rows.column(c)
                .ok()
                .and_then(|c| c.cast(&polars::prelude::DataType::UInt32).ok())
                .and_then(|c| c.u32().ok().cloned())
        };
        if let (Some(file), Some(sheet), Some(row), Some(id)) = (
            text(cols::SOURCE_FILE),
            text(cols::SOURCE_SHEET),
            number(cols::SOURCE_ROW),
            text(cols::ENTITY_ID),
        ) {
            for (((f, s), r), e) in file.iter().zip(sheet.iter()).zip(row.iter()).zip(id.iter()) {
                let (Some(f), Some(s), Some(r), Some(e)) = (f, s, r, e) else {
                    continue;
                };
                if !e.is_empty() && wanted.contains(&(f, s, r)) {
                    entity_at.insert(
                        (f.to_owned(), s.to_owned(), r),
                        (e.to_owned(), String::new()),
                    );
                }
            }
        }
        // And its name, as the entity frames have it.
        let ids: HashSet<String> = entity_at.values().map(|(id, _)| id.clone()).collect();
        let mut names: HashMap<String, String> = HashMap::new();
        for (df, id, name) in [
            (&report.consolidated.models, cols::MODEL_ID, cols::NAME),
            (
                &report.consolidated.exemplars,
                cols::PERSON_ID,
                cols::FULL_NAME,
            ),
        ] {
            let (Some(i), Some(n)) = (
                df.column(id).ok().and_then(|c| c.str().ok()),
                df.column(name).ok().and_then(|c| c.str().ok()),
            ) else {
                continue;
            };
            for (i, n) in i.iter().zip(n.iter()) {
                if let (Some(i), Some(n)) = (i, n) {
                    if ids.contains(i) {
                        names.insert(i.to_owned(), n.to_owned());
                    }
                }
            }
        }
        for (id, name) in entity_at.values_mut() {
            if let Some(n) = names.get(id.as_str()) {
                name.clone_from(n);
            }
        }
    }
    tonghop_serve::Snapshot {
        summary: report.reconciled.summary.clone(),
        units: report.reconciled.units.clone(),
        findings: report.findings.to_vec(),
        periods: report
            .reference
            .periods
            .iter()
            .map(|p| tonghop_serve::PeriodInfo {
                id: p.id.clone(),
                name: p.name.clone(),
                folder: p.folder.clone(),
            })
            .collect(),
        entity_at,
        committee: report.reference.office.committee.clone(),
        roster: report
            .reference
            .units
            .iter()
            .map(|u| (u.code.clone(), u.name.clone()))
            .collect(),
        unit_candidates: report
            .returns
            .iter()
            .filter(|r| r.unit.code.is_none() && !r.unit.candidates.is_empty())
            .map(|r| {
                (
                    r.rel.clone(),
                    r.unit
                        .candidates
                        .iter()
                        .map(|c| (c.code.clone(), c.name.clone()))
                        .collect(),
                )
            })
            .collect(),
        written: written
            .iter()
            .filter_map(|w| w.strip_prefix(out).ok())
            .map(|r| {
                r.components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect::<Vec<_>>()
                    .join("/")
            })
            .collect(),
        unit_files: report
            .files_counted()
            .into_iter()
            .map(|((p, u), f)| ((p.to_owned(), u.to_owned()), f.to_owned()))
            .collect(),
    }
}

/// Mistakes of the reference workbook that make figures wrong, before the
/// rest: the run went on, but the figures cannot be trusted until they are
/// mended (`check` lists them first with every other finding).
fn print_reference_errors(findings: &[Finding]) {
    let errors: Vec<&Finding> = findings
        .iter()
        .filter(|f| f.code == FindingCode::ReferenceInvalid && f.severity == Severity::Error)
        .collect();
    if errors.is_empty() {
        return;
    }
    eprintln!(
        "LỖI TRONG DANH MỤC — số liệu có thể sai cho đến khi sửa ({} lỗi):",
        errors.len()
    );
    for f in errors {
        let row = f.row.map(|r| format!(" dòng {r}")).unwrap_or_default();
        eprintln!("  {} / {}{row}: {}", f.file, f.sheet, f.message);
    }
}

/// The files written, the charts folded into their folder.
fn shown(written: &[std::path::PathBuf]) -> Vec<std::path::PathBuf> {
    let mut out: Vec<std::path::PathBuf> = Vec::new();
    for f in written {
        let folded = match f.parent() {
            Some(p) if p.file_name().is_some_and(|n| n == "bieu-do") => p.to_path_buf(),
            _ => f.clone(),
        };
        if !out.contains(&folded) {
            out.push(folded);
        }
    }
    out
}
