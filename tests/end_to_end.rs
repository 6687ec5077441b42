//! The end-to-end tests, one test binary: each module below was a test
//! binary of its own, and each linked polars, calamine and the generator
//! again; as modules of one crate they are compiled and linked once (issue 21:
//! the cold build). Run one module with `cargo test --release --test
//! end_to_end sample::` (a filter on the module's name).

mod harness;

mod checked_inputs;
mod commands;
mod commendation;
mod consolidation_rules;
mod dashboard;
mod outputs;
mod recognition;
mod reconcile_rules;
mod robustness;
mod run;
mod sample;
mod serve;
mod stated_stages;
mod unseen;
