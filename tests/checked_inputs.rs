//! What is read is checked before it is counted: the reference workbook
//! cell by cell, each return against the roster and the calendar, the folder
//! walked safely. Each case on a copy of the bundled sample, the failing
//! input first, then what the figures become.

use crate::harness::*;
use std::path::Path;

const SEED_2023: (u64, u64) = (309, 568);

/// A small return written by rust_xlsxwriter: the unit's title line, a date
/// line, two models.
fn write_return(path: &Path, unit: &str, date_line: &str) {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, unit).unwrap();
    ws.write_string(0, 3, date_line).unwrap();
    ws.write_string(2, 0, "DANH SÁCH MÔ HÌNH ĐĂNG KÝ").unwrap();
    for (j, h) in ["STT", "Tên mô hình", "Đơn vị thực hiện", "Cấp"]
        .iter()
        .enumerate()
    {
        ws.write_string(4, u16::try_from(j).unwrap(), *h).unwrap();
    }
    for (i, (name, owner)) in [
        ("Mô hình kiểm thử một", "Phòng A"),
        ("Mô hình kiểm thử hai", "Phòng B"),
    ]
    .iter()
    .enumerate()
    {
        let r = 5 + u32::try_from(i).unwrap();
        ws.write_number(r, 0, f64::from(r - 4)).unwrap();
        ws.write_string(r, 1, *name).unwrap();
        ws.write_string(r, 2, *owner).unwrap();
        ws.write_string(r, 3, "Cơ sở").unwrap();
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    wb.save(path).unwrap();
}

/// The 2023-03 totals when a unit's return there is simply not sent: what a
/// return that is not counted must give.
fn totals_without(file: &str) -> (u64, u64) {
    let (dir, inputs) = sample_copy();
    std::fs::remove_file(inputs.join(file)).unwrap();
    let out = dir.path().join("out");
    ok(&run_env(&inputs, &out, &[]));
    totals(&out, "2023-03")
}

const SO_Y_TE_2023: &str = "2023-03/Dang bo co so/BC mo hinh - DB So Y te.xlsx";

fn sheet_rows<'a>(
    rows: &'a mut [Vec<Cell>],
    col0: &str,
) -> impl Iterator<Item = &'a mut Vec<Cell>> {
    let col0 = col0.to_owned();
    rows.iter_mut()
        .filter(move |r| r.first().is_some_and(|c| c.text() == col0))
}

/// Runs on the sample with its reference workbook edited.
fn with_reference(
    edit: impl FnMut(&str, &mut Vec<Vec<Cell>>) -> bool,
) -> (TempDir, std::path::PathBuf, std::process::Output) {
    let (dir, inputs) = sample_copy();
    edit_workbook(&inputs.join("danh-muc.xlsx"), edit);
    let out = dir.path().join("out");
    let o = run_env(&inputs, &out, &[]);
    (dir, out, o)
}

fn reference_findings(out: &Path) -> Vec<[String; 8]> {
    with_code(out, "REFERENCE_INVALID")
}

#[test]
fn the_reference_rewritten_unchanged_gives_the_same_figures() {
    let (_dir, out, o) = with_reference(|_, _| true);
    ok(&o);
    assert_eq!(totals(&out, "2023-03"), SEED_2023);
    assert!(
        reference_findings(&out).is_empty(),
        "{:?}",
        reference_findings(&out)
    );
}

#[test]
fn an_impossible_deadline_is_a_finding_and_no_lateness() {
    let (_dir, out, o) = with_reference(|sheet, rows| {
        if sheet == "Kỳ báo cáo" {
            for r in sheet_rows(rows, "2022-10") {
                r[3] = Cell::Text("31/02/2022".into());
            }
        }
        true
    });
    ok(&o);
    let f = reference_findings(&out);
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(
        (f[0][1].as_str(), f[0][5].as_str(), f[0][6].as_str()),
        ("warning", "Kỳ báo cáo", "3")
    );
    assert!(
        f[0][7].contains("\"31/02/2022\"") && f[0][7].contains("ô D3"),
        "{}",
        f[0][7]
    );
    assert!(f[0][7].contains("không tính nộp muộn"), "{}", f[0][7]);
    // Before: DV002 was 5 days late in 2022-10; without a deadline, nobody is.
    assert!(with_code(&out, "RETURN_LATE")
        .iter()
        .all(|f| f[2] != "2022-10"));
    let s = json(&out.join("summary.json"));
    assert!(s["periods"][1]["deadline"].is_null());
}

