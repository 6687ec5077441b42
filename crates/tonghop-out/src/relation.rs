//! Where OUT may be: never INPUTS, inside it or around it, never a file, never
//! a folder of somebody else's files.

use crate::{OutError, JUNK, MARKER};
use std::fs;
use std::path::{Component, Path, PathBuf};

/// Checks, without writing anything, that tonghop may write its outputs into
/// `out`: it is not `inputs`, does not lie inside it and does not contain it
/// (a run would read its own outputs as returns, or replace the returns);
/// it is not a file; and when it exists it is empty (but for the files any
/// system leaves, [`JUNK`]) or marked as an earlier tonghop output folder
/// ([`MARKER`]).
///
/// # Errors
/// The reason OUT may not be used, with a hint, in Vietnamese.
pub fn check(out: &Path, inputs: Option<&Path>) -> Result<(), OutError> {
    if out.exists() && !out.is_dir() {
        return Err(OutError::IsFile(out.to_path_buf()));
    }
    if let Some(inputs) = inputs {
        let (o, i) = (resolved(out), resolved(inputs));
        if same(&o, &i) {
            return Err(OutError::SameAsInputs(out.to_path_buf()));
        }
        if inside(&o, &i) {
            return Err(OutError::InsideInputs {
                out: out.to_path_buf(),
                inputs: inputs.to_path_buf(),
            });
        }
        if inside(&i, &o) {
            return Err(OutError::ContainsInputs {
                out: out.to_path_buf(),
                inputs: inputs.to_path_buf(),
            });
        }
    }
    if !out.is_dir() || out.join(MARKER).is_dir() {
        return Ok(());
    }
    let entries = fs::read_dir(out).map_err(|e| OutError::io("đọc thư mục", out, e))?;
    let mut foreign: Vec<String> = entries
        .flatten()
        .map(|e| e.file_name().to_string_lossy().to_string())
        .filter(|n| !JUNK.contains(&n.to_lowercase().as_str()))
        .collect();
    if foreign.is_empty() || earlier_version_output(&foreign) {
        return Ok(());
    }
    foreign.sort();
    let more = foreign.len().saturating_sub(3);
    foreign.truncate(3);
    Err(OutError::Foreign {
        out: out.to_path_buf(),
        examples: foreign,
        more,
    })
}

/// Outputs of a version from before the marker: nothing but the names it
/// wrote, its summary or workbook among them. Taken as tonghop's (its files
/// are replaced by the same names; nothing else is there to lose).
fn earlier_version_output(names: &[String]) -> bool {
    names
        .iter()
        .any(|n| n == "summary.json" || n == "tong-hop.xlsx")
        && names.iter().all(|n| OUTPUT_NAMES.contains(&n.as_str()))
}

/// The names an output folder of any version holds.
const OUTPUT_NAMES: &[&str] = &[
    "tong-hop.xlsx",
    "so-lieu.md",
    "so-lieu.docx",
    "thu",
    "summary.json",
    "findings.csv",
    "data",
    "bieu-do",
    "notebook",
    "soat-bao-cao.xlsx",
    "soat-bao-cao.md",
    ".gitkeep",
];

/// The real path of `p` (links followed), also when `p` does not exist yet:
/// its nearest existing ancestor made real, the rest appended.
fn resolved(p: &Path) -> PathBuf {
    let abs = std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let mut base = abs.as_path();
    let mut rest: Vec<&std::ffi::OsStr> = Vec::new();
    loop {
        if let Ok(real) = base.canonicalize() {
            let mut out = real;
            for c in rest.iter().rev() {
                out.push(c);
            }
            return lexical(&out);
        }
        match (base.parent(), base.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name);
                base = parent;
            }
            _ => return lexical(&abs),
        }
    }
}

/// `a/b/../c` → `a/c`, without touching the disk.
fn lexical(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// Paths compared as the system does: without case on Windows and macOS.
fn key(p: &Path) -> Vec<String> {
    p.components()
        .map(|c| {
            let s = c.as_os_str().to_string_lossy();
            if cfg!(any(windows, target_os = "macos")) {
                s.to_lowercase()
            } else {
                s.to_string()
            }
        })
        .collect()
}

fn same(a: &Path, b: &Path) -> bool {
    key(a) == key(b)
}

/// Whether `a` lies strictly inside `b`.
fn inside(a: &Path, b: &Path) -> bool {
    let (a, b) = (key(a), key(b));
    a.len() > b.len() && a[..b.len()] == b[..]
}

/// Versions before the marker staged a run in `.<name>.tmp-<pid>` beside OUT
/// and moved the previous outputs aside to `.<name>.old-<pid>` before the swap:
/// a run killed between the two renames left no OUT at all. The previous
/// outputs are put back (and marked), and those hidden folders removed — only
/// when they hold nothing but tonghop's outputs.
pub(crate) fn recover_legacy(out: &Path) {
    let (Some(parent), Some(name)) = (out.parent(), out.file_name()) else {
        return;
    };
    let parent = if parent.as_os_str().is_empty() {
        Path::new(".")
    } else {
        parent
    };
    let name = name.to_string_lossy();
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    let (tmp, old) = (format!(".{name}.tmp-"), format!(".{name}.old-"));
    let mut found: Vec<(bool, PathBuf)> = entries
        .flatten()
        .filter_map(|e| {
            let n = e.file_name().to_string_lossy().to_string();
            let is_old = n.starts_with(&old);
            (is_old || n.starts_with(&tmp)).then(|| (is_old, e.path()))
        })
        .filter(|(_, p)| only_outputs(p))
        .collect();
    found.sort();
    if !out.exists() {
        if let Some((_, previous)) = found.iter().rev().find(|(is_old, _)| *is_old) {
            if fs::rename(previous, out).is_ok() {
                let _ = fs::create_dir_all(out.join(MARKER));
            }
        }
    }
    for (_, p) in found {
        if p.exists() {
            let _ = fs::remove_dir_all(p);
        }
    }
}

/// Whether a folder holds only what tonghop writes.
fn only_outputs(dir: &Path) -> bool {
    fs::read_dir(dir).is_ok_and(|entries| {
        entries
            .flatten()
            .all(|e| OUTPUT_NAMES.contains(&e.file_name().to_string_lossy().as_ref()))
    })
}
