//! `tonghop claims`: the review of a draft report, on the terminal and in
//! `soat-bao-cao.xlsx` / `.md`.

use anyhow::{Context, Result};
use std::io::Write;
use std::path::Path;
use tonghop_claims::Verdict;

/// Reviews `draft` (against a run's figures when `data` is given), prints the
/// listing (errors first) and writes the files.
pub fn run(draft: &Path, data: Option<&Path>, out: &Path) -> Result<()> {
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
    std::fs::create_dir_all(out).with_context(|| format!("tạo thư mục \"{}\"", out.display()))?;
    let (xlsx, md) = (out.join("soat-bao-cao.xlsx"), out.join("soat-bao-cao.md"));
    tonghop_claims::write_workbook(&rows, &name, &xlsx)
        .with_context(|| format!("ghi \"{}\"", xlsx.display()))?;
    tonghop_claims::write_markdown(&rows, &name, &md)
        .with_context(|| format!("ghi \"{}\"", md.display()))?;
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
    eprintln!("Đã ghi {} và {}", xlsx.display(), md.display());
    Ok(())
}
