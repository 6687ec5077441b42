//! The output folder: what tonghop may write there, and how it replaces its
//! outputs without ever destroying anything else.
//!
//! What enters: the OUT path a user gave, and the INPUTS folder it must stay
//! clear of. What leaves: an [`OutDir`] — OUT checked ([`check`]: never INPUTS,
//! never inside it or around it, never a file, never a folder of somebody
//! else's files), locked against a second run on it, recovered from a run
//! that was interrupted — from which a [`Staging`] folder is taken, the new
//! outputs written into it and [`OutDir::commit`]ted.
//!
//! What tonghop owns is recorded in OUT itself: the folder `.tonghop/` marks
//! OUT as a tonghop output folder and holds `ket-qua.json`, the list of files
//! each command (`run`, `claims`) wrote last time. A command replaces only its
//! own files: a user's notes, the notebooks' `notebook/` and the other
//! command's files stay as they are.
//!
//! How a commit survives being killed at any instant:
//! 1. the outputs are written into `.tonghop/dang-ghi-<command>/` with the list
//!    of their names; killed here, the previous outputs are untouched and the
//!    next run removes the half-written folder;
//! 2. that folder is renamed `.tonghop/san-sang-<command>/` — the commit point:
//!    from here the new outputs are complete;
//! 3. each file is renamed into place (a rename replaces the old file whole, so
//!    every file is always either its old or its new version), files the
//!    command wrote last time and not this time are removed, the list is
//!    saved, and `san-sang-<command>/` goes. Killed during step 3, the next
//!    tonghop command that opens OUT finishes it before doing anything else.
//!
//! ```no_run
//! use std::path::Path;
//! let out = tonghop_out::OutDir::open(Path::new("outputs"), Some(Path::new("inputs")), || {})?;
//! let staging = out.stage("run")?;
//! std::fs::write(staging.path().join("summary.json"), "{}\n")
//!     .map_err(|e| tonghop_out::OutError::io("ghi", staging.path(), e))?;
//! out.commit(staging)?;
//! # Ok::<(), tonghop_out::OutError>(())
//! ```
#![deny(missing_docs)]

mod error;
mod relation;

pub use error::{io_reason, OutError};
pub use relation::check;

use std::collections::BTreeMap;
use std::fs::{self, File};
use std::path::{Path, PathBuf};

/// The folder inside OUT that marks it as tonghop's and holds its bookkeeping.
pub const MARKER: &str = ".tonghop";
/// The lock file inside [`MARKER`]; a run holds it from start to end.
pub const LOCK: &str = "khoa";
/// The list of the files each command owns, inside [`MARKER`].
pub const MANIFEST: &str = "ket-qua.json";
const LIST: &str = ".danh-sach.json";
const WRITING: &str = "dang-ghi-";
const READY: &str = "san-sang-";
const NOTE: &str = "DOC-TRUOC.txt";

/// Files a system or an editor leaves in any folder, which do not make a
/// folder "somebody's": a folder holding only these counts as empty.
pub const JUNK: &[&str] = &[".ds_store", "thumbs.db", "desktop.ini", ".gitkeep"];

/// Stops the process on the spot when `TONGHOP_INTERRUPT_AT` names this point:
/// the tests' way of killing a run at a chosen instant (an abort runs no
/// clean-up, as a kill would not).
pub fn interrupt_point(name: &str) {
    if std::env::var("TONGHOP_INTERRUPT_AT").is_ok_and(|v| v == name) {
        std::process::abort();
    }
}

/// OUT, checked, locked and recovered: the only way tonghop writes outputs.
#[derive(Debug)]
pub struct OutDir {
    root: PathBuf,
    meta: PathBuf,
    // Held until the OutDir is dropped: the lock of the whole run.
    _lock: File,
}

/// A fresh folder to write one command's new outputs into, then commit.
#[derive(Debug)]
pub struct Staging {
    dir: PathBuf,
    owner: String,
}

impl Staging {
    /// Where to write the new outputs (paths inside it are the paths in OUT).
    #[must_use]
    pub fn path(&self) -> &Path {
        &self.dir
    }
}

