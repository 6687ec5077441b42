//! The reader's tests on committed files, one test binary (issue 21: each
//! module was a binary of its own, linked again): fixtures of every writer,
//! recognition, the reference workbook, Word returns. One module alone:
//! `cargo test --release -p tonghop-ingest --test files fixtures::`.

mod fixtures;
mod recognition;
mod reference;
mod word;
