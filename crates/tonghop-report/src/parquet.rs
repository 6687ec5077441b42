//! `data/*.parquet`.

use crate::{Report, ReportError};
use polars::prelude::*;
use polars_io::parquet::write::ParquetWriter;
use std::path::Path;
use tonghop_core::Finding;

fn write(df: &mut DataFrame, path: &Path) -> Result<(), ReportError> {
    let name = path
        .file_name()
        .map(|n| format!("data/{}", n.to_string_lossy()))
        .unwrap_or_default();
    let file = std::fs::File::create(path).map_err(|e| ReportError::new(name.clone(), e))?;
    ParquetWriter::new(file)
        .finish(df)
        .map_err(|e| ReportError::new(name, e))?;
    Ok(())
}

/// The findings as a frame (same columns as `findings.csv`).
pub(crate) fn findings_frame(findings: &[Finding]) -> PolarsResult<DataFrame> {
    let s = |f: fn(&Finding) -> String| -> Vec<String> { findings.iter().map(f).collect() };
    DataFrame::new_infer_height(vec![
        Column::new("code".into(), s(|f| f.code.as_str().to_owned())),
        Column::new("severity".into(), s(|f| f.severity.as_str().to_owned())),
        Column::new("period".into(), s(|f| f.period.clone())),
        Column::new("unit".into(), s(|f| f.unit.clone())),
        Column::new("file".into(), s(|f| f.file.clone())),
        Column::new("sheet".into(), s(|f| f.sheet.clone())),
        Column::new(
            "row".into(),
            findings.iter().map(|f| f.row).collect::<Vec<Option<u32>>>(),
        ),
        Column::new("message".into(), s(|f| f.message.clone())),
    ])
}

pub(crate) fn write_all(report: &Report, dir: &Path) -> Result<(), ReportError> {
    let c = report.consolidated;
    write(&mut c.models.clone(), &dir.join("models.parquet"))?;
    write(&mut c.exemplars.clone(), &dir.join("exemplars.parquet"))?;
    write(&mut c.rows.clone(), &dir.join("rows.parquet"))?;
    let mut f = findings_frame(report.findings)
        .map_err(|e| ReportError::new("data/findings.parquet", e))?;
    write(&mut f, &dir.join("findings.parquet"))
}
