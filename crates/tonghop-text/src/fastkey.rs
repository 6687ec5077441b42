//! The matching keys in one pass, without normalisation iterators.
//!
//! Every Vietnamese letter (precomposed, any case) maps through a table to its
//! lower-case letter with vowel marks (`ầ` → `â`), its plain letter (`a`) and
//! its tone. NFD input is handled by composing a vowel mark with the letter
//! before it. A string holding anything the table does not know (another
//! script's letters, an unusual combining sequence) takes the general path in
//! `lib.rs`, so both paths give the same keys; a test checks they do.

use std::sync::OnceLock;
use unicode_normalization::UnicodeNormalization;

#[derive(Clone, Copy, Default)]
struct Letter {
    /// Lower case, vowel marks kept, tone removed (`â`).
    marked: char,
    /// Lower case, no mark at all, `đ` as `d`.
    plain: char,
    /// 0 none, 1 sắc, 2 huyền, 3 hỏi, 4 ngã, 5 nặng.
    tone: u8,
}

/// Latin-1 Supplement to Latin Extended-B (U+00C0–U+01FF) and the Vietnamese
/// block of Latin Extended Additional (U+1EA0–U+1EF9).
struct Table {
    low: Vec<Option<Letter>>,
    viet: Vec<Option<Letter>>,
}

const LOW_START: u32 = 0xC0;
const LOW_END: u32 = 0x1FF;
const VIET_START: u32 = 0x1EA0;
const VIET_END: u32 = 0x1EF9;

fn analyse(c: char) -> Option<Letter> {
    let lower = c.to_lowercase().next()?;
    let mut marked = String::new();
    let mut plain = None;
    let mut tone = 0;
    for d in lower.to_string().nfd() {
        match d {
            '\u{0301}' => tone = 1,
            '\u{0300}' => tone = 2,
            '\u{0309}' => tone = 3,
            '\u{0303}' => tone = 4,
            '\u{0323}' => tone = 5,
            '\u{0302}' | '\u{0306}' | '\u{031B}' => marked.push(d),
            d if d.is_ascii_alphabetic() && plain.is_none() => {
                plain = Some(d);
                marked.push(d);
            }
            'đ' if plain.is_none() => {
                plain = Some('d');
                marked.push('đ');
            }
            _ => return None,
        }
    }
    let marked: String = marked.nfc().collect();
    let mut it = marked.chars();
    let m = it.next()?;
    if it.next().is_some() {
        return None;
    }
    Some(Letter {
        marked: m,
        plain: plain?,
        tone,
    })
}

fn table() -> &'static Table {
    static T: OnceLock<Table> = OnceLock::new();
    T.get_or_init(|| {
        let build = |from: u32, to: u32| -> Vec<Option<Letter>> {
            (from..=to)
                .map(|u| char::from_u32(u).and_then(analyse))
                .collect()
        };
        Table {
            low: build(LOW_START, LOW_END),
            viet: build(VIET_START, VIET_END),
        }
    })
}

fn lookup(c: char) -> Option<Letter> {
    let u = u32::from(c);
    let t = table();
    if (LOW_START..=LOW_END).contains(&u) {
        t.low[(u - LOW_START) as usize]
    } else if (VIET_START..=VIET_END).contains(&u) {
        t.viet[(u - VIET_START) as usize]
    } else {
        None
    }
}

fn compose(base: char, mark: char) -> Option<char> {
    Some(match (base, mark) {
        ('a', '\u{0302}') => 'â',
        ('a', '\u{0306}') => 'ă',
        ('e', '\u{0302}') => 'ê',
        ('o', '\u{0302}') => 'ô',
        ('o', '\u{031B}') => 'ơ',
        ('u', '\u{031B}') => 'ư',
        _ => return None,
    })
}

/// The key of `s`; `None` when `s` needs the general path.
pub(crate) fn key(s: &str, keep_marks: bool) -> Option<String> {
    let mut out = String::with_capacity(s.len() + 8);
    key_into(s, keep_marks, &mut out).then_some(out)
}

/// Appends the key of `s` to `out`; `false` (with `out` left partly written)
/// when `s` needs the general path.
pub(crate) fn key_into(s: &str, keep_marks: bool, out: &mut String) -> bool {
    let start = out.len();
    let mut in_word = false;
    let mut tone = 0u8;
    let end_word = |out: &mut String, in_word: &mut bool, tone: &mut u8| {
        if *in_word && keep_marks && *tone > 0 {
            out.push(char::from(b'0' + *tone));
        }
        *in_word = false;
        *tone = 0;
    };
    for c in s.chars() {
        let letter = if c.is_ascii_alphanumeric() {
            let l = c.to_ascii_lowercase();
            Some(Letter {
                marked: l,
                plain: l,
                tone: 0,
            })
        } else if c == '\u{D0}' || c == '\u{F0}' {
            // `Ð` (eth) after old conversions is `Đ`.
            Some(Letter {
                marked: 'đ',
                plain: 'd',
                tone: 0,
            })
        } else {
            lookup(c)
        };
        if let Some(l) = letter {
            if !in_word {
                if out.len() > start {
                    out.push(' ');
                }
                in_word = true;
            }
            out.push(if keep_marks { l.marked } else { l.plain });
            if l.tone > 0 && keep_marks {
                // Two tones in one word: let the general path order them.
                if tone > 0 {
                    return false;
                }
                tone = l.tone;
            }
            continue;
        }
        match c {
            '\u{0301}' | '\u{0300}' | '\u{0309}' | '\u{0303}' | '\u{0323}' => {
                if in_word && keep_marks {
                    if tone > 0 {
                        return false;
                    }
                    tone = match c {
                        '\u{0301}' => 1,
                        '\u{0300}' => 2,
                        '\u{0309}' => 3,
                        '\u{0303}' => 4,
                        _ => 5,
                    };
                }
            }
            '\u{0302}' | '\u{0306}' | '\u{031B}' => {
                if in_word && keep_marks {
                    // A mark with no letter before it (the word's start is in `out`).
                    match out.pop().and_then(|last| compose(last, c)) {
                        Some(m) => out.push(m),
                        None => return false,
                    }
                }
            }
            // Zero-width characters vanish inside a word.
            '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{FEFF}' => {}
            c if ('\u{0300}'..='\u{036F}').contains(&c) => {}
            c if c.is_alphanumeric() => return false,
            _ => end_word(out, &mut in_word, &mut tone),
        }
    }
    end_word(out, &mut in_word, &mut tone);
    true
}