#[test]
fn two_units_with_one_code_is_an_error_shown_first() {
    let (_dir, out, o) = with_reference(|sheet, rows| {
        if sheet == "Đơn vị" {
            for r in sheet_rows(rows, "DV002") {
                r[0] = Cell::Text("DV001".into());
            }
        }
        true
    });
    ok(&o);
    let f = reference_findings(&out);
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0][1], "error");
    assert!(
        f[0][7].contains("\"DV001\" trùng với dòng 2"),
        "{}",
        f[0][7]
    );
    // First everywhere the user looks.
    assert_eq!(findings(&out)[0], f[0]);
    let e = stderr(&o);
    assert!(e.contains("LỖI TRONG DANH MỤC"), "{e}");
    let md = std::fs::read_to_string(out.join("so-lieu.md")).unwrap();
    let warning = md.find("trùng với dòng 2").expect("in so-lieu.md");
    assert!(warning < md.find("## ").unwrap(), "before the first period");
    let alerts = sheet(&out.join("tong-hop.xlsx"), "Cảnh báo");
    let first = alerts
        .iter()
        .position(|r| r.iter().any(|c| c == "REFERENCE_INVALID"))
        .unwrap();
    let any_other = alerts
        .iter()
        .position(|r| {
            r.iter()
                .any(|c| c == "FILE_UNREADABLE" || c == "TOTAL_MISMATCH")
        })
        .unwrap();
    assert!(first < any_other);
}

#[test]
fn a_period_twice_or_with_no_folder_is_an_error() {
    let (_dir, out, o) = with_reference(|sheet, rows| {
        if sheet == "Kỳ báo cáo" {
            let copy = rows[3].clone();
            rows.push(copy);
        }
        true
    });
    ok(&o);
    let f = reference_findings(&out);
    assert!(
        f.iter()
            .any(|f| f[1] == "error" && f[7].contains("mã kỳ \"2023-03\" trùng")),
        "{f:?}"
    );
    assert_eq!(
        json(&out.join("summary.json"))["periods"]
            .as_array()
            .unwrap()
            .len(),
        3
    );
    assert_eq!(totals(&out, "2023-03"), SEED_2023, "counted once");

    let (_dir, out, o) = with_reference(|sheet, rows| {
        if sheet == "Kỳ báo cáo" {
            for r in sheet_rows(rows, "2023-03") {
                r[2] = Cell::Text("2023-3".into());
            }
        }
        true
    });
    ok(&o);
    let f = reference_findings(&out);
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0][1], "error");
    assert!(
        f[0][7].contains("không thấy thư mục \"2023-3\""),
        "{}",
        f[0][7]
    );
    assert!(
        f[0][7].contains("\"2023-03\""),
        "the folder it may mean: {}",
        f[0][7]
    );
    let outside = with_code(&out, "FILE_OUTSIDE_PERIOD");
    assert_eq!(outside.len(), 1, "{outside:?}");
    assert!(outside[0][7].contains("49 file"), "{}", outside[0][7]);
}

#[test]
fn targets_that_are_no_numbers_and_missing_sheets_and_columns() {
    let (_dir, out, o) = with_reference(|sheet, rows| {
        if sheet == "Chỉ tiêu" {
            rows[1][5] = Cell::Text("ba".into());
            rows[2][5] = Cell::Number(-5.0);
        }
        true
    });
    ok(&o);
    let f = reference_findings(&out);
    assert_eq!(f.len(), 2, "{f:?}");
    assert!(
        f[0][7].contains("\"ba\" không phải số") && f[0][7].contains("ô F2"),
        "{}",
        f[0][7]
    );
    assert!(
        f[1][7].contains("-5 là số âm") && f[1][6] == "3",
        "{}",
        f[1][7]
    );
    assert!(f.iter().all(|f| f[7].contains("không được kiểm tra")));

    let (_dir, out, o) = with_reference(|sheet, rows| {
        if sheet == "Đơn vị" {
            for r in rows.iter_mut() {
                r.remove(1);
            }
        }
        sheet != "Kỳ báo cáo"
    });
    ok(&o);
    let f = reference_findings(&out);
    assert!(
        f.iter()
            .any(|f| f[7].contains("không có cột \"Tên đơn vị\"")),
        "{f:?}"
    );
    assert!(
        f.iter()
            .any(|f| f[7].contains("không có sheet \"Kỳ báo cáo\"")),
        "{f:?}"
    );
}

