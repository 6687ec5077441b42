//! Writing returns the way units lay them out, and the reference workbook.

use crate::world::{PeriodDef, Unit, World};
use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError,
};
use std::path::Path;
use tonghop_core::{Date, Level};

/// One entry as a unit writes it.
#[derive(Debug, Clone)]
pub struct Line {
    pub name: String,
    pub owner: String,
    pub position: String,
    pub category_label: String,
    pub level: Level,
    pub note: String,
    /// Yearly ratings, `2021: HTTNV; 2022: HTXSNV` (empty: none).
    pub ratings: String,
    /// The commendation written (empty: none).
    pub commendation: String,
}

/// Whether a list carries ratings or commendations (its return then has
/// the columns for them).
fn has_merit(lines: &[Line]) -> bool {
    lines
        .iter()
        .any(|l| !l.ratings.is_empty() || !l.commendation.is_empty())
}

/// The years the lines' ratings name, in order.
fn rating_years(lines: &[Line]) -> Vec<String> {
    let mut years: Vec<String> = lines
        .iter()
        .flat_map(|l| l.ratings.split(';'))
        .filter_map(|p| p.split_once(':').map(|(y, _)| y.trim().to_owned()))
        .filter(|y| !y.is_empty())
        .collect();
    years.sort();
    years.dedup();
    years
}

/// The rating of one year from a `2021: …; 2022: …` text.
fn year_rating(ratings: &str, year: &str) -> String {
    ratings
        .split(';')
        .find_map(|p| p.trim().strip_prefix(year))
        .map(|r| r.trim_start_matches(':').trim().to_owned())
        .unwrap_or_default()
}

/// What goes into one return file.
pub struct ReturnDoc<'a> {
    pub unit: &'a Unit,
    pub period: &'a PeriodDef,
    pub date: Date,
    pub layout: usize,
    pub models: Vec<Line>,
    pub exemplars: Vec<Line>,
    /// Added to the stated model total (0 = correct).
    pub total_error: i64,
    /// Text transform applied to every string (NFD, tone style…).
    pub tx: &'a dyn Fn(&str) -> String,
}

struct F {
    bold: Format,
    center_bold: Format,
    italic: Format,
    header: Format,
    cell: Format,
}

fn formats() -> F {
    let base = Format::new()
        .set_font_name("Times New Roman")
        .set_font_size(13);
    F {
        bold: base.clone().set_bold(),
        center_bold: base.clone().set_bold().set_align(FormatAlign::Center),
        italic: base.clone().set_italic().set_align(FormatAlign::Center),
        header: base
            .clone()
            .set_bold()
            .set_border(FormatBorder::Thin)
            .set_align(FormatAlign::Center)
            .set_align(FormatAlign::VerticalCenter)
            .set_text_wrap(),
        cell: base.set_border(FormatBorder::Thin).set_text_wrap(),
    }
}

/// A workbook whose metadata carries the document's own date, so the same seed
/// writes the same bytes (and a regenerated corpus changes only what changed).
pub(crate) fn new_workbook(d: Date) -> Result<Workbook, XlsxError> {
    let mut wb = Workbook::new();
    let when = ExcelDateTime::from_ymd(
        u16::try_from(d.year()).unwrap_or(2000),
        u8::try_from(d.month()).unwrap_or(1),
        u8::try_from(d.day()).unwrap_or(1),
    )?;
    wb.set_properties(
        &DocProperties::new()
            .set_creation_datetime(&when)
            .set_author("tonghop-gen"),
    );
    Ok(wb)
}

pub(crate) fn date_line(d: Date) -> String {
    format!(
        "Yên Bái, ngày {:02} tháng {} năm {}",
        d.day(),
        d.month(),
        d.year()
    )
}

