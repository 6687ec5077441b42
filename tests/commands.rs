//! `check`, `inspect`, usage errors and exit codes.

mod harness;

use harness::*;
use tonghop_gen::{generate, Scenario};

#[test]
fn wrong_usage_exits_2() {
    assert_eq!(run(&["lam-gi-do"]).status.code(), Some(2));
    assert_eq!(run(&[]).status.code(), Some(2));
}

#[test]
fn missing_inputs_exit_1_with_a_vietnamese_hint() {
    let o = run(&["run", "/khong/co/thu-muc-nay"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("không thấy thư mục đầu vào"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn check_prints_findings_and_writes_nothing() {
    let dir = tempdir();
    let inputs = dir.path().join("inputs");
    generate(&Scenario::sized(12, 12, true), 5, &inputs).unwrap();
    let o = tonghop()
        .current_dir(dir.path())
        .args(["check", "inputs"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("FILE_UNREADABLE"), "{out}");
    assert!(out.contains("RETURN_LATE"), "{out}");
    assert!(!dir.path().join("outputs").exists());
}

#[test]
fn inspect_explains_how_a_file_was_read() {
    let dir = tempdir();
    let inputs = dir.path().join("inputs");
    generate(&Scenario::sized(9, 12, false), 2, &inputs).unwrap();
    let file = walk(&inputs.join("2023-03"))
        .into_iter()
        .next()
        .expect("a return");
    let o = run(&["inspect", file.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("Đơn vị: [DV"), "{out}");
    assert!(out.contains("Ngày văn bản:"), "{out}");
    assert!(out.contains("→ tên mô hình"), "{out}");
    assert!(out.contains("→ họ và tên"), "{out}");
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        if e.path().is_dir() {
            out.extend(walk(&e.path()));
        } else {
            out.push(e.path());
        }
    }
    out.sort();
    out
}
