//! Recognition by evidence (issue 18): what is written the way an analyst
//! writes it, not the way the lists were, is still read. Each case on a copy
//! of the bundled sample or on committed fixtures from other writers.

use crate::harness::*;

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

/// A campaign's own words, in the `Từ điển` sheet of `danh-muc.xlsx`, are
/// read without a rebuild: a column header, a level value, a category
/// keyword. Without the sheet the same return loses all three.
#[test]
fn the_campaigns_dictionary_extends_the_vocabulary() {
    let write = |dir: &std::path::Path, with_words: bool| {
        let inputs = dir.join(if with_words { "co" } else { "khong" });
        std::fs::create_dir_all(inputs.join("2023-03")).unwrap();
        let mut wb = rust_xlsxwriter::Workbook::new();
        let rows: &[(&str, &[&[&str]])] = &[
            (
                "Đơn vị",
                &[&["Mã đơn vị", "Tên đơn vị"], &["DV01", "Chi bộ Sở Tư pháp"]],
            ),
            (
                "Kỳ báo cáo",
                &[
                    &["Mã kỳ", "Tên kỳ", "Hạn nộp"],
                    &["2023-03", "Sơ kết", "20/03/2023"],
                ],
            ),
            (
                "Từ điển",
                &[
                    &["Nhóm", "Mã", "Từ", "Loại"],
                    &["cot", "don_vi", "Bộ phận phụ trách", ""],
                    &["cap", "khoi", "Ban Thường vụ công nhận", "trọn"],
                    &["loai_mo_hinh", "cai_cach_hanh_chinh", "số hóa hồ sơ", ""],
                ],
            ),
        ];
        for (name, cells) in rows {
            if *name == "Từ điển" && !with_words {
                continue;
            }
            let ws = wb.add_worksheet();
            ws.set_name(*name).unwrap();
            for (i, r) in cells.iter().enumerate() {
                for (j, c) in r.iter().enumerate() {
                    ws.write_string(u32::try_from(i).unwrap(), u16::try_from(j).unwrap(), *c)
                        .unwrap();
                }
            }
        }
        wb.save(inputs.join("danh-muc.xlsx")).unwrap();
        let mut wb = rust_xlsxwriter::Workbook::new();
        let ws = wb.add_worksheet();
        ws.write_string(0, 0, "CHI BỘ SỞ TƯ PHÁP").unwrap();
        ws.write_string(0, 3, "Yên Bái, ngày 10 tháng 3 năm 2023")
            .unwrap();
        for (j, h) in [
            "STT",
            "Tên mô hình",
            "Bộ phận phụ trách",
            "Cấp công nhận",
            "Lĩnh vực",
        ]
        .iter()
        .enumerate()
        {
            ws.write_string(2, u16::try_from(j).unwrap(), *h).unwrap();
        }
        ws.write_number(3, 0, 1.0).unwrap();
        ws.write_string(3, 1, "Kho hồ sơ điện tử").unwrap();
        ws.write_string(3, 2, "Văn phòng Sở").unwrap();
        ws.write_string(3, 3, "Ban Thường vụ công nhận").unwrap();
        ws.write_string(3, 4, "Số hóa hồ sơ lưu trữ").unwrap();
        wb.save(inputs.join("2023-03/BC.xlsx")).unwrap();
        inputs
    };
    let dir = tempdir();
    let read = |inputs: &std::path::Path| {
        let out = inputs.with_extension("out");
        ok(&run_env(inputs, &out, &[]));
        let m = parquet(&out.join("data/models.parquet"));
        let get = |c: &str| {
            m.column(c)
                .unwrap()
                .str()
                .unwrap()
                .get(0)
                .unwrap_or("")
                .to_owned()
        };
        (get("owner"), get("level"), get("category"))
    };
    let without = read(&write(dir.path(), false));
    assert_eq!(
        without,
        (String::new(), "khong_ro".into(), "khong_ro".into())
    );
    let with = read(&write(dir.path(), true));
    assert_eq!(
        with,
        (
            "Văn phòng Sở".into(),
            "khoi".into(),
            "cai_cach_hanh_chinh".into()
        )
    );
}

