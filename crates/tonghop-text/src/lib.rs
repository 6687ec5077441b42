//! Vietnamese text as it arrives in returns, made comparable.
//!
//! What enters: any cell text (NFC or NFD, old or new tone placement, `Ð` for `Đ`,
//! stray spaces). What leaves:
//! - [`canonical`]: the text users see — NFC, `Đ` fixed, spaces and quotes tidied,
//!   the writer's spelling kept;
//! - [`match_key`]: equal for spellings a Vietnamese reader treats as the same
//!   (case, spacing, punctuation, Unicode form, tone placement `hoà`/`hòa`) but
//!   distinct when tones or vowel marks differ (`Lê` ≠ `Lệ`);
//! - [`fold_key`]: without any diacritic, for file names and unaccented typing,
//!   with [`expand_abbreviations`] for `DB`, `CB`, `SXKD`…;
//! - [`parse_date`]: `Yên Bái, ngày 20 tháng 10 năm 2022`, `02/4/2021`;
//! - [`legacy`]: TCVN3 and VNI text detected and converted;
//! - [`similarity`]: a score for near-duplicates, with its explanation.
//!
//! ```
//! use tonghop_text::{match_key, fold_key};
//! assert_eq!(match_key("Hoà Bình"), match_key("hòa  bình"));
//! assert_ne!(match_key("Lê Văn A"), match_key("Lệ Văn A"));
//! assert_eq!(fold_key("Đảng bộ Sở Y tế"), "dang bo so y te");
//! ```
#![deny(missing_docs)]

pub mod codes;
mod date;
mod fastkey;
pub mod legacy;
mod legacy_tables;
mod markup;
pub mod rating;
mod similarity;
pub mod stage;
mod syllable;
pub mod vocab;

