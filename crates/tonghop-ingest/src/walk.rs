//! The walk of a period folder: each real folder visited once, however many
//! links lead to it; never out of the folder through a link; depth bounded;
//! and what is not a return (Excel's owner files, LibreOffice's locks, the
//! files a system leaves, hidden and temporary files) set aside with its reason.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

/// Folders below a period folder that are read; deeper ones are reported.
pub(crate) const MAX_DEPTH: usize = 12;

/// Why something found was not taken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Skip {
    /// `~$Báo cáo.xlsx`: Excel's owner file, present while a file is open.
    Owner,
    /// `.~lock.Báo cáo.xlsx#`: LibreOffice's lock file.
    Lock,
    /// `Thumbs.db`, `desktop.ini`, `.DS_Store`: left by the system.
    System,
    /// A hidden file or folder.
    Hidden,
    /// A temporary or half-downloaded file (`.tmp`, `.crdownload`, `.part`, `…~`).
    Temporary,
    /// A link whose target lies outside the period folder.
    LinkOutside(PathBuf),
    /// A link that leads nowhere.
    LinkBroken,
    /// A folder or file already read through another path (a link).
    Again,
    /// Deeper than [`MAX_DEPTH`] folders.
    TooDeep,
    /// Could not be listed.
    Unlisted(String),
}

impl Skip {
    /// In words, for the finding.
    pub(crate) fn reason(&self) -> String {
        match self {
            Skip::Owner => "file tạm Excel tạo ra khi một file đang được mở (~$…), không phải báo cáo".to_owned(),
            Skip::Lock => "file khóa LibreOffice tạo ra khi một file đang được mở (.~lock…#), không phải báo cáo".to_owned(),
            Skip::System => "file hệ thống (Thumbs.db, desktop.ini, .DS_Store), không phải báo cáo".to_owned(),
            Skip::Hidden => "file hoặc thư mục ẩn, không đọc".to_owned(),
            Skip::Temporary => "file tạm hoặc chưa tải về xong, không phải báo cáo".to_owned(),
            Skip::LinkOutside(target) => format!(
                "liên kết (shortcut) trỏ ra ngoài thư mục kỳ, tới \"{}\": không đọc để không lấy nhầm báo cáo của nơi khác",
                target.display()
            ),
            Skip::LinkBroken => "liên kết (shortcut) không trỏ tới đâu".to_owned(),
            Skip::Again => "đã đọc qua một đường dẫn khác (liên kết): không đọc lại".to_owned(),
            Skip::TooDeep => format!("thư mục lồng sâu quá {MAX_DEPTH} cấp: không đọc tiếp"),
            Skip::Unlisted(why) => format!("không mở được thư mục: {why}"),
        }
    }
}

/// What a walk found: the files to consider, in name order, and what it set aside.
#[derive(Debug, Default)]
pub(crate) struct Walked {
    pub files: Vec<PathBuf>,
    pub skipped: Vec<(PathBuf, Skip)>,
}

/// Whether a name is something no return is: owner, lock, system, hidden
/// or temporary files.
pub(crate) fn not_a_return(name: &str) -> Option<Skip> {
    let lower = name.to_lowercase();
    if lower.starts_with("~$") {
        return Some(Skip::Owner);
    }
    if lower.starts_with(".~lock") {
        return Some(Skip::Lock);
    }
    if matches!(
        lower.as_str(),
        "thumbs.db" | "ehthumbs.db" | "desktop.ini" | ".ds_store" | "icon\r"
    ) {
        return Some(Skip::System);
    }
    if lower.starts_with('.') {
        return Some(Skip::Hidden);
    }
    let temporary = [
        ".tmp",
        ".temp",
        ".crdownload",
        ".part",
        ".partial",
        ".download",
        ".bak",
    ];
    if lower.ends_with('~')
        || temporary.iter().any(|t| lower.ends_with(t))
        || lower.starts_with("~")
    {
        return Some(Skip::Temporary);
    }
    None
}