#[test]
fn dates_of_the_roster_that_cannot_be_used() {
    let (_dir, out, o) = with_reference(|sheet, rows| {
        if sheet == "Đơn vị" {
            for r in sheet_rows(rows, "DV003") {
                r[5] = Cell::Text("01/06/2023".into());
                r[6] = Cell::Text("01/01/2023".into());
            }
            for r in sheet_rows(rows, "DV004") {
                r[6] = Cell::Text("30/02/2023".into());
            }
        }
        true
    });
    ok(&o);
    let f = reference_findings(&out);
    assert_eq!(f.len(), 2, "{f:?}");
    assert!(
        f.iter()
            .any(|f| f[7].contains("Từ ngày 01/06/2023 sau Đến ngày 01/01/2023")),
        "{f:?}"
    );
    assert!(
        f.iter().any(
            |f| f[7].contains("\"30/02/2023\" không phải ngày hợp lệ") && f[7].contains("ô G5")
        ),
        "{f:?}"
    );
}

#[test]
fn a_return_from_a_unit_that_had_left_is_not_counted() {
    // A banking unit left on 31/12/2022; its return turns up in 2023-03.
    let (dir, inputs) = sample_copy();
    std::fs::copy(
        inputs.join("2022-10/Chi bo co so/BC mo hinh - CB BIDV.ods"),
        inputs.join("2023-03/Chi bo co so/BC mo hinh - CB BIDV.ods"),
    )
    .unwrap();
    let out = dir.path().join("out");
    ok(&run_env(&inputs, &out, &[]));
    assert_eq!(totals(&out, "2023-03"), SEED_2023);
    let f = with_code(&out, "RETURN_UNIT_INACTIVE");
    assert_eq!(f.len(), 1, "{f:?}");
    assert!(
        f[0][7].contains("đã rời danh sách đơn vị từ ngày 31/12/2022"),
        "{}",
        f[0][7]
    );
    let rows = parquet(&out.join("data/rows.parquet"));
    let fate = rows.column("fate").unwrap().str().unwrap();
    assert!(fate.iter().any(|f| f == Some("excluded")));

    // The roster says a unit left before the deadline: its return goes, and
    // the bridge says where its entities went.
    let (_dir, out, o) = with_reference(|sheet, rows| {
        if sheet == "Đơn vị" {
            for r in sheet_rows(rows, "DV001") {
                r[6] = Cell::Text("01/01/2023".into());
            }
        }
        true
    });
    ok(&o);
    let without = totals_without(SO_Y_TE_2023);
    assert!(without.0 < SEED_2023.0 && without.1 < SEED_2023.1);
    assert_eq!(totals(&out, "2023-03"), without);
    assert_eq!(with_code(&out, "RETURN_UNIT_INACTIVE").len(), 1);
    let s = json(&out.join("summary.json"));
    let p = &s["periods"][2]["returns"];
    assert!(!p["expected"]
        .as_array()
        .unwrap()
        .iter()
        .any(|u| u == "DV001"));
    assert!(!p["missing"]
        .as_array()
        .unwrap()
        .iter()
        .any(|u| u == "DV001"));
}

