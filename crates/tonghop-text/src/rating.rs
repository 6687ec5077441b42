//! Yearly ratings as returns write them: `HTXSNV`, `Hoàn thành tốt nhiệm
//! vụ`, `Đảng viên hoàn thành xuất sắc nhiệm vụ`, `ĐV HTT`, and several
//! years in one cell (`2021: HTXSNV; 2022: HTTNV`, `Năm 2021 - HTT, năm 2022
//! - HTXS`, `2021, 2022: HTT`) — through the vocabulary's group `xep_loai`.
//!
//! ```
//! use tonghop_core::Rating;
//! use tonghop_text::rating::year_ratings;
//! use tonghop_text::Vocabulary;
//! let read = year_ratings(Vocabulary::builtin(), "2021: HTXSNV; 2022: Hoàn thành tốt nhiệm vụ");
//! assert_eq!(read[0].year, Some(2021));
//! assert_eq!(read[0].rating, Ok(Rating::XuatSac));
//! assert_eq!(read[1].rating, Ok(Rating::Tot));
//! ```

use crate::{fold_key, Vocabulary};
use tonghop_core::Rating;

/// One year's rating read from a cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YearRating {
    /// The year written (`None`: the cell names none).
    pub year: Option<u16>,
    /// The rating, or why it could not be read (Vietnamese).
    pub rating: Result<Rating, String>,
    /// Written in the party member's form (`Đảng viên …`, `ĐV…`).
    pub party: bool,
    /// The part of the cell it came from, as written.
    pub text: String,
}

/// The years that can be ratings' years.
const YEARS: std::ops::RangeInclusive<u16> = 1975..=2100;

/// The ratings of a cell, one per year (a cell naming no year gives one
/// part with `year: None`). Parts are separated by `;`, `,`, `|` or line
/// breaks; a part holding years and no rating gives its years to the next
/// part's rating (`2021, 2022: HTT`); `2021-2023: HTT` is each of the three
/// years.
#[must_use]
pub fn year_ratings(v: &Vocabulary, text: &str) -> Vec<YearRating> {
    let mut out = Vec::new();
    let mut pending: Vec<u16> = Vec::new();
    for part in text.split([';', ',', '|', '\n']).flat_map(by_year) {
        let part = part.trim();
        if part.is_empty() {
            continue;
        }
        let (years, rest) = years_in(part);
        let rest_fold = fold_key(&rest);
        if rest_fold.split(' ').all(|w| w.is_empty() || w == "nam") {
            pending.extend(years);
            continue;
        }
        let (rating, party) = match rating(v, &rest) {
            Ok((r, party)) => (Ok(r), party),
            Err(why) => (Err(why), false),
        };
        let mut years_here = std::mem::take(&mut pending);
        years_here.extend(years);
        if years_here.is_empty() {
            out.push(YearRating {
                year: None,
                rating: rating.clone(),
                party,
                text: part.to_owned(),
            });
        }
        for y in years_here {
            out.push(YearRating {
                year: Some(y),
                rating: rating.clone(),
                party,
                text: part.to_owned(),
            });
        }
    }
    for y in pending {
        out.push(YearRating {
            year: Some(y),
            rating: Err("có năm nhưng không ghi mức xếp loại".into()),
            party: false,
            text: text.trim().to_owned(),
        });
    }
    out
}

/// A part cut before each year that follows a rating (`2021: HTT 2022:
/// HTXS`, where a line break was read as a space): a year after only
/// spaces or dashes (`2021 - 2023`) stays with the one before.
fn by_year(part: &str) -> Vec<&str> {
    let bytes = part.as_bytes();
    let mut starts = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_digit() {
            let start = i;
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                i += 1;
            }
            if i - start == 4
                && part[start..i]
                    .parse::<u16>()
                    .is_ok_and(|y| YEARS.contains(&y))
            {
                starts.push((start, i));
            }
            continue;
        }
        i += 1;
    }
    let mut out = Vec::new();
    let mut from = 0;
    for w in starts.windows(2) {
        let ((_, end), (next, _)) = (w[0], w[1]);
        if part[end..next].chars().any(char::is_alphabetic) {
            out.push(&part[from..next]);
            from = next;
        }
    }
    out.push(&part[from..]);
    out
}