/// Walks `root`: every file under it, each real folder once.
pub(crate) fn walk(root: &Path) -> Walked {
    let mut out = Walked::default();
    let Ok(real_root) = root.canonicalize() else {
        return out;
    };
    let mut visited: HashSet<PathBuf> = HashSet::new();
    let mut seen_files: HashSet<PathBuf> = HashSet::new();
    visited.insert(real_root.clone());
    // (path as found, depth); sorted so the walk's order is the names' order.
    let mut stack: Vec<(PathBuf, usize)> = vec![(root.to_path_buf(), 0)];
    while let Some((dir, depth)) = stack.pop() {
        let entries = match fs::read_dir(&dir) {
            Ok(e) => e,
            Err(e) => {
                out.skipped
                    .push((dir, Skip::Unlisted(tonghop_core::io_reason(&e))));
                continue;
            }
        };
        let mut entries: Vec<fs::DirEntry> = entries.flatten().collect();
        entries.sort_by_key(fs::DirEntry::file_name);
        let mut subdirs = Vec::new();
        for e in entries {
            let path = e.path();
            let name = e.file_name().to_string_lossy().to_string();
            if let Some(skip) = not_a_return(&name).or_else(|| hidden(&e)) {
                out.skipped.push((path, skip));
                continue;
            }
            let Ok(kind) = e.file_type() else {
                continue;
            };
            let (is_dir, real) = if kind.is_symlink() {
                match path.canonicalize() {
                    Ok(real) => {
                        if !real.starts_with(&real_root) {
                            out.skipped.push((path, Skip::LinkOutside(real)));
                            continue;
                        }
                        (real.is_dir(), real)
                    }
                    Err(_) => {
                        out.skipped.push((path, Skip::LinkBroken));
                        continue;
                    }
                }
            } else if kind.is_dir() {
                (true, path.canonicalize().unwrap_or_else(|_| path.clone()))
            } else {
                (false, path.canonicalize().unwrap_or_else(|_| path.clone()))
            };
            if is_dir {
                if depth + 1 > MAX_DEPTH {
                    out.skipped.push((path, Skip::TooDeep));
                } else if !visited.insert(real) {
                    out.skipped.push((path, Skip::Again));
                } else {
                    subdirs.push((path, depth + 1));
                }
            } else if seen_files.insert(real) {
                out.files.push(path);
            } else {
                out.skipped.push((path, Skip::Again));
            }
        }
        // Depth first, in name order.
        stack.extend(subdirs.into_iter().rev());
    }
    out.files.sort();
    out
}

/// Windows' hidden attribute (a dot marks hidden files elsewhere).
#[cfg(windows)]
fn hidden(e: &fs::DirEntry) -> Option<Skip> {
    use std::os::windows::fs::MetadataExt;
    const FILE_ATTRIBUTE_HIDDEN: u32 = 0x2;
    e.metadata()
        .ok()
        .filter(|m| m.file_attributes() & FILE_ATTRIBUTE_HIDDEN != 0)
        .map(|_| Skip::Hidden)
}

#[cfg(not(windows))]
fn hidden(_: &fs::DirEntry) -> Option<Skip> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_that_are_no_returns() {
        assert_eq!(not_a_return("~$BC mo hinh.xlsx"), Some(Skip::Owner));
        assert_eq!(not_a_return(".~lock.BC mo hinh.xlsx#"), Some(Skip::Lock));
        assert_eq!(not_a_return("Thumbs.db"), Some(Skip::System));
        assert_eq!(not_a_return("desktop.ini"), Some(Skip::System));
        assert_eq!(not_a_return(".DS_Store"), Some(Skip::System));
        assert_eq!(not_a_return(".an"), Some(Skip::Hidden));
        assert_eq!(not_a_return("BC.xlsx.crdownload"), Some(Skip::Temporary));
        assert_eq!(not_a_return("BC.xlsx~"), Some(Skip::Temporary));
        assert_eq!(not_a_return("BC mo hinh - DB So Y te.xlsx"), None);
        assert_eq!(not_a_return("BC (ban sua).xls"), None);
    }
}
