//! Sheet `Thông tin`: the consolidating committee's details for its letters
//! and which letters to write, one detail a row (`Mục` | `Nội dung`). Read
//! by the detail's name, in any order; a header row may be there or not. A
//! value that cannot be used is a `REFERENCE_INVALID` finding and the default
//! stands.

use super::table::Check;
use crate::cells::{Cell, Grid};
use tonghop_core::{Date, LetterChoice, Office, Period};
use tonghop_text::{fold_key, parse_date};

/// The details a row may name, by their fold keys.
const KEYS: &[(&str, &str, &[&str])] = &[
    (
        "superior",
        "Cấp ủy cấp trên",
        &["cap uy cap tren", "cap tren", "dang bo cap tren"],
    ),
    (
        "committee",
        "Tên cấp ủy",
        &["ten cap uy", "cap uy", "ten co quan", "co quan"],
    ),
    (
        "symbol",
        "Ký hiệu",
        &["ky hieu", "ky hieu van ban", "chu viet tat"],
    ),
    (
        "place",
        "Địa danh",
        &["dia danh", "noi viet thu", "dia diem"],
    ),
    (
        "date",
        "Ngày viết thư",
        &["ngay viet thu", "ngay thu", "ngay ky thu"],
    ),
    (
        "resend_by",
        "Hạn gửi lại",
        &["han gui lai", "han nop lai", "gui lai truoc ngay"],
    ),
    (
        "resend_days",
        "Số ngày gửi lại",
        &["so ngay gui lai", "so ngay nop lai"],
    ),
    ("period", "Kỳ", &["ky", "ky bao cao", "ky viet thu"]),
    (
        "letters",
        "Viết thư cho đơn vị có",
        &["viet thu cho don vi co", "viet thu", "thu gui don vi"],
    ),
    ("reminder", "Thư đôn đốc", &["thu don doc", "don doc"]),
    ("on_behalf", "Thay mặt", &["thay mat", "t/m"]),
    (
        "signer_post",
        "Chức vụ người ký",
        &["chuc vu nguoi ky", "chuc vu"],
    ),
    ("signer", "Người ký", &["nguoi ky", "ho ten nguoi ky"]),
    ("copies", "Nơi nhận", &["noi nhan"]),
];

/// A header row's first cell, not a detail.
const HEADER: &[&str] = &["muc", "thong tin", "noi dung", "ten muc"];

/// The first two non-blank cells of a row: the detail's name and its value
/// (with the value's column, for findings).
type Pair<'a> = ((usize, &'a Cell), Option<(usize, &'a Cell)>);
fn pair(row: &[Cell]) -> Option<Pair<'_>> {
    let mut cells = row.iter().enumerate().filter(|(_, c)| !c.is_empty());
    let key = cells.next()?;
    Some((key, cells.next()))
}

/// Reads the sheet into `office`; `periods` are those already read, to check
/// the period the letters are about.
pub(crate) fn office(grid: &Grid, periods: &[Period], check: &mut Check) -> Office {
    let mut office = Office::default();
    for (i, row) in grid.rows.iter().enumerate() {
        let Some(((k, key), value)) = pair(row) else {
            continue;
        };
        let excel_row = grid.excel_row(i);
        let folded = fold_key(&key.text);
        if HEADER.contains(&folded.as_str()) {
            continue;
        }
        let Some((detail, _, _)) = KEYS
            .iter()
            .find(|(_, _, names)| names.contains(&folded.as_str()))
        else {
            let known: Vec<&str> = KEYS.iter().map(|(_, label, _)| *label).collect();
            check.info(
                Some(excel_row),
                Some(grid.column_letter(k)),
                format!(
                    "dòng {excel_row}: mục \"{}\" không phải mục nào tonghop dùng ({}); dòng này không được dùng",
                    key.text,
                    known.join(", ")
                ),
            );
            continue;
        };
        let Some((j, cell)) = value else {
            continue; // a detail left blank keeps its default
        };
        let letter = Some(grid.column_letter(j));
        let text = cell.text.trim().to_owned();
        let unusable = |check: &mut Check, what: &str| {
            check.warn(
                Some(excel_row),
                letter.clone(),
                format!(
                    "dòng {excel_row}: \"{text}\" không dùng được cho mục \"{}\" ({what}); dùng mặc định",
                    key.text
                ),
            );
        };
        match *detail {
            "superior" => office.superior = text,
            "committee" => office.committee = text,
            "symbol" => office.symbol = text,
            "place" => office.place = text,
            "on_behalf" => office.on_behalf = text,
            "signer_post" => office.signer_post = text,
            "signer" => office.signer = text,
            "copies" => {
                office.copies = text
                    .split([';', '\n'])
                    .map(|s| s.trim().trim_start_matches(['-', '+']).trim())
                    .filter(|s| !s.is_empty())
                    .map(str::to_owned)
                    .collect();
            }
            "date" | "resend_by" => match date(cell) {
                Some(d) if *detail == "date" => office.date = Some(d),
                Some(d) => office.resend_by = Some(d),
                None => unusable(check, "cần một ngày, ví dụ 15/12/2026"),
            },
            "resend_days" => match cell
                .number
                .or_else(|| text.parse::<f64>().ok())
                .filter(|n| n.fract() == 0.0 && (1.0..=365.0).contains(n))
            {
                #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                Some(n) => office.resend_days = n as u32,
                None => unusable(check, "cần số ngày từ 1 đến 365"),
            },
            "period" => {
                let wanted = fold_key(&text);
                match periods
                    .iter()
                    .find(|p| fold_key(&p.id) == wanted || fold_key(&p.name) == wanted)
                {
                    Some(p) => office.period = Some(p.id.clone()),
                    None => unusable(check, "không có kỳ này trong sheet \"Kỳ báo cáo\""),
                }
            }
            "letters" => match choice(&fold_key(&text)) {
                Some(c) => office.letters = c,
                None => unusable(check, "ghi \"lỗi và cảnh báo\", \"lỗi\" hoặc \"không\""),
            },
            "reminder" => match yes_no(&fold_key(&text)) {
                Some(b) => office.reminder = b,
                None => unusable(check, "ghi \"có\" hoặc \"không\""),
            },
            _ => {}
        }
    }
    office
}

fn date(c: &Cell) -> Option<Date> {
    c.date
        .or_else(|| c.number.and_then(Date::from_excel_serial))
        .or_else(|| parse_date(&c.text))
}

fn yes_no(folded: &str) -> Option<bool> {
    match folded {
        "co" | "x" | "yes" | "1" | "viet" | "co viet" => Some(true),
        "khong" | "k" | "no" | "0" | "khong viet" => Some(false),
        _ => None,
    }
}

fn choice(folded: &str) -> Option<LetterChoice> {
    let words: Vec<&str> = folded.split([' ', ',', ';', '/', '+']).collect();
    let has = |w: &str| words.contains(&w);
    if yes_no(folded) == Some(false) {
        return Some(LetterChoice::None);
    }
    match (has("loi"), has("canh")) {
        (true, true) => Some(LetterChoice::ErrorsAndWarnings),
        (true, false) => Some(LetterChoice::Errors),
        (false, true) => Some(LetterChoice::ErrorsAndWarnings),
        _ => None,
    }
}
