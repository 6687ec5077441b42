//! The output folder: tonghop never destroys what is not its own, survives
//! being killed at any instant, and two runs on one folder never interleave.

use crate::harness::*;
use std::path::{Path, PathBuf};
use std::time::Duration;

fn refused(o: &std::process::Output, words: &str) {
    assert_eq!(o.status.code(), Some(1), "{}", stderr(o));
    let e = stderr(o);
    assert!(e.contains(words), "{e}");
    assert!(e.contains("gợi ý:"), "{e}");
}

#[test]
fn out_at_the_inputs_is_refused_and_no_return_is_lost() {
    let (dir, inputs) = sample_copy();
    let before = digest(&inputs);
    refused(&run_env(&inputs, &inputs, &[]), "chính là thư mục đầu vào");
    // The same folder by another spelling.
    let again = inputs.join("2023-03").join("..");
    refused(&run_env(&inputs, &again, &[]), "chính là thư mục đầu vào");
    refused(
        &run_env(&inputs, &inputs.join("ket-qua"), &[]),
        "nằm trong thư mục đầu vào",
    );
    refused(&run_env(&inputs, dir.path(), &[]), "chứa thư mục đầu vào");
    assert_eq!(digest(&inputs), before, "every return as it was");
    assert!(!inputs.join(".tonghop").exists() && !inputs.join("ket-qua").exists());
}

#[test]
fn out_at_a_folder_of_notes_or_at_a_file_is_refused() {
    let (dir, inputs) = sample_copy();
    let notes = dir.path().join("ghi-chu");
    std::fs::create_dir_all(&notes).unwrap();
    std::fs::write(notes.join("việc cần làm.docx"), "của tôi").unwrap();
    let before = digest(&notes);
    refused(&run_env(&inputs, &notes, &[]), "\"việc cần làm.docx\"");
    assert_eq!(digest(&notes), before);
    let file = dir.path().join("bao-cao.xlsx");
    std::fs::write(&file, "không phải thư mục").unwrap();
    refused(&run_env(&inputs, &file, &[]), "là một file");
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        "không phải thư mục"
    );
}

