//! Legacy 8-bit Vietnamese: TCVN3 (ABC, `.Vn*` fonts) and VNI-Windows, as Excel
//! stores them — Latin-1 look-alikes such as `§¶ng bé` for `Đảng bộ`.
//!
//! Detection decodes a text both ways and keeps a decoding only when it yields
//! strictly more valid Vietnamese syllables than the text as it is (and the
//! text holds nothing that proves it is Unicode already). Over many cells of
//! one sheet the same test is made on the sum, so short cells that are
//! ambiguous alone (`Chi bé`) follow the sheet.

use crate::legacy_tables::{TCVN3, TCVN3_VN1_CAPITALS, VNI};
use crate::syllable::{count_valid, count_words};
use std::collections::HashMap;
use std::sync::OnceLock;
use unicode_normalization::UnicodeNormalization;

/// A legacy encoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Legacy {
    /// TCVN 5712 VN3 (ABC), fonts `.VnTime`, `.VnArial`…
    Tcvn3,
    /// VNI-Windows, fonts `VNI-Times`…
    Vni,
}

impl Legacy {
    /// The name users know.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Legacy::Tcvn3 => "TCVN3 (ABC)",
            Legacy::Vni => "VNI",
        }
    }
}

struct Tables {
    tcvn3_decode: HashMap<char, char>,
    tcvn3_encode: HashMap<char, char>,
    vni_decode: HashMap<String, char>,
    vni_encode: HashMap<char, &'static str>,
}

fn tables() -> &'static Tables {
    static T: OnceLock<Tables> = OnceLock::new();
    T.get_or_init(|| {
        let mut tcvn3_decode = HashMap::new();
        let mut tcvn3_encode = HashMap::new();
        for &(b, u) in TCVN3 {
            tcvn3_decode.insert(char::from(b), u);
            tcvn3_encode.insert(u, char::from(b));
        }
        for &(b, u) in TCVN3_VN1_CAPITALS {
            tcvn3_decode.entry(char::from(b)).or_insert(u);
        }
        let mut vni_decode = HashMap::new();
        let mut vni_encode = HashMap::new();
        for &(u, seq) in VNI {
            vni_decode.insert(seq.to_owned(), u);
            vni_encode.insert(u, seq);
        }
        Tables {
            tcvn3_decode,
            tcvn3_encode,
            vni_decode,
            vni_encode,
        }
    })
}

/// Decodes text typed in `enc` and stored as Latin-1 look-alikes.
#[must_use]
pub fn decode(s: &str, enc: Legacy) -> String {
    let t = tables();
    match enc {
        Legacy::Tcvn3 => s
            .chars()
            .map(|c| *t.tcvn3_decode.get(&c).unwrap_or(&c))
            .collect(),
        Legacy::Vni => {
            let chars: Vec<char> = s.chars().collect();
            let mut out = String::with_capacity(s.len());
            let mut i = 0;
            while i < chars.len() {
                // Greedy: two characters (letter + modifier), then one.
                if i + 1 < chars.len() {
                    let pair: String = chars[i..i + 2].iter().collect();
                    if let Some(u) = t.vni_decode.get(&pair) {
                        out.push(*u);
                        i += 2;
                        continue;
                    }
                }
                let one = chars[i].to_string();
                out.push(*t.vni_decode.get(&one).unwrap_or(&chars[i]));
                i += 1;
            }
            out
        }
    }
}

/// Encodes Unicode text as a legacy font would store it (for fixtures and
/// tests). TCVN3 has no codes for capital toned letters: they are written in
/// lower case, as `.VnTimeH` users did.
#[must_use]
pub fn encode(s: &str, enc: Legacy) -> String {
    let t = tables();
    let nfc: String = s.nfc().collect();
    match enc {
        Legacy::Tcvn3 => nfc
            .chars()
            .map(|c| {
                if let Some(b) = t.tcvn3_encode.get(&c) {
                    return *b;
                }
                let lower = c.to_lowercase().next().unwrap_or(c);
                *t.tcvn3_encode.get(&lower).unwrap_or(&c)
            })
            .collect(),
        Legacy::Vni => nfc
            .chars()
            .map(|c| {
                t.vni_encode
                    .get(&c)
                    .map_or_else(|| c.to_string(), |s| (*s).to_owned())
            })
            .collect(),
    }
}