#[test]
fn a_return_of_another_period_is_not_counted() {
    let without = totals_without(SO_Y_TE_2023);
    // The unit sends last period's file again, byte for byte.
    let (dir, inputs) = sample_copy();
    let this = inputs.join("2023-03/Dang bo co so/BC mo hinh - DB So Y te.xlsx");
    std::fs::remove_file(&this).unwrap();
    std::fs::copy(
        inputs.join("2022-10/Dang bo co so/BC mo hinh - DB So Y te.xlsx"),
        &this,
    )
    .unwrap();
    let out = dir.path().join("out");
    ok(&run_env(&inputs, &out, &[]));
    assert_eq!(totals(&out, "2023-03"), without);
    let f = with_code(&out, "RETURN_OTHER_PERIOD");
    assert_eq!(f.len(), 1, "{f:?}");
    assert!(
        f[0][7].contains("giống hệt") && f[0][7].contains("Sơ kết 01 năm"),
        "{}",
        f[0][7]
    );
    assert!(with_code(&out, "RETURN_MISSING")
        .iter()
        .any(|f| f[2] == "2023-03" && f[3] == "DV001"));

    // A return written anew but signed in the last period's window.
    let (dir, inputs) = sample_copy();
    let this = inputs.join("2023-03/Dang bo co so/BC mo hinh - DB So Y te.xlsx");
    std::fs::remove_file(&this).unwrap();
    write_return(
        &this,
        "ĐẢNG BỘ SỞ Y TẾ",
        "Yên Bái, ngày 15 tháng 10 năm 2022",
    );
    let out = dir.path().join("out");
    ok(&run_env(&inputs, &out, &[]));
    assert_eq!(totals(&out, "2023-03"), without);
    let f = with_code(&out, "RETURN_OTHER_PERIOD");
    assert_eq!(f.len(), 1, "{f:?}");
    assert!(
        f[0][7].contains("ký ngày 15/10/2022") && f[0][7].contains("trước khi kỳ"),
        "{}",
        f[0][7]
    );

    // Two identical files in one period are one return, told as a copy.
    let (dir, inputs) = sample_copy();
    std::fs::copy(
        inputs.join("2023-03/Dang bo co so/BC mo hinh - DB So Y te.xlsx"),
        inputs.join("2023-03/Dang bo co so/BC mo hinh - DB So Y te (1).xlsx"),
    )
    .unwrap();
    let out = dir.path().join("out");
    ok(&run_env(&inputs, &out, &[]));
    assert_eq!(totals(&out, "2023-03"), SEED_2023);
    assert_eq!(with_code(&out, "RETURN_COPY").len(), 1);
    assert!(with_code(&out, "RETURN_SUPERSEDED")
        .iter()
        .all(|f| !f[4].contains("So Y te")));
}

#[test]
fn files_outside_the_period_folders_are_reported_not_counted() {
    let (dir, inputs) = sample_copy();
    let a_return = inputs.join("2023-03/Doan the/BC mo hinh - Hoi CCB Khoi.xlsx");
    std::fs::copy(&a_return, inputs.join("BC mo hinh - Hoi CCB Khoi.xlsx")).unwrap();
    std::fs::create_dir_all(inputs.join("cu")).unwrap();
    std::fs::copy(&a_return, inputs.join("cu/BC.xlsx")).unwrap();
    let out = dir.path().join("out");
    ok(&run_env(&inputs, &out, &[]));
    assert_eq!(totals(&out, "2023-03"), SEED_2023);
    let f = with_code(&out, "FILE_OUTSIDE_PERIOD");
    assert_eq!(f.len(), 2, "{f:?}");
    assert!(
        f.iter()
            .any(|f| f[4] == "BC mo hinh - Hoi CCB Khoi.xlsx"
                && f[7].contains("ngoài các thư mục kỳ"))
    );
    assert!(f.iter().any(|f| f[4] == "cu/" && f[7].contains("1 file")));
}