impl OutDir {
    /// Checks OUT against INPUTS ([`check`]), creates it when missing, marks
    /// it as tonghop's, takes its lock — calling `on_wait` first when another
    /// run holds it, then waiting for that run to end — and finishes or
    /// cleans what an interrupted run left.
    ///
    /// # Errors
    /// When OUT may not be used ([`check`]) or cannot be created or locked.
    pub fn open(
        out: &Path,
        inputs: Option<&Path>,
        on_wait: impl FnOnce(),
    ) -> Result<OutDir, OutError> {
        check(out, inputs)?;
        relation::recover_legacy(out);
        fs::create_dir_all(out).map_err(|e| OutError::io("tạo thư mục kết quả", out, e))?;
        let meta = out.join(MARKER);
        fs::create_dir_all(&meta).map_err(|e| OutError::io("tạo thư mục", &meta, e))?;
        let note = meta.join(NOTE);
        if !note.exists() {
            fs::write(
                &note,
                "Thư mục này do tonghop tạo và quản lý: nó đánh dấu thư mục cha là thư mục kết quả \
                 của tonghop, ghi danh sách các file tonghop đã ghi (ket-qua.json) và giữ khóa khi \
                 đang chạy. Đừng xoá hay sửa; tonghop chỉ thay các file có trong danh sách, không \
                 động đến file nào khác của thư mục.\n",
            )
            .map_err(|e| OutError::io("ghi", &note, e))?;
        }
        let lock_path = meta.join(LOCK);
        let lock = File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
            .map_err(|e| OutError::io("mở file khóa", &lock_path, e))?;
        match lock.try_lock() {
            Ok(()) => {}
            Err(fs::TryLockError::WouldBlock) => {
                on_wait();
                lock.lock()
                    .map_err(|e| OutError::io("chờ khóa", &lock_path, e))?;
            }
            Err(fs::TryLockError::Error(e)) => {
                return Err(OutError::io("khóa thư mục kết quả", &lock_path, e))
            }
        }
        let dir = OutDir {
            root: out.to_path_buf(),
            meta,
            _lock: lock,
        };
        dir.recover()?;
        Ok(dir)
    }

    /// OUT.
    #[must_use]
    pub fn path(&self) -> &Path {
        &self.root
    }

    /// A fresh, empty staging folder for `owner`'s outputs (`run`, `claims`).
    ///
    /// # Errors
    /// When it cannot be created.
    pub fn stage(&self, owner: &str) -> Result<Staging, OutError> {
        let dir = self.meta.join(format!("{WRITING}{owner}"));
        remove_dir(&dir)?;
        fs::create_dir_all(&dir).map_err(|e| OutError::io("tạo thư mục", &dir, e))?;
        Ok(Staging {
            dir,
            owner: owner.to_owned(),
        })
    }

    /// Puts the staged outputs in place of the owner's previous ones (see the
    /// crate's documentation for how an interruption is survived). Returns the
    /// files now in OUT, as paths inside it.
    ///
    /// # Errors
    /// When a file cannot be moved or the list saved; what was done stays
    /// done, and the next [`OutDir::open`] finishes the rest.
    pub fn commit(&self, staging: Staging) -> Result<Vec<PathBuf>, OutError> {
        let mut files = Vec::new();
        list_files(&staging.dir, &staging.dir, &mut files)?;
        files.sort();
        let names: Vec<String> = files.iter().map(|p| slash(p)).collect();
        let list = staging.dir.join(LIST);
        fs::write(&list, serde_json::Value::from(names.clone()).to_string())
            .map_err(|e| OutError::io("ghi", &list, e))?;
        interrupt_point("truoc-khi-chot");
        let ready = self.meta.join(format!("{READY}{}", staging.owner));
        remove_dir(&ready)?;
        fs::rename(&staging.dir, &ready).map_err(|e| OutError::io("chốt kết quả", &ready, e))?;
        interrupt_point("sau-khi-chot");
        self.finish(&staging.owner)?;
        Ok(names.iter().map(PathBuf::from).collect())
    }

    /// Gives up a staging folder (a write failed): the previous outputs stay.
    pub fn discard(&self, staging: Staging) {
        let _ = fs::remove_dir_all(&staging.dir);
    }