pub(crate) fn level_text(l: Level, layout: usize) -> &'static str {
    match (layout, l) {
        (1, Level::Tinh) => "Cấp tỉnh",
        (1, Level::Khoi) => "Cấp Khối",
        (1, _) => "Cấp cơ sở",
        (_, Level::Tinh) => "Tỉnh",
        (_, Level::Khoi) => "Khối",
        (_, _) => "Cơ sở",
    }
}

pub(crate) fn active_count(lines: &[Line]) -> i64 {
    i64::try_from(
        lines
            .iter()
            .filter(|l| !l.note.starts_with("Loại") && !l.note.starts_with("Không đạt"))
            .count(),
    )
    .unwrap_or(0)
}

/// Writes a return in one of three layouts.
///
/// # Errors
/// When the file cannot be written.
pub fn write_return(path: &Path, doc: &ReturnDoc) -> Result<(), XlsxError> {
    let mut wb = new_workbook(doc.date)?;
    let f = formats();
    match doc.layout % 3 {
        0 => layout_sections(&mut wb, &f, doc)?,
        1 => layout_two_sheets(&mut wb, &f, doc)?,
        _ => layout_numbered(&mut wb, &f, doc)?,
    }
    wb.save(path)
}

fn header_block(
    ws: &mut Worksheet,
    f: &F,
    doc: &ReturnDoc,
    right_col: u16,
) -> Result<(), XlsxError> {
    let t = doc.tx;
    ws.merge_range(
        0,
        0,
        0,
        2,
        &t("ĐẢNG ỦY KHỐI CƠ QUAN VÀ DOANH NGHIỆP TỈNH"),
        &f.center_bold,
    )?;
    ws.merge_range(
        1,
        0,
        1,
        2,
        &t(&doc.unit.name.to_uppercase()),
        &f.center_bold,
    )?;
    ws.write_string_with_format(2, 1, "*", &f.center_bold)?;
    ws.merge_range(
        0,
        right_col,
        0,
        right_col + 2,
        &t("ĐẢNG CỘNG SẢN VIỆT NAM"),
        &f.center_bold,
    )?;
    ws.merge_range(
        2,
        right_col,
        2,
        right_col + 2,
        &t(&date_line(doc.date)),
        &f.italic,
    )?;
    Ok(())
}

fn footer(
    ws: &mut Worksheet,
    f: &F,
    row: u32,
    doc: &ReturnDoc,
    right_col: u16,
) -> Result<(), XlsxError> {
    let t = doc.tx;
    ws.write_string_with_format(row, 0, t("Nơi nhận:"), &f.bold)?;
    ws.write_string_with_format(row, right_col, t("T/M BAN THƯỜNG VỤ"), &f.center_bold)?;
    ws.write_string(row + 1, 0, t("- Ban Tuyên giáo ĐUK;"))?;
    ws.write_string_with_format(row + 1, right_col, t("BÍ THƯ"), &f.center_bold)?;
    ws.write_string(row + 2, 0, t("- Lưu VP."))?;
    ws.write_string_with_format(row + 5, right_col, t("Trần Văn Bình"), &f.center_bold)?;
    Ok(())
}

