//! The reference workbook checked like a return: one committed workbook
//! (openpyxl, `scripts/make_safety_fixtures.py`) with one of each mistake,
//! and the finding each gives, with its sheet, row and cell.

use tonghop_core::{Finding, FindingCode, Severity};

use crate::manifest_dir;

fn at<'a>(findings: &'a [Finding], sheet: &str, row: u32) -> Vec<&'a Finding> {
    findings
        .iter()
        .filter(|f| f.sheet == sheet && f.row == Some(row))
        .collect()
}

#[test]
fn every_mistake_of_the_reference_is_a_finding_with_its_cell() {
    let inputs = manifest_dir().join("../../tests/fixtures/an-toan/danh-muc-loi");
    let (reference, findings) = tonghop_ingest::read_reference(&inputs).unwrap();
    assert!(findings
        .iter()
        .all(|f| f.code == FindingCode::ReferenceInvalid && f.file == "danh-muc.xlsx"));
    let one = |sheet: &str, row: u32, severity: Severity, words: &[&str]| {
        let f = at(&findings, sheet, row);
        assert_eq!(f.len(), 1, "{sheet} row {row}: {f:?}");
        assert_eq!(
            f[0].severity, severity,
            "{sheet} row {row}: {}",
            f[0].message
        );
        for w in words {
            assert!(
                f[0].message.contains(w),
                "{sheet} row {row}: {w} in {}",
                f[0].message
            );
        }
    };
    // Đơn vị.
    one(
        "Đơn vị",
        3,
        Severity::Warning,
        &["\"31/02/2023\"", "ô G3", "vẫn đang hoạt động"],
    );
    one(
        "Đơn vị",
        4,
        Severity::Error,
        &["\"DV01\" trùng với dòng 2", "ô A4"],
    );
    one(
        "Đơn vị",
        5,
        Severity::Warning,
        &["Từ ngày 01/06/2023 sau Đến ngày 01/01/2023"],
    );
    one("Đơn vị", 6, Severity::Warning, &["thiếu Mã đơn vị", "ô A6"]);
    let codes: Vec<&str> = reference.units.iter().map(|u| u.code.as_str()).collect();
    assert_eq!(
        codes,
        ["DV01", "DV02", "DV03"],
        "the duplicate and the row with no code left out"
    );
    assert!(reference.units[1].to.is_none() && reference.units[2].from.is_none());
    // Kỳ báo cáo: an impossible deadline and no folder on row 2.
    let row2 = at(&findings, "Kỳ báo cáo", 2);
    assert_eq!(row2.len(), 2, "{row2:?}");
    assert!(row2.iter().any(|f| f.severity == Severity::Warning
        && f.message.contains("\"31/02/2022\"")
        && f.message.contains("ô D2")
        && f.message.contains("không tính nộp muộn")));
    assert!(row2
        .iter()
        .any(|f| f.severity == Severity::Error
            && f.message.contains("không thấy thư mục \"2022-10\"")));
    one(
        "Kỳ báo cáo",
        4,
        Severity::Error,
        &["mã kỳ \"2023-03\" trùng với dòng 3"],
    );
    one(
        "Kỳ báo cáo",
        5,
        Severity::Error,
        &["cùng thư mục \"2023-03\"", "cho cả hai kỳ"],
    );
    let periods: Vec<&str> = reference.periods.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(periods, ["2022-10", "2023-03"]);
    assert!(reference.periods[0].deadline.is_none());
    // Chỉ tiêu.
    one(
        "Chỉ tiêu",
        2,
        Severity::Warning,
        &["\"ba\" không phải số", "ô F2"],
    );
    one("Chỉ tiêu", 3, Severity::Warning, &["-5 là số âm"]);
    one(
        "Chỉ tiêu",
        4,
        Severity::Warning,
        &["2,5 không phải số nguyên"],
    );
    one(
        "Chỉ tiêu",
        5,
        Severity::Warning,
        &["kỳ \"2024-06\" không có"],
    );
    one(
        "Chỉ tiêu",
        6,
        Severity::Warning,
        &["\"Hợp tác xã\" không có đơn vị nào"],
    );
    assert_eq!(
        reference.targets.len(),
        1,
        "only the last target can be checked"
    );
    // A sheet tonghop does not read.
    assert!(findings
        .iter()
        .any(|f| f.sheet == "Don vi cu" && f.severity == Severity::Info));
    // Nothing else: each mistake once.
    assert_eq!(findings.len(), 14, "{findings:#?}");
}

#[test]
fn the_committees_details_for_its_letters_are_read_by_their_names() {
    let inputs = manifest_dir().join("../../tests/fixtures/thu/thong-tin-openpyxl");
    let (reference, findings) = tonghop_ingest::read_reference(&inputs).unwrap();
    let o = &reference.office;
    assert_eq!(o.superior, "Đảng bộ tỉnh Lào Cai");
    assert_eq!(o.committee, "Đảng ủy Khối các cơ quan tỉnh");
    assert_eq!(o.symbol, "ĐUK");
    assert_eq!(o.place, "Lào Cai");
    assert_eq!(o.date, tonghop_core::Date::new(2022, 11, 5));
    assert_eq!(o.resend_by, tonghop_core::Date::new(2022, 11, 20));
    // The period named by its name; the later row naming none leaves it.
    assert_eq!(o.period.as_deref(), Some("SK1"));
    assert_eq!(o.letters, tonghop_core::LetterChoice::Errors);
    assert!(!o.reminder);
    assert_eq!(o.signer, "Nguyễn Văn An");
    assert_eq!(o.copies, ["Thường trực Đảng ủy Khối", "Lưu Văn phòng"]);
    // Not given: the defaults.
    assert_eq!(o.on_behalf, "T/M BAN THƯỜNG VỤ");
    assert_eq!(o.resend_days, 7);
    // Each mistake a finding with its cell; nothing else on the sheet.
    let on_sheet: Vec<&Finding> = findings.iter().filter(|f| f.sheet == "Thông tin").collect();
    let rows: Vec<Option<u32>> = on_sheet.iter().map(|f| f.row).collect();
    assert_eq!(rows, [Some(12), Some(13), Some(14)], "{on_sheet:?}");
    assert!(
        on_sheet[0].message.contains("\"Số điện thoại\"") && on_sheet[0].message.contains("ô A12")
    );
    assert_eq!(on_sheet[0].severity, Severity::Info);
    for f in &on_sheet[1..] {
        assert_eq!(f.severity, Severity::Warning, "{}", f.message);
        assert!(f.message.contains("dùng mặc định"), "{}", f.message);
    }
    assert!(on_sheet[1].message.contains("\"mười\"") && on_sheet[1].message.contains("ô B13"));
    assert!(on_sheet[2].message.contains("\"Tổng kết\""));
}
