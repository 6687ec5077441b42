//! The vocabulary, kept as data: every word list tonghop reads returns with
//! (column roles, levels, tick marks, statuses, commendations, total and
//! footer words, subjects, unit words, abbreviations, the default taxonomy)
//! in one file, `data/tu-vung.tsv`, read by one matcher. A campaign extends it
//! without a rebuild ([`Vocabulary::extended`], the `Từ điển` sheet).
//!
//! Terms are compared on diacritic-free keys ([`crate::fold_key`]); a term
//! of kind [`Kind::Whole`] matches only a whole text, the others also at the
//! start of a text or as whole words inside it.

use std::sync::OnceLock;

/// How a term counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A term that decides (`chính`).
    Strong,
    /// A term that decides only when no strong term matched (`phụ`).
    Weak,
    /// The display name of its code (`tên`).
    Name,
    /// Matches only the whole text (`trọn`): `TT`, `Tỉnh`, `x`.
    Whole,
}

/// One word or phrase of the vocabulary.
#[derive(Debug, Clone)]
pub struct Term {
    /// The group (`cot`, `cap`, `loai_mo_hinh`…).
    pub group: String,
    /// The code it stands for (`ho_ten`, `tinh`, `y_te`…).
    pub code: String,
    /// As written in the data.
    pub word: String,
    /// How it counts.
    pub kind: Kind,
    /// Its diacritic-free key; for a term with no letters (`✓`), the word itself.
    pub key: String,
    /// The key's words.
    pub words: Vec<String>,
    /// The key between spaces, for whole-word search.
    padded: String,
}

impl Term {
    /// Whether the term is in `key` (`padded` is the key between spaces):
    /// as whole words, or as the whole key for a whole-text term.
    fn found_in(&self, key: &str, padded: &str) -> bool {
        match self.kind {
            Kind::Name => false,
            Kind::Whole => self.key == key,
            _ => padded.contains(self.padded.as_str()),
        }
    }

    fn new(group: &str, code: &str, word: &str, kind: Kind) -> Term {
        let key = key_of(word);
        Term {
            group: group.trim().to_owned(),
            code: code.trim().to_owned(),
            word: word.trim().to_owned(),
            kind,
            padded: format!(" {key} "),
            words: key.split_whitespace().map(str::to_owned).collect(),
            key,
        }
    }
}

/// The word lists, by group.
#[derive(Debug, Clone, Default)]
pub struct Vocabulary {
    terms: Vec<Term>,
    /// Per group (a handful: searched in order), the indexes of its terms
    /// in the file's order, and its terms by first word (sorted, searched
    /// by halves): every lookup runs on every row of every sheet, and a key
    /// can only open with, or be, a term that starts with its first word.
    groups: Vec<Group>,
}

#[derive(Debug, Clone, Default)]
struct Group {
    name: String,
    terms: Vec<usize>,
    by_first: Vec<(String, Vec<usize>)>,
    /// Every word of the group's terms, sorted, each once.
    words: Vec<String>,
}

/// The file the built-in vocabulary is read from.
pub const DATA: &str = include_str!("../data/tu-vung.tsv");

fn kind_of(s: &str) -> Option<Kind> {
    match crate::fold_key(s).as_str() {
        "" | "chinh" => Some(Kind::Strong),
        "phu" => Some(Kind::Weak),
        "ten" => Some(Kind::Name),
        "tron" => Some(Kind::Whole),
        _ => None,
    }
}

/// The key a text is compared on.
fn key_of(s: &str) -> String {
    let k = crate::fold_key(s);
    if k.is_empty() {
        s.trim().to_owned()
    } else {
        k
    }
}