/// Proof that a text is Unicode already: a letter only Unicode Vietnamese has
/// (ă đ ĩ ũ ơ ư, U+1EA0–U+1EF9) or a combining mark.
#[must_use]
pub fn is_unicode_vietnamese(s: &str) -> bool {
    s.chars().any(|c| {
        matches!(
            c,
            'ă' | 'Ă' | 'đ' | 'Đ' | 'ĩ' | 'Ĩ' | 'ũ' | 'Ũ' | 'ơ' | 'Ơ' | 'ư' | 'Ư'
        ) || ('\u{1EA0}'..='\u{1EF9}').contains(&c)
            || ('\u{0300}'..='\u{036F}').contains(&c)
    })
}

/// Whether the text could be legacy at all: it has a character above ASCII,
/// and every character is Latin-1 (or a VN1 control code).
fn could_be_legacy(s: &str) -> bool {
    let mut high = false;
    for c in s.chars() {
        let u = u32::from(c);
        if u > 0xFF {
            return false;
        }
        if u >= 0x80 || (u < 0x20 && !c.is_whitespace()) {
            high = true;
        }
    }
    high && !is_unicode_vietnamese(s)
}

/// Valid-syllable counts of a text as it is and decoded each way.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Evidence {
    /// Words (runs of letters) in the text decoded as TCVN3.
    pub tcvn3_words: usize,
    /// Words in the text decoded as VNI.
    pub vni_words: usize,
    /// Valid Vietnamese syllables as the text is.
    pub as_is: usize,
    /// … decoded as TCVN3.
    pub tcvn3: usize,
    /// … decoded as VNI.
    pub vni: usize,
}

impl Evidence {
    /// Adds another text's counts (for a sheet).
    pub fn add(&mut self, other: Evidence) {
        self.tcvn3_words += other.tcvn3_words;
        self.vni_words += other.vni_words;
        self.as_is += other.as_is;
        self.tcvn3 += other.tcvn3;
        self.vni += other.vni;
    }

    /// The encoding the evidence points to, if any: a decoding must gain
    /// syllables over the text as it is, beat the other decoding, and leave
    /// most words valid Vietnamese (decoded legacy text reads as Vietnamese;
    /// a decoded Danish or French sentence does not).
    #[must_use]
    pub fn verdict(&self) -> Option<Legacy> {
        let best = if self.tcvn3 >= self.vni {
            (Legacy::Tcvn3, self.tcvn3, self.tcvn3_words)
        } else {
            (Legacy::Vni, self.vni, self.vni_words)
        };
        (best.1 > self.as_is && self.tcvn3 != self.vni && best.1 * 3 >= best.2 * 2)
            .then_some(best.0)
    }
}

/// Counts the evidence in one text (all zero when it cannot be legacy).
#[must_use]
pub fn evidence(s: &str) -> Evidence {
    if !could_be_legacy(s) {
        return Evidence::default();
    }
    let (tcvn3, vni) = (decode(s, Legacy::Tcvn3), decode(s, Legacy::Vni));
    Evidence {
        tcvn3_words: count_words(&tcvn3),
        vni_words: count_words(&vni),
        as_is: count_valid(s),
        tcvn3: count_valid(&tcvn3),
        vni: count_valid(&vni),
    }
}

/// Detects the legacy encoding of one text on its own.
#[must_use]
pub fn detect(s: &str) -> Option<Legacy> {
    evidence(s).verdict()
}

/// Converts a text when it is detected as legacy; otherwise returns it as is.
#[must_use]
pub fn fix(s: &str) -> (String, Option<Legacy>) {
    match detect(s) {
        Some(enc) => (decode(s, enc).nfc().collect(), Some(enc)),
        None => (s.to_owned(), None),
    }
}

