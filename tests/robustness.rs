//! Hostile files through the binary, each in its own process under a memory
//! ceiling and a time limit: a finding, never a hang, a blow-up or a panic.

use crate::harness::*;
use std::time::{Duration, Instant};

const HOSTILE: &[&str] = &[
    "zip-bomb-300mb-inflated.xlsx",
    "xml-entity-bomb.xlsx",
    "far-blank-cell-row-1048576.xlsx",
    "a-million-blank-rows.xlsx",
    "dimension-claims-a-million-rows.xlsx",
    "encrypted-password-1234.xlsx",
    "truncated-download.xlsx",
    "empty-zero-bytes.xlsx",
];

#[test]
fn hostile_files_stay_within_time_and_memory() {
    let fixtures = root().join("crates/tonghop-ingest/tests/fixtures");
    for name in HOSTILE {
        let file = fixtures.join(name);
        let start = Instant::now();
        // 400 MB of address space is far more than a return needs and far less
        // than the 1 GB a dense read of the far-away cell took.
        let o = std::process::Command::new("sh")
            .arg("-c")
            .arg(format!(
                "ulimit -v 400000; exec timeout 30 \"{}\" inspect \"$0\"",
                env!("CARGO_BIN_EXE_tonghop")
            ))
            .arg(&file)
            .output()
            .expect("sh runs");
        let took = start.elapsed();
        assert!(o.status.success(), "{name}: {:?}\n{}", o.status, stderr(&o));
        assert!(took < Duration::from_secs(20), "{name} took {took:?}");
        let out = stdout(&o);
        assert!(out.starts_with("File:"), "{name}: {out}");
    }
}

#[test]
fn a_batch_with_every_hostile_file_still_consolidates_the_good_ones() {
    let dir = tempdir();
    let period = dir.path().join("inputs/2022-10");
    std::fs::create_dir_all(&period).unwrap();
    let fixtures = root().join("crates/tonghop-ingest/tests/fixtures");
    for e in std::fs::read_dir(&fixtures).unwrap().flatten() {
        std::fs::copy(e.path(), period.join(e.file_name())).unwrap();
    }
    std::fs::write(period.join("ghi chu.txt"), b"not a return").unwrap();
    // A Word return is read; a broken one is unreadable, like a broken workbook.
    std::fs::write(period.join("hong.docx"), b"not a Word document").unwrap();
    let out = dir.path().join("out");
    let o = run(&[
        "run",
        dir.path().join("inputs").to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let summary = json(&out.join("summary.json"));
    let p = &summary["periods"][0];
    assert_eq!(p["returns"]["unreadable_files"], 5);
    // The readable copies of the same return are one unit's versions: one is
    // used, the others superseded; its 3 active models are counted once.
    assert_eq!(p["models"]["total"], 3);
    assert!(summary["findings"]["by_code"]["FILE_UNSUPPORTED"].as_u64() == Some(1));
    let csv = std::fs::read_to_string(out.join("findings.csv")).unwrap();
    let broken = csv.lines().find(|l| l.contains("hong.docx")).unwrap();
    assert!(
        broken.starts_with("FILE_UNREADABLE") && broken.contains("lưu dạng .docx"),
        "{broken}"
    );
}
