//! The floor of the peer benchmark (`bench/run.py`): every cell of every sheet
//! of every return under a folder read with calamine, and nothing else, on
//! all cores (rayon). Prints files, cells and seconds.
//!
//! Run: `cargo run --release -p tonghop-ingest --example calamine_floor -- FOLDER`

use calamine::{open_workbook_auto, Data, Reader};
use rayon::prelude::*;
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
    let cells: usize = paths
        .par_iter()
        .map(|p| {
            let Ok(mut wb) = open_workbook_auto(p) else {
                return 0;
            };
            let mut n = 0;
            for name in wb.sheet_names() {
                if let Ok(range) = wb.worksheet_range(&name) {
                    n += range
                        .used_cells()
                        .filter(|(_, _, d)| !matches!(d, Data::Empty))
                        .count();
                }
            }
            n
        })
        .sum();
    println!(
        "{} files, {cells} cells, {:.3} s, {} threads",
        paths.len(),
        started.elapsed().as_secs_f64(),
        rayon::current_num_threads()
    );
}
