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
    assert!(with_code(&out, "REFERENCE_INVALID").is_empty(), "{:?}", with_code(&out, "REFERENCE_INVALID"));
    let shortfalls = |out: &std::path::Path| {
        let mut f: Vec<(String, String)> = with_code(out, "TARGET_SHORTFALL")
            .into_iter()
            .map(|f| (f[2].clone(), f[7].clone()))
            .collect();
        f.sort();
        f
    };
    let expected = shortfalls(&out_codes);
    assert!(expected.iter().any(|(_, m)| m.contains("sản xuất - kinh doanh")), "{expected:?}");
    assert_eq!(shortfalls(&out), expected);
    let targets = |out: &std::path::Path| json(&out.join("summary.json"))["targets"].clone();
    assert_eq!(targets(&out), targets(&out_codes));
}
