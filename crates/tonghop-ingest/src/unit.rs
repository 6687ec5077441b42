//! Which unit sent a return: the issuing-unit line of the header block, the
//! title (`… của Chi bộ Sở Tư pháp`), or the file name, matched against the
//! roster's names and aliases on diacritic-free keys with abbreviations spelled out.

use std::collections::HashMap;
use tonghop_core::{Finding, FindingCode, Reference, Return, Unit};
use tonghop_text::{canonical, fold_key, Abbreviations};

/// Lines that are never the sender (group `khong_phai_don_vi`).
fn is_boilerplate(fold: &str) -> bool {
    fold.is_empty()
        || tonghop_text::Vocabulary::builtin()
            .opening("khong_phai_don_vi", fold)
            .is_some()
}

/// Whether a line opens with a word that opens a unit's name (`Đảng bộ`,
/// `Chi bộ`, `Công đoàn`…; group `mo_dau_don_vi`), followed by more words.
fn opens_with_unit_word(fold: &str) -> bool {
    tonghop_text::Vocabulary::builtin()
        .opening("mo_dau_don_vi", fold)
        .is_some_and(|t| fold.len() > t.key.len())
}

fn names(u: &Unit) -> impl Iterator<Item = &str> {
    std::iter::once(u.name.as_str()).chain(u.aliases.iter().map(String::as_str))
}

/// The roster's names and aliases, keyed once, indexed by their whole key, so
/// that a line is matched in time proportional to its words, whatever the size
/// of the roster (a national roster's names mostly open with the same words,
/// `Chi bộ …`: an index by the first word compared a line with thousands).
pub(crate) struct UnitMatcher {
    abbreviations: Abbreviations,
    /// Key (words joined by one space) → the roster names with that key, in
    /// roster order.
    index: HashMap<String, Vec<Needle>>,
    /// The most words any key has.
    longest: usize,
}

struct Needle {
    unit: usize,
    name: String,
}

impl UnitMatcher {
    pub(crate) fn new(reference: &Reference) -> UnitMatcher {
        let mut abbreviations = Abbreviations::default();
        for (short, full) in &reference.abbreviations {
            abbreviations.add(short, full);
        }
        let mut index: HashMap<String, Vec<Needle>> = HashMap::new();
        let mut longest = 0;
        for (i, u) in reference.units.iter().enumerate() {
            for n in names(u) {
                let key = abbreviations.expand(n);
                let words: Vec<&str> = key.split(' ').filter(|w| !w.is_empty()).collect();
                if words.is_empty() {
                    continue;
                }
                longest = longest.max(words.len());
                index.entry(words.join(" ")).or_default().push(Needle {
                    unit: i,
                    name: n.to_owned(),
                });
            }
        }
        UnitMatcher {
            abbreviations,
            index,
            longest,
        }
    }

    /// The roster unit whose name or alias occurs (as whole words) in `text`,
    /// the longest such name winning (the earliest in the text, then the first
    /// in the roster, among equally long ones); with the name that matched.
    pub(crate) fn best<'a>(&'a self, text: &str, units: &'a [Unit]) -> Option<(&'a Unit, &'a str)> {
        let hay = self.abbreviations.expand(text);
        let words: Vec<&str> = hay.split(' ').filter(|w| !w.is_empty()).collect();
        let mut best: Option<(&Needle, usize)> = None;
        let mut key = String::new();
        for i in 0..words.len() {
            key.clear();
            for w in words.iter().skip(i).take(self.longest) {
                if !key.is_empty() {
                    key.push(' ');
                }
                key.push_str(w);
                let Some(n) = self.index.get(key.as_str()).and_then(|c| c.first()) else {
                    continue;
                };
                if best.is_none_or(|(_, len)| key.len() > len) {
                    best = Some((n, key.len()));
                }
            }
        }
        best.map(|(n, _)| (&units[n.unit], n.name.as_str()))
    }
}

