//! The reader's tests on committed files, one test binary (issue 21: each
//! module was a binary of its own, linked again): fixtures of every writer,
//! recognition, the reference workbook, Word returns. One module alone:
//! `cargo test --release -p tonghop-ingest --test files fixtures::`. The helpers
//! more than one module uses are here.

mod fixtures;
mod recognition;
mod reference;
mod word;

use std::path::PathBuf;
use tonghop_core::{Return, RowKind};

/// This package's folder, as `cargo test` gives it when running the test: the
/// path compiled in can be another checkout's when a target directory is
/// shared between clones (cargo's fingerprints do not depend on the path).
fn manifest_dir() -> PathBuf {
    std::env::var_os("CARGO_MANIFEST_DIR")
        .map_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")), PathBuf::from)
}

/// The names of the entries of `kind` a return lists, in order.
fn names(r: &Return, kind: RowKind) -> Vec<String> {
    r.rows
        .iter()
        .filter(|x| x.kind == kind)
        .filter_map(|x| x.entry.as_ref().map(|e| e.name.clone()))
        .collect()
}
