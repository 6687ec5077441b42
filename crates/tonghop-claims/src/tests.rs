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

/// A run's figures for one period: 44 models, 7 / 10 / 27 by level, and
/// the level `khoi` broken down by category.
fn figures() -> data::Data {
    data::Data::from_summary(serde_json::json!({
        "periods": [{
            "id": "2023-03", "name": "Sơ kết 02 năm",
            "models": {
                "total": 44,
                "by_level": {"tinh": 7, "khoi": 10, "co_so": 27},
                "by_category": {"y_te": 9, "giao_duc": 12},
                "by_level_category": {"khoi": {"y_te": 4, "giao_duc": 5}}
            },
            "exemplars": {"total": 0, "by_level": {}}
        }],
        "bridges": []
    }))
}

/// The rows of one sentence, by the figure's words, with and without data.
fn rows_of(text: &str, data: bool) -> Vec<Row> {
    let d = figures();
    review_blocks(&document::text(text), data.then_some(&d))
}

fn verdict_of(rows: &[Row], claim: &str) -> Verdict {
    rows.iter()
        .find(|r| r.claim == claim)
        .unwrap_or_else(|| panic!("{claim}: {rows:#?}"))
        .verdict
}

fn count(rows: &[Row], v: Verdict) -> usize {
    rows.iter().filter(|r| r.verdict == v).count()
}

#[test]
fn each_figure_of_a_breakdown_takes_its_own_level() {
    let rows = rows_of(
        "Toàn Khối có 44 mô hình đăng ký, trong đó có 07 mô hình cấp tỉnh, 10 mô hình cấp Khối và 27 mô hình cấp cơ sở.",
        true,
    );
    for (claim, level) in [
        ("07 mô hình", "cấp tỉnh"),
        ("10 mô hình", "cấp Khối"),
        ("27 mô hình", "cấp cơ sở"),
    ] {
        let r = rows.iter().find(|r| r.claim == claim).unwrap();
        assert!(r.reading.ends_with(level), "{claim}: {}", r.reading);
        assert_eq!(r.verdict, Verdict::Consistent, "{r:#?}");
    }
    assert_eq!(verdict_of(&rows, "44 mô hình"), Verdict::Consistent);
    let head = rows.iter().find(|r| r.claim == "44 mô hình").unwrap();
    assert!(
        head.evidence.contains("7 + 10 + 27 = 44"),
        "{}",
        head.evidence
    );
    // One figure wrong: the data says so of it, the sum once, on the whole.
    let rows = rows_of(
        "Toàn Khối có 44 mô hình đăng ký, trong đó có 07 mô hình cấp tỉnh, 11 mô hình cấp Khối và 27 mô hình cấp cơ sở.",
        true,
    );
    assert_eq!(verdict_of(&rows, "11 mô hình"), Verdict::Mismatch);
    assert_eq!(verdict_of(&rows, "44 mô hình"), Verdict::Inconsistent);
    assert_eq!(count(&rows, Verdict::Inconsistent), 1, "{rows:#?}");
    assert_eq!(verdict_of(&rows, "07 mô hình"), Verdict::Consistent);
    assert_eq!(verdict_of(&rows, "27 mô hình"), Verdict::Consistent);
}

#[test]
fn figures_written_after_their_label_are_read() {
    // Held-out wording: `gồm`, the levels in another order, `cấp cơ sở có`.
    let rows = rows_of(
        "Các đơn vị đã đăng ký 44 mô hình, gồm: cấp cơ sở 27, cấp tỉnh 07, cấp Khối 10.",
        true,
    );
    for claim in ["cấp cơ sở 27", "cấp tỉnh 07", "cấp Khối 10"] {
        assert_eq!(verdict_of(&rows, claim), Verdict::Consistent, "{rows:#?}");
    }
    let r = rows.iter().find(|r| r.claim == "cấp tỉnh 07").unwrap();
    assert!(
        r.reading.starts_with("7 mô hình, đăng ký, cấp tỉnh"),
        "{}",
        r.reading
    );
    let rows = rows_of(
        "Đã đăng ký 44 mô hình, trong đó: cấp tỉnh 07, cấp Khối 06, cấp cơ sở 27.",
        true,
    );
    assert_eq!(verdict_of(&rows, "cấp Khối 06"), Verdict::Mismatch);
    assert_eq!(count(&rows, Verdict::Inconsistent), 1, "{rows:#?}");
    // A number after words that make it no count is no figure.
    let rows = rows_of("Đã đăng ký 44 mô hình, trong đó: kỳ 2, năm 2023.", false);
    assert_eq!(rows.len(), 1, "{rows:#?}");
}