/// Layout A: one sheet, sections `I.`/`II.`, two-row headers with tick columns
/// under `Cấp đăng ký`, a numbering row, `Cộng` rows, a stated total in words.
fn layout_sections(wb: &mut Workbook, f: &F, doc: &ReturnDoc) -> Result<(), XlsxError> {
    let t = doc.tx;
    let ws = wb.add_worksheet();
    ws.set_name("Báo cáo")?;
    header_block(ws, f, doc, 5)?;
    ws.merge_range(4, 0, 4, 7, &t("DANH SÁCH"), &f.center_bold)?;
    ws.merge_range(5, 0, 5, 7, &t("Mô hình, điển hình tiên tiến học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh"), &f.center_bold)?;
    ws.write_string(
        7,
        0,
        t(&format!(
            "Tổng số mô hình đăng ký: {}",
            active_count(&doc.models) + doc.total_error
        )),
    )?;
    let mut r = 8;
    for (section, model, lines) in [
        ("I. MÔ HÌNH TẬP THỂ", true, &doc.models),
        ("II. ĐIỂN HÌNH CÁ NHÂN", false, &doc.exemplars),
    ] {
        ws.write_string_with_format(r, 0, t(section), &f.bold)?;
        r += 1;
        let heads: [&str; 4] = if model {
            ["STT", "Tên mô hình", "Đơn vị thực hiện", "Lĩnh vực"]
        } else {
            ["STT", "Họ và tên", "Chức vụ", "Đơn vị công tác"]
        };
        for (j, h) in heads.iter().enumerate() {
            ws.merge_range(
                r,
                u16::try_from(j).unwrap_or(0),
                r + 1,
                u16::try_from(j).unwrap_or(0),
                &t(h),
                &f.header,
            )?;
        }
        ws.merge_range(r, 4, r, 6, &t("Cấp đăng ký"), &f.header)?;
        for (j, h) in ["Tỉnh", "Khối", "Cơ sở"].iter().enumerate() {
            ws.write_string_with_format(r + 1, 4 + u16::try_from(j).unwrap_or(0), t(h), &f.header)?;
        }
        ws.merge_range(r, 7, r + 1, 7, &t("Ghi chú"), &f.header)?;
        let merit = has_merit(lines);
        if merit {
            ws.merge_range(r, 8, r + 1, 8, &t("Khen thưởng"), &f.header)?;
            ws.merge_range(r, 9, r + 1, 9, &t("Xếp loại"), &f.header)?;
        }
        r += 2;
        for j in 0..if merit { 10u16 } else { 8 } {
            ws.write_string_with_format(r, j, format!("({})", j + 1), &f.header)?;
        }
        r += 1;
        for (i, l) in lines.iter().enumerate() {
            ws.write_number_with_format(
                r,
                0,
                f64::from(u32::try_from(i + 1).unwrap_or(0)),
                &f.cell,
            )?;
            ws.write_string_with_format(r, 1, t(&l.name), &f.cell)?;
            ws.write_string_with_format(
                r,
                2,
                t(if model { &l.owner } else { &l.position }),
                &f.cell,
            )?;
            ws.write_string_with_format(
                r,
                3,
                t(if model { &l.category_label } else { &l.owner }),
                &f.cell,
            )?;
            let tick = match l.level {
                Level::Tinh => 4,
                Level::Khoi => 5,
                _ => 6,
            };
            for j in 4..7u16 {
                if j == tick {
                    ws.write_string_with_format(r, j, "x", &f.cell)?;
                } else {
                    ws.write_blank(r, j, &f.cell)?;
                }
            }
            ws.write_string_with_format(r, 7, t(&l.note), &f.cell)?;
            if merit {
                ws.write_string_with_format(r, 8, t(&l.commendation), &f.cell)?;
                ws.write_string_with_format(r, 9, t(&l.ratings), &f.cell)?;
            }
            r += 1;
        }
        ws.write_string_with_format(r, 0, t("Cộng"), &f.bold)?;
        #[allow(clippy::cast_precision_loss)]
        ws.write_number_with_format(r, 1, active_count(lines) as f64, &f.bold)?;
        r += 2;
    }
    footer(ws, f, r, doc, 5)?;
    ws.set_column_width(1, 45)?;
    ws.set_column_width(2, 30)?;
    ws.set_column_width(3, 28)?;
    Ok(())
}