/// Converts `s` when it could be legacy, using an encoding decided for its
/// whole sheet; text that proves to be Unicode is left alone.
#[must_use]
pub fn decode_if_legacy(s: &str, enc: Legacy) -> Option<String> {
    could_be_legacy(s).then(|| decode(s, enc).nfc().collect())
}

/// What a font's name says about the text typed in it: the legacy encoding
/// of the `.Vn*` (TCVN3) and `VNI-*` families, and whether it is one of the
/// TCVN3 capitals fonts (`.VnTimeH`, `.VnArialH`: lowercase codes drawn as
/// capitals, since TCVN3 has no codes for capital toned letters).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FontEncoding {
    /// The encoding.
    pub legacy: Legacy,
    /// Drawn in capitals whatever the codes.
    pub capitals: bool,
}

/// The legacy encoding a font's name tells, if any (`.VnTime`, `.VnTimeH`,
/// `VNI-Times`, `VNI Helve`…); any other font says nothing.
#[must_use]
pub fn font_encoding(font: &str) -> Option<FontEncoding> {
    let name = font.trim();
    let lower = name.to_ascii_lowercase();
    if lower.starts_with(".vn") {
        return Some(FontEncoding {
            legacy: Legacy::Tcvn3,
            capitals: name.ends_with('H'),
        });
    }
    let vni = lower
        .strip_prefix("vni")
        .is_some_and(|rest| rest.starts_with(['-', ' ', '_']));
    vni.then_some(FontEncoding {
        legacy: Legacy::Vni,
        capitals: false,
    })
}