#[test]
fn a_breakdown_at_one_level_is_compared_with_that_levels_data() {
    let rows = rows_of(
        "Cấp Khối có 10 mô hình, trong đó 03 mô hình thuộc lĩnh vực y tế và 05 mô hình thuộc lĩnh vực giáo dục.",
        true,
    );
    // The data: 4 in health and 5 in education at that level.
    assert_eq!(verdict_of(&rows, "03 mô hình"), Verdict::Mismatch);
    let r = rows.iter().find(|r| r.claim == "03 mô hình").unwrap();
    assert!(
        r.evidence.contains("cùng cấp và cùng loại") && r.evidence.contains(": 4"),
        "{}",
        r.evidence
    );
    assert_eq!(verdict_of(&rows, "05 mô hình"), Verdict::Consistent);
    // 3 + 5 ≤ 10: the parts do not exceed their level.
    assert_eq!(verdict_of(&rows, "10 mô hình"), Verdict::Consistent);
}

#[test]
fn a_bridge_sentence_is_checked_on_its_own_arithmetic() {
    // 50 − 7 − 1 + 4 = 46: a fall of 4, not 6; reported once.
    let rows = rows_of(
        "So với 50 mô hình kỳ trước, đến nay giảm 06 mô hình, do đơn vị chuyển đi (07), loại 01 và bổ sung 04.",
        false,
    );
    assert_eq!(count(&rows, Verdict::Inconsistent), 1, "{rows:#?}");
    let r = rows
        .iter()
        .find(|r| r.verdict == Verdict::Inconsistent)
        .unwrap();
    assert_eq!(r.claim, "06 mô hình");
    assert!(
        r.evidence
            .contains("− chuyển đi 7 − loại 1 + bổ sung 4 = −4"),
        "{}",
        r.evidence
    );
    for part in ["chuyển đi (07", "loại 01", "bổ sung 04"] {
        assert!(
            rows.iter().any(|r| r.claim.starts_with(part)),
            "{part}: {rows:#?}"
        );
    }
    // The same sentence with its arithmetic right, and held-out words.
    let rows = rows_of(
        "So với 50 mô hình kỳ trước, đến nay giảm 04 mô hình, do đơn vị chuyển đi (07), loại 01 và bổ sung 04.",
        false,
    );
    assert_eq!(count(&rows, Verdict::Inconsistent), 0, "{rows:#?}");
    assert_eq!(verdict_of(&rows, "04 mô hình"), Verdict::Consistent);
    let rows = rows_of(
        "Đến nay có 53 mô hình, so với 50 mô hình năm trước tăng 03 mô hình: bổ sung 05 mô hình, ra khỏi danh sách 02 mô hình.",
        false,
    );
    assert_eq!(count(&rows, Verdict::Inconsistent), 0, "{rows:#?}");
    assert_eq!(verdict_of(&rows, "03 mô hình"), Verdict::Consistent);
    // The closing figure against the opening and the change.
    let rows = rows_of(
        "Đến nay có 45 mô hình, so với 50 mô hình năm trước giảm 06 mô hình.",
        false,
    );
    assert_eq!(verdict_of(&rows, "06 mô hình"), Verdict::Inconsistent);
    assert_eq!(count(&rows, Verdict::Inconsistent), 1, "{rows:#?}");
}