/// Layout B: a sheet per list, one header row, level written out, `Tổng cộng`.
fn layout_two_sheets(wb: &mut Workbook, f: &F, doc: &ReturnDoc) -> Result<(), XlsxError> {
    let t = doc.tx;
    for (sheet, model, lines) in [
        ("Mô hình", true, &doc.models),
        ("Điển hình", false, &doc.exemplars),
    ] {
        let ws = wb.add_worksheet();
        ws.set_name(sheet)?;
        header_block(ws, f, doc, 3)?;
        let title = if model {
            format!(
                "DANH SÁCH MÔ HÌNH ĐĂNG KÝ CỦA {}",
                doc.unit.name.to_uppercase()
            )
        } else {
            format!(
                "DANH SÁCH GƯƠNG ĐIỂN HÌNH TIÊN TIẾN CỦA {}",
                doc.unit.name.to_uppercase()
            )
        };
        ws.merge_range(4, 0, 4, 5, &t(&title), &f.center_bold)?;
        let heads: [&str; 6] = if model {
            [
                "TT",
                "Tên mô hình, cách làm",
                "Chủ thể",
                "Loại mô hình",
                "Cấp",
                "Tình trạng",
            ]
        } else {
            ["TT", "Họ tên", "Chức vụ", "Nơi công tác", "Cấp", "Ghi chú"]
        };
        let merit = has_merit(lines);
        let years = rating_years(lines);
        let mut more: Vec<String> = Vec::new();
        if merit {
            more.push("Hình thức khen thưởng".into());
            more.extend(years.iter().map(|y| format!("Xếp loại năm {y}")));
        }
        for (j, h) in heads
            .iter()
            .copied()
            .chain(more.iter().map(String::as_str))
            .enumerate()
        {
            ws.write_string_with_format(6, u16::try_from(j).unwrap_or(0), t(h), &f.header)?;
        }
        let mut r = 7;
        for (i, l) in lines.iter().enumerate() {
            ws.write_number_with_format(
                r,
                0,
                f64::from(u32::try_from(i + 1).unwrap_or(0)),
                &f.cell,
            )?;
            ws.write_string_with_format(r, 1, t(&l.name), &f.cell)?;
            ws.write_string_with_format(
                r,
                2,
                t(if model { &l.owner } else { &l.position }),
                &f.cell,
            )?;
            ws.write_string_with_format(
                r,
                3,
                t(if model { &l.category_label } else { &l.owner }),
                &f.cell,
            )?;
            ws.write_string_with_format(r, 4, t(level_text(l.level, 1)), &f.cell)?;
            ws.write_string_with_format(r, 5, t(&l.note), &f.cell)?;
            if merit {
                ws.write_string_with_format(r, 6, t(&l.commendation), &f.cell)?;
                for (j, y) in (7u16..).zip(&years) {
                    ws.write_string_with_format(r, j, t(&year_rating(&l.ratings, y)), &f.cell)?;
                }
            }
            r += 1;
        }
        ws.write_string_with_format(r, 0, t("Tổng cộng"), &f.bold)?;
        let stated = active_count(lines) + if model { doc.total_error } else { 0 };
        #[allow(clippy::cast_precision_loss)]
        ws.write_number_with_format(r, 1, stated as f64, &f.bold)?;
        if !model {
            footer(ws, f, r + 2, doc, 3)?;
        }
        ws.set_column_width(1, 45)?;
        ws.set_column_width(2, 30)?;
        ws.set_column_width(3, 28)?;
    }
    Ok(())
}

