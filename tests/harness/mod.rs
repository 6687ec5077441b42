//! A small harness for end-to-end tests: corpora in temp dirs, the binary,
//! and readers for its outputs.
#![allow(dead_code)]

use calamine::{open_workbook_auto, Data, Reader};
use polars::prelude::*;
use polars_io::prelude::*;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A temporary folder removed when dropped (std only, so the test build pulls
/// in no crate that would change the feature set of the release build).
pub struct TempDir(PathBuf);

impl TempDir {
    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

pub fn tempdir() -> TempDir {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static N: AtomicUsize = AtomicUsize::new(0);
    let p = std::env::temp_dir().join(format!(
        "tonghop-test-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ));
    let _ = std::fs::remove_dir_all(&p);
    std::fs::create_dir_all(&p).expect("temp dir");
    TempDir(p)
}

/// A generated corpus in a temp dir, and `tonghop run` on it.
pub struct Ran {
    pub dir: TempDir,
    pub inputs: PathBuf,
    pub out: PathBuf,
    pub truth: tonghop_gen::Truth,
}

/// Generates a corpus and runs the pipeline on it; the run must succeed.
pub fn generate_and_run(scenario: &tonghop_gen::Scenario, seed: u64) -> Ran {
    let dir = tempdir();
    let inputs = dir.path().join("inputs");
    let out = dir.path().join("out");
    let truth = tonghop_gen::generate(scenario, seed, &inputs).expect("corpus written");
    let o = run(&[
        "run",
        inputs.to_str().expect("utf-8"),
        "--out",
        out.to_str().expect("utf-8"),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    Ran {
        dir,
        inputs,
        out,
        truth,
    }
}

pub fn tonghop() -> Command {
    Command::new(env!("CARGO_BIN_EXE_tonghop"))
}

/// Runs `tonghop` with `args`, returning its output.
pub fn run(args: &[&str]) -> Output {
    tonghop().args(args).output().expect("the binary runs")
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).to_string()
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).to_string()
}

/// The repository root.
pub fn root() -> PathBuf {
    manifest_dir()
}

pub fn json(path: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).expect("valid JSON")
}

pub fn parquet(path: &Path) -> DataFrame {
    let f = std::fs::File::open(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    ParquetReader::new(f).finish().expect("readable parquet")
}

/// Distinct active entities of a period in a models/exemplars frame.
pub fn active(df: &DataFrame, period: &str) -> usize {
    df.clone()
        .lazy()
        .filter(
            col("period")
                .eq(lit(period))
                .and(col("status").eq(lit("dang_ky"))),
        )
        .collect()
        .expect("filter")
        .height()
}

/// The cells of a sheet of a workbook, as text.
pub fn sheet(path: &Path, name: &str) -> Vec<Vec<String>> {
    let mut wb = open_workbook_auto(path).expect("workbook opens");
    let range = wb.worksheet_range(name).expect("sheet exists");
    range
        .rows()
        .map(|r| {
            r.iter()
                .map(|c| match c {
                    Data::Float(f) => format!("{f}"),
                    Data::Int(i) => i.to_string(),
                    Data::Empty => String::new(),
                    other => other.to_string(),
                })
                .collect()
        })
        .collect()
}

/// The numbers of the `Tổng hợp` row for a period: (models total, exemplars total).
pub fn workbook_totals(path: &Path, period: &str) -> (f64, f64) {
    let cells = sheet(path, "Tổng hợp");
    let header = cells
        .iter()
        .position(|r| r.first().is_some_and(|c| c == "Kỳ báo cáo"))
        .expect("header row");
    let h = &cells[header];
    let m = h
        .iter()
        .position(|c| c == "Tổng mô hình")
        .expect("models column");
    let e = h
        .iter()
        .position(|c| c == "Tổng điển hình")
        .expect("exemplars column");
    let row = cells
        .iter()
        .find(|r| r.get(1).is_some_and(|c| c == period))
        .expect("period row");
    (
        row[m].parse().expect("number"),
        row[e].parse().expect("number"),
    )
}

/// This package's folder, as `cargo test` gives it when running the test: the
/// path compiled in can be another checkout's when a target directory is
/// shared between clones (cargo's fingerprints do not depend on the path).
pub fn manifest_dir() -> PathBuf {
    std::env::var_os("CARGO_MANIFEST_DIR")
        .map_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")), PathBuf::from)
}