/// A blank category is read from the model's name when the name points to
/// one category, and an info finding says so; when it points to none, a
/// warning asks for it.
#[test]
fn a_blank_category_inferred_from_the_name_is_said() {
    let dir = tempdir();
    let inputs = dir.path().join("inputs");
    copy_dir(&root().join("tests/fixtures/nhan-dang/don-vi"), &inputs);
    let out = dir.path().join("out");
    ok(&run_env(&inputs, &out, &[]));
    let inferred = with_code(&out, "CATEGORY_INFERRED");
    assert!(
        inferred
            .iter()
            .any(|f| f[7].contains("\"Bệnh viện xanh - sạch - đẹp\"")
                && f[7].contains("y tế")
                && f[1] == "info"),
        "{inferred:?}"
    );
    let unknown = with_code(&out, "CATEGORY_UNKNOWN");
    assert!(
        unknown.iter().any(|f| f[7].contains("Tủ sách pháp luật")),
        "{unknown:?}"
    );
    let models = parquet(&out.join("data/models.parquet"));
    let from = models.column("category_from").unwrap().str().unwrap();
    assert!(from.iter().all(|f| f == Some("tên mô hình")));
}

/// A header that names one role over a column that holds another (`Kết
/// quả công nhận`, a status by its words, over a column of levels): read by
/// the content, and a warning names the column.
#[test]
fn a_header_and_its_content_disagreeing_is_read_by_the_content_and_said() {
    let dir = tempdir();
    let inputs = dir.path().join("inputs");
    std::fs::create_dir_all(inputs.join("2023-03")).unwrap();
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "CHI BỘ SỞ TƯ PHÁP").unwrap();
    ws.write_string(1, 0, "Yên Bái, ngày 10 tháng 3 năm 2023")
        .unwrap();
    for (j, h) in [
        "STT",
        "Tên mô hình",
        "Đơn vị thực hiện",
        "Kết quả công nhận",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string(3, u16::try_from(j).unwrap(), *h).unwrap();
    }
    for (i, (name, level)) in [
        ("Tủ sách pháp luật", "Cấp tỉnh"),
        ("Ngày pháp luật", "Cơ sở"),
        ("Pháp luật học đường", "Khối"),
    ]
    .iter()
    .enumerate()
    {
        let r = u32::try_from(i).unwrap() + 4;
        ws.write_number(r, 0, f64::from(r - 3)).unwrap();
        ws.write_string(r, 1, *name).unwrap();
        ws.write_string(r, 2, "Phòng Phổ biến pháp luật").unwrap();
        ws.write_string(r, 3, *level).unwrap();
    }
    wb.save(inputs.join("2023-03/BC.xlsx")).unwrap();
    let out = dir.path().join("out");
    ok(&run_env(&inputs, &out, &[]));
    let m = parquet(&out.join("data/models.parquet"));
    let levels = texts(&m, "level");
    let mut sorted = levels.clone();
    sorted.sort();
    assert_eq!(sorted, ["co_so", "khoi", "tinh"], "{levels:?}");
    let conflict = with_code(&out, "COLUMN_ROLE_CONFLICT");
    assert_eq!(conflict.len(), 1, "{conflict:?}");
    assert!(
        conflict[0][7].contains("Cột D")
            && conflict[0][7].contains("Kết quả công nhận")
            && conflict[0][7].contains("3/3 ô ghi một cấp"),
        "{conflict:?}"
    );
}

/// Without `danh-muc.xlsx`, one unit's returns of two periods, its name
/// written two ways (`CHI BỘ SỞ TƯ PHÁP`, `CB Sở Tư pháp`), are one unit: one
/// name in the lineage, and its model followed from one period to the next.
#[test]
fn without_a_roster_one_units_returns_are_grouped_by_name() {
    let dir = tempdir();
    let inputs = dir.path().join("inputs");
    for (period, unit, date) in [
        (
            "2022-10",
            "CHI BỘ SỞ TƯ PHÁP",
            "Yên Bái, ngày 10 tháng 10 năm 2022",
        ),
        (
            "2023-03",
            "CB Sở Tư pháp",
            "Yên Bái, ngày 10 tháng 3 năm 2023",
        ),
    ] {
        std::fs::create_dir_all(inputs.join(period)).unwrap();
        let mut wb = rust_xlsxwriter::Workbook::new();
        let ws = wb.add_worksheet();
        ws.write_string(0, 0, unit).unwrap();
        ws.write_string(1, 0, date).unwrap();
        for (j, h) in ["STT", "Tên mô hình", "Đơn vị thực hiện", "Cấp"]
            .iter()
            .enumerate()
        {
            ws.write_string(3, u16::try_from(j).unwrap(), *h).unwrap();
        }
        ws.write_number(4, 0, 1.0).unwrap();
        ws.write_string(4, 1, "Tủ sách pháp luật").unwrap();
        ws.write_string(4, 2, "Phòng Phổ biến pháp luật").unwrap();
        ws.write_string(4, 3, "Cơ sở").unwrap();
        wb.save(inputs.join(period).join("bao-cao.xlsx")).unwrap();
    }
    let out = dir.path().join("out");
    ok(&run_env(&inputs, &out, &[]));
    let rows = parquet(&out.join("data/rows.parquet"));
    let units: std::collections::BTreeSet<String> = texts(&rows, "unit").into_iter().collect();
    assert_eq!(units.len(), 1, "{units:?}");
    let models = parquet(&out.join("data/models.parquet"));
    let ids: std::collections::BTreeSet<String> = texts(&models, "model_id").into_iter().collect();
    assert_eq!(models.height(), 2);
    assert_eq!(ids.len(), 1, "the same model in both periods: {ids:?}");
}

