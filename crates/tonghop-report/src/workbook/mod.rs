//! `tong-hop.xlsx`: the workbook the office prints. One file per sheet, each
//! with `fn write(book: &mut Book) -> Result<(), XlsxError>`, and one ordered
//! list of them, [`SHEETS`]: adding a sheet is one new file and one line.
//!
//! Every list is laid out by [`list`]: Times New Roman 12, widths from the
//! content (never from the title), long text wrapped in its cell, frozen
//! header and filter; printed on A4 landscape with the header row repeated on
//! every page, the sheet's title in the page header and `Trang x / y` in the
//! footer, fitted to the page's width only where no text falls under 9 pt.
//! Text from returns is always written as a string, so `=…` in a cell never
//! becomes a formula.

mod bien_dong_chi_tiet;
mod bieu_do;
mod canh_bao;
mod cells;
mod chi_tieu;
mod danh_sach;
mod doi_chieu;
mod doi_chieu_theo_nhom;
mod list;
mod nguon;
mod quy_tac;
mod so_ghi_danh;
mod theo_don_vi;
mod tong_hop;
mod ty_le_bao_cao;
mod xet_khen_thuong;
mod yeu_cau_bo_sung;

use crate::{Report, ReportError};
use cells::Formats;
use rust_xlsxwriter::{Workbook, Worksheet, XlsxError};
use std::collections::HashMap;
use std::path::Path;
use tonghop_core::Level;
use tonghop_reconcile::Summary;

/// The sheets, in the workbook's order.
const SHEETS: [Sheet; 16] = [
    tong_hop::write,
    ty_le_bao_cao::write,
    chi_tieu::write,
    theo_don_vi::write,
    danh_sach::models,
    danh_sach::exemplars,
    doi_chieu::write,
    bien_dong_chi_tiet::write,
    doi_chieu_theo_nhom::write,
    xet_khen_thuong::write,
    so_ghi_danh::write,
    yeu_cau_bo_sung::write,
    canh_bao::write,
    quy_tac::write,
    nguon::write,
    bieu_do::write,
];

/// Writes one sheet (or none, or several parts of a long list) into the book.
type Sheet = for<'b, 's, 'e> fn(&'b mut Book<'_, 's, 'e>) -> Result<(), XlsxError>;

/// What every sheet is written with: the report, the formats, the names users
/// read for codes, and the workbook's sheets in order.
pub(crate) struct Book<'w, 'scope, 'env> {
    report: &'env Report<'env>,
    f: &'env Formats,
    names: Names<'env>,
    /// The PNG charts shown on *Biểu đồ*, waited for there (none for the
    /// benchmark).
    charts: Option<&'env crate::Drawn>,
    wb: &'w mut Workbook,
    sheets: Sheets<'scope, 'env>,
}

impl<'scope, 'env> Book<'_, 'scope, 'env> {
    fn summary(&self) -> &'env Summary {
        &self.report.reconciled.summary
    }

    /// The next sheet, an ordinary one.
    fn add(&mut self) -> &mut Worksheet {
        self.sheets.add(Worksheet::new())
    }

    /// The next sheet, written by `write` on its own thread (a long list).
    fn stream(
        &mut self,
        write: impl FnOnce(Worksheet) -> Result<Worksheet, XlsxError> + Send + 'scope,
    ) {
        self.sheets.stream(self.wb, write);
    }
}

/// The names users read for the codes in the frames.
#[derive(Clone, Copy)]
pub(crate) struct Names<'a> {
    summary: &'a Summary,
    reference: &'a tonghop_core::Reference,
    /// Each roster code's position ([`tonghop_core::Reference::unit_positions`]):
    /// a sheet names the unit of every row (a scan of the roster per row grew
    /// with rows × units, issue 21).
    positions: &'a HashMap<&'a str, usize>,
}

impl<'a> Names<'a> {
    /// A period's name (its id when it has none).
    fn period(self, id: &str) -> String {
        self.summary
            .periods
            .iter()
            .find(|p| p.id == id)
            .map_or_else(|| id.to_owned(), |p| p.name.clone())
    }

    /// A category's name.
    fn category(self, code: &str) -> String {
        tonghop_core::category_label(&self.reference.categories, code)
    }

    /// A unit's name from the roster (its code when the roster has none).
    fn unit(self, code: &str) -> String {
        self.positions
            .get(code)
            .and_then(|&i| self.reference.units.get(i))
            .map_or_else(|| code.to_owned(), |u| u.name.clone())
    }
}