/// Layout C: the template of plan 46 — numbered parts with the counts in
/// words, each list under its own header, no tick columns.
fn layout_numbered(wb: &mut Workbook, f: &F, doc: &ReturnDoc) -> Result<(), XlsxError> {
    let t = doc.tx;
    let ws = wb.add_worksheet();
    ws.set_name("DS")?;
    header_block(ws, f, doc, 4)?;
    ws.merge_range(4, 0, 4, 5, &t("BÁO CÁO"), &f.center_bold)?;
    ws.merge_range(
        5,
        0,
        5,
        5,
        &t(&format!(
            "Kết quả đăng ký xây dựng, nhân rộng các mô hình, điển hình tiên tiến của {} ({})",
            doc.unit.name,
            doc.period.name.to_lowercase()
        )),
        &f.italic,
    )?;
    let mut r = 7;
    for (part, model, lines) in [(1, true, &doc.models), (2, false, &doc.exemplars)] {
        let stated = active_count(lines) + if model { doc.total_error } else { 0 };
        let text = if model {
            format!("{part}. Số mô hình đăng ký thực hiện: {stated}")
        } else {
            format!("{part}. Số gương điển hình tiên tiến: {stated}")
        };
        ws.write_string_with_format(r, 0, t(&text), &f.bold)?;
        r += 1;
        let heads: [&str; 6] = if model {
            [
                "Số TT",
                "Tên mô hình",
                "Đơn vị chủ trì",
                "Lĩnh vực",
                "Cấp đăng ký",
                "Ghi chú",
            ]
        } else {
            ["STT", "Họ và tên", "Chức vụ", "Đơn vị", "Cấp", "Ghi chú"]
        };
        let merit = has_merit(lines);
        let more: &[&str] = if merit {
            &["Khen thưởng", "Kết quả xếp loại"]
        } else {
            &[]
        };
        for (j, h) in heads.iter().chain(more).enumerate() {
            ws.write_string_with_format(r, u16::try_from(j).unwrap_or(0), t(h), &f.header)?;
        }
        r += 1;
        for (i, l) in lines.iter().enumerate() {
            ws.write_string_with_format(r, 0, format!("{}", i + 1), &f.cell)?;
            ws.write_string_with_format(r, 1, t(&l.name), &f.cell)?;
            ws.write_string_with_format(
                r,
                2,
                t(if model { &l.owner } else { &l.position }),
                &f.cell,
            )?;
            ws.write_string_with_format(
                r,
                3,
                t(if model { &l.category_label } else { &l.owner }),
                &f.cell,
            )?;
            ws.write_string_with_format(r, 4, t(level_text(l.level, 2)), &f.cell)?;
            ws.write_string_with_format(r, 5, t(&l.note), &f.cell)?;
            if merit {
                ws.write_string_with_format(r, 6, t(&l.commendation), &f.cell)?;
                ws.write_string_with_format(r, 7, t(&l.ratings), &f.cell)?;
            }
            r += 1;
        }
        r += 1;
    }
    footer(ws, f, r, doc, 4)?;
    ws.set_column_width(1, 45)?;
    ws.set_column_width(2, 30)?;
    ws.set_column_width(3, 28)?;
    Ok(())
}