/// The campaign's `Quy tắc` sheet changes the severity and the message of
/// any code, not only of the built-in checks' (`LEGACY_ENCODING` here).
#[test]
fn the_rules_sheet_changes_any_codes_severity_and_message() {
    let (dir, inputs) = sample_copy();
    edit_workbook(&inputs.join("danh-muc.xlsx"), |sheet, rows| {
        if sheet != "Quy tắc" {
            return true;
        }
        let width = rows.first().map_or(9, Vec::len).max(9);
        if let Some(head) = rows.first_mut() {
            head.resize(width, Cell::Empty);
            head[8] = Cell::Text("Thông báo".into());
        }
        let mut row = vec![Cell::Text(String::new()); width];
        row[0] = Cell::Text("LEGACY_ENCODING".into());
        row[6] = Cell::Text("Cảnh báo".into());
        row[8] = Cell::Text("Phông chữ cũ ở {tep}: {thong_bao}".into());
        rows.push(row);
        true
    });
    let out = dir.path().join("out");
    ok(&run_env(&inputs, &out, &[]));
    let legacy = with_code(&out, "LEGACY_ENCODING");
    assert!(!legacy.is_empty());
    for f in &legacy {
        assert_eq!(f[1], "warning", "{f:?}");
        assert!(
            f[7].starts_with(&format!("Phông chữ cũ ở {}: Sheet", f[4])),
            "{f:?}"
        );
    }
    let invalid = with_code(&out, "REFERENCE_INVALID");
    assert!(invalid.is_empty(), "{invalid:?}");
}

/// A statement for the whole document on the first sheet (`Tổng số: 01 mô
/// hình, 02 điển hình`) with the exemplars listed on the second: counted over
/// both sheets — no false `TOTAL_MISMATCH`; a wrong figure still raises one.
#[test]
fn a_documents_totals_on_its_first_sheet_count_every_sheet() {
    let write = |inputs: &std::path::Path, exemplars_stated: u32| {
        std::fs::create_dir_all(inputs.join("2023-03")).unwrap();
        let mut wb = rust_xlsxwriter::Workbook::new();
        let header = |ws: &mut rust_xlsxwriter::Worksheet, heads: &[&str]| {
            for (j, h) in heads.iter().enumerate() {
                ws.write_string(3, u16::try_from(j).unwrap(), *h).unwrap();
            }
        };
        let ws = wb.add_worksheet().set_name("Mô hình").unwrap();
        ws.write_string(0, 0, "CHI BỘ SỞ TƯ PHÁP").unwrap();
        ws.write_string(
            1,
            0,
            format!("Tổng số: 01 mô hình, {exemplars_stated:02} điển hình"),
        )
        .unwrap();
        header(ws, &["STT", "Tên mô hình", "Đơn vị thực hiện", "Cấp"]);
        for (j, v) in [
            "1",
            "Tủ sách pháp luật",
            "Phòng Phổ biến pháp luật",
            "Cơ sở",
        ]
        .iter()
        .enumerate()
        {
            ws.write_string(4, u16::try_from(j).unwrap(), *v).unwrap();
        }
        let ws = wb.add_worksheet().set_name("Điển hình").unwrap();
        header(
            ws,
            &["STT", "Họ và tên", "Chức vụ", "Đơn vị công tác", "Cấp"],
        );
        for (i, name) in ["Trần Thị Hoa", "Lê Văn Tám"].iter().enumerate() {
            let r = 4 + u32::try_from(i).unwrap();
            for (j, v) in [
                &(i + 1).to_string(),
                *name,
                "Chuyên viên",
                "Văn phòng Sở",
                "Khối",
            ]
            .iter()
            .enumerate()
            {
                ws.write_string(r, u16::try_from(j).unwrap(), *v).unwrap();
            }
        }
        wb.save(inputs.join("2023-03/BC.xlsx")).unwrap();
    };
    let dir = tempdir();
    for (stated, mismatches) in [(2, 0), (3, 1)] {
        let inputs = dir.path().join(format!("inputs-{stated}"));
        write(&inputs, stated);
        let out = dir.path().join(format!("out-{stated}"));
        ok(&run_env(&inputs, &out, &[]));
        let found = with_code(&out, "TOTAL_MISMATCH");
        assert_eq!(found.len(), mismatches, "{found:?}");
    }
}
