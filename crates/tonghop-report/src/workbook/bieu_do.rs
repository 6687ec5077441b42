//! *Biểu đồ*: native charts over the *Tổng hợp* table, restylable in Excel,
//! and below them the PNG charts of `bieu-do/` as they go into a report.

use super::cells::col;
use super::list::print;
use super::{tong_hop, Book};
use rust_xlsxwriter::{Chart, ChartType, Image, XlsxError};
use std::path::{Path, PathBuf};
use tonghop_core::Level;

/// The PNG charts of `dir`, by name.
fn pictures(dir: Option<&Path>) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = dir
        .and_then(|d| std::fs::read_dir(d).ok())
        .map(|d| {
            d.flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "png"))
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

/// A chart's width on the sheet (pixels).
const CHART_PX: u32 = 720;

pub(super) fn write(book: &mut Book) -> Result<(), XlsxError> {
    let (n, f, charts) = (book.summary().periods.len(), book.f, book.charts);
    let n = u32::try_from(n).unwrap_or(0);
    let ws = book.add();
    ws.set_name("Biểu đồ")?;
    let title = "BIỂU ĐỒ (có thể chỉnh sửa trong Excel)";
    ws.write_string_with_format(0, 0, title, &f.title)?;
    if n > 0 {
        for (k, (title, first_col)) in [
            ("Mô hình theo cấp đăng ký", 2u16),
            ("Điển hình theo cấp đăng ký", 7u16),
        ]
        .iter()
        .enumerate()
        {
            let mut chart = Chart::new(ChartType::ColumnStacked);
            for (j, l) in [Level::Tinh, Level::Khoi, Level::CoSo, Level::KhongRo]
                .iter()
                .enumerate()
            {
                let c = first_col + col(j);
                chart
                    .add_series()
                    .set_categories((tong_hop::NAME, 3, 0, 2 + n, 0))
                    .set_values((tong_hop::NAME, 3, c, 2 + n, c))
                    .set_name(l.label());
            }
            chart.title().set_name(*title);
            chart
                .legend()
                .set_position(rust_xlsxwriter::ChartLegendPosition::Bottom);
            chart.set_width(CHART_PX).set_height(400);
            ws.insert_chart(2 + u32::try_from(k).unwrap_or(0) * 22, 0, &chart)?;
        }
    }
    let mut row = 2 + 2 * 22;
    for png in pictures(charts.and_then(crate::Drawn::wait)) {
        let name = png
            .file_stem()
            .map(|s| s.to_string_lossy().to_string())
            .unwrap_or_default();
        let picture = Image::new(&png)?
            .set_scale_to_size(CHART_PX, 450, true)
            .set_alt_text(format!("Biểu đồ bieu-do/{name}.png"));
        ws.write_string(row, 0, format!("bieu-do/{name}.png"))?;
        ws.insert_image(row + 1, 0, &picture)?;
        row += 26;
    }
    // As wide as one chart: the page's width at full size, as many pages down.
    print(ws, title, None, f64::from(CHART_PX) * 0.75)
}