/// Writes `danh-muc.xlsx`: roster, periods, targets.
///
/// # Errors
/// When the file cannot be written.
pub fn write_reference(
    path: &Path,
    world: &World,
    targets: &[crate::TargetDef],
) -> Result<(), XlsxError> {
    let mut wb = new_workbook(world.periods[0].deadline)?;
    let f = formats();
    let date_fmt = Format::new().set_num_format("dd/mm/yyyy");
    let excel = |d: Date| {
        ExcelDateTime::from_ymd(
            u16::try_from(d.year()).unwrap_or(2000),
            u8::try_from(d.month()).unwrap_or(1),
            u8::try_from(d.day()).unwrap_or(1),
        )
    };
    {
        let ws = wb.add_worksheet();
        ws.set_name("Đơn vị")?;
        for (j, h) in [
            "Mã đơn vị",
            "Tên đơn vị",
            "Tên gọi khác",
            "Loại đơn vị",
            "Trực thuộc",
            "Từ ngày",
            "Đến ngày",
            "Ghi chú",
        ]
        .iter()
        .enumerate()
        {
            ws.write_string_with_format(0, u16::try_from(j).unwrap_or(0), *h, &f.header)?;
        }
        for (i, u) in world.units.iter().enumerate() {
            let r = u32::try_from(i + 1).unwrap_or(0);
            let prefix = match u.kind {
                crate::names::DB => "ĐB ",
                crate::names::CB => "CB ",
                _ => "",
            };
            ws.write_string(r, 0, &u.code)?;
            ws.write_string(r, 1, &u.name)?;
            ws.write_string(r, 2, format!("{}; {prefix}{}", u.short, u.abbrev))?;
            ws.write_string(r, 3, u.kind)?;
            ws.write_string(r, 4, "Đảng ủy Khối cơ quan và doanh nghiệp tỉnh")?;
            if let Some(d) = u.joined {
                ws.write_datetime_with_format(r, 5, &excel(d)?, &date_fmt)?;
            }
            if let Some(d) = u.left {
                // Written as text, as some offices do.
                ws.write_string(r, 6, d.to_string())?;
                ws.write_string(r, 7, "Chuyển về Đảng ủy Khối Ngân hàng Trung ương")?;
            }
        }
        ws.set_column_width(1, 60)?;
        ws.set_column_width(2, 40)?;
        ws.set_column_width(3, 16)?;
    }
    {
        let ws = wb.add_worksheet();
        ws.set_name("Kỳ báo cáo")?;
        for (j, h) in ["Mã kỳ", "Tên kỳ", "Thư mục", "Hạn nộp", "Loại kỳ"]
            .iter()
            .enumerate()
        {
            ws.write_string_with_format(0, u16::try_from(j).unwrap_or(0), *h, &f.header)?;
        }
        for (i, p) in world.periods.iter().enumerate() {
            let r = u32::try_from(i + 1).unwrap_or(0);
            ws.write_string(r, 0, p.id)?;
            ws.write_string(r, 1, p.name)?;
            ws.write_string(r, 2, p.id)?;
            ws.write_datetime_with_format(r, 3, &excel(p.deadline)?, &date_fmt)?;
            ws.write_string(r, 4, p.kind)?;
        }
        ws.set_column_width(1, 30)?;
    }
    {
        let ws = wb.add_worksheet();
        ws.set_name("Chỉ tiêu")?;
        for (j, h) in [
            "Kỳ",
            "Đối tượng",
            "Loại mô hình",
            "Cấp",
            "Loại đơn vị",
            "Số lượng",
        ]
        .iter()
        .enumerate()
        {
            ws.write_string_with_format(0, u16::try_from(j).unwrap_or(0), *h, &f.header)?;
        }
        for (i, t) in targets.iter().enumerate() {
            let r = u32::try_from(i + 1).unwrap_or(0);
            ws.write_string(
                r,
                1,
                if t.model {
                    "Mô hình"
                } else {
                    "Điển hình"
                },
            )?;
            if let Some(c) = &t.category {
                ws.write_string(r, 2, c)?;
            }
            ws.write_string(
                r,
                3,
                match t.level {
                    Level::Tinh => "Tỉnh",
                    Level::Khoi => "Khối",
                    _ => "Cơ sở",
                },
            )?;
            if let Some(k) = t.unit_kind {
                ws.write_string(r, 4, k)?;
            }
            ws.write_number(r, 5, f64::from(t.count))?;
        }
        ws.set_column_width(2, 24)?;
        ws.set_column_width(4, 16)?;
    }
    {
        // The campaign's own checks, as an analyst would write them.
        let ws = wb.add_worksheet();
        ws.set_name("Quy tắc")?;
        let rows: [[&str; 8]; 4] = [
            [
                "Mã",
                "Tên quy tắc",
                "Vế trái",
                "So sánh",
                "Vế phải",
                "Phạm vi",
                "Mức độ",
                "Khi thiếu số liệu",
            ],
            [
                "QT01",
                "Mô hình cấp tỉnh không nhiều hơn tổng số mô hình",
                "mo_hinh.tinh",
                "<=",
                "mo_hinh",
                "Toàn khối",
                "Lỗi",
                "",
            ],
            [
                "QT02",
                "Điển hình cấp tỉnh, cấp Khối không nhiều hơn tổng số điển hình",
                "dien_hinh.tinh + dien_hinh.khoi",
                "<=",
                "dien_hinh",
                "Từng đơn vị",
                "Cảnh báo",
                "Bỏ qua nếu thiếu tất cả",
            ],
            [
                "QT03",
                "Mô hình được khen thưởng không nhiều hơn mô hình được tuyên dương",
                "mo_hinh.khen_thuong",
                "<=",
                "mo_hinh.tuyen_duong",
                "Toàn khối",
                "Cảnh báo",
                "Bỏ qua nếu thiếu tất cả",
            ],
        ];
        for (i, row) in rows.iter().enumerate() {
            let r = u32::try_from(i).unwrap_or(0);
            for (j, v) in row.iter().enumerate() {
                let c = u16::try_from(j).unwrap_or(0);
                if i == 0 {
                    ws.write_string_with_format(r, c, *v, &f.header)?;
                } else if !v.is_empty() {
                    ws.write_string(r, c, *v)?;
                }
            }
        }
        ws.set_column_width(1, 50)?;
        ws.set_column_width(2, 30)?;
        ws.set_column_width(4, 22)?;
    }
    {
        // The committee's details for its letters; the date and the
        // signer are left for the office (the letters then carry the day
        // of the run and a signature to fill).
        let ws = wb.add_worksheet();
        ws.set_name("Thông tin")?;
        let rows: [[&str; 2]; 8] = [
            ["Mục", "Nội dung"],
            ["Cấp ủy cấp trên", "Đảng bộ tỉnh Yên Bái"],
            ["Tên cấp ủy", "Đảng ủy Khối cơ quan và doanh nghiệp tỉnh"],
            ["Ký hiệu", "ĐUK"],
            ["Địa danh", "Yên Bái"],
            ["Số ngày gửi lại", "10"],
            ["Chức vụ người ký", "Phó Bí thư"],
            [
                "Nơi nhận",
                "Thường trực Đảng ủy Khối (để b/c); Lưu Văn phòng",
            ],
        ];
        for (i, row) in rows.iter().enumerate() {
            let r = u32::try_from(i).unwrap_or(0);
            if i == 0 {
                ws.write_string_with_format(r, 0, row[0], &f.header)?;
                ws.write_string_with_format(r, 1, row[1], &f.header)?;
            } else {
                ws.write_string(r, 0, row[0])?;
                ws.write_string(r, 1, row[1])?;
            }
        }
        ws.set_column_width(0, 24)?;
        ws.set_column_width(1, 60)?;
    }
    {
        // The committee's directive after the one-year review (seed 000):
        // the units that introduce new province-level models in the last
        // period were told to, one row per unit and category.
        let ws = wb.add_worksheet();
        ws.set_name("Yêu cầu bổ sung")?;
        for (j, h) in [
            "Đơn vị",
            "Đối tượng",
            "Cấp",
            "Loại mô hình",
            "Số lượng",
            "Kỳ",
            "Căn cứ",
        ]
        .iter()
        .enumerate()
        {
            ws.write_string_with_format(0, u16::try_from(j).unwrap_or(0), *h, &f.header)?;
        }
        let last = world.periods.len() - 1;
        let mut asked: std::collections::BTreeMap<(usize, usize), u32> =
            std::collections::BTreeMap::new();
        for e in &world.entities {
            if e.model && e.active[last] && !e.active[last - 1] && e.level[last] == Level::Tinh {
                *asked.entry((e.unit, e.category)).or_default() += 1;
            }
        }
        for (r, ((u, c), n)) in (1u32..).zip(asked) {
            ws.write_string(r, 0, &world.units[u].code)?;
            ws.write_string(r, 1, "Mô hình")?;
            ws.write_string(r, 2, "Tỉnh")?;
            ws.write_string(r, 3, crate::names::CATEGORIES[c].0)?;
            ws.write_number(r, 4, f64::from(n))?;
            ws.write_string(r, 5, world.periods[last].id)?;
            ws.write_string(
                r,
                6,
                "Thông báo kết luận hội nghị sơ kết 01 năm: giới thiệu mô hình mới đăng ký cấp tỉnh thay thế mô hình không đảm bảo tiêu chí",
            )?;
        }
        ws.set_column_width(6, 60)?;
    }
    wb.save(path)
}