/// The years a part names (`2021`, `2021 - 2023` as each year between) and
/// the part without them.
fn years_in(part: &str) -> (Vec<u16>, String) {
    let mut years = Vec::new();
    let mut rest = String::with_capacity(part.len());
    let chars: Vec<char> = part.chars().collect();
    let mut i = 0;
    // The end of the last year read, for a range (`2021 - 2023`).
    let mut after_year: Option<(u16, usize)> = None;
    while i < chars.len() {
        if chars[i].is_ascii_digit() {
            let start = i;
            while i < chars.len() && chars[i].is_ascii_digit() {
                i += 1;
            }
            let digits: String = chars[start..i].iter().collect();
            match digits.parse::<u16>() {
                Ok(y) if digits.len() == 4 && YEARS.contains(&y) => {
                    let between: String = after_year
                        .map(|(_, end)| chars[end..start].iter().collect())
                        .unwrap_or_default();
                    match after_year {
                        Some((from, _))
                            if y > from
                                && y - from <= 10
                                && !between.trim().is_empty()
                                && between.trim().chars().all(|c| "-–—".contains(c)) =>
                        {
                            years.extend(from + 1..=y);
                            // The dash between the two was copied: drop it.
                            let keep = rest.trim_end().trim_end_matches(['-', '–', '—']).len();
                            rest.truncate(keep);
                        }
                        _ => years.push(y),
                    }
                    after_year = Some((y, i));
                    rest.push(' ');
                }
                _ => {
                    rest.push_str(&digits);
                    after_year = None;
                }
            }
            continue;
        }
        if !(chars[i].is_whitespace() || "-–—".contains(chars[i])) {
            after_year = None;
        }
        rest.push(chars[i]);
        i += 1;
    }
    years.dedup();
    (years, rest)
}

/// One rating in words or abbreviated, and whether it is the party
/// member's form: the longest phrase of group `xep_loai` the text holds,
/// else its abbreviation (the whole text without spaces and dots, or one of
/// its words).
///
/// # Errors
/// Why it cannot be read (no rating named, or two different ones).
pub fn rating(v: &Vocabulary, text: &str) -> Result<(Rating, bool), String> {
    let f = fold_key(text);
    if f.is_empty() {
        return Err("ô trống".into());
    }
    let found = v.within("xep_loai", &f);
    let party_word = found.iter().any(|t| t.code == "dang_vien");
    let phrases: Vec<&crate::vocab::Term> = found
        .iter()
        .copied()
        .filter(|t| Rating::from_code(&t.code).is_some())
        .collect();
    // A phrase inside a longer one found (`hoàn thành` in `hoàn thành tốt`)
    // says nothing of its own.
    let padded = |k: &str| format!(" {k} ");
    let kept: Vec<&str> = phrases
        .iter()
        .filter(|t| {
            !phrases
                .iter()
                .any(|o| o.key.len() > t.key.len() && padded(&o.key).contains(&padded(&t.key)))
        })
        .map(|t| t.code.as_str())
        .collect();
    if let Some(one) = single(&kept) {
        return Rating::from_code(one)
            .map(|r| (r, party_word))
            .ok_or_else(|| "không rõ mức".into());
    }
    if kept.len() > 1 {
        return Err(format!(
            "ghi nhiều mức khác nhau ({})",
            names(v, &kept).join(", ")
        ));
    }
    // Abbreviations: the words that say nothing of the rating left out.
    let mut rest = padded(&f);
    for t in &found {
        if t.code == "dang_vien" || t.code == "-" {
            rest = rest.replace(&padded(&t.key), " ");
        }
    }
    let words: Vec<&str> = rest.split_whitespace().collect();
    let mut party = party_word;
    let mut abbreviation = |w: &str| -> Option<&str> {
        let code = v
            .whole("xep_loai", w)
            .filter(|c| Rating::from_code(c).is_some());
        if code.is_some() {
            return code;
        }
        // `ĐVHTXSNV`: the party's letters before the rating's.
        let code = w
            .strip_prefix("dv")
            .and_then(|w| v.whole("xep_loai", w))
            .filter(|c| Rating::from_code(c).is_some());
        if code.is_some() {
            party = true;
        }
        code
    };
    let squeezed: String = words.concat();
    let code = if squeezed.is_empty() {
        None
    } else if let Some(c) = abbreviation(&squeezed) {
        Some(c)
    } else {
        let codes: Vec<&str> = words.iter().filter_map(|w| abbreviation(w)).collect();
        if codes.len() > 1 && single(&codes).is_none() {
            return Err(format!(
                "ghi nhiều mức khác nhau ({})",
                names(v, &codes).join(", ")
            ));
        }
        single(&codes)
    };
    match code.and_then(Rating::from_code) {
        Some(r) => Ok((r, party)),
        None => Err(
            "không phải mức xếp loại nào (Hoàn thành xuất sắc, Hoàn thành tốt, Hoàn thành, Không hoàn thành nhiệm vụ; HTXSNV, HTTNV, HTNV, KHTNV)"
                .into(),
        ),
    }
}

