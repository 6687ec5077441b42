use super::*;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;

struct Temp(PathBuf);

impl Drop for Temp {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

fn temp() -> Temp {
    static N: AtomicUsize = AtomicUsize::new(0);
    let p = std::env::temp_dir().join(format!(
        "tonghop-out-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ));
    let _ = fs::remove_dir_all(&p);
    fs::create_dir_all(&p).unwrap();
    Temp(p)
}

fn write(dir: &OutDir, owner: &str, files: &[(&str, &str)]) -> Vec<PathBuf> {
    let staging = dir.stage(owner).unwrap();
    for (name, text) in files {
        let p = staging.path().join(name);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, text).unwrap();
    }
    dir.commit(staging).unwrap()
}

fn read(p: &Path) -> String {
    fs::read_to_string(p).unwrap()
}

#[test]
fn out_may_not_be_inputs_inside_them_or_around_them() {
    let t = temp();
    let inputs = t.0.join("inputs");
    fs::create_dir_all(inputs.join("2023")).unwrap();
    let same = check(&inputs, Some(&inputs)).unwrap_err();
    assert!(matches!(same, OutError::SameAsInputs(_)), "{same}");
    // The same folder written another way, through `..`.
    let again = inputs.join("2023").join("..");
    assert!(matches!(
        check(&again, Some(&inputs)),
        Err(OutError::SameAsInputs(_))
    ));
    let inner = check(&inputs.join("ket-qua"), Some(&inputs)).unwrap_err();
    assert!(matches!(inner, OutError::InsideInputs { .. }), "{inner}");
    assert!(inner.to_string().contains("gợi ý:"), "{inner}");
    let parent = check(&t.0, Some(&inputs)).unwrap_err();
    assert!(
        matches!(parent, OutError::ContainsInputs { .. }),
        "{parent}"
    );
    assert!(check(&t.0.join("ket-qua"), Some(&inputs)).is_ok());
}

#[cfg(unix)]
#[test]
fn a_link_to_the_inputs_is_the_inputs() {
    let t = temp();
    let inputs = t.0.join("inputs");
    fs::create_dir_all(&inputs).unwrap();
    std::os::unix::fs::symlink(&inputs, t.0.join("lien-ket")).unwrap();
    assert!(matches!(
        check(&t.0.join("lien-ket"), Some(&inputs)),
        Err(OutError::SameAsInputs(_))
    ));
    assert!(matches!(
        check(&t.0.join("lien-ket").join("moi"), Some(&inputs)),
        Err(OutError::InsideInputs { .. })
    ));
}

#[test]
fn a_file_or_a_folder_of_somebody_elses_files_is_refused() {
    let t = temp();
    let file = t.0.join("ghi-chu.txt");
    fs::write(&file, "của tôi").unwrap();
    let e = check(&file, None).unwrap_err();
    assert!(matches!(e, OutError::IsFile(_)), "{e}");
    let notes = t.0.join("tai-lieu");
    fs::create_dir_all(&notes).unwrap();
    fs::write(notes.join("ghi-chu.docx"), "x").unwrap();
    let e = OutDir::open(&notes, None, || {}).unwrap_err();
    assert!(e.to_string().contains("\"ghi-chu.docx\""), "{e}");
    assert!(!notes.join(MARKER).exists(), "nothing written into it");
    assert_eq!(read(&file), "của tôi");
    // Empty, missing, or holding only what a system leaves: usable.
    let junk = t.0.join("rac");
    fs::create_dir_all(&junk).unwrap();
    fs::write(junk.join("Thumbs.db"), "").unwrap();
    fs::write(junk.join(".DS_Store"), "").unwrap();
    assert!(check(&junk, None).is_ok());
    assert!(check(&t.0.join("chua-co"), None).is_ok());
}

#[test]
fn an_output_folder_of_an_earlier_version_is_taken_as_ours() {
    let t = temp();
    let out = t.0.join("outputs");
    fs::create_dir_all(out.join("bieu-do")).unwrap();
    fs::write(out.join("summary.json"), "{}").unwrap();
    fs::write(out.join("tong-hop.xlsx"), "x").unwrap();
    assert!(check(&out, None).is_ok());
    // One file of somebody else's and it is not.
    fs::write(out.join("ghi-chu.txt"), "x").unwrap();
    assert!(matches!(check(&out, None), Err(OutError::Foreign { .. })));
    // Nor a folder that only has names tonghop might write, but no output.
    let other = t.0.join("khac");
    fs::create_dir_all(other.join("data")).unwrap();
    assert!(matches!(check(&other, None), Err(OutError::Foreign { .. })));
}

#[test]
fn only_the_owners_files_are_replaced() {
    let t = temp();
    let out = t.0.join("ket-qua");
    let dir = OutDir::open(&out, None, || {}).unwrap();
    write(
        &dir,
        "run",
        &[
            ("summary.json", "1"),
            ("bieu-do/a.png", "a1"),
            ("bieu-do/b.png", "b1"),
        ],
    );
    fs::write(out.join("ghi-chu.txt"), "của người dùng").unwrap();
    fs::create_dir_all(out.join("notebook")).unwrap();
    fs::write(out.join("notebook/01.ipynb"), "{}").unwrap();
    fs::write(out.join("bieu-do/tu-ve.png"), "tự vẽ").unwrap();
    write(&dir, "claims", &[("soat-bao-cao.md", "c1")]);
    drop(dir);
    // An earlier output folder with other files in it is still ours.
    let dir = OutDir::open(&out, None, || {}).unwrap();
    let files = write(
        &dir,
        "run",
        &[("summary.json", "2"), ("bieu-do/a.png", "a2")],
    );
    assert_eq!(
        files,
        vec![
            PathBuf::from("bieu-do/a.png"),
            PathBuf::from("summary.json")
        ]
    );
    assert_eq!(read(&out.join("summary.json")), "2");
    assert_eq!(read(&out.join("bieu-do/a.png")), "a2");
    assert!(!out.join("bieu-do/b.png").exists(), "no longer written");
    assert_eq!(read(&out.join("ghi-chu.txt")), "của người dùng");
    assert_eq!(read(&out.join("notebook/01.ipynb")), "{}");
    assert_eq!(read(&out.join("bieu-do/tu-ve.png")), "tự vẽ");
    assert_eq!(read(&out.join("soat-bao-cao.md")), "c1");
    assert_eq!(dir.owned("claims"), vec!["soat-bao-cao.md".to_owned()]);
}

#[test]
fn half_written_outputs_are_removed_and_committed_ones_finished() {
    let t = temp();
    let out = t.0.join("ket-qua");
    let dir = OutDir::open(&out, None, || {}).unwrap();
    write(&dir, "run", &[("summary.json", "old"), ("x.csv", "old")]);
    // Killed while writing: a staging folder with half the files.
    let staging = dir.stage("run").unwrap();
    fs::write(staging.path().join("summary.json"), "half").unwrap();
    drop(dir);
    let dir = OutDir::open(&out, None, || {}).unwrap();
    assert!(!out.join(MARKER).join("dang-ghi-run").exists());
    assert_eq!(read(&out.join("summary.json")), "old");
    // Killed after the commit point, one file moved.
    let ready = out.join(MARKER).join("san-sang-run");
    fs::create_dir_all(&ready).unwrap();
    fs::write(ready.join(LIST), r#"["summary.json","y.csv"]"#).unwrap();
    fs::write(out.join("summary.json"), "new").unwrap();
    fs::write(ready.join("y.csv"), "new").unwrap();
    drop(dir);
    let dir = OutDir::open(&out, None, || {}).unwrap();
    assert!(!ready.exists());
    assert_eq!(read(&out.join("summary.json")), "new");
    assert_eq!(read(&out.join("y.csv")), "new");
    assert!(!out.join("x.csv").exists(), "the old run's file went");
    assert_eq!(
        dir.owned("run"),
        vec!["summary.json".to_owned(), "y.csv".to_owned()]
    );
}

#[test]
fn a_second_run_waits_for_the_first() {
    let t = temp();
    let out = t.0.join("ket-qua");
    let first = OutDir::open(&out, None, || {}).unwrap();
    let waited = Arc::new(AtomicBool::new(false));
    let done = Arc::new(AtomicBool::new(false));
    let second = {
        let (out, waited, done) = (out.clone(), waited.clone(), done.clone());
        std::thread::spawn(move || {
            let dir = OutDir::open(&out, None, || waited.store(true, Ordering::SeqCst)).unwrap();
            done.store(true, Ordering::SeqCst);
            write(&dir, "run", &[("summary.json", "second")]);
        })
    };
    std::thread::sleep(std::time::Duration::from_millis(300));
    assert!(waited.load(Ordering::SeqCst));
    assert!(!done.load(Ordering::SeqCst), "the lock is held");
    write(&first, "run", &[("summary.json", "first")]);
    drop(first);
    second.join().unwrap();
    assert_eq!(read(&out.join("summary.json")), "second");
}

#[test]
fn the_previous_versions_swap_is_undone() {
    let t = temp();
    let out = t.0.join("outputs");
    // Killed between its two renames: the old outputs aside, the new staged.
    let old = t.0.join(".outputs.old-123");
    let staged = t.0.join(".outputs.tmp-123");
    for d in [&old, &staged] {
        fs::create_dir_all(d.join("data")).unwrap();
    }
    fs::write(old.join("summary.json"), "old").unwrap();
    fs::write(staged.join("summary.json"), "new").unwrap();
    // A folder of the user's with a similar name is left alone.
    let theirs = t.0.join(".outputs.tmp-mine");
    fs::create_dir_all(&theirs).unwrap();
    fs::write(theirs.join("thu.docx"), "x").unwrap();
    let _dir = OutDir::open(&out, None, || {}).unwrap();
    assert_eq!(read(&out.join("summary.json")), "old");
    assert!(!old.exists() && !staged.exists());
    assert!(theirs.join("thu.docx").exists());
}

#[test]
fn system_errors_read_in_vietnamese() {
    let e = std::io::Error::from(std::io::ErrorKind::StorageFull);
    assert!(io_reason(&e).starts_with("ổ đĩa đã đầy"));
    let e = OutError::io("ghi", Path::new("/x/tong-hop.xlsx"), e);
    assert!(e
        .to_string()
        .contains("không ghi được \"/x/tong-hop.xlsx\""));
    let e = std::io::Error::from_raw_os_error(13);
    assert!(
        io_reason(&e).contains("không có quyền"),
        "{}",
        io_reason(&e)
    );
}
