//! Drafts in Word format: a paragraph split over runs, a table cell and a
//! footnote each give their claims with where they are.
use std::path::PathBuf;
use tonghop_claims::{review, Verdict};

fn fixture(name: &str) -> PathBuf {
    let dir = std::env::var("CARGO_MANIFEST_DIR")
        .map_or_else(|_| PathBuf::from(env!("CARGO_MANIFEST_DIR")), PathBuf::from);
    dir.join("tests/fixtures").join(name)
}

#[test]
fn a_hand_written_docx_gives_paragraphs_cells_and_footnotes() {
    let rows = review(&fixture("du-thao-chu-thich-va-bang-viet-tay.docx")).unwrap();
    let at = |claim: &str| {
        rows.iter()
            .find(|r| r.claim == claim)
            .unwrap_or_else(|| panic!("{claim}: {rows:#?}"))
    };
    assert_eq!(
        at("309 mô hình").place,
        "đoạn 1",
        "runs joined into one paragraph"
    );
    assert_eq!(at("324 mô hình").place, "đoạn 2");
    assert_eq!(at("7/5 mô hình").place, "bảng 1, dòng 2, cột 2");
    assert_eq!(at("7/5 mô hình").verdict, Verdict::Inconsistent);
    assert_eq!(at("20 điển hình").place, "chú thích 1");
    assert!(at("324 mô hình").evidence.contains("309 (đoạn 1)"));
}

#[test]
fn what_cannot_be_read_says_why_in_vietnamese() {
    let e = review(&fixture("khong-co-file-nay.docx")).unwrap_err();
    assert!(e.contains("không đọc được"), "{e}");
    let bad = std::env::temp_dir().join("tonghop-claims-not-a-docx.docx");
    std::fs::write(&bad, b"not a zip").unwrap();
    let e = review(&bad).unwrap_err();
    assert!(e.contains("không phải file .docx"), "{e}");
    let e = review(&fixture("make_docx_by_hand.py")).unwrap_err();
    assert!(e.contains(".docx, .txt hoặc .md"), "{e}");
}

/// A draft with planted errors, written as HTML and saved as .docx by
/// LibreOffice (`du-thao-loi-cai-san.html` is its source): every planted
/// error is found, the correct figures are not flagged.
#[test]
fn planted_errors_in_a_libreoffice_docx() {
    let rows = review(&fixture("du-thao-loi-cai-san-libreoffice.docx")).unwrap();
    let verdict = |claim: &str| {
        rows.iter()
            .find(|r| r.claim.starts_with(claim))
            .unwrap_or_else(|| panic!("{claim}: {rows:#?}"))
            .verdict
    };
    // Planted: 5 + 4 + 2 ≠ 12 (in a table cell); 3/2; two names for 3;
    // tuyên dương 10 < đề nghị 12; one plan cited with two dates.
    assert_eq!(verdict("12 mô hình"), Verdict::Inconsistent);
    assert_eq!(verdict("3/2 đồng chí"), Verdict::Inconsistent);
    // The funnel's break is reported once, on the stage that exceeds the
    // one before; the figure before it points there.
    assert_eq!(verdict("12 tập thể"), Verdict::Inconsistent);
    assert_eq!(verdict("10 tập thể"), Verdict::Unchecked);
    assert_eq!(
        verdict("Kế hoạch số 24-KH/TU, ngày 18/3/2021"),
        Verdict::Inconsistent
    );
    // Correct: awarded 4 ≤ proposed 12; figures stated once.
    assert_eq!(verdict("4 tập thể"), Verdict::Consistent);
    assert_eq!(verdict("120 mô hình"), Verdict::Unchecked);
    assert_eq!(verdict("10 mô hình"), Verdict::Unchecked);
    let cell = rows.iter().find(|r| r.claim == "12 mô hình").unwrap();
    assert_eq!(cell.place, "bảng 1, dòng 2, cột 1");
}