/// The one code of a list whose codes are all the same.
fn single<'a>(codes: &[&'a str]) -> Option<&'a str> {
    match codes {
        [first, rest @ ..] if rest.iter().all(|c| c == first) => Some(first),
        _ => None,
    }
}

fn names(v: &Vocabulary, codes: &[&str]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for c in codes {
        let n = v.name("xep_loai", c).unwrap_or(c).to_owned();
        if !out.contains(&n) {
            out.push(n);
        }
    }
    out
}

impl Vocabulary {
    /// Whether a position is a leader's or manager's (group `lanh_dao`,
    /// code `lanh_dao`; or one of `words` when given): compared with the
    /// diacritics kept, so `Trưởng phòng` is a leader and `Giáo viên trường
    /// THCS` is not; a position typed without any diacritic on both keys.
    #[must_use]
    pub fn is_leader(&self, position: &str, words: &[String]) -> bool {
        if words.is_empty() {
            let terms: Vec<&str> = self
                .terms("lanh_dao")
                .filter(|t| t.code == "lanh_dao")
                .map(|t| t.word.as_str())
                .collect();
            holds_any(position, &terms)
        } else {
            holds_any(
                position,
                &words.iter().map(String::as_str).collect::<Vec<_>>(),
            )
        }
    }

    /// Whether a position is held by a party member (group `lanh_dao`, code
    /// `dang_vien`: `Bí thư chi bộ`, `Chi ủy viên`).
    #[must_use]
    pub fn party_post(&self, position: &str) -> bool {
        let terms: Vec<&str> = self
            .terms("lanh_dao")
            .filter(|t| t.code == "dang_vien")
            .map(|t| t.word.as_str())
            .collect();
        holds_any(position, &terms)
    }
}

