//! Sheet `Chỉ tiêu`: the campaign's targets.

use super::table::{Check, NumberCell, Table};
use tonghop_core::{Level, Reference, Subject, Target};
use tonghop_text::codes::{CategoryFit, Taxonomy};
use tonghop_text::fold_key;
use tonghop_text::Vocabulary;

const COUNT: &[&str] = &["so luong", "chi tieu"];
const SUBJECT: &[&str] = &["doi tuong"];
const CATEGORY: &[&str] = &["loai mo hinh", "linh vuc"];
const LEVEL: &[&str] = &["cap"];
const UNIT_KIND: &[&str] = &["loai don vi"];
const PERIOD: &[&str] = &["ky", "ma ky"];

/// The targets; a row that cannot be used is reported and left out (its
/// target is then not checked, and the finding says so).
pub(crate) fn targets(t: &Table, reference: &Reference, check: &mut Check) -> Vec<Target> {
    let dropped = "không kiểm tra chỉ tiêu nào";
    if !t.require(check, SUBJECT, "Đối tượng", dropped)
        || !t.require(check, COUNT, "Số lượng", dropped)
    {
        return Vec::new();
    }
    let taxonomy = Taxonomy::new(&reference.categories);
    // The campaign's own words (sheet `Từ điển`, read before this one) too.
    let (vocabulary, _) = Vocabulary::for_campaign(&reference.words);
    let mut out = Vec::new();
    for (i, r) in t.rows().enumerate() {
        if t.is_blank(r) {
            continue;
        }
        let row = t.excel_row(i);
        match target(t, r, reference, (&taxonomy, &vocabulary), row) {
            Ok(target) => out.push(target),
            Err((cell, why)) => check.warn(
                Some(row),
                t.letter(cell),
                format!("dòng {row}: {why}; chỉ tiêu này không được kiểm tra"),
            ),
        }
    }
    out
}

fn target(
    t: &Table,
    r: &[crate::cells::Cell],
    reference: &Reference,
    (taxonomy, vocabulary): (&Taxonomy, &Vocabulary),
    row: u32,
) -> Result<Target, (&'static [&'static str], String)> {
    let count = match t.number(r, COUNT) {
        NumberCell::Number(n) if n >= 0.0 && n.fract() == 0.0 && n <= f64::from(u32::MAX) => {
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let n = n as u32;
            n
        }
        NumberCell::Number(n) if n < 0.0 => {
            return Err((COUNT, format!("số lượng {} là số âm", decimal(n))));
        }
        NumberCell::Number(n) => {
            return Err((
                COUNT,
                format!("số lượng {} không phải số nguyên", decimal(n)),
            ));
        }
        NumberCell::Unreadable(text) => {
            return Err((
                COUNT,
                format!("số lượng \"{text}\" không phải số (ghi bằng chữ số, ví dụ 3)"),
            ));
        }
        NumberCell::Blank => return Err((COUNT, "thiếu số lượng".to_owned())),
    };
    let subject = match fold_key(&t.text(r, SUBJECT)).as_str() {
        s if s.starts_with("mo hinh") || s.starts_with("tap the") => Subject::Model,
        s if s.starts_with("dien hinh") || s.starts_with("ca nhan") || s.starts_with("guong") => {
            Subject::Exemplar
        }
        _ => {
            return Err((
                SUBJECT,
                format!(
                    "đối tượng \"{}\" không phải \"Mô hình\" hay \"Điển hình\"",
                    t.text(r, SUBJECT)
                ),
            ))
        }
    };
    // A category by its code, its name, or as an analyst writes it short
    // (`Y tế`, `Giáo dục - đào tạo`): the taxonomy's own classifier.
    let cat_text = t.text(r, CATEGORY);
    let category = if cat_text.is_empty() {
        None
    } else {
        match taxonomy.classify(&cat_text) {
            CategoryFit::One(code) => Some(code),
            CategoryFit::Ambiguous(codes) => {
                return Err((
                    CATEGORY,
                    format!(
                        "loại mô hình \"{cat_text}\" khớp nhiều loại ({}); ghi mã hoặc tên đầy đủ của một loại",
                        codes.join(", ")
                    ),
                ))
            }
            CategoryFit::Unknown => {
                return Err((
                    CATEGORY,
                    format!("loại mô hình \"{cat_text}\" không có trong danh mục loại mô hình"),
                ))
            }
        }
    };
    let level_text = t.text(r, LEVEL);
    let level = if level_text.is_empty() {
        None
    } else {
        match Level::from_code(&level_text).or_else(|| vocabulary.level(&level_text)) {
            Some(l) => Some(l),
            None => {
                return Err((
                    LEVEL,
                    format!("cấp \"{level_text}\" không đọc được (Tỉnh, Khối, Cơ sở)"),
                ))
            }
        }
    };
    let unit_kind = Some(t.text(r, UNIT_KIND)).filter(|s| !s.is_empty());
    if let Some(kind) = &unit_kind {
        let k = fold_key(kind);
        if reference.has_roster && !reference.units.iter().any(|u| fold_key(&u.kind) == k) {
            return Err((
                UNIT_KIND,
                format!("loại đơn vị \"{kind}\" không có đơn vị nào trong sheet Đơn vị"),
            ));
        }
    }
    let period = Some(t.text(r, PERIOD)).filter(|s| !s.is_empty());
    if let Some(p) = &period {
        if !reference.periods.is_empty() && !reference.periods.iter().any(|x| &x.id == p) {
            return Err((
                PERIOD,
                format!("kỳ \"{p}\" không có trong sheet Kỳ báo cáo"),
            ));
        }
    }
    Ok(Target {
        period,
        subject,
        category,
        level,
        unit_kind,
        count,
        row,
    })
}

/// A number with a decimal comma, as Vietnamese writes it.
fn decimal(n: f64) -> String {
    n.to_string().replace('.', ",")
}