/// `1234567` → `1.234.567` (Vietnamese thousands separator).
#[must_use]
pub fn format_int(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

pub use date::{parse_date, parse_date_in, parse_date_or_serial, parse_month_only};
pub use markup::{csv_fields, escape_html};
pub use similarity::{
    osa_distance, score_keys, score_keys_from, similarity, Similarity, THRESHOLD,
};
pub use syllable::{count_valid, is_valid_syllable};
pub use vocab::Vocabulary;

use unicode_normalization::UnicodeNormalization;

/// The text users see: NFC, `Ð`/`ð` (eth) read as `Đ`/`đ`, non-breaking and
/// zero-width spaces removed, whitespace runs collapsed and trimmed, curly quotes
/// made straight.
#[must_use]
pub fn canonical(s: &str) -> String {
    // Most cells are canonical already: one read-only pass, one copy.
    if is_canonical(s) {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    // Most cells are NFC already: the quick check spares the composing iterator.
    let chars: Box<dyn Iterator<Item = char>> = if unicode_normalization::is_nfc_quick(s.chars())
        == unicode_normalization::IsNormalized::Yes
    {
        Box::new(s.chars())
    } else {
        Box::new(s.nfc())
    };
    for c in chars {
        let c = match c {
            '\u{00D0}' => 'Đ',
            '\u{00F0}' => 'đ',
            '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{2032}' => '\'',
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{00AB}' | '\u{00BB}' => '"',
            '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{FEFF}' => continue,
            c if c.is_whitespace() => {
                pending_space = !out.is_empty();
                continue;
            }
            c => c,
        };
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        out.push(c);
    }
    out
}

/// `s` made [`canonical`] in place: untouched (no copy) when it is already.
pub fn make_canonical(s: &mut String) {
    if !is_canonical(s) {
        *s = canonical(s);
    }
}

/// Whether `canonical` would return `s` unchanged: NFC, single spaces between
/// words and none at the ends, none of the characters it replaces or drops.
fn is_canonical(s: &str) -> bool {
    let mut previous_space = true; // a space at the start is not canonical
    for c in s.chars() {
        match c {
            ' ' if previous_space => return false,
            ' ' => previous_space = true,
            '\u{00D0}' | '\u{00F0}' | '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{2032}'
            | '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{00AB}' | '\u{00BB}' | '\u{200B}'
            | '\u{200C}' | '\u{200D}' | '\u{FEFF}' => return false,
            c if c.is_whitespace() => return false,
            _ => previous_space = false,
        }
    }
    (!previous_space || s.is_empty())
        && unicode_normalization::is_nfc_quick(s.chars())
            == unicode_normalization::IsNormalized::Yes
}

/// Tone marks as combining characters, with the digit a key gives them.
fn tone_digit(c: char) -> Option<char> {
    match c {
        '\u{0301}' => Some('1'), // sắc
        '\u{0300}' => Some('2'), // huyền
        '\u{0309}' => Some('3'), // hỏi
        '\u{0303}' => Some('4'), // ngã
        '\u{0323}' => Some('5'), // nặng
        _ => None,
    }
}

fn is_vowel_mark(c: char) -> bool {
    matches!(c, '\u{0302}' | '\u{0306}' | '\u{031B}')
}

/// A key that ignores case, spacing, punctuation, Unicode form and where the
/// tone mark sits, but keeps tones and vowel marks: each word is its letters
/// (with `â ă ê ô ơ ư đ`) followed by its tone as a digit (`hòa` → `hoa2`).
#[must_use]
pub fn match_key(s: &str) -> String {
    fastkey::key(s, true).unwrap_or_else(|| words(s, true).join(" "))
}

/// A key without any diacritic or tone, for file names and unaccented typing
/// (`Đảng bộ` → `dang bo`).
#[must_use]
pub fn fold_key(s: &str) -> String {
    fastkey::key(s, false).unwrap_or_else(|| words(s, false).join(" "))
}

/// [`match_key`] appended to `out`, which is reused between calls so that
/// keying a million names allocates nothing per name.
pub fn match_key_into(s: &str, out: &mut String) {
    key_into(s, true, out);
}

/// [`fold_key`] appended to `out`.
pub fn fold_key_into(s: &str, out: &mut String) {
    key_into(s, false, out);
}

fn key_into(s: &str, keep_marks: bool, out: &mut String) {
    let start = out.len();
    if !fastkey::key_into(s, keep_marks, out) {
        out.truncate(start);
        let words = words(s, keep_marks);
        for (i, w) in words.iter().enumerate() {
            if i > 0 {
                out.push(' ');
            }
            out.push_str(w);
        }
    }
}

fn words(s: &str, keep_marks: bool) -> Vec<String> {
    let canon = canonical(s);
    let mut result = Vec::new();
    let mut word = String::new();
    let mut tone: Option<char> = None;
    let flush = |word: &mut String, tone: &mut Option<char>, result: &mut Vec<String>| {
        if !word.is_empty() {
            let mut w: String = word.nfc().collect();
            if let Some(t) = tone.take() {
                w.push(t);
            }
            result.push(w);
            word.clear();
        }
        *tone = None;
    };
    for c in canon.nfd() {
        if let Some(t) = tone_digit(c) {
            if keep_marks && !word.is_empty() {
                tone = Some(t);
            }
            continue;
        }
        if is_vowel_mark(c) {
            if keep_marks && !word.is_empty() {
                word.push(c);
            }
            continue;
        }
        if c.is_alphanumeric() {
            for l in c.to_lowercase() {
                if !keep_marks && l == 'đ' {
                    word.push('d');
                } else {
                    word.push(l);
                }
            }
        } else if is_combining(c) {
            // Other combining marks carry no meaning in Vietnamese: drop them.
        } else {
            flush(&mut word, &mut tone, &mut result);
        }
    }
    flush(&mut word, &mut tone, &mut result);
    result
}

fn is_combining(c: char) -> bool {
    ('\u{0300}'..='\u{036F}').contains(&c)
}

/// An abbreviation table: the vocabulary's (group `viet_tat` of
/// `data/tu-vung.tsv`) plus what a campaign adds.
#[derive(Debug, Clone)]
pub struct Abbreviations {
    /// Sorted by the abbreviation (every word of every name is looked up).
    pairs: Vec<(String, String)>,
}

impl Default for Abbreviations {
    fn default() -> Self {
        Abbreviations::of(Vocabulary::builtin())
    }
}

impl Abbreviations {
    /// The abbreviations of a vocabulary (group `viet_tat`); of two with the
    /// same short form, the first.
    #[must_use]
    pub fn of(vocabulary: &Vocabulary) -> Abbreviations {
        let mut pairs = vocabulary.abbreviations();
        pairs.sort_by(|a, b| a.0.cmp(&b.0));
        pairs.dedup_by(|later, first| later.0 == first.0);
        Abbreviations { pairs }
    }

    /// The full form of an abbreviation (a fold key), if it is one.
    #[must_use]
    pub fn full(&self, word: &str) -> Option<&str> {
        self.pairs
            .binary_search_by(|(a, _)| a.as_str().cmp(word))
            .ok()
            .map(|i| self.pairs[i].1.as_str())
    }

    /// Adds (or replaces) an abbreviation, both sides as users write them
    /// (`"NHCSXH"`, `"Ngân hàng Chính sách xã hội"`).
    pub fn add(&mut self, short: &str, full: &str) {
        let (a, f) = (fold_key(short), fold_key(full));
        if a.is_empty() || a.contains(' ') {
            return;
        }
        match self.pairs.binary_search_by(|(x, _)| x.as_str().cmp(&a)) {
            Ok(i) => self.pairs[i].1 = f,
            Err(i) => self.pairs.insert(i, (a, f)),
        }
    }

    /// The fold key with abbreviations spelled out (`DB So Y te` → `dang bo so y te`).
    /// `&` and `-` between two abbreviations are read as joins (`TN&MT`, `GD-ĐT`).
    #[must_use]
    pub fn expand(&self, s: &str) -> String {
        let folded = fold_key(&s.replace('&', " va "));
        let mut out: Vec<&str> = Vec::new();
        for w in folded.split(' ') {
            out.push(self.full(w).unwrap_or(w));
        }
        let joined = out.join(" ");
        // `TN&MT` became `tn va mt`: join known pairs back.
        joined
            .replace("thanh nien va mt", "tai nguyen va moi truong")
            .replace(" va va ", " va ")
    }
}

/// [`Abbreviations::expand`] with the default table.
#[must_use]
pub fn expand_abbreviations(s: &str) -> String {
    static DEFAULT: std::sync::OnceLock<Abbreviations> = std::sync::OnceLock::new();
    DEFAULT.get_or_init(Abbreviations::default).expand(s)
}

/// A fold key with the designator word before a number taken out (`truong thpt
/// so 2` → `truong thpt 2`), so that `Sở GTVT 3`, `Sở GTVT số 3` and `Sở
/// Giao thông vận tải số 3` are one name.
#[must_use]
pub fn designated(key: &str) -> String {
    if !key.contains("so ") {
        return key.to_owned();
    }
    let words: Vec<&str> = key.split(' ').collect();
    let mut out = String::with_capacity(key.len());
    for (i, w) in words.iter().enumerate() {
        let numbered = words
            .get(i + 1)
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
        if *w == "so" && numbered {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// A level named on its own, as a fold key: `tinh`, `cap khoi`, `co so`, `duk`…
/// (group `cap` of the vocabulary, whole-text terms).
#[must_use]
pub fn level_word(fold: &str) -> Option<tonghop_core::Level> {
    Vocabulary::builtin().level_word(fold)
}

/// The default taxonomy of plan 46-KH/ĐUK (group `loai_mo_hinh` of the
/// vocabulary), used when `danh-muc.xlsx` has no sheet `Loại mô hình`.
/// Keywords are written as users write them and compared through the keys;
/// a leading `~` marks a weak keyword, which decides only when no other
/// keyword matched.
#[must_use]
pub fn default_categories() -> Vec<tonghop_core::CategoryDef> {
    let v = Vocabulary::builtin();
    v.codes("loai_mo_hinh")
        .into_iter()
        .map(|code| tonghop_core::CategoryDef {
            code: code.to_owned(),
            name: v.name("loai_mo_hinh", code).unwrap_or(code).to_owned(),
            keywords: v
                .terms("loai_mo_hinh")
                .filter(|t| t.code == code)
                .filter_map(|t| match t.kind {
                    vocab::Kind::Strong | vocab::Kind::Whole => Some(t.word.clone()),
                    vocab::Kind::Weak => Some(format!("~{}", t.word)),
                    vocab::Kind::Name => None,
                })
                .collect(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The read-only check agrees with the rewriting: a text is canonical
    /// exactly when canonical leaves it as it is, and canonical text stays so.
    #[test]
    fn the_canonical_check_agrees_with_canonical() {
        let nfd: String = "Hường".nfd().collect();
        for s in [
            "",
            " ",
            "a",
            "Đảng bộ",
            " Đảng",
            "Đảng ",
            "Đảng  bộ",
            "Đảng\tbộ",
            "Đảng\u{00A0}bộ",
            "Ðảng",
            "\u{201C}5S\u{201D}",
            "a\u{200B}b",
            "x\n",
            &nfd,
            "Chi bộ Sở Y tế (cũ)",
        ] {
            let tidy = canonical(s);
            assert_eq!(is_canonical(s), tidy == s, "{s:?}");
            assert!(is_canonical(&tidy), "{tidy:?}");
        }
    }

    #[test]
    fn canonical_tidies_but_keeps_spelling() {
        assert_eq!(
            canonical("  Ðảng\u{00A0}bộ \u{200B} thuỷ  "),
            "Đảng bộ thuỷ"
        );
        assert_eq!(canonical("\u{201C}5S\u{201D}"), "\"5S\"");
        // NFD in, NFC out.
        let nfd: String = "Nguyễn Thị Hường".nfd().collect();
        assert_eq!(canonical(&nfd), "Nguyễn Thị Hường");
    }

    #[test]
    fn match_key_ignores_tone_placement_and_form() {
        assert_eq!(match_key("hoà"), match_key("hòa"));
        assert_eq!(match_key("thuỷ"), match_key("thủy"));
        assert_eq!(match_key("ĐẢNG UỶ"), match_key("Đảng ủy"));
        let nfd: String = "Trường học hạnh phúc".nfd().collect();
        assert_eq!(match_key(&nfd), match_key("Trường  học hạnh phúc."));
        assert_eq!(match_key("hòa"), "hoa2");
    }

    #[test]
    fn match_key_keeps_tones_and_marks() {
        assert_ne!(match_key("Lê"), match_key("Lệ"));
        assert_ne!(match_key("Hương"), match_key("Hường"));
        assert_ne!(match_key("Thủy"), match_key("Thúy"));
        assert_ne!(match_key("ba"), match_key("bà"));
    }

    #[test]
    fn fast_and_general_paths_agree() {
        // Letters of every kind a return may hold, in NFC and NFD, with noise.
        let pool: Vec<char> = "aàảãáạăằẳẵắặâầẩẫấậbcdđeèẻẽéẹêềểễếệghiìỉĩíịklmnoòỏõóọôồổỗốộơờởỡớợpqrstuùủũúụưừửữứựvxyỳỷỹýỵ\
             AÀẢÃÁẠĂẰÂẦĐEÉÊỆIÍOÓÔỐƠỚUÚƯỨYÝ0123456789  .,-/()\"“”'\u{A0}\u{AD}\u{200B}ÐðñçüßøæÅ\u{300}\u{301}\u{302}\u{303}\u{306}\u{309}\u{31B}\u{323}\u{308}Жя"
            .chars()
            .collect();
        let mut state: u64 = 11;
        for _ in 0..20_000 {
            let n = 1 + (state % 30) as usize;
            let s: String = (0..n)
                .map(|_| {
                    state = state
                        .wrapping_mul(6_364_136_223_846_793_005)
                        .wrapping_add(1_442_695_040_888_963_407);
                    pool[(state >> 33) as usize % pool.len()]
                })
                .collect();
            for keep in [true, false] {
                if let Some(fast) = fastkey::key(&s, keep) {
                    assert_eq!(fast, words(&s, keep).join(" "), "{s:?} keep_marks={keep}");
                }
            }
            let nfd: String = s.nfd().collect();
            assert_eq!(match_key(&nfd), match_key(&s), "{s:?}");
        }
    }

    #[test]
    fn fold_key_drops_everything() {
        assert_eq!(fold_key("Điển hình tiên tiến"), "dien hinh tien tien");
        assert_eq!(fold_key("Ðoàn TN"), "doan tn");
    }

    #[test]
    fn abbreviations_expand() {
        assert_eq!(
            expand_abbreviations("BC mo hinh - DB So Y te"),
            "bc mo hinh dang bo so y te"
        );
        assert_eq!(
            expand_abbreviations("CB Sở TN&MT"),
            "chi bo so tai nguyen va moi truong"
        );
        assert_eq!(expand_abbreviations("GD-ĐT"), "giao duc dao tao");
    }

    #[test]
    fn a_campaign_extends_the_table() {
        let mut t = Abbreviations::default();
        assert_eq!(t.expand("CB NHCSXH"), "chi bo nhcsxh");
        t.add("NHCSXH", "Ngân hàng Chính sách xã hội");
        assert_eq!(t.expand("CB NHCSXH"), "chi bo ngan hang chinh sach xa hoi");
    }
}