    /// Finishes or cleans what an interrupted run left in the marker folder.
    fn recover(&self) -> Result<(), OutError> {
        let entries =
            fs::read_dir(&self.meta).map_err(|e| OutError::io("đọc thư mục", &self.meta, e))?;
        let mut ready = Vec::new();
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().to_string();
            if name.starts_with(WRITING) {
                remove_dir(&e.path())?;
            } else if let Some(owner) = name.strip_prefix(READY) {
                ready.push(owner.to_owned());
            }
        }
        for owner in ready {
            self.finish(&owner)?;
        }
        Ok(())
    }

    /// Step 3 of a commit, from `san-sang-<owner>/`: move each file into
    /// place, remove the owner's files that are no longer written, save the list.
    fn finish(&self, owner: &str) -> Result<(), OutError> {
        let ready = self.meta.join(format!("{READY}{owner}"));
        let list = ready.join(LIST);
        let text = fs::read_to_string(&list).map_err(|e| OutError::io("đọc", &list, e))?;
        let names: Vec<String> = serde_json::from_str(&text).unwrap_or_default();
        for (moved, name) in names.iter().enumerate() {
            let from = ready.join(name);
            if !from.exists() {
                continue; // moved before an interruption
            }
            let to = self.root.join(name);
            if let Some(parent) = to.parent() {
                fs::create_dir_all(parent).map_err(|e| OutError::io("tạo thư mục", parent, e))?;
            }
            fs::rename(&from, &to).map_err(|e| OutError::io("thay file", &to, e))?;
            interrupt_point(&format!("dang-chuyen-{}", moved + 1));
        }
        let mut manifest = self.manifest();
        let previous = manifest.remove(owner).unwrap_or_default();
        for old in previous.iter().filter(|o| !names.contains(o)) {
            // Only a name tonghop itself wrote, never anything above OUT.
            if is_inside(old) {
                let path = self.root.join(old);
                match fs::remove_file(&path) {
                    Ok(()) => {}
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                    Err(e) => return Err(OutError::io("xoá file cũ", &path, e)),
                }
            }
        }
        manifest.insert(owner.to_owned(), names);
        interrupt_point("truoc-khi-luu-danh-sach");
        let path = self.meta.join(MANIFEST);
        let tmp = self.meta.join(format!("{MANIFEST}.tmp"));
        let json = serde_json::to_string_pretty(&manifest).unwrap_or_default();
        fs::write(&tmp, json + "\n").map_err(|e| OutError::io("ghi", &tmp, e))?;
        fs::rename(&tmp, &path).map_err(|e| OutError::io("ghi", &path, e))?;
        remove_dir(&ready)
    }

    /// The files each command owns, as last saved.
    fn manifest(&self) -> BTreeMap<String, Vec<String>> {
        fs::read_to_string(self.meta.join(MANIFEST))
            .ok()
            .and_then(|t| serde_json::from_str(&t).ok())
            .unwrap_or_default()
    }

    /// The files `owner` wrote at its last commit, as paths inside OUT.
    #[must_use]
    pub fn owned(&self, owner: &str) -> Vec<String> {
        self.manifest().remove(owner).unwrap_or_default()
    }
}

/// Whether a saved name stays inside OUT (relative, no `..`).
fn is_inside(name: &str) -> bool {
    let p = Path::new(name);
    !name.is_empty()
        && p.components()
            .all(|c| matches!(c, std::path::Component::Normal(_)))
}

fn slash(p: &Path) -> String {
    p.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

fn list_files(base: &Path, dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), OutError> {
    let entries = fs::read_dir(dir).map_err(|e| OutError::io("đọc thư mục", dir, e))?;
    for e in entries {
        let e = e.map_err(|e| OutError::io("đọc thư mục", dir, e))?;
        let path = e.path();
        let kind = e
            .file_type()
            .map_err(|e| OutError::io("đọc thư mục", &path, e))?;
        if kind.is_dir() {
            list_files(base, &path, out)?;
        } else if let Ok(rel) = path.strip_prefix(base) {
            if rel != Path::new(LIST) {
                out.push(rel.to_path_buf());
            }
        }
    }
    Ok(())
}

fn remove_dir(dir: &Path) -> Result<(), OutError> {
    match fs::remove_dir_all(dir) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(OutError::io("xoá thư mục tạm", dir, e)),
    }
}

#[cfg(test)]
mod tests;

/// A file that keeps the first write error and then accepts (and drops)
/// whatever comes after it. A zip writer dropped after a failed write tries
/// to finish its archive and prints its own English error when that fails
/// too; behind this writer it fails once, and the error is kept for a
/// message in words ([`GuardedFile::error`]).
#[derive(Debug)]
pub struct GuardedFile {
    file: File,
    error: std::sync::Arc<std::sync::Mutex<Option<std::io::Error>>>,
}

impl GuardedFile {
    /// Creates (or truncates) `path`.
    ///
    /// # Errors
    /// When the file cannot be created.
    pub fn create(path: &Path) -> std::io::Result<GuardedFile> {
        Ok(GuardedFile {
            file: File::create(path)?,
            error: std::sync::Arc::default(),
        })
    }

    /// A handle on the first error, to read after the writer is gone.
    #[must_use]
    pub fn error(&self) -> std::sync::Arc<std::sync::Mutex<Option<std::io::Error>>> {
        self.error.clone()
    }

    fn failed(&self) -> bool {
        self.error.lock().map_or(true, |e| e.is_some())
    }

    fn keep(&self, e: std::io::Error) -> std::io::Error {
        let copy = std::io::Error::new(e.kind(), e.to_string());
        if let Ok(mut slot) = self.error.lock() {
            slot.get_or_insert(e);
        }
        copy
    }
}

impl std::io::Write for GuardedFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.failed() {
            return Ok(buf.len());
        }
        self.file.write(buf).map_err(|e| self.keep(e))
    }
    fn flush(&mut self) -> std::io::Result<()> {
        if self.failed() {
            return Ok(());
        }
        self.file.flush().map_err(|e| self.keep(e))
    }
}
