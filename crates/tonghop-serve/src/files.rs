//! Files that come in (uploads, stored under a period's folder of INPUTS) and
//! go out (the outputs a run wrote, and nothing else of OUT). No name a
//! browser sends becomes a path outside those two folders.

use std::io::Write;
use std::path::{Component, Path, PathBuf};
use unicode_normalization::UnicodeNormalization;

/// The kinds of return an upload may hold: extension, and the bytes such a
/// file starts with.
const KINDS: &[(&str, &[u8])] = &[
    ("xlsx", b"PK\x03\x04"),
    ("xlsm", b"PK\x03\x04"),
    ("ods", b"PK\x03\x04"),
    ("docx", b"PK\x03\x04"),
    ("xls", b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"),
];

/// The longest name kept, in characters.
const LONGEST: usize = 150;

/// A name a browser sent, made safe to store: its last part only (no folder,
/// forward or backward slashes), NFC, no control character nor any of
/// `<>:"/\|?*`, no leading or trailing dot or space, not a name Windows
/// reserves (`CON`, `NUL`, `COM1`…), at most 150 characters with its
/// extension kept. `None` when nothing is left.
#[must_use]
pub fn clean_name(raw: &str) -> Option<String> {
    let last = raw.rsplit(['/', '\\']).next().unwrap_or("");
    let mut name: String = last
        .nfc()
        .filter(|c| !c.is_control() && !"<>:\"/\\|?*".contains(*c))
        .collect();
    name = name
        .trim_matches(|c: char| c == '.' || c.is_whitespace())
        .to_owned();
    if name.is_empty() {
        return None;
    }
    let (stem, ext) = match name.rsplit_once('.') {
        Some((s, e)) if !s.is_empty() && e.chars().count() <= 5 => (s.to_owned(), format!(".{e}")),
        _ => (name.clone(), String::new()),
    };
    let reserved = {
        let s = stem
            .split('.')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_uppercase();
        matches!(s.as_str(), "CON" | "PRN" | "AUX" | "NUL")
            || ((s.starts_with("COM") || s.starts_with("LPT"))
                && s.len() == 4
                && s.as_bytes()[3].is_ascii_digit())
    };
    let stem = if reserved { format!("_{stem}") } else { stem };
    let room = LONGEST.saturating_sub(ext.chars().count());
    let stem: String = stem.chars().take(room).collect();
    let stem = stem.trim_end_matches(|c: char| c == '.' || c.is_whitespace());
    if stem.is_empty() {
        return None;
    }
    Some(format!("{stem}{ext}"))
}

/// Why a file cannot be taken as a return, in Vietnamese; `None` when it can.
pub(crate) fn refused(name: &str, bytes: &[u8], max: usize) -> Option<String> {
    let ext = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_lowercase())
        .unwrap_or_default();
    let Some((_, magic)) = KINDS.iter().find(|(e, _)| *e == ext) else {
        return Some(format!(
            "\"{name}\" không phải file báo cáo (chỉ nhận .xlsx, .xlsm, .xls, .ods, .docx)"
        ));
    };
    if bytes.len() > max {
        return Some(format!(
            "\"{name}\" lớn quá ({} MB; tối đa {} MB)",
            bytes.len().div_ceil(1024 * 1024),
            max / (1024 * 1024)
        ));
    }
    if bytes.is_empty() {
        return Some(format!("\"{name}\" rỗng"));
    }
    if !bytes.starts_with(magic) {
        return Some(format!(
            "nội dung của \"{name}\" không phải một file .{ext} (có thể đã đổi đuôi file)"
        ));
    }
    None
}

/// A period's folder under INPUTS, when it stays inside INPUTS.
pub(crate) fn period_dir(inputs: &Path, folder: &str) -> Option<PathBuf> {
    let rel = Path::new(folder);
    if folder.is_empty() || !rel.components().all(|c| matches!(c, Component::Normal(_))) {
        return None;
    }
    Some(inputs.join(rel))
}

/// Stores `bytes` as `name` in `dir`, never over a file already there (`name
/// (2).xlsx` then), written whole under a hidden name first, so that a run
/// reading the folder meanwhile never sees half a file. Returns the name
/// stored. On a disk without hard links (FAT32) the name is taken first
/// and then filled.
pub(crate) fn store(dir: &Path, name: &str, bytes: &[u8]) -> std::io::Result<String> {
    std::fs::create_dir_all(dir)?;
    let mut tmp_name = [0u8; 8];
    let _ = getrandom::fill(&mut tmp_name);
    let tmp = dir.join(format!(
        ".tonghop-tai-len-{}.part",
        tmp_name
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect::<String>()
    ));
    {
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
    }
    let (stem, ext) = match name.rsplit_once('.') {
        Some((s, e)) => (s.to_owned(), format!(".{e}")),
        None => (name.to_owned(), String::new()),
    };
    let result = (1..1000)
        .map(|n| {
            if n == 1 {
                name.to_owned()
            } else {
                format!("{stem} ({n}){ext}")
            }
        })
        .find_map(|candidate| {
            let to = dir.join(&candidate);
            match std::fs::hard_link(&tmp, &to) {
                Ok(()) => Some(Ok(candidate)),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists || to.exists() => None,
                // A disk without hard links (FAT32, exFAT: a USB stick): the
                // name is taken first (never over a file), then filled.
                Err(_) => match std::fs::OpenOptions::new()
                    .write(true)
                    .create_new(true)
                    .open(&to)
                {
                    Ok(mut f) => Some(
                        f.write_all(bytes)
                            .and_then(|()| f.sync_all())
                            .map(|()| candidate),
                    ),
                    Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => None,
                    Err(e) => Some(Err(e)),
                },
            }
        })
        .unwrap_or_else(|| {
            Err(std::io::Error::new(
                std::io::ErrorKind::AlreadyExists,
                "quá nhiều file cùng tên",
            ))
        });
    let _ = std::fs::remove_file(&tmp);
    result
}