pub(crate) fn detect(
    ret: &mut Return,
    reference: &Reference,
    matcher: &UnitMatcher,
    title_lines: &[(String, u32, String)],
    file_stem: &str,
) {
    // Cells of the header block, in reading order.
    let cells: Vec<(&str, u32, &str)> = title_lines
        .iter()
        .flat_map(|(s, r, t)| t.split(" | ").map(move |c| (s.as_str(), *r, c)))
        .filter(|(_, _, c)| !is_boilerplate(&fold_key(c)))
        .collect();
    if reference.has_roster {
        // The header block names the parent committee, then the issuing unit
        // below it: of two matches on consecutive lines, the lower one sent it.
        let mut matches = cells.iter().filter_map(|(sheet, row, text)| {
            matcher
                .best(text, &reference.units)
                .map(|(unit, matched)| (*sheet, *row, *text, unit, matched))
        });
        if let Some(first) = matches.next() {
            let (sheet, row, text, unit, matched) = match matches.next() {
                Some(next)
                    if next.0 == first.0
                        && next.1 == first.1 + 1
                        && next.3.code != first.3.code =>
                {
                    next
                }
                _ => first,
            };
            ret.unit.code = Some(unit.code.clone());
            ret.unit.name.clone_from(&unit.name);
            ret.unit.evidence =
                format!("sheet \"{sheet}\" dòng {row}: \"{text}\" khớp \"{matched}\"");
            return;
        }
        if let Some((unit, matched)) = matcher.best(file_stem, &reference.units) {
            ret.unit.code = Some(unit.code.clone());
            ret.unit.name.clone_from(&unit.name);
            ret.unit.evidence = format!("tên file \"{file_stem}\" khớp \"{matched}\"");
            return;
        }
    }
    // Not in the roster (or no roster): the issuing-unit line, as written.
    // A heading line: short, no sentence punctuation, opening with a unit word.
    let heading = |c: &str| {
        let f = fold_key(c);
        opens_with_unit_word(&f)
            && f.split(' ').count() <= 14
            && !c.trim_end().ends_with(['.', ':', ';'])
    };
    // The parent committee's line comes first, the issuing unit's just below
    // it: of the first run of heading lines on consecutive rows, the last.
    let mut line = cells.iter().find(|(_, _, c)| heading(c));
    if let Some(&(sheet, mut row, _)) = line {
        while let Some(below) = cells
            .iter()
            .find(|(s, r, c)| *s == sheet && *r == row + 1 && heading(c))
        {
            line = Some(below);
            row += 1;
        }
    }
    let (name, evidence) = match line {
        Some((sheet, row, text)) => (
            canonical(text),
            format!("sheet \"{sheet}\" dòng {row}: dòng tên đơn vị ban hành"),
        ),
        None => (file_stem.to_owned(), "tên file".to_owned()),
    };
    ret.unit.code = None;
    ret.unit.name = name;
    ret.unit.evidence = evidence;
    if reference.has_roster {
        ret.findings.push(Finding::new(
            FindingCode::UnitUnknown,
            format!(
                "Không xác định được đơn vị gửi báo cáo trong danh mục (đọc được: \"{}\", theo {}); bổ sung tên gọi khác vào sheet \"Đơn vị\" của danh-muc.xlsx hoặc sửa tên file",
                ret.unit.name, ret.unit.evidence
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(code: &str, name: &str, aliases: &[&str]) -> Unit {
        Unit {
            code: code.into(),
            name: name.into(),
            aliases: aliases.iter().map(|a| (*a).to_owned()).collect(),
            kind: String::new(),
            parent: String::new(),
            from: None,
            to: None,
            note: String::new(),
        }
    }

    #[test]
    fn names_aliases_and_abbreviations() {
        let units = vec![
            unit("U1", "Đảng bộ Sở Y tế", &[]),
            unit("U2", "Chi bộ Trường Cao đẳng Y tế", &[]),
            unit(
                "U3",
                "Chi bộ Ngân hàng Chính sách xã hội chi nhánh tỉnh",
                &["Chi bộ Ngân hàng Chính sách xã hội"],
            ),
        ];
        let mut reference = Reference {
            units: units.clone(),
            has_roster: true,
            ..Reference::default()
        };
        let hit = |t: &str, r: &Reference| {
            UnitMatcher::new(r)
                .best(t, &units)
                .map(|(u, _)| u.code.clone())
        };
        assert_eq!(hit("ĐẢNG BỘ SỞ Y TẾ", &reference).as_deref(), Some("U1"));
        assert_eq!(
            hit("BC mo hinh - DB So Y te", &reference).as_deref(),
            Some("U1")
        );
        // The longest name wins: not "Sở Y tế" inside "Cao đẳng Y tế".
        assert_eq!(
            hit("Danh sách của Chi bộ Trường Cao đẳng Y tế", &reference).as_deref(),
            Some("U2")
        );
        assert_eq!(hit("BC - CB NHCSXH", &reference), None);
        reference
            .abbreviations
            .push(("NHCSXH".into(), "Ngân hàng Chính sách xã hội".into()));
        assert_eq!(hit("BC - CB NHCSXH", &reference).as_deref(), Some("U3"));
        assert_eq!(hit("Sở Tư pháp", &reference), None);
    }

    /// A national roster: thousands of names opening with the same words.
    /// The one named in the line is found, the longest name wins over a
    /// shorter one it contains, and of two units sharing an alias the first
    /// in the roster is taken.
    #[test]
    fn a_large_roster_of_names_sharing_their_first_words() {
        let mut units: Vec<Unit> = (0..3000)
            .map(|i| unit(&format!("U{i}"), &format!("Chi bộ Sở Số {i}"), &[]))
            .collect();
        units.push(unit("A", "Chi bộ Sở Số 12 Phòng Hai", &[]));
        units.push(unit("B1", "Chi bộ Trạm Một", &["Trạm Xa"]));
        units.push(unit("B2", "Chi bộ Trạm Hai", &["Trạm Xa"]));
        let reference = Reference {
            units: units.clone(),
            has_roster: true,
            ..Reference::default()
        };
        let matcher = UnitMatcher::new(&reference);
        let hit = |t: &str| {
            matcher
                .best(t, &units)
                .map(|(u, m)| (u.code.clone(), m.to_owned()))
        };
        assert_eq!(
            hit("BÁO CÁO CỦA CHI BỘ SỞ SỐ 2718 về mô hình"),
            Some(("U2718".into(), "Chi bộ Sở Số 2718".into()))
        );
        assert_eq!(
            hit("Chi bộ Sở Số 12 Phòng Hai").map(|h| h.0).as_deref(),
            Some("A")
        );
        assert_eq!(
            hit("Chi bộ Sở Số 12 Phòng Ba").map(|h| h.0).as_deref(),
            Some("U12")
        );
        assert_eq!(hit("Chi bộ Sở Số"), None);
        assert_eq!(
            hit("Báo cáo của Trạm Xa"),
            Some(("B1".into(), "Trạm Xa".into()))
        );
    }
}