impl Vocabulary {
    /// The built-in vocabulary (`data/tu-vung.tsv`).
    ///
    /// # Panics
    /// Never at run time: the file is part of the build and a test reads it.
    #[must_use]
    pub fn builtin() -> &'static Vocabulary {
        static BUILTIN: OnceLock<Vocabulary> = OnceLock::new();
        BUILTIN.get_or_init(|| {
            Vocabulary::parse(DATA).unwrap_or_else(|e| panic!("data/tu-vung.tsv: {e}"))
        })
    }

    /// Reads the tab-separated form: group, code, word, kind.
    ///
    /// # Errors
    /// The first line that cannot be read, with its number.
    pub fn parse(text: &str) -> Result<Vocabulary, String> {
        let mut terms = Vec::new();
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            let (Some(group), Some(code), Some(word)) = (cols.first(), cols.get(1), cols.get(2))
            else {
                return Err(format!(
                    "dòng {}: cần ít nhất 3 cột cách nhau bằng tab",
                    i + 1
                ));
            };
            let kind = kind_of(cols.get(3).copied().unwrap_or(""))
                .ok_or_else(|| format!("dòng {}: loại \"{}\" không có", i + 1, cols[3]))?;
            terms.push(Term::new(group, code, word, kind));
        }
        Ok(Vocabulary::of(terms))
    }

    fn of(terms: Vec<Term>) -> Vocabulary {
        let mut groups: Vec<Group> = Vec::new();
        for (i, t) in terms.iter().enumerate() {
            let g = match groups.iter().position(|g| g.name == t.group) {
                Some(g) => g,
                None => {
                    groups.push(Group {
                        name: t.group.clone(),
                        ..Group::default()
                    });
                    groups.len() - 1
                }
            };
            let g = &mut groups[g];
            g.terms.push(i);
            let first = t.key.split(' ').next().unwrap_or("");
            match g.by_first.binary_search_by(|(f, _)| f.as_str().cmp(first)) {
                Ok(at) => g.by_first[at].1.push(i),
                Err(at) => g.by_first.insert(at, (first.to_owned(), vec![i])),
            }
            g.words.extend(t.words.iter().cloned());
        }
        for g in &mut groups {
            g.words.sort();
            g.words.dedup();
        }
        Vocabulary { terms, groups }
    }

    fn group(&self, name: &str) -> Option<&Group> {
        self.groups.iter().find(|g| g.name == name)
    }

    /// The terms of a group whose first word is `key`'s first word.
    fn starting_like<'a>(&'a self, group: &str, key: &str) -> impl Iterator<Item = &'a Term> + 'a {
        let first = key.split(' ').next().unwrap_or("");
        self.group(group)
            .and_then(|g| {
                g.by_first
                    .binary_search_by(|(f, _)| f.as_str().cmp(first))
                    .ok()
                    .map(|at| g.by_first[at].1.as_slice())
            })
            .unwrap_or(&[])
            .iter()
            .map(|&i| &self.terms[i])
    }

    /// This vocabulary with more terms: (group, code, word, kind as written —
    /// `chính`, `phụ`, `tên`, `trọn`, blank for `chính`). A term whose kind
    /// cannot be read is left out and returned, for a finding.
    #[must_use]
    pub fn extended<'a>(
        &self,
        extra: impl IntoIterator<Item = (&'a str, &'a str, &'a str, &'a str)>,
    ) -> (Vocabulary, Vec<String>) {
        let mut terms = self.terms.clone();
        let mut refused = Vec::new();
        for (group, code, word, kind) in extra {
            match kind_of(kind) {
                Some(kind) if !key_of(word).is_empty() => {
                    terms.push(Term::new(group, code, word, kind));
                }
                _ => refused.push(word.to_owned()),
            }
        }
        (Vocabulary::of(terms), refused)
    }

    /// The built-in vocabulary with a campaign's words (sheet `Từ điển`);
    /// the words whose kind cannot be read, for findings.
    #[must_use]
    pub fn for_campaign(words: &[tonghop_core::WordEntry]) -> (Vocabulary, Vec<String>) {
        Vocabulary::builtin().extended(words.iter().map(|w| {
            (
                w.group.as_str(),
                w.code.as_str(),
                w.word.as_str(),
                w.kind.as_str(),
            )
        }))
    }

    /// The groups there are, each once.
    #[must_use]
    pub fn groups(&self) -> Vec<&str> {
        self.groups.iter().map(|g| g.name.as_str()).collect()
    }

    /// Whether a word (of a fold key) is a word of some term of `group`.
    #[must_use]
    pub fn has_word(&self, group: &str, word: &str) -> bool {
        self.group(group)
            .is_some_and(|g| g.words.binary_search_by(|w| w.as_str().cmp(word)).is_ok())
    }

    /// The terms of a group, in the file's order.
    pub fn terms<'a>(&'a self, group: &str) -> impl Iterator<Item = &'a Term> + 'a {
        self.group(group)
            .map_or(&[][..], |g| g.terms.as_slice())
            .iter()
            .map(|&i| &self.terms[i])
    }

    /// The codes of a group, each once, in the file's order.
    #[must_use]
    pub fn codes(&self, group: &str) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for t in self.terms(group) {
            if !out.contains(&t.code.as_str()) {
                out.push(&t.code);
            }
        }
        out
    }

    /// The display name of a code (its `tên` term), if any.
    #[must_use]
    pub fn name(&self, group: &str, code: &str) -> Option<&str> {
        self.terms(group)
            .find(|t| t.code == code && t.kind == Kind::Name)
            .map(|t| t.word.as_str())
    }

    /// The code whose term is the whole key (`key` as [`crate::fold_key`] makes it).
    #[must_use]
    pub fn whole(&self, group: &str, key: &str) -> Option<&str> {
        self.starting_like(group, key)
            .find(|t| t.kind != Kind::Name && t.key == key)
            .map(|t| t.code.as_str())
    }

    /// The longest term `key` opens with, on a word boundary (`ten mo hinh
    /// cach lam` opens with `ten mo hinh`); whole-text terms only when they
    /// are the whole key. Weak terms count only when no strong one does.
    #[must_use]
    pub fn opening(&self, group: &str, key: &str) -> Option<&Term> {
        let mut best: Option<(&Term, bool)> = None;
        for t in self.starting_like(group, key) {
            let hit = match t.kind {
                Kind::Name => false,
                Kind::Whole => t.key == key,
                _ => key
                    .strip_prefix(t.key.as_str())
                    .is_some_and(|rest| rest.is_empty() || rest.starts_with(' ')),
            };
            if !hit {
                continue;
            }
            let strong = t.kind != Kind::Weak;
            let better =
                best.is_none_or(|(b, b_strong)| (strong, t.key.len()) > (b_strong, b.key.len()));
            if better {
                best = Some((t, strong));
            }
        }
        best.map(|(t, _)| t)
    }

    /// The code of [`Vocabulary::opening`].
    #[must_use]
    pub fn opening_code(&self, group: &str, key: &str) -> Option<&str> {
        self.opening(group, key).map(|t| t.code.as_str())
    }

    /// The terms found as whole words in `key` (padded search), strong and
    /// weak, whole-text terms only when they are the whole key.
    #[must_use]
    pub fn within<'a>(&'a self, group: &str, key: &str) -> Vec<&'a Term> {
        let padded = format!(" {key} ");
        self.terms(group)
            .filter(|t| t.found_in(key, &padded))
            .collect()
    }

    /// Whether any term of `code` in `group` is found as whole words in `key`.
    #[must_use]
    pub fn has(&self, group: &str, code: &str, key: &str) -> bool {
        let padded = format!(" {key} ");
        self.terms(group)
            .any(|t| t.code == code && t.found_in(key, &padded))
    }

    /// The abbreviations (group `viet_tat`): (short, full) as fold keys.
    #[must_use]
    pub fn abbreviations(&self) -> Vec<(String, String)> {
        self.terms("viet_tat")
            .map(|t| (crate::fold_key(&t.code), t.key.clone()))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_data_file_reads_and_every_group_is_there() {
        let v = Vocabulary::builtin();
        for group in [
            "viet_tat",
            "cot",
            "cap",
            "danh_dau",
            "tinh_trang",
            "khen_thuong",
            "tong",
            "cuoi",
            "doi_tuong",
            "mo_dau_don_vi",
            "khong_phai_don_vi",
            "loai_mo_hinh",
        ] {
            assert!(v.terms(group).count() > 0, "{group}");
        }
        assert_eq!(v.codes("loai_mo_hinh").len(), 13);
        assert_eq!(v.name("cap", "khoi"), Some("Cấp Khối"));
    }

    #[test]
    fn whole_opening_and_within() {
        let v = Vocabulary::builtin();
        let k = crate::fold_key;
        let open = |s: &str| v.opening_code("cot", &k(s));
        assert_eq!(open("Tên mô hình, cách làm"), Some("ten_mo_hinh"));
        assert_eq!(open("Kết quả xếp loại"), Some("xep_loai"));
        assert_eq!(open("Kết quả"), Some("tinh_trang"));
        assert_eq!(open("TT"), Some("stt"));
        assert_eq!(open("TT liên hệ"), None, "TT is a whole-cell word");
        assert_eq!(v.whole("cap", &k("Cấp ĐUK")), Some("khoi"));
        assert_eq!(v.whole("danh_dau", "✓"), Some("co"));
        assert!(v.has("tinh_trang", "loai", &k("Loại khỏi danh sách")));
        assert!(v.has("tinh_trang", "khong_phai_loai", &k("Xếp loại tốt")));
    }

    #[test]
    fn a_campaign_adds_words() {
        let (v, refused) = Vocabulary::builtin().extended([
            ("cot", "don_vi", "Đơn vị chủ quản", ""),
            ("cap", "tinh", "Tỉnh ủy", "trọn"),
            ("cap", "tinh", "x", "lạ"),
        ]);
        assert_eq!(
            v.opening_code("cot", &crate::fold_key("Đơn vị chủ quản")),
            Some("don_vi")
        );
        assert_eq!(v.whole("cap", &crate::fold_key("Tỉnh ủy")), Some("tinh"));
        assert_eq!(refused, vec!["x".to_owned()]);
    }
}