/// An output the last run wrote, as a path in OUT: only a name on the run's
/// list, with plain parts, that resolves inside OUT.
pub(crate) fn output(out: &Path, written: &[String], rel: &str) -> Option<PathBuf> {
    if !written.iter().any(|w| w == rel) {
        return None;
    }
    let p = Path::new(rel);
    if !p.components().all(|c| matches!(c, Component::Normal(_))) {
        return None;
    }
    let full = out.join(p).canonicalize().ok()?;
    full.starts_with(out.canonicalize().ok()?).then_some(full)
}

/// The type a download is sent with.
pub(crate) fn content_type(rel: &str) -> &'static str {
    match rel
        .rsplit_once('.')
        .map(|(_, e)| e.to_lowercase())
        .as_deref()
    {
        Some("xlsx") => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        Some("docx") => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        Some("png") => "image/png",
        Some("csv") => "text/csv; charset=utf-8",
        Some("json") => "application/json",
        Some("md") => "text/markdown; charset=utf-8",
        Some("html") => "text/html; charset=utf-8",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_keep_their_last_part_only_and_nothing_windows_refuses() {
        assert_eq!(clean_name("../../etc/passwd").as_deref(), Some("passwd"));
        assert_eq!(
            clean_name(r"C:\Users\a\BC mô hình.xlsx").as_deref(),
            Some("BC mô hình.xlsx")
        );
        assert_eq!(clean_name("/tmp/x.xlsx").as_deref(), Some("x.xlsx"));
        assert_eq!(clean_name("..").as_deref(), None);
        assert_eq!(
            clean_name("  .hidden.xlsx ").as_deref(),
            Some("hidden.xlsx")
        );
        assert_eq!(clean_name("a<b>c:d|e?.xlsx").as_deref(), Some("abcde.xlsx"));
        assert_eq!(clean_name("CON.xlsx").as_deref(), Some("_CON.xlsx"));
        assert_eq!(clean_name("com1.xls").as_deref(), Some("_com1.xls"));
        assert_eq!(
            clean_name("tab\there\u{0}.ods").as_deref(),
            Some("tabhere.ods")
        );
        // NFD (a Mac's names) becomes NFC.
        assert_eq!(
            clean_name("Ba\u{301}o ca\u{301}o.xlsx").as_deref(),
            Some("Báo cáo.xlsx")
        );
        let long = format!("{}.xlsx", "x".repeat(400));
        let kept = clean_name(&long).unwrap();
        assert_eq!(kept.chars().count(), LONGEST);
        assert!(kept.ends_with(".xlsx"));
    }

    #[test]
    fn only_returns_whose_bytes_say_what_their_name_says_are_taken() {
        assert!(refused("a.xlsx", b"PK\x03\x04rest", 100).is_none());
        assert!(refused("a.xls", b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1..", 100).is_none());
        assert!(refused("a.exe", b"MZ", 100)
            .unwrap()
            .contains("không phải file báo cáo"));
        assert!(refused("a.xlsx", b"MZ......", 100)
            .unwrap()
            .contains("đổi đuôi"));
        assert!(refused("a.xlsx", &[b'P'; 200], 100)
            .unwrap()
            .contains("lớn quá"));
        assert!(refused("a.xlsx", b"", 100).unwrap().contains("rỗng"));
    }

    #[test]
    fn a_period_folder_never_leaves_the_inputs() {
        let inputs = Path::new("/srv/inputs");
        assert_eq!(period_dir(inputs, "2023-03"), Some(inputs.join("2023-03")));
        assert_eq!(period_dir(inputs, "../x"), None);
        assert_eq!(period_dir(inputs, "/etc"), None);
        assert_eq!(period_dir(inputs, ""), None);
    }

    #[test]
    fn a_stored_upload_never_replaces_a_file() {
        let dir = std::env::temp_dir().join(format!("tonghop-store-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        assert_eq!(store(&dir, "a.xlsx", b"one").unwrap(), "a.xlsx");
        assert_eq!(store(&dir, "a.xlsx", b"two").unwrap(), "a (2).xlsx");
        assert_eq!(std::fs::read(dir.join("a.xlsx")).unwrap(), b"one");
        assert_eq!(std::fs::read(dir.join("a (2).xlsx")).unwrap(), b"two");
        let left: Vec<_> = std::fs::read_dir(&dir).unwrap().flatten().collect();
        assert_eq!(left.len(), 2, "no temporary file left");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
