//! Entity ids. Inside the stage an entity is a `u64` key — the subject in bit
//! 40 and 40 bits of an FNV-1a hash of its matching keys — so that polars
//! groups and joins on integers; it is printed as `MH-` or `DH-` and ten hex
//! digits only where written. FNV-1a, so an id never changes between runs,
//! machines or versions of the standard library.

use std::fmt::Write;
use tonghop_core::Subject;

const SUBJECT_BIT: u64 = 1 << 40;
const HASH_BITS: u64 = SUBJECT_BIT - 1;
/// Bits taken by the entity key; the period index goes above them.
pub(crate) const KEY_BITS: u32 = 41;

/// The subject named by the frame's `subject` column.
pub(crate) fn subject_of(tag: &str) -> Subject {
    if tag == SUBJECT_TAGS[1] {
        Subject::Exemplar
    } else {
        Subject::Model
    }
}

/// The `subject` column's values, model then exemplar.
pub(crate) const SUBJECT_TAGS: [&str; 2] = ["model", "exemplar"];

/// The `subject` column's value for a subject.
pub(crate) fn tag(subject: Subject) -> &'static str {
    match subject {
        Subject::Model => SUBJECT_TAGS[0],
        Subject::Exemplar => SUBJECT_TAGS[1],
    }
}

/// The key of an entity from its matching keys.
pub(crate) fn key(subject: Subject, name_key: &str, owner_key: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in name_key.bytes().chain([b'|']).chain(owner_key.bytes()) {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    let bit = match subject {
        Subject::Model => 0,
        Subject::Exemplar => SUBJECT_BIT,
    };
    bit | (h >> 24)
}

/// Appends the printed id of a key (the period bits, if any, ignored).
pub(crate) fn write_id(key: u64, out: &mut String) {
    let prefix = if key & SUBJECT_BIT == 0 { "MH" } else { "DH" };
    let _ = write!(out, "{prefix}-{:010x}", key & HASH_BITS);
}

/// The key of a printed id, as an analyst may have typed it (`mh-01AB…`,
/// spaces around); `None` when it is not an id.
pub(crate) fn parse_id(id: &str) -> Option<u64> {
    let id = id.trim();
    let (prefix, hex) = id.split_once('-')?;
    let bit = match prefix.trim().to_ascii_uppercase().as_str() {
        "MH" => 0,
        "DH" => SUBJECT_BIT,
        _ => return None,
    };
    let hex = hex.trim();
    if hex.len() != 10 {
        return None;
    }
    u64::from_str_radix(hex, 16).ok().map(|h| bit | h)
}

/// The printed id of an entity from its matching keys.
#[must_use]
pub fn entity_id(subject: Subject, name_key: &str, owner_key: &str) -> String {
    let mut s = String::with_capacity(13);
    write_id(key(subject, name_key, owner_key), &mut s);
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_print_and_parse_back() {
        for subject in [Subject::Model, Subject::Exemplar] {
            let k = key(subject, "truong2 hoc5", "to6 toan1");
            let id = entity_id(subject, "truong2 hoc5", "to6 toan1");
            assert_eq!(parse_id(&id), Some(k));
            assert_eq!(parse_id(&format!(" {} ", id.to_lowercase())), Some(k));
            assert_eq!(subject_of(tag(subject)), subject);
        }
        assert!(entity_id(Subject::Model, "a", "b").starts_with("MH-"));
        assert!(entity_id(Subject::Exemplar, "a", "b").starts_with("DH-"));
        assert_eq!(parse_id("MH-khong-co"), None);
        assert_eq!(parse_id("XX-0123456789"), None);
        assert_eq!(parse_id("MH-0123"), None);
    }
}