#[test]
fn a_later_run_replaces_only_its_own_files() {
    let (dir, inputs) = sample_copy();
    let out = dir.path().join("ket-qua");
    assert!(run_env(&inputs, &out, &[]).status.success());
    std::fs::write(out.join("ghi chú.txt"), "của người dùng").unwrap();
    std::fs::create_dir_all(out.join("notebook")).unwrap();
    std::fs::write(out.join("notebook/01-tong-quan.ipynb"), "{}").unwrap();
    let seed = root().join("tests/fixtures/van-ban-goc/002-bao-cao-so-ket-02-nam.txt");
    let o = run(&[
        "claims",
        seed.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let review = std::fs::read(out.join("soat-bao-cao.md")).unwrap();
    // The inputs change (a return goes), so every output of the run changes.
    std::fs::remove_file(inputs.join("2023-03/Doan the/BC mo hinh - Hoi CCB Khoi.xlsx")).unwrap();
    let first = std::fs::read(out.join("summary.json")).unwrap();
    assert!(run_env(&inputs, &out, &[]).status.success());
    assert_ne!(std::fs::read(out.join("summary.json")).unwrap(), first);
    assert_eq!(
        std::fs::read_to_string(out.join("ghi chú.txt")).unwrap(),
        "của người dùng"
    );
    assert_eq!(
        std::fs::read_to_string(out.join("notebook/01-tong-quan.ipynb")).unwrap(),
        "{}"
    );
    assert_eq!(std::fs::read(out.join("soat-bao-cao.md")).unwrap(), review);
    assert!(out.join("soat-bao-cao.xlsx").exists());
}

/// The files `run` owns in OUT, with their hashes (the marker folder aside).
fn owned(out: &Path) -> std::collections::BTreeMap<String, u64> {
    digest(out)
        .into_iter()
        .filter(|(k, _)| !k.starts_with(".tonghop/"))
        .collect()
}

/// A run killed at each instant leaves the previous outputs whole (before
/// the commit point) or the new ones, finished by the next command (after it);
/// the next command leaves nothing half-done behind.
#[test]
fn a_run_killed_at_any_instant_leaves_whole_outputs() {
    let (dir, inputs) = sample_copy();
    let before_out = dir.path().join("truoc");
    assert!(run_env(&inputs, &before_out, &[]).status.success());
    let changed = dir.path().join("inputs-moi");
    copy_dir(&inputs, &changed);
    std::fs::remove_file(changed.join("2023-03/Doan the/BC mo hinh - Hoi CCB Khoi.xlsx")).unwrap();
    let after_out = dir.path().join("sau");
    assert!(run_env(&changed, &after_out, &[]).status.success());
    let summary = |out: &Path| std::fs::read(out.join("summary.json")).unwrap();
    let (old, new) = (summary(&before_out), summary(&after_out));
    assert_ne!(old, new);
    let files = |out: &Path| owned(out).into_keys().collect::<Vec<_>>();
    for (point, committed) in [
        ("dang-ghi", false),
        ("da-ghi-xong", false),
        ("truoc-khi-chot", false),
        ("sau-khi-chot", true),
        ("dang-chuyen-1", true),
        ("dang-chuyen-5", true),
        ("truoc-khi-luu-danh-sach", true),
    ] {
        let out = dir.path().join(format!("out-{point}"));
        copy_dir(&before_out, &out);
        let before = owned(&out);
        let o = run_env(&changed, &out, &[("TONGHOP_INTERRUPT_AT", point)]);
        assert!(!o.status.success(), "{point}: the run was killed");
        if !committed {
            assert_eq!(
                owned(&out),
                before,
                "{point}: the previous outputs, untouched"
            );
        }
        // The next command that opens OUT (here a draft review reading it)
        // finishes or cleans what the killed run left.
        let seed = root().join("tests/fixtures/van-ban-goc/002-bao-cao-so-ket-02-nam.txt");
        let review = dir.path().join(format!("soat-{point}"));
        let o = run(&[
            "claims",
            seed.to_str().unwrap(),
            "--data",
            out.to_str().unwrap(),
            "--out",
            review.to_str().unwrap(),
        ]);
        assert!(o.status.success(), "{point}: {}", stderr(&o));
        let expected = if committed { &new } else { &old };
        assert_eq!(&summary(&out), expected, "{point}");
        let expected_files = if committed {
            files(&after_out)
        } else {
            files(&before_out)
        };
        assert_eq!(files(&out), expected_files, "{point}");
        let left: Vec<PathBuf> = std::fs::read_dir(out.join(".tonghop"))
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.is_dir())
            .collect();
        assert!(left.is_empty(), "{point}: {left:?}");
    }
}

/// While another run holds OUT, a run waits, says so, and then writes whole
/// outputs; two runs started together both finish and leave one complete set.
#[test]
fn two_runs_on_one_folder_never_interleave() {
    let (dir, inputs) = sample_copy();
    let out = dir.path().join("ket-qua");
    assert!(run_env(&inputs, &out, &[]).status.success());
    let lock = std::fs::File::options()
        .write(true)
        .open(out.join(".tonghop/khoa"))
        .unwrap();
    lock.lock().unwrap();
    let mut waiting = tonghop()
        .args([
            "run",
            inputs.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ])
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(1500));
    assert!(
        waiting.try_wait().unwrap().is_none(),
        "it waits for the lock"
    );
    lock.unlock().unwrap();
    let o = waiting.wait_with_output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("đang được một lần chạy khác ghi; chờ"),
        "{}",
        stderr(&o)
    );

    let start = || {
        tonghop()
            .args([
                "run",
                inputs.to_str().unwrap(),
                "--out",
                out.to_str().unwrap(),
                "-q",
            ])
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap()
    };
    let (mut a, mut b) = (start(), start());
    assert!(a.wait().unwrap().success() && b.wait().unwrap().success());
    assert_eq!(totals(&out, "2023-03"), (309, 568));
    let manifest = json(&out.join(".tonghop/ket-qua.json"));
    for f in manifest["run"].as_array().unwrap() {
        assert!(out.join(f.as_str().unwrap()).is_file(), "{f}");
    }
}

