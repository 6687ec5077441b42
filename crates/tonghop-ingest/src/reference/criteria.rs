//! Sheet `Tiêu chuẩn`: the eligibility criteria of commendation, one a row,
//! replacing the built-in ones (seeds 001 and 003) when the sheet has any.

use super::table::{Check, NumberCell, Table};
use tonghop_core::{Criterion, Rating, Subject, Track};
use tonghop_text::{fold_key, Vocabulary};

const NAME: &[&str] = &["ten tieu chuan", "tieu chuan", "ten", "noi dung"];
const SUBJECT: &[&str] = &["doi tuong"];
const APPLIES: &[&str] = &["ap dung cho", "ap dung", "doi tuong ap dung"];
const TRACK: &[&str] = &["xep loai theo", "loai xep loai"];
const POSITIONS: &[&str] = &["chuc vu", "chuc vu lanh dao", "chuc vu lanh dao quan ly"];
const FROM: &[&str] = &["tu nam", "nam bat dau"];
const TO: &[&str] = &["den nam", "nam ket thuc"];
const MIN: &[&str] = &[
    "xep loai toi thieu moi nam",
    "xep loai toi thieu hang nam",
    "xep loai toi thieu",
    "moi nam toi thieu",
];
const EXCELLENT: &[&str] = &[
    "so nam xuat sac toi thieu",
    "so nam xuat sac",
    "so nam hoan thanh xuat sac",
    "so nam htxsnv",
];
const HONOUR: &[&str] = &[
    "ghi danh xep loai toi thieu",
    "ghi danh",
    "xep loai toi thieu de ghi danh",
];
const COLLECTIVE: &[&str] = &[
    "tap the xuat sac",
    "tap the do nguoi do dung dau xuat sac",
    "tap the hoan thanh xuat sac",
];

/// The criteria of the sheet; a row that cannot be used is reported and
/// left out (the finding says the criterion is not applied).
pub(crate) fn criteria(t: &Table, vocabulary: &Vocabulary, check: &mut Check) -> Vec<Criterion> {
    if !t.require(
        check,
        SUBJECT,
        "Đối tượng",
        "dùng các tiêu chuẩn mặc định (Hướng dẫn xét khen thưởng) thay cho sheet này",
    ) {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (i, r) in t.rows().enumerate() {
        if t.is_blank(r) {
            continue;
        }
        let row = t.excel_row(i);
        match criterion(t, r, vocabulary, row) {
            Ok(c) => out.push(c),
            Err((cell, why)) => check.warn(
                Some(row),
                t.letter(cell),
                format!("dòng {row}: {why}; tiêu chuẩn này không được áp dụng"),
            ),
        }
    }
    // Rows written, none usable: the defaults apply, and the office is told
    // so (each row has said why it was left out).
    if out.is_empty() && t.rows().any(|r| !t.is_blank(r)) {
        check.warn(
            None,
            None,
            "không dòng nào dùng được; xét khen thưởng theo các tiêu chuẩn mặc định (Hướng dẫn xét khen thưởng)",
        );
    }
    out
}

type Bad = (&'static [&'static str], String);

