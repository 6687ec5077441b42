//! `data/*.parquet`.

use crate::{Report, ReportError};
use polars::prelude::*;
use polars_io::parquet::write::ParquetWriter;
use std::path::Path;
use tonghop_core::Finding;

/// Rows per row group: each is made contiguous on its own while it is
/// written, so a frame of millions of rows is never copied whole (polars'
/// `finish` rechunks the whole frame first).
const ROW_GROUP: usize = 256 * 1024;

fn write(df: &DataFrame, path: &Path) -> Result<(), ReportError> {
    let name = path
        .file_name()
        .map(|n| format!("data/{}", n.to_string_lossy()))
        .unwrap_or_default();
    let file = std::fs::File::create(path).map_err(|e| ReportError::io(name.clone(), &e))?;
    // Buffered: the parquet writer makes thousands of writes of a few bytes
    // (page headers, lengths), each a system call on the bare file.
    let mut file = std::io::BufWriter::with_capacity(1 << 20, file);
    let written = |file: &mut std::io::BufWriter<std::fs::File>| -> PolarsResult<()> {
        let mut writer = ParquetWriter::new(file).batched(df.schema())?;
        let mut offset = 0;
        while offset < df.height() {
            let mut group = df.slice(i64::try_from(offset).unwrap_or(i64::MAX), ROW_GROUP);
            group.rechunk_mut_par();
            writer.write_batch(&group)?;
            offset += ROW_GROUP;
        }
        writer.finish()?;
        Ok(())
    };
    written(&mut file).map_err(|e| ReportError::polars(name.clone(), &e))?;
    std::io::Write::flush(&mut file).map_err(|e| ReportError::io(name, &e))
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
    write(&c.models, &dir.join("models.parquet"))?;
    write(&c.exemplars, &dir.join("exemplars.parquet"))?;
    write(&c.rows, &dir.join("rows.parquet"))?;
    let f = findings_frame(report.findings)
        .map_err(|e| ReportError::polars("data/findings.parquet", &e))?;
    write(&f, &dir.join("findings.parquet"))
}