#[test]
fn owner_lock_and_system_files_are_skipped_not_errors() {
    let (dir, inputs) = sample_copy();
    let folder = inputs.join("2023-03/Dang bo co so");
    // What Excel leaves while a return is open: 165 bytes, the user's name.
    std::fs::write(folder.join("~$BC mo hinh - DB So Y te.xlsx"), [0x0Au8; 165]).unwrap();
    std::fs::write(
        folder.join(".~lock.BC mo hinh - DB So Y te.xlsx#"),
        "x,may,01.12.2026;",
    )
    .unwrap();
    std::fs::write(folder.join("Thumbs.db"), [0u8; 64]).unwrap();
    std::fs::write(folder.join("desktop.ini"), "[.ShellClassInfo]").unwrap();
    std::fs::write(folder.join(".DS_Store"), [0u8; 64]).unwrap();
    let out = dir.path().join("out");
    ok(&run_env(&inputs, &out, &[]));
    assert_eq!(totals(&out, "2023-03"), SEED_2023);
    let skipped = with_code(&out, "FILE_SKIPPED");
    assert_eq!(skipped.len(), 5, "{skipped:?}");
    assert!(skipped.iter().all(|f| f[1] == "info"));
    let about = |name: &str| {
        findings(&out)
            .into_iter()
            .filter(|f| f[4].contains(name))
            .map(|f| f[0].clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(about("~$BC"), vec!["FILE_SKIPPED"]);
    assert_eq!(about("Thumbs.db"), vec!["FILE_SKIPPED"]);
    assert_eq!(
        with_code(&out, "FILE_UNREADABLE").len(),
        1,
        "only the sample's own broken file"
    );
}

#[cfg(unix)]
#[test]
fn folder_links_cannot_loop_or_pull_other_periods_in() {
    use std::os::unix::fs::symlink;
    let (dir, inputs) = sample_copy();
    let period = inputs.join("2023-03");
    // Back to INPUTS (the other periods), back to the period itself, and
    // two folders linking to each other.
    symlink(&inputs, period.join("ve-goc")).unwrap();
    symlink(&period, period.join("Doan the/ve-ky")).unwrap();
    std::fs::create_dir_all(period.join("a")).unwrap();
    std::fs::create_dir_all(period.join("b")).unwrap();
    symlink(period.join("b"), period.join("a/sang-b")).unwrap();
    symlink(period.join("a"), period.join("b/sang-a")).unwrap();
    let out = dir.path().join("out");
    let mut child = tonghop()
        .args([
            "run",
            "-v",
            inputs.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ])
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let started = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > std::time::Duration::from_secs(60) {
            let _ = child.kill();
            panic!("the walk did not end within a minute");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let o = child.wait_with_output().unwrap();
    ok(&o);
    assert_eq!(totals(&out, "2023-03"), SEED_2023);
    assert_eq!(totals(&out, "2022-10"), (324, 597));
    let skipped = with_code(&out, "FILE_SKIPPED");
    assert!(
        skipped
            .iter()
            .any(|f| f[7].contains("trỏ ra ngoài thư mục kỳ")),
        "{skipped:?}"
    );
    assert!(
        skipped
            .iter()
            .any(|f| f[7].contains("đã đọc qua một đường dẫn khác")),
        "{skipped:?}"
    );
    // Peak memory, from `-v`: the walk holds nothing per loop.
    let e = stderr(&o);
    let peak: u64 = e
        .lines()
        .find(|l| l.starts_with("Bộ nhớ"))
        .and_then(|l| l.rsplit('/').next())
        .and_then(|x| x.trim().trim_end_matches("MB").trim().parse().ok())
        .unwrap_or(0);
    assert!(peak > 0 && peak < 1024, "peak {peak} MB\n{e}");
}

#[test]
fn a_copied_folder_keeps_the_lateness_its_dates_carry() {
    let (dir, inputs) = sample_copy();
    let out = dir.path().join("out");
    ok(&run_env(&inputs, &out, &[]));
    // A plain copy: every file's modified time is now.
    let copied = dir.path().join("ban-sao");
    copy_dir(&inputs, &copied);
    let out2 = dir.path().join("out2");
    ok(&run_env(&copied, &out2, &[]));
    let late = |out: &Path| {
        json(&out.join("summary.json"))["periods"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| {
                (
                    p["returns"]["late"].clone(),
                    p["returns"]["days_late"].clone(),
                )
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(late(&out), late(&out2));
    assert_eq!(with_code(&out2, "RETURN_LATE").len(), 1);

    // A return with no date line and no date in its properties (.xls by
    // LibreOffice): its modified time, after the deadline, proves nothing.
    let undated = root().join("tests/fixtures/an-toan/khong-ghi-ngay-ky.xls");
    let this = copied.join("2023-03/Dang bo co so/BC mo hinh - DB So Y te.xlsx");
    std::fs::remove_file(&this).unwrap();
    std::fs::copy(&undated, this.with_extension("xls")).unwrap();
    let out3 = dir.path().join("out3");
    ok(&run_env(&copied, &out3, &[]));
    let date = with_code(&out3, "DATE_UNKNOWN");
    assert!(
        date.iter().any(|f| f[7].contains("ngày sửa file")),
        "{date:?}"
    );
    let unknown = with_code(&out3, "RETURN_TIMELINESS_UNKNOWN");
    assert_eq!(unknown.len(), 1, "{unknown:?}");
    assert!(unknown[0][7].contains("ngày sửa file"), "{}", unknown[0][7]);
    let s = json(&out3.join("summary.json"));
    let p = &s["periods"][2]["returns"];
    assert!(!p["late"].as_array().unwrap().iter().any(|u| u == "DV001"));
    assert!(p["timeliness_unknown"]
        .as_array()
        .unwrap()
        .iter()
        .any(|u| u == "DV001"));
}

#[test]
fn dates_that_cannot_be_believed_or_are_half_written() {
    for (line, code, words) in [
        (
            "Yên Bái, ngày 20 tháng 3 năm 2099",
            "DATE_IMPLAUSIBLE",
            "sau ngày hôm nay",
        ),
        (
            "Yên Bái, ngày 20 tháng 3 năm 2019",
            "DATE_IMPLAUSIBLE",
            "trước khi đợt báo cáo bắt đầu",
        ),
        (
            "Yên Bái, ngày      tháng 3 năm 2023",
            "RETURN_TIMELINESS_UNKNOWN",
            "để trống ngày ký",
        ),
        (
            "Yên Bái, ngày …… tháng 4 năm 2023",
            "RETURN_LATE",
            "ít nhất 12 ngày",
        ),
    ] {
        let (dir, inputs) = sample_copy();
        let this = inputs.join("2023-03/Dang bo co so/BC mo hinh - DB So Y te.xlsx");
        std::fs::remove_file(&this).unwrap();
        write_return(&this, "ĐẢNG BỘ SỞ Y TẾ", line);
        let out = dir.path().join("out");
        ok(&run_env(&inputs, &out, &[]));
        let f: Vec<_> = with_code(&out, code)
            .into_iter()
            .filter(|f| f[3] == "DV001")
            .collect();
        assert_eq!(f.len(), 1, "{line}: {f:?}");
        assert!(f[0][7].contains(words), "{line}: {}", f[0][7]);
        let late = json(&out.join("summary.json"))["periods"][2]["returns"]["late"].clone();
        let is_late = late.as_array().unwrap().iter().any(|u| u == "DV001");
        assert_eq!(is_late, code == "RETURN_LATE", "{line}");
        assert!(with_code(&out, "RETURN_OTHER_PERIOD").is_empty(), "{line}");
    }
}

#[test]
fn a_cell_longer_than_excel_holds_is_whole_in_the_data() {
    let dir = tempdir();
    let inputs = dir.path().join("inputs");
    std::fs::create_dir_all(inputs.join("2023")).unwrap();
    std::fs::copy(
        root().join("tests/fixtures/an-toan/o-dai-40000-ky-tu.xlsx"),
        inputs.join("2023/BC.xlsx"),
    )
    .unwrap();
    let out = dir.path().join("out");
    ok(&run_env(&inputs, &out, &[]));
    let models = parquet(&out.join("data/models.parquet"));
    let longest = models
        .column("name")
        .unwrap()
        .str()
        .unwrap()
        .iter()
        .map(|n| n.map_or(0, |n| n.chars().count()))
        .max()
        .unwrap();
    assert!(longest > 39_000, "{longest}");
    let f = with_code(&out, "CELL_TRUNCATED");
    assert_eq!(f.len(), 1, "{f:?}");
    assert!(
        f[0][7].contains("39.999 ký tự") && f[0][7].contains("32.767"),
        "{}",
        f[0][7]
    );
    let (_, cells) = register(&out.join("tong-hop.xlsx"), "Mô hình");
    let cut = cells
        .iter()
        .flatten()
        .map(|c| c.chars().count())
        .max()
        .unwrap();
    assert!(cut <= 32_767 && cut > 30_000, "{cut}");
    assert!(cells
        .iter()
        .flatten()
        .any(|c| c.ends_with("[đã cắt bớt, xem data/*.parquet]")));
}

/// A zip whose directory lies about a part's size stops the zip reader with
/// its own English error; the user reads why in words, and the run goes on.
#[test]
fn a_file_that_lies_about_its_sizes_is_said_in_words() {
    let (dir, inputs) = sample_copy();
    std::fs::copy(
        root().join("tests/fixtures/an-toan/kich-thuoc-khai-sai.xlsx"),
        inputs.join("2023-03/Doan the/BC mo hinh - Hoi CCB Khoi (gui lai).xlsx"),
    )
    .unwrap();
    let out = dir.path().join("out");
    ok(&run_env(&inputs, &out, &[]));
    assert_eq!(totals(&out, "2023-03"), SEED_2023);
    let f: Vec<_> = with_code(&out, "FILE_UNREADABLE")
        .into_iter()
        .filter(|f| f[4].contains("gui lai"))
        .collect();
    assert_eq!(f.len(), 1, "{f:?}");
    assert!(
        f[0][7].contains("bị hỏng hoặc không trọn vẹn"),
        "{}",
        f[0][7]
    );
    for english in ["declared", "Zip", "error", "File is"] {
        assert!(!f[0][7].contains(english), "{}", f[0][7]);
    }
}
