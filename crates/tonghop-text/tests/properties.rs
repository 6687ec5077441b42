//! Properties of the text crate over generated strings, a fixture of real-looking
//! strings whose expectations come from an independent implementation
//! (`scripts/text_fixture.py`), and a corpus of genuine text on which legacy
//! detection must never fire.

use std::path::PathBuf;
use tonghop_text::legacy::{decode, detect, encode, Legacy};
use tonghop_text::{canonical, fold_key, match_key};
use unicode_normalization::UnicodeNormalization;

/// SplitMix64: deterministic, no dependency.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Every letter Vietnamese writes, both cases, plus ASCII filler.
fn alphabet() -> Vec<char> {
    let lower =
        "aàảãáạăằẳẵắặâầẩẫấậbcdđeèẻẽéẹêềểễếệghiìỉĩíịklmnoòỏõóọôồổỗốộơờởỡớợpqrstuùủũúụưừửữứựvxyỳỷỹýỵ";
    let mut v: Vec<char> = lower.chars().collect();
    v.extend(lower.chars().flat_map(char::to_uppercase));
    v.extend(" 0123456789,.-()/".chars());
    v
}

fn random_text(rng: &mut Rng, letters: &[char]) -> String {
    let n = 1 + rng.below(40);
    (0..n).map(|_| letters[rng.below(letters.len())]).collect()
}

fn is_capital_toned(c: char) -> bool {
    c.is_uppercase()
        && c.to_string()
            .nfd()
            .any(|m| matches!(m, '\u{300}' | '\u{301}' | '\u{303}' | '\u{309}' | '\u{323}'))
}

#[test]
fn vni_round_trips_any_vietnamese_text() {
    let letters = alphabet();
    let mut rng = Rng(1);
    for _ in 0..5000 {
        let s = random_text(&mut rng, &letters);
        assert_eq!(decode(&encode(&s, Legacy::Vni), Legacy::Vni), s, "{s}");
    }
}

#[test]
fn tcvn3_round_trips_up_to_the_case_of_capital_toned_letters() {
    let letters = alphabet();
    let mut rng = Rng(2);
    for _ in 0..5000 {
        let s = random_text(&mut rng, &letters);
        let back = decode(&encode(&s, Legacy::Tcvn3), Legacy::Tcvn3);
        let (a, b): (Vec<char>, Vec<char>) = (s.chars().collect(), back.chars().collect());
        assert_eq!(a.len(), b.len(), "{s} → {back}");
        for (x, y) in a.iter().zip(&b) {
            assert!(
                x == y || (is_capital_toned(*x) && x.to_lowercase().next() == Some(*y)),
                "{s} → {back}"
            );
        }
    }
}

#[test]
fn nfc_and_nfd_give_the_same_keys() {
    let letters = alphabet();
    let mut rng = Rng(3);
    for _ in 0..5000 {
        let s = random_text(&mut rng, &letters);
        let nfd: String = s.nfd().collect();
        assert_eq!(match_key(&s), match_key(&nfd), "{s}");
        assert_eq!(fold_key(&s), fold_key(&nfd), "{s}");
        assert_eq!(canonical(&s), canonical(&nfd));
    }
}

fn fixture() -> Vec<Vec<String>> {
    let path = manifest_dir().join("tests/fixtures/strings.tsv");
    std::fs::read_to_string(&path)
        .expect("fixture")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| l.split('\t').map(str::to_owned).collect())
        .collect()
}

#[test]
fn fixture_keys_and_encodings_match_the_independent_implementation() {
    let rows = fixture();
    assert!(rows.len() >= 200, "{} strings", rows.len());
    for r in &rows {
        let [text, key, fold, tcvn3, vni] = &r[..] else {
            panic!("5 columns: {r:?}")
        };
        assert_eq!(&match_key(text), key, "match key of {text:?}");
        assert_eq!(&fold_key(text), fold, "fold key of {text:?}");
        // The appending forms agree, after text already in the buffer.
        let mut buf = String::from("x ");
        tonghop_text::match_key_into(text, &mut buf);
        assert_eq!(buf, format!("x {key}"), "match_key_into of {text:?}");
        buf.truncate(2);
        tonghop_text::fold_key_into(text, &mut buf);
        assert_eq!(buf, format!("x {fold}"), "fold_key_into of {text:?}");
        assert_eq!(&encode(text, Legacy::Tcvn3), tcvn3, "TCVN3 of {text:?}");
        assert_eq!(&encode(text, Legacy::Vni), vni, "VNI of {text:?}");
        let nfc: String = text.nfc().collect();
        assert_eq!(decode(vni, Legacy::Vni), nfc);
        // `Ð` (eth) is a canonical-form trap, not a TCVN3 letter.
        if !text.contains('\u{D0}') {
            assert_eq!(
                match_key(&decode(tcvn3, Legacy::Tcvn3)),
                *key,
                "TCVN3 back to {text:?}"
            );
        }
    }
}

