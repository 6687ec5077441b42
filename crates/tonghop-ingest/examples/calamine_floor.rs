//! The floor of the peer benchmark (`bench/run.py`): every cell of every sheet
//! of every return under a folder read with calamine, and nothing else, on
//! all cores (rayon). Prints files, cells and seconds.
//!
//! Run: `cargo run --release -p tonghop-ingest --example calamine_floor -- FOLDER`

use std::path::{Path, PathBuf};
use std::time::Instant;

fn returns(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            returns(&p, out);
        } else if p
            .extension()
            .is_some_and(|x| ["xlsx", "xlsm", "xls", "ods"].contains(&&*x.to_string_lossy()))
            && !p.ends_with("danh-muc.xlsx")
        {
            out.push(p);
        }
    }
}

fn main() {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("usage: calamine_floor FOLDER");
        std::process::exit(2);
    };
    let started = Instant::now();
    let mut paths = Vec::new();
    returns(Path::new(&dir), &mut paths);
    let cells = tonghop_ingest::calamine_floor(&paths);
    println!(
        "{} files, {cells} cells, {:.3} s, {} threads",
        paths.len(),
        started.elapsed().as_secs_f64(),
        std::thread::available_parallelism().map_or(1, std::num::NonZero::get)
    );
}