/// Converts a text typed in a legacy font to Unicode (NFC), capitals for the
/// capitals fonts; text that proves to be Unicode already (a letter only
/// Unicode has) is left as it is, whatever font it was given.
#[must_use]
pub fn decode_font(s: &str, font: FontEncoding) -> Option<String> {
    if is_unicode_vietnamese(s) {
        return None;
    }
    let decoded: String = decode(s, font.legacy).nfc().collect();
    Some(if font.capitals {
        decoded.to_uppercase()
    } else {
        decoded
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fonts_tell_the_encoding_and_the_capitals() {
        let f = |n: &str| font_encoding(n).map(|e| (e.legacy, e.capitals));
        assert_eq!(f(".VnTime"), Some((Legacy::Tcvn3, false)));
        assert_eq!(f(".VnTimeH"), Some((Legacy::Tcvn3, true)));
        assert_eq!(f(".VnArial NarrowH"), Some((Legacy::Tcvn3, true)));
        assert_eq!(f(".VnHelvetins"), Some((Legacy::Tcvn3, false)));
        assert_eq!(f("VNI-Times"), Some((Legacy::Vni, false)));
        assert_eq!(f("vni helve"), Some((Legacy::Vni, false)));
        for other in ["Times New Roman", "Arial", "VNIcon", "Vntime", ""] {
            assert_eq!(f(other), None, "{other}");
        }
        let h = font_encoding(".VnTimeH").unwrap();
        // What a `.VnTimeH` title stores: lowercase codes, drawn as capitals.
        assert_eq!(
            decode_font(&encode("đảng bộ khối", Legacy::Tcvn3), h).as_deref(),
            Some("ĐẢNG BỘ KHỐI")
        );
        let t = font_encoding(".VnTime").unwrap();
        assert_eq!(decode_font("Chi bé", t).as_deref(), Some("Chi bộ"));
        // Text typed in Unicode under an old font name stays as it is.
        assert_eq!(decode_font("Chi bộ Sở Tư pháp", t), None);
    }

    #[test]
    fn readme_examples() {
        for (uni, tcvn3, vni) in [
            ("Đảng bộ", "§¶ng bé", "Ñaûng boä"),
            ("mô hình", "m« h×nh", "moâ hình"),
            (
                "điển hình tiên tiến",
                "®iÓn h×nh tiªn tiÕn",
                "ñieån hình tieân tieán",
            ),
            ("Nguyễn Thị", "NguyÔn ThÞ", "Nguyeãn Thò"),
            ("người", "ng\u{AD}êi", "ngöôøi"),
        ] {
            assert_eq!(decode(tcvn3, Legacy::Tcvn3), uni);
            assert_eq!(decode(vni, Legacy::Vni), uni);
            assert_eq!(encode(uni, Legacy::Vni), vni);
            assert_eq!(fix(tcvn3), (uni.to_owned(), Some(Legacy::Tcvn3)));
            assert_eq!(fix(vni), (uni.to_owned(), Some(Legacy::Vni)));
        }
    }

    #[test]
    fn genuine_text_is_left_alone() {
        for s in [
            "Hoà Bình",
            "Cà Mau",
            "Đảng bộ Sở Y tế",
            "café crème brûlée",
            "Müller Straße",
            "Ångström",
            "TCVN 5712:1993",
            "46-KH/ĐUK",
            "12.345,67 €",
            "Señor García",
            "naïve façade",
        ] {
            assert_eq!(detect(s), None, "{s}");
        }
    }

    #[test]
    fn tcvn3_table_agrees_with_glibc_iconv() {
        // A second, independent source: glibc's TCVN5712-1 converter.
        // glibc's iconv is part of every Debian system (libc-bin): its absence is
        // a failure, not a reason to skip.
        let probe = std::process::Command::new("iconv")
            .arg("--version")
            .output()
            .expect("iconv (glibc) is installed");
        assert!(probe.status.success());
        for &(b, u) in TCVN3.iter().chain(TCVN3_VN1_CAPITALS) {
            let out = std::process::Command::new("sh")
                .arg("-c")
                .arg(format!(
                    "printf '\\{:03o}' | iconv -f TCVN5712-1 -t UTF-8",
                    b
                ))
                .output()
                .expect("iconv runs");
            let got: String = String::from_utf8_lossy(&out.stdout).nfc().collect();
            assert_eq!(got, u.to_string(), "byte {b:#04x}");
        }
    }

    #[test]
    fn vni_pairs_agree_with_the_modifier_table() {
        // The whole-letter table against the modifier table: base letter plus the
        // modifier's combining marks must compose to the same letter.
        let modifiers: &[(char, &str)] = &[
            ('ø', "\u{300}"),
            ('ù', "\u{301}"),
            ('û', "\u{309}"),
            ('õ', "\u{303}"),
            ('ï', "\u{323}"),
            ('â', "\u{302}"),
            ('à', "\u{302}\u{300}"),
            ('á', "\u{302}\u{301}"),
            ('å', "\u{302}\u{309}"),
            ('ã', "\u{302}\u{303}"),
            ('ä', "\u{302}\u{323}"),
            ('ê', "\u{306}"),
            ('è', "\u{306}\u{300}"),
            ('é', "\u{306}\u{301}"),
            ('ú', "\u{306}\u{309}"),
            ('ü', "\u{306}\u{303}"),
            ('ë', "\u{306}\u{323}"),
        ];
        let mut checked = 0;
        for &(u, seq) in VNI {
            let cs: Vec<char> = seq.chars().collect();
            if cs.len() != 2 {
                continue;
            }
            let base = match cs[0] {
                'ô' => "ơ".to_owned(),
                'ö' => "ư".to_owned(),
                'Ô' => "Ơ".to_owned(),
                'Ö' => "Ư".to_owned(),
                c => c.to_string(),
            };
            let m = cs[1].to_lowercase().next().unwrap_or(cs[1]);
            let marks = modifiers
                .iter()
                .find(|(c, _)| *c == m)
                .map(|(_, s)| *s)
                .expect("modifier");
            let composed: String = format!("{base}{marks}").nfc().collect();
            assert_eq!(composed, u.to_string(), "{seq}");
            checked += 1;
        }
        assert!(checked > 100);
    }
}