/// `models` / `exemplars` (summary.json) as users read it.
fn subject_label(plural: &str) -> &'static str {
    if plural == "models" {
        "Mô hình"
    } else {
        "Điển hình"
    }
}

fn level_name(code: &str) -> &'static str {
    Level::from_code(code).map_or("", Level::label)
}

/// Writes `tong-hop.xlsx`; `charts` are the PNG charts to show on *Biểu đồ*
/// beside the native ones, waited for there (none for the benchmark).
pub(crate) fn write(
    report: &Report,
    path: &Path,
    charts: Option<&crate::Drawn>,
) -> Result<(), ReportError> {
    build(report, path, charts).map_err(|e| ReportError::xlsx("tong-hop.xlsx", &e))
}

fn build(report: &Report, path: &Path, charts: Option<&crate::Drawn>) -> Result<(), XlsxError> {
    let f = Formats::new();
    let mut wb = Workbook::new();
    let positions = report.reference.unit_positions();
    let names = Names {
        summary: report.summary(),
        reference: report.reference,
        positions: &positions,
    };
    std::thread::scope(|scope| -> Result<(), XlsxError> {
        let mut book = Book {
            report,
            f: &f,
            names,
            charts,
            wb: &mut wb,
            sheets: Sheets::new(scope),
        };
        for sheet in SHEETS {
            sheet(&mut book)?;
        }
        let Book { wb, sheets, .. } = book;
        sheets.finish(wb)
    })?;
    // Compressed fast: deflate was most of the saving time. On the sample,
    // level 1 against the default 6: 135 million instructions fewer (a
    // tenth of the whole run) for a file 14 % larger; on long lists about
    // twice as fast for a file about a third larger (issue 21).
    wb.set_zip_compression_level(1);
    save(&mut wb, path)
}

/// The workbook's sheets, in their order. Ordinary sheets are made here; a
/// long list is written on a thread of its own (to its own temporary file,
/// rust_xlsxwriter's constant-memory mode) while the others are made, and
/// joined in its place before saving.
struct Sheets<'scope, 'env> {
    scope: &'scope std::thread::Scope<'scope, 'env>,
    /// Per sheet in order: written on a thread (`true`) or made here.
    streamed: Vec<bool>,
    ready: Vec<Worksheet>,
    writing: Vec<std::thread::ScopedJoinHandle<'scope, Result<Worksheet, XlsxError>>>,
}

impl<'scope, 'env> Sheets<'scope, 'env> {
    fn new(scope: &'scope std::thread::Scope<'scope, 'env>) -> Self {
        Sheets {
            scope,
            streamed: Vec::new(),
            ready: Vec::new(),
            writing: Vec::new(),
        }
    }

    /// `ws` as the next sheet.
    fn add(&mut self, ws: Worksheet) -> &mut Worksheet {
        self.streamed.push(false);
        self.ready.push(ws);
        let last = self.ready.len() - 1;
        &mut self.ready[last]
    }

    /// The next sheet, written by `write` on its own thread. Constant memory
    /// needs a temporary file; where none can be made, the ordinary mode
    /// still writes the sheet.
    fn stream(
        &mut self,
        wb: &mut Workbook,
        write: impl FnOnce(Worksheet) -> Result<Worksheet, XlsxError> + Send + 'scope,
    ) {
        let ws = wb
            .new_worksheet_with_constant_memory()
            .unwrap_or_else(|_| Worksheet::new());
        self.streamed.push(true);
        self.writing.push(self.scope.spawn(move || write(ws)));
    }

    /// Every sheet into the workbook, in order (waiting for those still
    /// being written); the first error is returned.
    fn finish(self, wb: &mut Workbook) -> Result<(), XlsxError> {
        let (mut ready, mut writing) = (self.ready.into_iter(), self.writing.into_iter());
        for streamed in self.streamed {
            let ws = if streamed {
                writing.next().map(|h| {
                    h.join()
                        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
                })
            } else {
                ready.next().map(Ok)
            };
            if let Some(ws) = ws {
                wb.push_worksheet(ws?);
            }
        }
        Ok(())
    }
}

/// Saves through a [`tonghop_out::GuardedFile`]: a failed write is reported
/// once, as the system's own error.
pub(crate) fn save(wb: &mut Workbook, path: &Path) -> Result<(), XlsxError> {
    let file = tonghop_out::GuardedFile::create(path)?;
    let first = file.error();
    match wb.save_to_writer(file) {
        Ok(()) => Ok(()),
        Err(e) => Err(first
            .lock()
            .ok()
            .and_then(|mut slot| slot.take())
            .map_or(e, XlsxError::IoError)),
    }
}