/// A full disk is said in Vietnamese with the file and what to do, and the
/// previous outputs stay. Needs a small tmpfs (root in a sandbox that allows
/// `mount`); where none can be mounted the test says so and checks nothing.
#[test]
fn a_full_disk_is_said_in_words_and_keeps_the_previous_outputs() {
    let (dir, inputs) = sample_copy();
    let disk = dir.path().join("o-nho");
    std::fs::create_dir_all(&disk).unwrap();
    let mounted = std::process::Command::new("mount")
        .args([
            "-t",
            "tmpfs",
            "-o",
            "size=900k",
            "tmpfs",
            disk.to_str().unwrap(),
        ])
        .output()
        .is_ok_and(|o| o.status.success());
    if !mounted {
        eprintln!("no tmpfs could be mounted here: the full-disk case is not exercised");
        return;
    }
    struct Unmount(PathBuf);
    impl Drop for Unmount {
        fn drop(&mut self) {
            let _ = std::process::Command::new("umount").arg(&self.0).status();
        }
    }
    let _unmount = Unmount(disk.clone());
    let out = disk.join("ket-qua");
    // A small batch fits; the full one does not.
    let small = dir.path().join("nho");
    std::fs::create_dir_all(small.join("2023-03")).unwrap();
    std::fs::copy(
        inputs.join("2023-03/Doan the/BC mo hinh - Hoi CCB Khoi.xlsx"),
        small.join("2023-03/BC.xlsx"),
    )
    .unwrap();
    let o = run_env(&small, &out, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let before = owned(&out);
    let o = run_env(&inputs, &out, &[]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let e = stderr(&o);
    assert!(
        e.contains("ổ đĩa đã đầy") && e.contains(out.to_str().unwrap()),
        "{e}"
    );
    for english in ["No space", "os error", "Error(", "ZipWriter"] {
        assert!(!e.contains(english), "{e}");
    }
    assert_eq!(owned(&out), before);
    let staged: Vec<_> = std::fs::read_dir(out.join(".tonghop"))
        .unwrap()
        .flatten()
        .filter(|e| e.path().is_dir())
        .collect();
    assert!(staged.is_empty(), "the half-written outputs are removed");
}

/// Sheet `Thông tin` chooses the letters: errors only, one period, no
/// reminder — and a rerun removes the letters no longer written.
#[test]
fn the_thong_tin_sheet_chooses_which_letters_are_written() {
    let (dir, inputs) = sample_copy();
    let out = dir.path().join("out");
    ok(&run_env(&inputs, &out, &[]));
    let letters = |out: &Path| -> std::collections::BTreeSet<String> {
        std::fs::read_dir(out.join("thu"))
            .map(|d| {
                d.map(|e| e.unwrap().file_name().to_string_lossy().to_string())
                    .collect()
            })
            .unwrap_or_default()
    };
    let before = letters(&out);
    assert!(before.contains("Đôn đốc nộp báo cáo.docx"), "{before:?}");
    edit_workbook(&inputs.join("danh-muc.xlsx"), |sheet, rows| {
        if sheet == "Thông tin" {
            for (k, v) in [
                ("Viết thư cho đơn vị có", "lỗi"),
                ("Thư đôn đốc", "không"),
                ("Kỳ", "Sơ kết 01 năm"),
            ] {
                rows.push(vec![Cell::Text(k.into()), Cell::Text(v.into())]);
            }
        }
        true
    });
    ok(&run_env(&inputs, &out, &[]));
    let after = letters(&out);
    // The units with an error of their own in that period, and no other.
    let mut want: Vec<String> = findings(&out)
        .iter()
        .filter(|f| f[1] == "error" && f[2] == "2022-10" && !f[3].is_empty())
        .map(|f| f[3].clone())
        .collect();
    want.sort();
    want.dedup();
    let got: Vec<String> = after
        .iter()
        .map(|l| l.split(" - ").next().unwrap().to_owned())
        .collect();
    assert_eq!(got, want, "{after:?}");
    assert!(after.len() < before.len(), "{before:?} → {after:?}");
    // No finding about the sheet itself: every detail was usable.
    assert!(
        findings(&out)
            .iter()
            .all(|f| !(f[0] == "REFERENCE_INVALID" && f[5] == "Thông tin")),
        "{:?}",
        findings(&out)
    );
}
