//! `check`, `inspect`, usage errors and exit codes.

use crate::harness::*;
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
    assert!(
        out.contains("  ứng viên [DV"),
        "the unit's candidates: {out}"
    );
    assert!(out.contains(" điểm: "), "with their points: {out}");
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

/// `tonghop claims` on the seed report: the listing names the 324/309 pair,
/// and the workbook written has one row per claim, errors first.
#[test]
fn claims_reviews_a_draft_and_writes_the_workbook() {
    let dir = tempdir();
    let seed = manifest_dir().join("tests/fixtures/van-ban-goc/002-bao-cao-so-ket-02-nam.txt");
    let out = dir.path().join("soat");
    let o = run(&[
        "claims",
        seed.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let listing = stdout(&o);
    assert!(
        listing.contains("[không tự nhất quán] đoạn 26: «324 mô hình»"),
        "{listing}"
    );
    assert!(stderr(&o).contains("không tự nhất quán"));
    let md = std::fs::read_to_string(out.join("soat-bao-cao.md")).unwrap();
    assert!(md.contains("| 1 | không tự nhất quán |"), "{md}");
    use calamine::{open_workbook_auto, Reader};
    let mut wb = open_workbook_auto(out.join("soat-bao-cao.xlsx")).unwrap();
    let range = wb.worksheet_range("Soát số liệu").unwrap();
    let verdicts: Vec<String> = range.rows().skip(4).map(|r| r[1].to_string()).collect();
    assert!(verdicts.len() > 50, "{}", verdicts.len());
    let first_ok = verdicts.iter().position(|v| v == "khớp").unwrap();
    assert!(verdicts[..first_ok]
        .iter()
        .all(|v| v == "không tự nhất quán"));
    let o = run(&["claims", dir.path().join("khong-co.docx").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("không đọc được file"), "{}", stderr(&o));
}

/// A draft written from the sample inputs' figures, checked against a fresh
/// run on those inputs: the correct draft has no error; in its copy with
/// planted errors (315 for 313, 24 for 26 province-level, 324 said of 2023,
/// 4 removed for 3) each is found, with the bridge where a count moved.
#[test]
fn claims_against_the_data_of_the_sample_run() {
    let dir = tempdir();
    let root = manifest_dir();
    let out = dir.path().join("out");
    let o = run(&[
        "run",
        root.join("inputs").to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let drafts = root.join("tests/fixtures/du-thao");
    let review = |name: &str| {
        let o = run(&[
            "claims",
            drafts.join(name).to_str().unwrap(),
            "--data",
            out.to_str().unwrap(),
            "--out",
            dir.path().join(name).to_str().unwrap(),
        ]);
        assert!(o.status.success(), "{}", stderr(&o));
        stdout(&o)
    };
    let good = review("du-thao-tu-so-lieu-mau-dung.md");
    assert!(
        !good.contains("[lệch]") && !good.contains("[không tự nhất quán]"),
        "{good}"
    );
    assert_eq!(good.matches("[khớp]").count(), 12, "{good}");
    let bad = review("du-thao-tu-so-lieu-mau-loi-cai-san.md");
    assert_eq!(bad.matches("[lệch]").count(), 4, "{bad}");
    for planted in [
        "«315 mô hình»",
        "«24 mô hình»",
        "«324 mô hình» — 324 mô hình, đăng ký, năm 2023",
        "«04 mô hình»",
    ] {
        assert!(
            bad.lines()
                .any(|l| l.starts_with("[lệch]") && l.contains(planted)),
            "{planted}: {bad}"
        );
    }
    assert!(
        bad.contains("324 là số của kỳ Sơ kết 01 năm (2022-10); từ kỳ đó đến kỳ này: 324 + bổ sung 5 − loại 3 − chuyển đi 17"),
        "{bad}"
    );
    // Seed 002's commendation sentences against the funnel the sample's
    // lists give (54/69 honoured, 23/29 proposed, 20/20 awarded, 2/4
    // proposed to the province), each figure matched at its stage.
    let seed = root.join("tests/fixtures/van-ban-goc/002-bao-cao-so-ket-02-nam.txt");
    let o = run(&[
        "claims",
        seed.to_str().unwrap(),
        "--data",
        out.to_str().unwrap(),
        "--out",
        dir.path().join("seed").to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let seed_review = stdout(&o);
    for (claim, evidence) in [
        (
            "«54 tập thể» — 54 tập thể, tuyên dương",
            "tập thể được tuyên dương kỳ Sơ kết 02 năm (2023-03): 54",
        ),
        (
            "«69 cá nhân» — 69 cá nhân, tuyên dương",
            "cá nhân được tuyên dương kỳ Sơ kết 02 năm (2023-03): 69",
        ),
        (
            "«23 tập thể» — 23 tập thể, đề nghị khen thưởng",
            "tập thể được đề nghị khen thưởng kỳ Sơ kết 02 năm (2023-03): 23",
        ),
        (
            "«29 cá nhân» — 29 cá nhân, đề nghị khen thưởng",
            "cá nhân được đề nghị khen thưởng kỳ Sơ kết 02 năm (2023-03): 29",
        ),
        (
            "«20 tập thể» — 20 tập thể, khen thưởng",
            "tập thể được khen thưởng kỳ Sơ kết 02 năm (2023-03): 20",
        ),
        (
            "«20 cá nhân» — 20 cá nhân, khen thưởng",
            "cá nhân được khen thưởng kỳ Sơ kết 02 năm (2023-03): 20",
        ),
        (
            "«04 cá nhân» — 4 cá nhân, đề nghị khen thưởng",
            "cá nhân được đề nghị cấp tỉnh khen thưởng kỳ Sơ kết 02 năm (2023-03): 4",
        ),
        (
            "«02 tập thể» — 2 tập thể, đề nghị khen thưởng",
            "tập thể được đề nghị cấp tỉnh khen thưởng kỳ Sơ kết 02 năm (2023-03): 2",
        ),
    ] {
        let at = seed_review
            .find(&format!("[khớp] đoạn 39: {claim}"))
            .unwrap_or_else(|| panic!("{claim}: {seed_review}"));
        let block: String = seed_review[at..].lines().take(3).collect();
        assert!(block.contains(evidence), "{claim}: {block}");
    }
    let o = run(&[
        "claims",
        drafts
            .join("du-thao-tu-so-lieu-mau-dung.md")
            .to_str()
            .unwrap(),
        "--data",
        dir.path().join("khong-co").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("--data chỉ thư mục kết quả"),
        "{}",
        stderr(&o)
    );
}

/// What a user reads on a typo, asking for help, or giving a file for a
/// folder is Vietnamese, with clap's suggestion and `gợi ý:`.
#[test]
fn usage_errors_and_help_are_vietnamese() {
    let o = run(&["rnu"]);
    assert_eq!(o.status.code(), Some(2));
    let e = stderr(&o);
    assert!(e.contains("lỗi: không có lệnh \"rnu\""), "{e}");
    assert!(e.contains("gợi ý: có phải ý bạn là \"run\"?"), "{e}");
    let o = run(&["run", "--outt", "x"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("\"--out\""), "{}", stderr(&o));
    for args in [&["--help"][..], &["run", "--help"], &["claims", "-h"]] {
        let o = run(args);
        assert!(o.status.success());
        let help = stdout(&o);
        assert!(help.contains("Cách dùng:"), "{help}");
        for english in [
            "Usage:",
            "Options:",
            "Arguments:",
            "Commands:",
            "Print help",
            "[default:",
        ] {
            assert!(!help.contains(english), "{english} in {help}");
        }
    }
    for o in [run(&["rnu"]), run(&["run", "--outt", "x"]), run(&[])] {
        let e = stderr(&o);
        for english in ["Usage:", "error:", "tip:", "For more information"] {
            assert!(!e.contains(english), "{english} in {e}");
        }
    }
    let dir = tempdir();
    let file = dir.path().join("bao-cao.xlsx");
    std::fs::write(&file, "x").unwrap();
    let o = run(&[
        "run",
        file.to_str().unwrap(),
        "--out",
        dir.path().join("o").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("là một file, không phải thư mục đầu vào"),
        "{}",
        stderr(&o)
    );
}

/// `-q` prints no progress; `-v` adds each stage's time and memory, which
/// a plain run does not print.
#[test]
fn quiet_and_verbose() {
    let dir = tempdir();
    let inputs = root().join("inputs");
    let out = dir.path().join("out");
    let args = |extra: &str| {
        let mut a = vec![
            "run",
            inputs.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ];
        if !extra.is_empty() {
            a.push(extra);
        }
        run(&a)
    };
    let plain = stderr(&args(""));
    assert!(
        plain.contains("Đọc 156 file") && plain.contains("đã đọc 156/156"),
        "{plain}"
    );
    assert!(!plain.contains("Thời gian:"), "{plain}");
    let quiet = stderr(&args("-q"));
    assert!(
        !quiet.contains("Đọc 156 file") && !quiet.contains("đã đọc"),
        "{quiet}"
    );
    assert!(quiet.contains("Phát hiện"), "the final lines stay: {quiet}");
    let verbose = stderr(&args("-v"));
    assert!(
        verbose.contains("Thời gian: đọc") && verbose.contains("Bộ nhớ"),
        "{verbose}"
    );
    // The plain progress lines count up, one by one.
    let counts: Vec<usize> = plain
        .lines()
        .filter_map(|l| l.trim().strip_prefix("đã đọc "))
        .filter_map(|l| l.split('/').next()?.parse().ok())
        .collect();
    assert!(counts.windows(2).all(|w| w[0] < w[1]), "{counts:?}");
}
