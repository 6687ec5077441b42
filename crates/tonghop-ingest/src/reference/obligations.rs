//! Sheet `Yêu cầu bổ sung`: units told to introduce new models or
//! exemplars by a period (seed 000: the health department to introduce two
//! new health models at the province level, in place of two that failed).

use super::table::{Check, NumberCell, Table};
use super::targets::{category_of, level_of, subject_of};
use std::collections::HashMap;
use tonghop_core::{Obligation, Reference};
use tonghop_text::codes::Taxonomy;
use tonghop_text::{fold_key, Vocabulary};

const UNIT: &[&str] = &["don vi", "ma don vi", "ten don vi"];
const SUBJECT: &[&str] = &["doi tuong"];
const LEVEL: &[&str] = &["cap"];
const CATEGORY: &[&str] = &["loai mo hinh", "linh vuc"];
const COUNT: &[&str] = &["so luong"];
const PERIOD: &[&str] = &["ky", "ma ky", "han", "thuc hien trong ky"];
const BASIS: &[&str] = &["can cu", "van ban", "ghi chu"];

type Bad = (&'static [&'static str], String);

/// The obligations of the sheet; a row that cannot be used is reported and
/// left out (its obligation is then not followed, and the finding says so).
pub(crate) fn obligations(t: &Table, reference: &Reference, check: &mut Check) -> Vec<Obligation> {
    let dropped = "không theo dõi yêu cầu bổ sung nào";
    if !t.require(check, UNIT, "Đơn vị", dropped)
        || !t.require(check, SUBJECT, "Đối tượng", dropped)
        || !t.require(check, COUNT, "Số lượng", dropped)
        || !t.require(check, PERIOD, "Kỳ", dropped)
    {
        return Vec::new();
    }
    let taxonomy = Taxonomy::new(&reference.categories);
    let (vocabulary, _) = Vocabulary::for_campaign(&reference.words);
    // Each unit's code, name and aliases as keys, keyed once: the first unit
    // with a key, as in the roster's order (a row keyed the whole roster).
    let mut units: HashMap<String, &str> = HashMap::new();
    for u in &reference.units {
        for k in std::iter::once(&u.code)
            .chain(std::iter::once(&u.name))
            .chain(&u.aliases)
        {
            units.entry(fold_key(k)).or_insert(u.code.as_str());
        }
    }
    let mut out = Vec::new();
    for (i, r) in t.rows().enumerate() {
        if t.is_blank(r) {
            continue;
        }
        let row = t.excel_row(i);
        match obligation(t, r, reference, (&taxonomy, &vocabulary, &units), row) {
            Ok(o) => out.push(o),
            Err((cell, why)) => check.warn(
                Some(row),
                t.letter(cell),
                format!("dòng {row}: {why}; yêu cầu này không được theo dõi"),
            ),
        }
    }
    out
}

fn obligation(
    t: &Table,
    r: &[crate::cells::Cell],
    reference: &Reference,
    (taxonomy, vocabulary, units): (&Taxonomy, &Vocabulary, &HashMap<String, &str>),
    row: u32,
) -> Result<Obligation, Bad> {
    let unit_text = t.text(r, UNIT);
    let key = fold_key(&unit_text);
    let unit = if reference.has_roster {
        units
            .get(&key)
            .map(|&code| code.to_owned())
            .ok_or_else(|| {
                (
                    UNIT,
                    format!("đơn vị \"{unit_text}\" không có trong sheet Đơn vị (ghi mã hoặc tên)"),
                )
            })?
    } else if unit_text.is_empty() {
        return Err((UNIT, "thiếu đơn vị".to_owned()));
    } else {
        unit_text
    };
    let subject = subject_of(&t.text(r, SUBJECT)).map_err(|why| (SUBJECT, why))?;
    let count = match t.number(r, COUNT) {
        NumberCell::Number(n) if n >= 1.0 && n.fract() == 0.0 && n <= f64::from(u32::MAX) => {
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let n = n as u32;
            n
        }
        NumberCell::Number(n) => {
            return Err((COUNT, format!("số lượng {n} không phải số nguyên dương")))
        }
        NumberCell::Unreadable(text) => {
            return Err((COUNT, format!("số lượng \"{text}\" không phải số")))
        }
        NumberCell::Blank => return Err((COUNT, "thiếu số lượng".to_owned())),
    };
    let period_text = t.text(r, PERIOD);
    let pk = fold_key(&period_text);
    let period = reference
        .periods
        .iter()
        .find(|p| fold_key(&p.id) == pk || fold_key(&p.name) == pk)
        .map(|p| p.id.clone())
        .or_else(|| {
            (reference.periods.is_empty() && !period_text.is_empty()).then(|| period_text.clone())
        })
        .ok_or_else(|| {
            (
                PERIOD,
                format!(
                    "kỳ \"{period_text}\" không có trong sheet Kỳ báo cáo (ghi mã hoặc tên kỳ)"
                ),
            )
        })?;
    let level = level_of(vocabulary, &t.text(r, LEVEL)).map_err(|why| (LEVEL, why))?;
    let category = category_of(taxonomy, &t.text(r, CATEGORY)).map_err(|why| (CATEGORY, why))?;
    Ok(Obligation {
        unit,
        subject,
        level,
        category,
        count,
        period,
        basis: t.text(r, BASIS),
        row,
    })
}
