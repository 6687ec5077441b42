//! `tonghop claims`: the review of a draft report, on the terminal and in
//! `soat-bao-cao.xlsx` / `.md`.

use anyhow::{anyhow, Context, Result};
use std::io::Write;
use std::path::Path;
use tonghop_claims::Verdict;

/// Reviews `draft` (against a run's figures when `data` is given), prints the
/// listing (errors first) and writes the files.
pub fn run(draft: &Path, data: Option<&Path>, out: &Path) -> Result<()> {
    // A run's outputs being replaced are finished (or waited for) first.
    let data_lock = data
        .filter(|d| d.join(tonghop_out::MARKER).is_dir())
        .map(|d| tonghop_out::OutDir::open(d, None, || waiting(d)))
        .transpose()?;
    let data = data
        .map(tonghop_claims::data::Data::read)
        .transpose()
        .map_err(anyhow::Error::msg)?;
    let rows = tonghop_claims::review_with(draft, data.as_ref())
        .map_err(anyhow::Error::msg)
        .with_context(|| format!("\"{}\"", draft.display()))?;
    let name = draft.file_name().map_or_else(
        || draft.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    drop(data_lock);
    let dir = tonghop_out::OutDir::open(out, None, || waiting(out))?;
    let staging = dir.stage("claims")?;
    let (xlsx, md) = (
        staging.path().join("soat-bao-cao.xlsx"),
        staging.path().join("soat-bao-cao.md"),
    );
    let (xlsx_out, md_out) = (out.join("soat-bao-cao.xlsx"), out.join("soat-bao-cao.md"));
    tonghop_claims::write_workbook(&rows, &name, &xlsx)
        .map_err(|why| anyhow!("không ghi được \"{}\": {why}", xlsx_out.display()))?;
    tonghop_claims::write_markdown(&rows, &name, &md).map_err(|e| {
        anyhow!(
            "không ghi được \"{}\": {}",
            md_out.display(),
            tonghop_core::io_reason(&e)
        )
    })?;
    dir.commit(staging)?;
    let mut o = std::io::stdout().lock();
    for r in rows.iter().filter(|r| r.verdict != Verdict::Unchecked) {
        let _ = writeln!(
            o,
            "[{}] {}: «{}» — {}\n    {}\n    căn cứ: {}",
            r.verdict.label(),
            r.place,
            r.claim,
            r.reading,
            r.checks,
            r.evidence
        );
    }
    let tally = tonghop_claims::tally(&rows)
        .iter()
        .map(|(v, n)| format!("{n} {}", v.label()))
        .collect::<Vec<_>>()
        .join(", ");
    eprintln!("{} số liệu trong \"{name}\": {tally}", rows.len());
    eprintln!("Đã ghi {} và {}", xlsx_out.display(), md_out.display());
    Ok(())
}

fn waiting(dir: &Path) {
    eprintln!(
        "Thư mục \"{}\" đang được một lần chạy khác ghi; chờ lần chạy đó xong …",
        dir.display()
    );
}
