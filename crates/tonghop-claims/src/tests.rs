//! The seed report: the real errors of a real report, each found; the
//! consistent breakdowns reported as consistent.
use super::*;
use std::path::PathBuf;

fn seed() -> Vec<Row> {
    let dir = std::env::var("CARGO_MANIFEST_DIR")
        .map_or_else(|_| PathBuf::from(env!("CARGO_MANIFEST_DIR")), PathBuf::from);
    let path = dir.join("../../tests/fixtures/van-ban-goc/002-bao-cao-so-ket-02-nam.txt");
    review(&path).unwrap()
}

fn find<'a>(rows: &'a [Row], claim: &str, check: &str) -> Vec<&'a Row> {
    rows.iter()
        .filter(|r| r.claim.starts_with(claim) && r.checks.contains(check))
        .collect()
}

#[test]
fn the_seed_report_324_and_309_and_597_and_568() {
    let rows = seed();
    for (a, b) in [
        ("324 mô hình", "309 mô hình"),
        ("597 điển hình", "568 điển hình"),
    ] {
        for claim in [a, b] {
            let r = find(&rows, claim, "nêu nhiều lần");
            assert!(!r.is_empty(), "{claim}");
            assert!(
                r.iter().all(|r| r.verdict == Verdict::Inconsistent),
                "{claim}: {r:?}"
            );
            let (n1, n2) = (a.split(' ').next().unwrap(), b.split(' ').next().unwrap());
            assert!(
                r[0].evidence.contains(n1) && r[0].evidence.contains(n2),
                "{}",
                r[0].evidence
            );
        }
    }
}

#[test]
fn the_seed_report_20_22_26_province_level_models() {
    let rows = seed();
    let province: Vec<&Row> = rows
        .iter()
        .filter(|r| {
            r.reading.contains("mô hình, đăng ký, cấp tỉnh") && !r.reading.contains("cấp Khối")
        })
        .collect();
    let values: std::collections::BTreeSet<&str> = province
        .iter()
        .map(|r| r.claim.split(' ').next().unwrap())
        .collect();
    assert_eq!(
        values,
        ["20", "22", "26"].into_iter().collect(),
        "{province:#?}"
    );
    assert!(province.iter().all(|r| r.verdict == Verdict::Inconsistent));
    // The text states 2 province-level additions just before the 26: they
    // do not account for it (20 + 2 ≠ 26).
    let e = &province[0].evidence;
    assert!(
        e.contains("từ 20 đến 26: văn bản nêu bổ sung 2, đưa ra 0 — 20 + 2 − 0 = 22"),
        "{e}"
    );
}

#[test]
fn the_seed_report_146_against_318_and_145_against_317() {
    let rows = seed();
    let total = find(&rows, "146 mô hình", "tổng các phần");
    assert_eq!(total.len(), 1);
    assert_eq!(total[0].verdict, Verdict::Inconsistent);
    assert!(total[0].evidence.contains("= 318"), "{}", total[0].evidence);
    let met = find(&rows, "145 mô hình", "tổng các phần");
    assert_eq!(met[0].verdict, Verdict::Inconsistent);
    assert!(met[0].evidence.contains("= 317"), "{}", met[0].evidence);
    // `11/12 mô hình` is one of the parts, and 11 ≤ 12.
    let part = find(&rows, "11/12 mô hình", "x/y");
    assert_eq!(part.len(), 1);
}

#[test]
fn the_seed_reports_consistent_breakdowns_as_consistent() {
    let rows = seed();
    // 8 + 3 + 3 + 9 + 3 = 26 models meeting the criteria.
    let r = find(&rows, "26 mô hình", "tổng các phần liệt kê");
    assert_eq!(r.len(), 1, "{rows:#?}");
    assert_eq!(r[0].verdict, Verdict::Consistent);
    assert!(
        r[0].evidence.contains("8 + 3 + 3 + 9 + 3 = 26"),
        "{}",
        r[0].evidence
    );
    // 11 names for 11/12.
    let n = find(&rows, "11/12 đồng chí", "danh sách tên");
    assert_eq!(n.len(), 1);
    assert_eq!(n[0].verdict, Verdict::Consistent);
    assert!(n[0].evidence.contains("kể 11 tên"), "{}", n[0].evidence);
    // Honoured 54 ≥ proposed 23 ≥ awarded 20 collectives.
    let f = find(&rows, "23 tập thể", "tuyên dương");
    assert!(f.iter().all(|r| r.verdict == Verdict::Consistent), "{f:?}");
}

#[test]
fn planted_errors_are_found_and_correct_sentences_pass() {
    let text = "\
Đến nay có 120 mô hình đăng ký, trong đó có 10 mô hình đăng ký cấp tỉnh.
Tổng số 12 mô hình cấp cơ sở, gồm: giáo dục (05 mô hình); y tế (04 mô hình); khác (02 mô hình).
Có 3/2 đồng chí đạt các tiêu chí gồm: Nguyễn Văn A, đảng viên; Trần Thị B, bí thư.
Có 11/12 mô hình (91,7%) và 9/12 điển hình (80%) đạt các tiêu chí.
Đảng ủy đã tuyên dương 10 tập thể, đề nghị khen thưởng 12 tập thể và khen thưởng 4 tập thể.
Thực hiện Kế hoạch số 24-KH/TU, ngày 17/3/2021 và Kế hoạch số 24-KH/TU, ngày 18/3/2021.
Năm 2022 bổ sung 05 mô hình cấp tỉnh. Kết quả có 15 mô hình đăng ký cấp tỉnh.";
    let rows = review_blocks(&document::text(text), None);
    let verdict = |claim: &str, check: &str| {
        let r = find(&rows, claim, check);
        assert!(!r.is_empty(), "{claim} / {check}: {rows:#?}");
        r[0].verdict
    };
    assert_eq!(
        verdict("12 mô hình", "tổng các phần"),
        Verdict::Inconsistent,
    );
    assert_eq!(verdict("3/2 đồng chí", "x/y"), Verdict::Inconsistent);
    assert_eq!(verdict("11/12 mô hình", "phần trăm"), Verdict::Consistent);
    assert_eq!(
        verdict("9/12 điển hình", "phần trăm"),
        Verdict::Inconsistent
    );
    assert_eq!(
        verdict("3/2 đồng chí", "danh sách tên"),
        Verdict::Inconsistent
    );
    assert_eq!(verdict("12 tập thể", "tuyên dương"), Verdict::Inconsistent);
    assert!(
        rows.iter()
            .any(|r| r.claim.starts_with("Kế hoạch số 24-KH/TU")
                && r.verdict == Verdict::Inconsistent)
    );
    // 10 + 5 = 15: the change is explained by the addition stated in between.
    assert_eq!(verdict("15 mô hình", "nêu nhiều lần"), Verdict::Consistent);
    assert_eq!(verdict("10 mô hình", "nêu nhiều lần"), Verdict::Consistent);
}