#[test]
fn fixture_legacy_cells_are_detected() {
    // Detection on single cells: the decoding must gain valid syllables. The
    // rate is measured here; a sheet pools its cells and does better.
    let rows = fixture();
    let mut legacy_cells = 0;
    let mut found = 0;
    let mut wrong = 0;
    // Rows with `Ð` (eth) are a canonical-form trap, not legacy text.
    for r in rows.iter().filter(|r| !r[0].contains('\u{D0}')) {
        for (cell, enc) in [(&r[3], Legacy::Tcvn3), (&r[4], Legacy::Vni)] {
            if cell.is_ascii() {
                continue;
            }
            legacy_cells += 1;
            match detect(cell) {
                Some(e) if e == enc => found += 1,
                Some(_) => wrong += 1,
                None => {}
            }
        }
    }
    let rate = f64::from(found) / f64::from(legacy_cells);
    eprintln!(
        "legacy cells detected alone: {found}/{legacy_cells} ({:.1}%), wrong encoding: {wrong}",
        rate * 100.0
    );
    assert_eq!(wrong, 0);
    assert!(rate > 0.9, "{rate}");
}

/// Genuine text: the seed documents, Western-European sentences, codes, numbers.
fn genuine_corpus() -> Vec<String> {
    let mut out = Vec::new();
    let seeds = manifest_dir().join("../../tests/fixtures/van-ban-goc");
    let dir = std::fs::read_dir(&seeds).unwrap_or_else(|e| panic!("{}: {e}", seeds.display()));
    for f in dir.flatten() {
        if f.path().extension().is_none_or(|e| e != "txt") {
            continue;
        }
        let text = std::fs::read_to_string(f.path()).unwrap_or_default();
        for line in text.lines() {
            out.extend(line.split('\t').map(str::to_owned));
            out.extend(line.split(['.', ';', ',']).map(str::to_owned));
        }
    }
    assert!(
        out.len() > 1000,
        "the seeds are part of the corpus ({} cells)",
        out.len()
    );
    for s in [
        "Le café est très chaud, à côté de la fenêtre",
        "Où est la gare? Près de l'hôtel",
        "Ça coûte cher, mais c'est déjà payé",
        "Les élèves français étudient à l'école",
        "Größe, Straße, Müller, Bäcker, schön, Übung",
        "Die Tür ist geöffnet; Ärger über Öl",
        "El niño comió jamón en España",
        "João e Conceição estão em São Paulo",
        "Smørrebrød på Ærø, Øresund, Ålborg",
        "Crème brûlée, naïve, façade, Noël, Zoë",
        "Hoà Bình",
        "Cà Mau",
        "Bà Rịa",
        "Hồ Chí Minh",
        "TCVN 5712:1993",
        "46-KH/ĐUK",
        "Số 24-KH/TU",
        "12.345,67",
        "1.234.567 ₫",
        "CP-2021/07",
        "ISO 9001:2015",
        "x",
        "X",
        "(1)",
        "Σ = 42",
    ] {
        out.push(s.to_owned());
    }
    out
}

#[test]
fn detection_never_fires_on_genuine_text() {
    let corpus = genuine_corpus();
    let fired: Vec<&String> = corpus.iter().filter(|s| detect(s).is_some()).collect();
    eprintln!("false positives: {}/{}", fired.len(), corpus.len());
    assert!(fired.is_empty(), "{fired:?}");
}

/// This package's folder, as `cargo test` gives it when running the test: the
/// path compiled in can be another checkout's when a target directory is
/// shared between clones (cargo's fingerprints do not depend on the path).
fn manifest_dir() -> PathBuf {
    std::env::var_os("CARGO_MANIFEST_DIR")
        .map_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")), PathBuf::from)
}
