//! The floor of writing a workbook: every cell of an `.xlsx` (tonghop's own
//! `tong-hop.xlsx`, say) written again into a new workbook by rust_xlsxwriter,
//! sheet by sheet, with no formats, widths, charts or anything else — what
//! any tool that hands an analyst these lists in Excel must at least pay.
//! Each sheet is written on a thread of its own in constant-memory mode, as
//! tonghop writes its long lists; the workbook's parts are then deflated
//! and saved at deflate level 1, as tonghop saves (one thread,
//! rust_xlsxwriter's packager). Reading the cells
//! back with calamine is timed apart and not counted.
//!
//! Run: `cargo run --release -p tonghop-report --example write_floor -- FILE.xlsx OUT.xlsx`
//! (issue 21: against the calamine floor of the returns, BENCHMARKS.md).

use calamine::{open_workbook_auto, Data, Reader};
use rust_xlsxwriter::{Workbook, Worksheet, XlsxError};
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let (Some(input), Some(output)) = (args.next(), args.next()) else {
        eprintln!("usage: write_floor FILE.xlsx OUT.xlsx");
        std::process::exit(2);
    };
    let read = Instant::now();
    let mut book = open_workbook_auto(&input)?;
    let mut sheets = Vec::new();
    for name in book.sheet_names() {
        sheets.push((name.clone(), book.worksheet_range(&name)?));
    }
    let cells: usize = sheets.iter().map(|(_, r)| r.used_cells().count()).sum();
    let read = read.elapsed().as_secs_f64();

    let write = Instant::now();
    let mut workbook = Workbook::new();
    // Deflated as fast as tonghop's own workbook (`workbook/mod.rs`).
    workbook.set_zip_compression_level(1);
    let mut blank = Vec::new();
    for _ in &sheets {
        blank.push(workbook.new_worksheet_with_constant_memory()?);
    }
    let written = std::thread::scope(|s| {
        let handles: Vec<_> = sheets
            .iter()
            .zip(blank)
            .map(|((name, range), mut ws)| {
                s.spawn(move || -> Result<Worksheet, XlsxError> {
                    ws.set_name(name)?;
                    let (r0, c0) = range.start().unwrap_or((0, 0));
                    for (i, row) in range.rows().enumerate() {
                        let r = r0 + u32::try_from(i).unwrap_or(u32::MAX);
                        for (j, v) in row.iter().enumerate() {
                            let c = u16::try_from(c0 as usize + j).unwrap_or(u16::MAX);
                            match v {
                                Data::Empty => {}
                                Data::String(t) => {
                                    ws.write_string(r, c, t)?;
                                }
                                Data::Float(x) => {
                                    ws.write_number(r, c, *x)?;
                                }
                                Data::Int(x) => {
                                    #[allow(clippy::cast_precision_loss)]
                                    ws.write_number(r, c, *x as f64)?;
                                }
                                Data::Bool(b) => {
                                    ws.write_boolean(r, c, *b)?;
                                }
                                other => {
                                    ws.write_string(r, c, other.to_string())?;
                                }
                            }
                        }
                    }
                    Ok(ws)
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("a sheet's thread panicked"))
            .collect::<Result<Vec<_>, _>>()
    })?;
    let sheets_done = write.elapsed().as_secs_f64();
    for ws in written {
        workbook.push_worksheet(ws);
    }
    workbook.save(&output)?;
    println!(
        "{} sheets, {cells} cells: read back {read:.3} s (not counted); written {:.3} s (sheets {sheets_done:.3} s, then deflated and saved)",
        sheets.len(),
        write.elapsed().as_secs_f64(),
    );
    Ok(())
}
