//! `tonghop run` and `tonghop check`: the whole pipeline.

use anyhow::{bail, Context, Result};
use std::io::{IsTerminal, Write};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;
use tonghop_core::{Finding, Severity};
use tonghop_reconcile::FindingCounts;
use tonghop_report::Report;

/// Runs the pipeline; writes outputs into `out` when given (`run`), prints the
/// findings otherwise (`check`).
pub fn run(inputs: &Path, out: Option<&Path>, limits: tonghop_ingest::Limits) -> Result<()> {
    if !inputs.is_dir() {
        bail!(
            "không thấy thư mục đầu vào \"{}\"\nhint: tạo thư mục đó, hoặc chỉ đường dẫn khác: tonghop run <THƯ_MỤC>",
            inputs.display()
        );
    }
    let started = Instant::now();
    let mut stages: Vec<Stage> = Vec::new();
    let mut lap = Instant::now();
    let mut stage = |name: &'static str, lap: &mut Instant| {
        stages.push(Stage {
            name,
            secs: lap.elapsed().as_secs_f64(),
            memory: memory(),
        });
        *lap = Instant::now();
    };
    let (mut reference, ref_findings) = tonghop_ingest::read_reference(inputs)?;
    let (files, discover_findings) = tonghop_ingest::discover(inputs, &mut reference)?;
    let total = files.len();
    if total == 0 {
        bail!(
            "không có file báo cáo nào (.xlsx, .xlsm, .xls, .ods) trong \"{}\"\nhint: đặt báo cáo của mỗi kỳ vào một thư mục con, ví dụ {}/2023-03/",
            inputs.display(),
            inputs.display()
        );
    }
    let tty = std::io::stderr().is_terminal();
    let done = AtomicUsize::new(0);
    eprintln!("Đọc {total} file trong {} …", inputs.display());
    // Each batch's rows go into the column store as soon as it is read.
    let mut source = tonghop_consolidate::Source::new();
    let mut taken = Ok(());
    let progress = |rel: &str| {
        let n = done.fetch_add(1, Ordering::Relaxed) + 1;
        if tty {
            let width = 30;
            let filled = n * width / total.max(1);
            eprint!(
                "\r[{}{}] {n}/{total}",
                "#".repeat(filled),
                " ".repeat(width - filled)
            );
            let _ = std::io::stderr().flush();
        } else if n.is_multiple_of(50) || n == total {
            eprintln!("  đã đọc {n}/{total}: {rel}");
        }
    };
    let returns = tonghop_ingest::ingest_into(&files, &reference, limits, progress, |batch| {
        if taken.is_ok() {
            taken = source.take(batch);
        }
    });
    if tty {
        eprintln!();
    }
    stage("đọc", &mut lap);
    if !returns.iter().any(|r| r.readable) {
        bail!(
            "không đọc được file báo cáo nào trong \"{}\"",
            inputs.display()
        );
    }
    eprintln!("Hợp nhất và đối chiếu …");
    taken.context("hợp nhất")?;
    let consolidated = tonghop_consolidate::consolidate_source(source, &returns, &reference)
        .context("hợp nhất")?;
    stage("hợp nhất", &mut lap);
    let mut reconciled =
        tonghop_reconcile::reconcile(&returns, &consolidated, &reference).context("đối chiếu")?;
    let mut findings: Vec<Finding> = ref_findings;
    findings.extend(discover_findings);
    for r in &returns {
        findings.extend(r.findings.iter().cloned());
    }
    findings.extend(consolidated.findings.iter().cloned());
    findings.extend(reconciled.findings.iter().cloned());
    findings.sort_by(|a, b| {
        (a.severity, &a.period, &a.file, &a.sheet, a.row, a.code)
            .cmp(&(b.severity, &b.period, &b.file, &b.sheet, b.row, b.code))
    });
    reconciled.summary.findings = FindingCounts::of(&findings);
    stage("đối chiếu", &mut lap);
    match out {
        Some(out) => {
            let report = Report {
                reference: &reference,
                returns: &returns,
                consolidated: &consolidated,
                reconciled: &reconciled,
                findings: &findings,
            };
            let written = tonghop_report::write_all(&report, out)?;
            stage("ghi kết quả", &mut lap);
            eprintln!("Đã ghi kết quả vào {}:", out.display());
            for f in written {
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
            p.returns.files - p.returns.unreadable_files - p.returns.superseded_files,
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
    // Where the time went (read by the peer benchmark, `bench/run.py`).
    let mut line = String::from("Thời gian:");
    let mut mem = String::from("Bộ nhớ (đang dùng / cao nhất từ đầu):");
    for Stage { name, secs, memory } in &stages {
        line.push_str(&format!(" {name} {} s;", seconds(*secs)));
        if let Some((now, peak)) = memory {
            mem.push_str(&format!(" sau {name} {now} / {peak} MB;"));
        }
    }
    eprintln!("{line} tổng {} s", seconds(started.elapsed().as_secs_f64()));
    if stages.iter().any(|s| s.memory.is_some()) {
        eprintln!("{}", mem.trim_end_matches(';'));
    }
    Ok(())
}

/// One stage of the run: its seconds, and the resident memory at its end and
/// the peak so far (MB, where the system tells them).
struct Stage {
    name: &'static str,
    secs: f64,
    memory: Option<(u64, u64)>,
}

/// Resident memory now and its peak so far, in MB (Linux: `/proc/self/status`).
fn memory() -> Option<(u64, u64)> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let field = |name: &str| -> Option<u64> {
        let line = status.lines().find(|l| l.starts_with(name))?;
        let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
        Some(kb / 1024)
    };
    Some((field("VmRSS:")?, field("VmHWM:")?))
}

/// Seconds with two decimals and a decimal comma, as Vietnamese writes them.
fn seconds(s: f64) -> String {
    format!("{s:.2}").replace('.', ",")
}