/// Whether `text` holds one of `words` as whole words, on keys that keep
/// the diacritics (both on fold keys when `text` is typed without any).
fn holds_any(text: &str, words: &[&str]) -> bool {
    let plain = fold_key(text);
    if plain.is_empty() {
        return false;
    }
    let marked = crate::match_key(text);
    let unmarked = marked == plain;
    let hay = format!(" {} ", if unmarked { &plain } else { &marked });
    words.iter().any(|w| {
        let k = if unmarked {
            fold_key(w)
        } else {
            crate::match_key(w)
        };
        !k.is_empty() && hay.contains(&format!(" {k} "))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> Result<(Rating, bool), String> {
        rating(Vocabulary::builtin(), text)
    }

    #[test]
    fn ratings_in_words_and_abbreviations() {
        use Rating::*;
        for (text, want, party) in [
            ("HTXSNV", XuatSac, false),
            ("htxs", XuatSac, false),
            ("HT.XS.NV", XuatSac, false),
            ("Hoàn thành xuất sắc nhiệm vụ", XuatSac, false),
            ("Xuất sắc", XuatSac, false),
            ("Hoàn thành tốt nhiệm vụ", Tot, false),
            ("HTTNV", Tot, false),
            ("Tốt", Tot, false),
            ("Hoàn thành nhiệm vụ", HoanThanh, false),
            ("HTNV", HoanThanh, false),
            ("Không hoàn thành nhiệm vụ", KhongHoanThanh, false),
            ("KHTNV", KhongHoanThanh, false),
            ("Đảng viên hoàn thành xuất sắc nhiệm vụ", XuatSac, true),
            ("ĐVHTXSNV", XuatSac, true),
            ("ĐV HTTNV", Tot, true),
            ("Đảng viên đủ tư cách hoàn thành tốt nhiệm vụ", Tot, true),
            ("Xếp loại: HTXSNV", XuatSac, false),
            // NFD and old tone placement, as returns arrive.
            (
                "Hoa\u{300}n tha\u{300}nh to\u{301}t nhiê\u{323}m vu\u{323}",
                Tot,
                false,
            ),
        ] {
            assert_eq!(one(text), Ok((want, party)), "{text}");
        }
        for text in ["Khá", "chưa xếp loại", "HTTNV, HTXSNV", "", "x"] {
            assert!(one(text).is_err(), "{text}: {:?}", one(text));
        }
    }

    #[test]
    fn several_years_in_one_cell() {
        let v = Vocabulary::builtin();
        let read = |t: &str| -> Vec<(Option<u16>, Option<Rating>)> {
            year_ratings(v, t)
                .into_iter()
                .map(|r| (r.year, r.rating.ok()))
                .collect()
        };
        use Rating::*;
        assert_eq!(
            read("2021: HTXSNV; 2022: HTTNV"),
            [(Some(2021), Some(XuatSac)), (Some(2022), Some(Tot))]
        );
        assert_eq!(
            read("Năm 2021 - HTT, năm 2022 - HTXS"),
            [(Some(2021), Some(Tot)), (Some(2022), Some(XuatSac))]
        );
        assert_eq!(
            read("2021, 2022: Hoàn thành tốt nhiệm vụ"),
            [(Some(2021), Some(Tot)), (Some(2022), Some(Tot))]
        );
        assert_eq!(
            read("2021 - 2023: HTTNV"),
            [
                (Some(2021), Some(Tot)),
                (Some(2022), Some(Tot)),
                (Some(2023), Some(Tot))
            ]
        );
        assert_eq!(read("HTXSNV"), [(None, Some(XuatSac))]);
        assert_eq!(
            read("2021: HTXSNV\n2022: khá"),
            [(Some(2021), Some(XuatSac)), (Some(2022), None)]
        );
        assert_eq!(read("2022"), [(Some(2022), None)]);
        // A line break read as a space.
        assert_eq!(
            read("2021: HTXSNV 2022: Không hoàn thành nhiệm vụ"),
            [
                (Some(2021), Some(XuatSac)),
                (Some(2022), Some(KhongHoanThanh))
            ]
        );
        assert_eq!(
            read("2021 (KHTNV) 2022 (htxsnv)"),
            [
                (Some(2021), Some(KhongHoanThanh)),
                (Some(2022), Some(XuatSac))
            ]
        );
    }

    #[test]
    fn leaders_by_their_position_with_diacritics() {
        let v = Vocabulary::builtin();
        for p in [
            "Trưởng phòng Kế hoạch",
            "Phó Giám đốc",
            "Bí thư Chi bộ",
            "Hiệu trưởng",
            "Chánh Văn phòng",
            "truong phong",
        ] {
            assert!(v.is_leader(p, &[]), "{p}");
        }
        for p in ["Giáo viên Trường THCS Lê Lợi", "Chuyên viên", "Kế toán", ""] {
            assert!(!v.is_leader(p, &[]), "{p}");
        }
        assert!(v.is_leader("Tổ trưởng", &[]));
        assert!(!v.is_leader("Tổ trưởng", &["giám đốc".into()]));
        assert!(v.party_post("Chi ủy viên, chuyên viên"));
        assert!(!v.party_post("Chuyên viên"));
    }
}
