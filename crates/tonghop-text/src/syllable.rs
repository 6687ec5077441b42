//! Is this word a valid Vietnamese syllable? Onset + nucleus + coda, one tone,
//! only sắc or nặng before p/t/c/ch, and the spelling rules of k/c and gh/ngh.
//! Used to tell legacy-encoded gibberish from real text.

use unicode_normalization::UnicodeNormalization;

const ONSETS: &[&str] = &[
    "ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "th", "tr", "qu", "b", "c", "d", "đ", "g",
    "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", "",
];
const CODAS: &[&str] = &["ch", "ng", "nh", "c", "m", "n", "p", "t", ""];
const NEED_CODA: &[&str] = &["ă", "â", "iê", "yê", "uô", "ươ", "uyê", "oă", "uâ"];
const NO_CODA: &[&str] = &[
    "ai", "ao", "au", "ay", "âu", "ây", "eo", "êu", "ia", "iu", "oi", "ôi", "ơi", "ua", "ui", "ưa",
    "ưi", "ưu", "iêu", "yêu", "oai", "oay", "oao", "oeo", "uây", "uôi", "uya", "uyu", "ươi", "ươu",
    "uơ",
];
// `y` closes only after `qu` (`quỳnh`), which the onset has taken.
const OPEN_OR_CLOSED: &[&str] = &[
    "a", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y", "oa", "oe", "uê", "uy",
];

fn tone_of(c: char) -> Option<u8> {
    match c {
        '\u{0301}' => Some(1),
        '\u{0300}' => Some(2),
        '\u{0309}' => Some(3),
        '\u{0303}' => Some(4),
        '\u{0323}' => Some(5),
        _ => None,
    }
}

fn rime_ok(rime: &str, tone: u8) -> bool {
    for coda in CODAS {
        let Some(nucleus) = rime.strip_suffix(coda) else {
            continue;
        };
        if nucleus.is_empty() {
            continue;
        }
        let ok = if coda.is_empty() {
            NO_CODA.contains(&nucleus) || OPEN_OR_CLOSED.contains(&nucleus)
        } else {
            NEED_CODA.contains(&nucleus) || OPEN_OR_CLOSED.contains(&nucleus)
        };
        let stop = matches!(*coda, "p" | "t" | "c" | "ch");
        if ok && (!stop || tone == 1 || tone == 5) {
            return true;
        }
    }
    false
}

/// Whether `word` (any case, NFC or NFD) is one valid Vietnamese syllable.
#[must_use]
pub fn is_valid_syllable(word: &str) -> bool {
    if word.chars().any(|c| c.is_ascii_digit()) {
        return false;
    }
    // Fast path: the matching key is the letters with vowel marks, then the tone.
    if let Some(key) = crate::fastkey::key(word, true) {
        if key.contains(' ') || key.is_empty() {
            return false;
        }
        let (base, tone) = match key.as_bytes().last() {
            Some(d @ b'1'..=b'5') => (&key[..key.len() - 1], d - b'0'),
            _ => (key.as_str(), 0),
        };
        return base_is_valid(base, tone);
    }
    let mut tone = 0u8;
    let mut base = String::new();
    for c in word.to_lowercase().nfd() {
        if let Some(t) = tone_of(c) {
            if tone != 0 {
                return false;
            }
            tone = t;
        } else {
            base.push(c);
        }
    }
    let base: String = base.nfc().collect();
    base_is_valid(&base, tone)
}

/// Onset + rime rules on a lower-case syllable without its tone.
fn base_is_valid(base: &str, tone: u8) -> bool {
    if base.is_empty()
        || !base
            .chars()
            .all(|c| "aăâbcdđeêghiklmnoôơpqrstuưvxy".contains(c))
    {
        return false;
    }
    for onset in ONSETS {
        let Some(rime) = base.strip_prefix(onset) else {
            continue;
        };
        if rime.is_empty() {
            continue;
        }
        let first = rime.chars().next().unwrap_or('a');
        let front = matches!(first, 'i' | 'e' | 'ê' | 'y');
        let spelling = match *onset {
            "k" => front,
            "c" | "g" | "ng" => !front || (*onset == "g" && rime.starts_with('i')),
            "gh" | "ngh" => front,
            _ => true,
        };
        if spelling && rime_ok(rime, tone) {
            return true;
        }
    }
    false
}

fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_alphabetic() || ('\u{0300}'..='\u{036F}').contains(&c)))
        .filter(|w| !w.is_empty())
}

/// How many words of `text` are valid Vietnamese syllables (words are runs of
/// letters and combining marks).
#[must_use]
pub fn count_valid(text: &str) -> usize {
    words(text).filter(|w| is_valid_syllable(w)).count()
}

/// How many words `text` has.
#[must_use]
pub fn count_words(text: &str) -> usize {
    words(text).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_syllables() {
        for w in [
            "đảng",
            "bộ",
            "người",
            "nguyễn",
            "thị",
            "quý",
            "giá",
            "gìn",
            "huỳnh",
            "khuỷu",
            "ngoẹo",
            "xoáy",
            "quỳnh",
            "thuở",
            "hoà",
            "hòa",
            "khoẻ",
            "yêu",
            "uỷ",
            "ủy",
            "việt",
            "nghiêng",
            "giữa",
            "chuyện",
            "tiếp",
            "học",
            "sách",
            "Trường",
            "ĐẢNG",
            "y",
            "ý",
            "oan",
            "uống",
            "ước",
        ] {
            assert!(is_valid_syllable(w), "{w}");
        }
    }

    #[test]
    fn gibberish_and_foreign_words() {
        for w in [
            "ng",
            "nh",
            "m",
            "caf",
            "müller",
            "hocc",
            "tàt",
            "cê",
            "ka",
            "ghu",
            "bé\u{301}",
        ] {
            assert!(!is_valid_syllable(w), "{w}");
        }
        assert_eq!(count_valid("§¶ng bé"), 1);
        assert_eq!(count_valid("Đảng bộ"), 2);
    }
}