fn criterion(
    t: &Table,
    r: &[crate::cells::Cell],
    vocabulary: &Vocabulary,
    row: u32,
) -> Result<Criterion, Bad> {
    let subject_text = t.text(r, SUBJECT);
    // The targets' words, and those a criterion names its subject by
    // (`Đảng viên`, `Cán bộ`; `Chi bộ`, `Tổ chức đảng`).
    let subject = super::targets::subject_of(&subject_text).or_else(|_| {
        let s = fold_key(&subject_text);
        if ["dang vien", "can bo"].iter().any(|w| s.starts_with(w)) {
            Ok(Subject::Exemplar)
        } else if ["chi bo", "to chuc"].iter().any(|w| s.starts_with(w)) {
            Ok(Subject::Model)
        } else {
            Err((
                SUBJECT,
                format!("đối tượng \"{subject_text}\" không phải \"Cá nhân\" hay \"Tập thể\""),
            ))
        }
    })?;
    let applies = fold_key(&t.text(r, APPLIES));
    let padded = format!(" {applies} ");
    let has = |w: &str| padded.contains(&format!(" {w} "));
    let leaders_only = ["lanh dao", "quan ly", "nguoi dung dau", "giu chuc vu"]
        .iter()
        .any(|w| has(w));
    let track_text = fold_key(&t.text(r, TRACK));
    let track_of = |s: &str| {
        let p = format!(" {s} ");
        if p.contains(" dang vien ") {
            Some(Track::Party)
        } else if [
            "can bo",
            "cong chuc",
            "vien chuc",
            "nguoi lao dong",
            "cong viec",
        ]
        .iter()
        .any(|w| p.contains(&format!(" {w} ")))
        {
            Some(Track::Work)
        } else {
            None
        }
    };
    let track = if track_text.is_empty() {
        track_of(&applies).unwrap_or(Track::Any)
    } else {
        track_of(&track_text)
            .or_else(|| {
                ["moi", "tat ca", "bat ky"]
                    .iter()
                    .any(|w| track_text.starts_with(w))
                    .then_some(Track::Any)
            })
            .ok_or_else(|| {
                (
                    TRACK,
                    format!(
                        "\"{}\" không phải \"Đảng viên\", \"Cán bộ, công chức\" hay \"Mọi xếp loại\"",
                        t.text(r, TRACK)
                    ),
                )
            })?
    };
    let rating_cell = |names: &'static [&'static str]| -> Result<Option<Rating>, Bad> {
        let text = t.text(r, names);
        if text.is_empty() {
            return Ok(None);
        }
        tonghop_text::rating::rating(vocabulary, &text)
            .map(|(r, _)| Some(r))
            .map_err(|why| (names, format!("xếp loại \"{text}\" không đọc được: {why}")))
    };
    let min_each_year = rating_cell(MIN)?;
    let honour_min = rating_cell(HONOUR)?;
    let year = |names: &'static [&'static str]| -> Result<Option<u16>, Bad> {
        match t.number(r, names) {
            NumberCell::Blank => Ok(None),
            NumberCell::Number(n) if n.fract() == 0.0 && (1975.0..=2100.0).contains(&n) =>
            {
                #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                Ok(Some(n as u16))
            }
            NumberCell::Number(n) => Err((names, format!("năm {n} không phải một năm"))),
            NumberCell::Unreadable(text) => {
                Err((names, format!("năm \"{text}\" không phải số (ví dụ 2021)")))
            }
        }
    };
    let (from_year, to_year) = (year(FROM)?, year(TO)?);
    if let (Some(a), Some(b)) = (from_year, to_year) {
        if a > b {
            return Err((TO, format!("đến năm {b} trước từ năm {a}")));
        }
    }
    let excellent_years = match t.number(r, EXCELLENT) {
        NumberCell::Blank => 0,
        NumberCell::Number(n) if n >= 0.0 && n.fract() == 0.0 && n <= 50.0 => {
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let n = n as u16;
            n
        }
        NumberCell::Number(n) => {
            return Err((
                EXCELLENT,
                format!("số năm {n} không phải số nguyên không âm"),
            ))
        }
        NumberCell::Unreadable(text) => {
            return Err((
                EXCELLENT,
                format!("số năm \"{text}\" không phải số (ví dụ 1)"),
            ))
        }
    };
    if min_each_year.is_none() && excellent_years == 0 && honour_min.is_none() {
        return Err((
            MIN,
            "không nêu mức xếp loại tối thiểu, số năm xuất sắc hay mức để ghi danh".to_owned(),
        ));
    }
    let yes = |s: &str| {
        let f = fold_key(s);
        matches!(f.as_str(), "x" | "co" | "yes" | "1" | "dung" | "phai") || f.starts_with("co ")
    };
    let positions = t
        .text(r, POSITIONS)
        .split([';', ','])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect();
    let name = Some(t.text(r, NAME))
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| format!("Tiêu chuẩn dòng {row}"));
    Ok(Criterion {
        name,
        subject,
        track,
        leaders_only,
        positions,
        from_year,
        to_year,
        min_each_year,
        excellent_years,
        honour_min,
        collective_excellent: yes(&t.text(r, COLLECTIVE)),
        row,
    })
}
