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
    // The roster's kinds of unit, keyed once (a row keyed the whole roster).
    let kinds: std::collections::HashSet<String> =
        reference.units.iter().map(|u| fold_key(&u.kind)).collect();
    let mut out = Vec::new();
    for (i, r) in t.rows().enumerate() {
        if t.is_blank(r) {
            continue;
        }
        let row = t.excel_row(i);
        match target(t, r, reference, (&taxonomy, &vocabulary, &kinds), row) {
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
    (taxonomy, vocabulary, kinds): (&Taxonomy, &Vocabulary, &std::collections::HashSet<String>),
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
    let subject = subject_of(&t.text(r, SUBJECT)).map_err(|why| (SUBJECT, why))?;
    let category = category_of(taxonomy, &t.text(r, CATEGORY)).map_err(|why| (CATEGORY, why))?;
    let level = level_of(vocabulary, &t.text(r, LEVEL)).map_err(|why| (LEVEL, why))?;
    let unit_kind = Some(t.text(r, UNIT_KIND)).filter(|s| !s.is_empty());
    if let Some(kind) = &unit_kind {
        let k = fold_key(kind);
        if reference.has_roster && !kinds.contains(&k) {
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

/// `Mô hình` / `Tập thể` or `Điển hình` / `Cá nhân` / `Gương`.
pub(crate) fn subject_of(text: &str) -> Result<Subject, String> {
    match fold_key(text).as_str() {
        s if s.starts_with("mo hinh") || s.starts_with("tap the") => Ok(Subject::Model),
        s if s.starts_with("dien hinh") || s.starts_with("ca nhan") || s.starts_with("guong") => {
            Ok(Subject::Exemplar)
        }
        _ => Err(format!(
            "đối tượng \"{text}\" không phải \"Mô hình\" hay \"Điển hình\""
        )),
    }
}

/// A category by its code, its name, or as an analyst writes it short
/// (`Y tế`, `Giáo dục - đào tạo`): the taxonomy's own classifier; blank is
/// every category.
pub(crate) fn category_of(taxonomy: &Taxonomy, text: &str) -> Result<Option<String>, String> {
    if text.is_empty() {
        return Ok(None);
    }
    match taxonomy.classify(text) {
        CategoryFit::One(code) => Ok(Some(code)),
        CategoryFit::Ambiguous(codes) => Err(format!(
            "loại mô hình \"{text}\" khớp nhiều loại ({}); ghi mã hoặc tên đầy đủ của một loại",
            codes.join(", ")
        )),
        CategoryFit::Unknown => Err(format!(
            "loại mô hình \"{text}\" không có trong danh mục loại mô hình"
        )),
    }
}

/// A level by its code or its words (`Tỉnh`, `cấp Khối`); blank is every level.
pub(crate) fn level_of(vocabulary: &Vocabulary, text: &str) -> Result<Option<Level>, String> {
    if text.is_empty() {
        return Ok(None);
    }
    Level::from_code(text)
        .or_else(|| vocabulary.level(text))
        .map(Some)
        .ok_or_else(|| format!("cấp \"{text}\" không đọc được (Tỉnh, Khối, Cơ sở)"))
}

/// A number with a decimal comma, as Vietnamese writes it.
fn decimal(n: f64) -> String {
    n.to_string().replace('.', ",")
}
