//! The campaign's rules read from a real `danh-muc.xlsx` (sheet `Quy tắc`,
//! written by openpyxl: `tests/fixtures/hop-nhat`) and checked end to end.

use crate::harness::*;

#[test]
fn rules_from_the_roster_workbook_are_checked_and_reported() {
    let dir = tempdir();
    let out = dir.path().join("out");
    let o = run(&[
        "run",
        root()
            .join("tests/fixtures/hop-nhat")
            .to_str()
            .expect("utf-8"),
        "--out",
        out.to_str().expect("utf-8"),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let summary = json(&out.join("summary.json"));
    let result = |code: &str, period: &str| {
        summary["rules"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["code"] == code && r["period"] == period)
            .unwrap_or_else(|| panic!("{code} {period}"))
            .clone()
    };
    let n = |v: &serde_json::Value, k: &str| v[k].as_u64().unwrap();
    // Holds over the committee in both periods (written `mô_hình.tỉnh ≤ mo_hinh`).
    for p in ["2022-10", "2023-03"] {
        let r = result("QT01", p);
        assert_eq!((n(&r, "checked"), n(&r, "failed")), (1, 0), "{r}");
    }
    // Per unit: two of three units short in 2022; in 2023 the unit that sent
    // nothing is skipped, not failed.
    let r = result("QT02", "2022-10");
    assert_eq!(
        (n(&r, "checked"), n(&r, "failed"), n(&r, "skipped")),
        (3, 2, 0)
    );
    let r = result("QT02", "2023-03");
    assert_eq!(
        (n(&r, "checked"), n(&r, "failed"), n(&r, "skipped")),
        (2, 2, 1)
    );
    assert!(summary["rules"]
        .as_array()
        .unwrap()
        .iter()
        .all(|r| r["code"] != "QT03"));

    let csv = std::fs::read_to_string(out.join("findings.csv")).unwrap();
    let lines = |code: &str| -> Vec<&str> {
        csv.lines()
            .filter(|l| l.starts_with(&format!("{code},")))
            .collect()
    };
    let failed = lines("RULE_FAILED");
    assert_eq!(failed.len(), 4, "{failed:?}");
    // The campaign's own message, filled in, cited at the unit's return.
    assert!(failed.iter().any(|l| l.contains(
        "2022-10,DV02,2022-10/DV02-trung-ten-khac-noi-cong-tac.ods,,,Chi bộ Trường THCS Chu Văn An mới có 1 mô hình trong kỳ Sơ kết 01 năm"
    )), "{failed:?}");
    let invalid = lines("REFERENCE_INVALID");
    assert_eq!(invalid.len(), 1, "{invalid:?}");
    assert!(invalid[0].contains("danh-muc.xlsx,Quy tắc,4,") && invalid[0].contains("cap_huyen"));
    // The built-in check the campaign made an error.
    let missing = lines("RETURN_MISSING");
    assert_eq!(missing.len(), 1);
    assert!(
        missing[0].starts_with("RETURN_MISSING,error,2023-03,DV03"),
        "{missing:?}"
    );

    // The workbook lists every rule with its results.
    let rows = sheet(&out.join("tong-hop.xlsx"), "Quy tắc");
    assert!(rows
        .iter()
        .any(|r| r[0] == "QT02" && r.contains(&"mo_hinh ≥ 2".to_owned())));
    assert!(rows
        .iter()
        .any(|r| r[0] == "RETURN_MISSING" && r[3] == "Lỗi"));
}
