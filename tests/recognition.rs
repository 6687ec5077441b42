//! Recognition by evidence (issue 18): what is written the way an analyst
//! writes it, not the way the lists were, is still read. Each case on a copy
//! of the bundled sample or on committed fixtures from other writers.

mod harness;

use harness::*;

fn ok(o: &std::process::Output) {
    assert!(o.status.success(), "{}", stderr(o));
}

/// The targets' categories written the short way (`Y tế`, `Giáo dục - đào
/// tạo`, `Tổ chức cơ sở đảng`) and levels as words (`cấp Khối`): every target
/// is read and the same shortfalls are raised as with the codes.
#[test]
fn targets_written_with_short_category_names_are_checked() {
    let (dir, inputs) = sample_copy();
    let out_codes = dir.path().join("ma");
    ok(&run_env(&inputs, &out_codes, &[]));
    edit_workbook(&inputs.join("danh-muc.xlsx"), |sheet, rows| {
        if sheet == "Chỉ tiêu" {
            for r in rows.iter_mut().skip(1) {
                let short = match r[2].text().as_str() {
                    "to_chuc_dang" => "Tổ chức cơ sở đảng",
                    "san_xuat_kinh_doanh" => "Sản xuất - kinh doanh",
                    "giao_duc" => "Giáo dục - đào tạo",
                    "y_te" => "Y tế",
                    "co_quan_don_vi" => "Cơ quan, đơn vị",
                    _ => continue,
                };
                r[2] = Cell::Text(short.into());
                r[3] = Cell::Text("cấp Khối".into());
            }
        }
        true
    });
    let out = dir.path().join("ten");
    ok(&run_env(&inputs, &out, &[]));
    assert!(
        with_code(&out, "REFERENCE_INVALID").is_empty(),
        "{:?}",
        with_code(&out, "REFERENCE_INVALID")
    );
    let shortfalls = |out: &std::path::Path| {
        let mut f: Vec<(String, String)> = with_code(out, "TARGET_SHORTFALL")
            .into_iter()
            .map(|f| (f[2].clone(), f[7].clone()))
            .collect();
        f.sort();
        f
    };
    let expected = shortfalls(&out_codes);
    assert!(
        expected
            .iter()
            .any(|(_, m)| m.contains("sản xuất - kinh doanh")),
        "{expected:?}"
    );
    assert_eq!(shortfalls(&out), expected);
    let targets = |out: &std::path::Path| json(&out.join("summary.json"))["targets"].clone();
    assert_eq!(targets(&out), targets(&out_codes));
}

/// A cell stating both subjects' totals (`Tổng số: 02 mô hình, 03 điển
/// hình`) raises no `TOTAL_MISMATCH` when both lists hold that many; one
/// wrong figure of the two raises exactly one.
#[test]
fn one_cell_with_two_subjects_totals_is_checked_per_subject() {
    let fixture = root().join("tests/fixtures/nhan-dang/tong-so-hai-doi-tuong-mot-o.xlsx");
    let dir = tempdir();
    let inputs = dir.path().join("inputs");
    std::fs::create_dir_all(inputs.join("2023-03")).unwrap();
    std::fs::copy(&fixture, inputs.join("2023-03/BC.xlsx")).unwrap();
    let out = dir.path().join("out");
    ok(&run_env(&inputs, &out, &[]));
    assert!(
        with_code(&out, "TOTAL_MISMATCH").is_empty(),
        "{:?}",
        with_code(&out, "TOTAL_MISMATCH")
    );
    // The same file with the exemplars' figure wrong.
    edit_workbook(&inputs.join("2023-03/BC.xlsx"), |_, rows| {
        for r in rows.iter_mut() {
            for c in r.iter_mut() {
                if c.text().starts_with("Tổng số:") {
                    *c = Cell::Text("Tổng số: 02 mô hình, 04 điển hình".into());
                }
            }
        }
        true
    });
    ok(&run_env(&inputs, &out, &[]));
    let f = with_code(&out, "TOTAL_MISMATCH");
    assert_eq!(f.len(), 1, "{f:?}");
    assert!(
        f[0][7].contains("4") && f[0][7].contains("điển hình"),
        "{}",
        f[0][7]
    );
}
