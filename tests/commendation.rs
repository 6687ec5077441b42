//! Who may be honoured (issue 20): yearly ratings read from returns in
//! three layouts (`tests/fixtures/khen-thuong`, openpyxl and LibreOffice),
//! the criteria of seeds 001 and 003 and a campaign's own (sheet `Tiêu
//! chuẩn`, written here by rust_xlsxwriter), and ratings written in many
//! ways in generated returns.

use crate::harness::*;
use std::path::Path;

/// The rows of `Xét khen thưởng` under its header, by name.
fn verdicts(out: &Path) -> Vec<(String, Vec<String>)> {
    let rows = sheet(&out.join("tong-hop.xlsx"), "Xét khen thưởng");
    let header = rows
        .iter()
        .position(|r| r.first().is_some_and(|c| c == "Xếp hạng"))
        .expect("header row");
    let h = rows[header].clone();
    rows[header + 1..]
        .iter()
        .map(|r| {
            let name = r[h.iter().position(|c| c.starts_with("Họ và tên")).unwrap()].clone();
            (name, r.clone())
        })
        .collect()
}

fn column(out: &Path, name: &str) -> usize {
    let rows = sheet(&out.join("tong-hop.xlsx"), "Xét khen thưởng");
    rows.iter()
        .find(|r| r.first().is_some_and(|c| c == "Xếp hạng"))
        .and_then(|r| r.iter().position(|c| c == name))
        .unwrap_or_else(|| panic!("no column {name}"))
}

fn row_of<'a>(v: &'a [(String, Vec<String>)], name: &str) -> &'a [String] {
    &v.iter()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("{name} not on the sheet"))
        .1
}

#[test]
fn ratings_in_three_layouts_give_verdicts_with_reasons() {
    let dir = tempdir();
    let out = dir.path().join("out");
    ok(&run_env(
        &root().join("tests/fixtures/khen-thuong"),
        &out,
        &[],
    ));
    let v = verdicts(&out);
    let (rank, verdict, reason) = (
        column(&out, "Xếp hạng"),
        column(&out, "Kết luận"),
        column(&out, "Lý do"),
    );
    let (y2021, y2022) = (column(&out, "Năm 2021"), column(&out, "Năm 2022"));
    let is = |name: &str, want: &str| {
        let r = row_of(&v, name);
        assert_eq!(r[verdict], want, "{name}: {}", r[reason]);
        r.to_vec()
    };
    // Two excellent years rank before one.
    assert_eq!(is("Hoàng Văn Em", "Đủ tiêu chuẩn")[rank], "1");
    assert_eq!(is("Nguyễn Văn An", "Đủ tiêu chuẩn")[rank], "2");
    // The year's column from `Xếp loại năm 2021` (2021 return) and from the
    // two-row header (2023 return) agree; the one column with every year.
    let an = row_of(&v, "Nguyễn Văn An");
    assert_eq!(
        (an[y2021].as_str(), an[y2022].as_str()),
        ("HTXSNV", "HTTNV")
    );
    let hanh = row_of(&v, "Ngô Thị Hạnh");
    assert_eq!(
        (hanh[y2021].as_str(), hanh[y2022].as_str()),
        ("HTXSNV", "HTTNV")
    );
    // A leader rated as a party member, never excellent.
    let binh = is("Trần Thị Bình", "Không đủ tiêu chuẩn");
    assert_eq!(binh[y2022], "ĐV HTTNV");
    assert!(binh[reason].contains("cần ít nhất 1"), "{}", binh[reason]);
    assert!(binh[rank].is_empty());
    // A missing year decides nothing.
    let cuong = is("Lê Văn Cường", "Chưa đủ căn cứ");
    assert!(
        cuong[reason].contains("chưa có xếp loại năm 2022"),
        "{}",
        cuong[reason]
    );
    // An unreadable year: not decidable, and the value named.
    let giang = is("Vũ Thị Giang", "Chưa đủ căn cứ");
    assert!(giang[reason].contains("khá"), "{}", giang[reason]);
    // A director excellent both years, whose collective is only «tốt».
    let phuc = is("Đỗ Văn Phúc", "Không đủ tiêu chuẩn");
    assert!(
        phuc[reason].contains("Mô hình khám bệnh không chờ đợi"),
        "{}",
        phuc[reason]
    );
    assert_eq!(
        is("Mô hình khám bệnh không chờ đợi", "Đủ tiêu chuẩn")[0],
        "1"
    );

    let summary = json(&out.join("summary.json"));
    let e = &summary["commendation"]["eligibility"];
    assert_eq!(
        (e["from_year"].as_u64(), e["to_year"].as_u64()),
        (Some(2021), Some(2022))
    );
    assert_eq!(e["individuals"]["candidates"], 8);
    assert_eq!(e["individuals"]["eligible"], 4);
    assert_eq!(e["individuals"]["not_eligible"], 2);
    assert_eq!(e["individuals"]["undecidable"], 2);
    assert_eq!(e["criteria_from_sheet"], false);

    let file = "2023-03/xep-loai-tieu-de-hai-dong - CB So Tu phap.xlsx";
    let at = |code: &str| -> Vec<(String, String, String)> {
        with_code(&out, code)
            .into_iter()
            .map(|f| (f[4].clone(), f[5].clone(), f[6].clone()))
            .collect()
    };
    let cell = |row: &str| (file.to_owned(), "Điển hình".to_owned(), row.to_owned());
    assert_eq!(at("RATING_UNREADABLE"), [cell("13")]);
    // 2021 excellent by the 2021 return, «tốt» by the 2023 one.
    assert_eq!(at("RATING_CONFLICT"), [cell("10")]);
    // The honour book needs «xuất sắc» in the window's last year.
    assert_eq!(at("HONOUR_BOOK_INELIGIBLE"), [cell("11")]);
    // Proposed but failing, honoured but undecidable, honoured leader whose
    // collective falls short; the eligible proposal (Nguyễn Văn An) and the
    // eligible awarded (Hoàng Văn Em) are not findings.
    let mut proposals = at("PROPOSAL_INELIGIBLE");
    proposals.sort();
    let ods = (
        "2023-03/xep-loai-mot-cot - DB Trung tam Y te.ods".to_owned(),
        "Báo cáo".to_owned(),
        "12".to_owned(),
    );
    assert_eq!(proposals, [ods, cell("10"), cell("9")]);
}

/// The funnel counted from the entities listed at each stage, a later
/// stage implying the earlier ones; the honour book's entries at the
/// branch and proposals to the level above.
#[test]
fn the_funnel_and_the_honour_book_from_the_listed_stages() {
    let dir = tempdir();
    let out = dir.path().join("out");
    ok(&run_env(
        &root().join("tests/fixtures/khen-thuong"),
        &out,
        &[],
    ));
    let summary = json(&out.join("summary.json"));
    let funnel = |period: &str, subject: &str| -> Vec<Option<u64>> {
        let f = summary["commendation"]["funnel"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["period"] == period && f["subject"] == subject)
            .unwrap_or_else(|| panic!("{period} {subject}"))
            .clone();
        let t = &f["total"];
        [
            "registered",
            "eligible",
            "honoured",
            "proposed",
            "awarded",
            "proposed_above",
        ]
        .iter()
        .map(|k| t[k].as_u64())
        .collect()
    };
    // Individuals: 8 registered, 4 eligible; honoured An, Bình (proposed),
    // Cường, Em (awarded, proposed to the province), Phúc.
    assert_eq!(
        funnel("2023-03", "exemplars"),
        [Some(8), Some(4), Some(5), Some(3), Some(1), Some(1)]
    );
    assert_eq!(
        funnel("2023-03", "models"),
        [Some(1), Some(1), Some(1), Some(1), Some(1), Some(0)]
    );
    // An earlier period is not judged.
    assert_eq!(
        funnel("2021-12", "exemplars"),
        [Some(3), None, Some(0), Some(0), Some(0), Some(0)]
    );
    let by_unit = &summary["commendation"]["funnel"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["period"] == "2023-03" && f["subject"] == "exemplars")
        .unwrap()["by_unit"];
    assert_eq!(by_unit["KT01"]["honoured"], 4);
    assert_eq!(by_unit["KT02"]["honoured"], 1);

    // Tổng hợp shows the funnel of the judged period.
    let sheet_rows = sheet(&out.join("tong-hop.xlsx"), "Tổng hợp");
    let caption = sheet_rows
        .iter()
        .position(|r| r[0].starts_with("Tuyên dương, khen thưởng"))
        .expect("funnel table");
    assert_eq!(sheet_rows[caption + 1][..7].join("|"), "Đối tượng|Đăng ký|Đủ tiêu chuẩn|Được tuyên dương|Đề nghị khen thưởng|Được khen thưởng|Đề nghị cấp trên");
    assert_eq!(
        sheet_rows[caption + 3][..7].join("|"),
        "Cá nhân|8|4|5|3|1|1"
    );

    // Sổ ghi danh: the branch's entry below the book's minimum, then the
    // proposal above, which no built-in criterion judges (not a party member).
    let book = sheet(&out.join("tong-hop.xlsx"), "Sổ ghi danh");
    let body: Vec<String> = book[3..]
        .iter()
        .map(|r| format!("{}|{}|{}", r[1], r[2], r[8]))
        .collect();
    assert_eq!(
        body,
        [
            "Ghi danh tại cơ sở|Phạm Thị Dung|Chưa đạt",
            "Đề nghị cấp trên ghi danh|Ngô Thị Hạnh|Không xét"
        ]
    );
}

/// The fixture's inputs with a sheet `Tiêu chuẩn` of these rows (the
/// header first), the workbook rewritten by rust_xlsxwriter.
fn with_criteria_sheet(rows: &[[&str; 7]]) -> (TempDir, std::path::PathBuf) {
    let dir = tempdir();
    let inputs = dir.path().join("in");
    copy_dir(&root().join("tests/fixtures/khen-thuong"), &inputs);
    let path = inputs.join("danh-muc.xlsx");
    let mut keep: Vec<(String, Vec<Vec<Cell>>)> = Vec::new();
    edit_workbook(&path, |name, rows| {
        keep.push((name.to_owned(), rows.clone()));
        true
    });
    let mut wb = rust_xlsxwriter::Workbook::new();
    for (name, rows) in &keep {
        let ws = wb.add_worksheet();
        ws.set_name(name).unwrap();
        for (i, r) in rows.iter().enumerate() {
            for (j, c) in r.iter().enumerate() {
                let (i, j) = (u32::try_from(i).unwrap(), u16::try_from(j).unwrap());
                match c {
                    Cell::Text(s) => drop(ws.write_string(i, j, s).unwrap()),
                    Cell::Number(n) => drop(ws.write_number(i, j, *n).unwrap()),
                    Cell::Empty => {}
                }
            }
        }
    }
    let ws = wb.add_worksheet();
    ws.set_name("Tiêu chuẩn").unwrap();
    for (i, r) in rows.iter().enumerate() {
        for (j, c) in r.iter().enumerate() {
            let (i, j) = (u32::try_from(i).unwrap(), u16::try_from(j).unwrap());
            match c.parse::<f64>() {
                Ok(n) if i > 0 => drop(ws.write_number(i, j, n).unwrap()),
                _ => drop(ws.write_string(i, j, *c).unwrap()),
            }
        }
    }
    wb.save(&path).unwrap();
    (dir, inputs)
}

/// A campaign's own criteria replace the built-in ones: two excellent years
/// in 2021–2022 for everyone; a row that cannot be read is reported.
#[test]
fn criteria_changed_through_the_sheet() {
    let rows: [[&str; 7]; 3] = [
        [
            "Tên tiêu chuẩn",
            "Đối tượng",
            "Áp dụng cho",
            "Từ năm",
            "Đến năm",
            "Xếp loại tối thiểu mỗi năm",
            "Số năm xuất sắc",
        ],
        [
            "Hai năm liền xuất sắc",
            "Cá nhân",
            "Mọi cá nhân",
            "2021",
            "2022",
            "Hoàn thành tốt nhiệm vụ",
            "2",
        ],
        ["Dòng sai", "Ai đó", "", "", "", "HTTNV", "1"],
    ];
    let (dir, inputs) = with_criteria_sheet(&rows);
    let out = dir.path().join("out");
    ok(&run_env(&inputs, &out, &[]));
    let v = verdicts(&out);
    let verdict = column(&out, "Kết luận");
    let of = |name: &str| row_of(&v, name)[verdict].clone();
    assert_eq!(of("Hoàng Văn Em"), "Đủ tiêu chuẩn");
    // One excellent year is no longer enough.
    assert_eq!(of("Nguyễn Văn An"), "Không đủ tiêu chuẩn");
    assert_eq!(of("Đỗ Văn Phúc"), "Đủ tiêu chuẩn");
    let summary = json(&out.join("summary.json"));
    assert_eq!(
        summary["commendation"]["eligibility"]["criteria_from_sheet"],
        true
    );
    let invalid: Vec<_> = with_code(&out, "REFERENCE_INVALID")
        .into_iter()
        .filter(|f| f[5] == "Tiêu chuẩn")
        .collect();
    assert_eq!(invalid.len(), 1, "{invalid:?}");
    assert_eq!(invalid[0][6], "3");
    // No honour-book criterion in the sheet: the entry is not checked.
    assert!(with_code(&out, "HONOUR_BOOK_INELIGIBLE").is_empty());
}

/// Ratings written the many ways returns write them — case, dots and
/// spaces in the abbreviations, decomposed Unicode, the party's form, words
/// around the rating that the vocabulary does not list — in the three
/// layouts, each return with its own mix: every year's rating is read as
/// written.
#[test]
fn ratings_written_many_ways_are_read_in_generated_returns() {
    use rust_xlsxwriter::Workbook;
    // (rating's short form on the sheet, ways to write it)
    let ways: [(&str, &[&str]); 4] = [
        (
            "HTXSNV",
            &[
                "HTXSNV",
                "htxsnv",
                "HT.XS.NV",
                "Hoàn thành xuất sắc NV",
                "hoàn thành xuất sắc nhiệm vụ được giao",
                "Xuất sắc",
                "HTXS",
            ],
        ),
        (
            "HTTNV",
            &[
                "HTTNV",
                "H.T.T.N.V",
                "Hoàn thành tốt nhiệm vụ",
                "hoàn thành tốt NV",
                "Tốt",
                "Đạt mức hoàn thành tốt nhiệm vụ",
            ],
        ),
        ("HTNV", &["HTNV", "Hoàn thành nhiệm vụ", "hoàn thành NV"]),
        (
            "KHTNV",
            &["KHTNV", "Không hoàn thành nhiệm vụ", "không hoàn thành NV"],
        ),
    ];
    // Decomposed text, as some Mac and web tools write it.
    let nfd = |s: &str| -> String {
        use unicode_normalization::UnicodeNormalization;
        s.nfd().collect()
    };
    let dir = tempdir();
    let inputs = dir.path().join("in");
    let period = inputs.join("2023-03");
    std::fs::create_dir_all(&period).unwrap();
    // An earlier period's folder gives the window 2021–2022.
    std::fs::create_dir_all(inputs.join("2021-12")).unwrap();
    let mut rng = Lcg(20);
    let mut truth: Vec<(String, [&str; 2], bool)> = Vec::new();
    let given = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi"];
    let middle = ["Văn", "Thị", "Minh", "Quang", "Thu", "Đức"];
    let last = [
        "An", "Bình", "Chi", "Dũng", "Hà", "Khánh", "Lan", "Nam", "Quế", "Sơn", "Tâm", "Yến",
    ];
    for unit in 0..12u32 {
        let layout = unit % 3;
        let mut wb = Workbook::new();
        let ws = wb.add_worksheet();
        ws.set_name("DS").unwrap();
        ws.write_string(0, 0, format!("CHI BỘ PHÒNG SỐ {}", unit + 1))
            .unwrap();
        ws.write_string(1, 3, "Yên Bái, ngày 05 tháng 3 năm 2023")
            .unwrap();
        ws.write_string(2, 0, "DANH SÁCH ĐIỂN HÌNH TIÊN TIẾN")
            .unwrap();
        let mut r = 4u32;
        let base = ["STT", "Họ và tên", "Chức vụ", "Đơn vị công tác"];
        for (j, h) in base.iter().enumerate() {
            ws.write_string(r, u16::try_from(j).unwrap(), *h).unwrap();
        }
        match layout {
            0 => {
                ws.write_string(r, 4, "Xếp loại năm 2021").unwrap();
                ws.write_string(r, 5, "Xếp loại năm 2022").unwrap();
            }
            1 => {
                ws.write_string(r, 4, "Kết quả xếp loại").unwrap();
                r += 1;
                ws.write_number(r, 4, 2021.0).unwrap();
                ws.write_string(r, 5, "Năm 2022").unwrap();
            }
            _ => {
                ws.write_string(r, 4, "Xếp loại").unwrap();
            }
        }
        for k in 0..6u32 {
            r += 1;
            // Names unique over the batch, so the sheet's row is this one.
            let name = loop {
                let n = format!(
                    "{} {} {}",
                    rng.pick(&given),
                    rng.pick(&middle),
                    rng.pick(&last)
                );
                if !truth.iter().any(|(t, _, _)| *t == n) {
                    break n;
                }
            };
            let (short1, ways1) = *rng.pick(&ways);
            let (short2, ways2) = *rng.pick(&ways);
            let party = rng.next().is_multiple_of(4);
            let write = |rng: &mut Lcg, ways: &[&str]| -> String {
                let w = (*rng.pick(ways)).to_owned();
                let w = if rng.next().is_multiple_of(3) {
                    nfd(&w)
                } else {
                    w
                };
                if party {
                    format!("Đảng viên {w}")
                } else {
                    w
                }
            };
            let (a, b) = (write(&mut rng, ways1), write(&mut rng, ways2));
            ws.write_number(r, 0, f64::from(k + 1)).unwrap();
            ws.write_string(r, 1, &name).unwrap();
            ws.write_string(r, 2, "Chuyên viên").unwrap();
            ws.write_string(r, 3, format!("Phòng số {}", unit + 1))
                .unwrap();
            match layout {
                0 | 1 => {
                    ws.write_string(r, 4, &a).unwrap();
                    ws.write_string(r, 5, &b).unwrap();
                }
                _ => {
                    let sep = *rng.pick(&["; ", "\n", " | "]);
                    let cell = match rng.next() % 3 {
                        0 => format!("2021: {a}{sep}2022: {b}"),
                        1 => format!("Năm 2021 - {a}{sep}năm 2022 - {b}"),
                        _ => format!("2021 ({a}){sep}2022 ({b})"),
                    };
                    ws.write_string(r, 4, &cell).unwrap();
                }
            }
            truth.push((name, [short1, short2], party));
        }
        wb.save(period.join(format!("xep-loai-sinh-{unit:02}.xlsx")))
            .unwrap();
    }
    let out = dir.path().join("out");
    ok(&run_env(&inputs, &out, &[]));
    assert!(
        with_code(&out, "RATING_UNREADABLE").is_empty(),
        "{:?}",
        with_code(&out, "RATING_UNREADABLE")
    );
    let v = verdicts(&out);
    let (y2021, y2022) = (column(&out, "Năm 2021"), column(&out, "Năm 2022"));
    for (name, [a, b], party) in &truth {
        let r = row_of(&v, name);
        let want = |s: &str| {
            if *party {
                format!("ĐV {s}")
            } else {
                s.to_owned()
            }
        };
        assert_eq!(
            (r[y2021].clone(), r[y2022].clone()),
            (want(a), want(b)),
            "{name}"
        );
    }
}

/// Replacement obligations (sheet `Yêu cầu bổ sung`): new entities of the
/// unit, level and category in the period named — not listed the period
/// before — meet them; short ones are findings saying by how many.
#[test]
fn replacement_obligations_met_and_short() {
    let dir = tempdir();
    let out = dir.path().join("out");
    ok(&run_env(
        &root().join("tests/fixtures/khen-thuong"),
        &out,
        &[],
    ));
    let summary = json(&out.join("summary.json"));
    let all = summary["commendation"]["obligations"].as_array().unwrap();
    assert_eq!(all.len(), 2);
    let health = all.iter().find(|o| o["unit"] == "KT02").unwrap();
    assert_eq!(
        (
            &health["subject"],
            &health["level"],
            &health["category"],
            &health["count"],
            &health["short"]
        ),
        (
            &"models".into(),
            &"khoi".into(),
            &"y_te".into(),
            &2.into(),
            &1.into()
        )
    );
    assert_eq!(health["names"][0], "Mô hình khám bệnh không chờ đợi");
    // Three exemplars the 2021 return did not list; the three it did are not new.
    let branch = all.iter().find(|o| o["unit"] == "KT01").unwrap();
    assert_eq!(branch["short"], 0);
    let mut names: Vec<&str> = branch["names"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n.as_str().unwrap())
        .collect();
    names.sort_unstable();
    assert_eq!(names, ["Hoàng Văn Em", "Phạm Thị Dung", "Vũ Thị Giang"]);
    let short = with_code(&out, "OBLIGATION_SHORT");
    assert_eq!(short.len(), 1, "{short:?}");
    assert_eq!(short[0][3], "KT02");
    assert!(short[0][7].contains("còn thiếu 1"), "{}", short[0][7]);
    let sheet_rows = sheet(&out.join("tong-hop.xlsx"), "Yêu cầu bổ sung");
    assert!(sheet_rows
        .iter()
        .any(|r| r[0] == "Đảng bộ Trung tâm Y tế" && r[7] == "1"));
}

/// Letters to units list their proposals that do not meet the criteria,
/// their honour-book entries below its minimum and their obligations still
/// short, each under its own heading, with the cell where the unit can look.
#[test]
fn letters_list_the_units_ineligible_proposals_and_short_obligations() {
    let dir = tempdir();
    let out = dir.path().join("out");
    ok(&run_env(
        &root().join("tests/fixtures/khen-thuong"),
        &out,
        &[],
    ));
    let kt01 = docx_text(&out.join("thu/KT01 - Chi bộ Sở Tư pháp.docx"));
    let point = |text: &[String], parts: &[&str]| {
        text.iter()
            .any(|p| parts.iter().all(|part| p.contains(part)))
    };
    assert!(
        point(
            &kt01,
            &[
                "Chưa đủ tiêu chuẩn khen thưởng (file \"2023-03/xep-loai-tieu-de-hai-dong - CB So Tu phap.xlsx\", sheet \"Điển hình\" dòng 9)",
                "Trần Thị Bình",
                "không đủ tiêu chuẩn",
            ]
        ),
        "{kt01:#?}"
    );
    assert!(point(
        &kt01,
        &[
            "Chưa đủ tiêu chuẩn khen thưởng",
            "Phạm Thị Dung",
            "ghi danh"
        ]
    ));
    let kt02 = docx_text(&out.join("thu/KT02 - Đảng bộ Trung tâm Y tế.docx"));
    assert!(
        point(
            &kt02,
            &["Chưa bổ sung đủ", "bổ sung 2 mô hình mới", "còn thiếu 1"]
        ),
        "{kt02:#?}"
    );
    assert!(point(
        &kt02,
        &["Chưa đủ tiêu chuẩn khen thưởng", "Đỗ Văn Phúc"]
    ));
}

/// A `Tiêu chuẩn` sheet whose rows are all unusable: each row says why, and
/// one more point says the defaults are used, which the summary shows.
#[test]
fn a_criteria_sheet_with_no_usable_row_says_the_defaults_apply() {
    let rows: [[&str; 7]; 2] = [
        [
            "Tên tiêu chuẩn",
            "Đối tượng",
            "Áp dụng cho",
            "Từ năm",
            "Đến năm",
            "Xếp loại tối thiểu mỗi năm",
            "Số năm xuất sắc",
        ],
        ["Dòng sai", "Ai đó", "", "", "", "HTTNV", "1"],
    ];
    let (dir, inputs) = with_criteria_sheet(&rows);
    let out = dir.path().join("out");
    ok(&run_env(&inputs, &out, &[]));
    let invalid: Vec<_> = with_code(&out, "REFERENCE_INVALID")
        .into_iter()
        .filter(|f| f[5] == "Tiêu chuẩn")
        .collect();
    assert_eq!(invalid.len(), 2, "{invalid:#?}");
    assert!(
        invalid
            .iter()
            .any(|f| f[7].contains("không dòng nào dùng được") && f[7].contains("mặc định")),
        "{invalid:#?}"
    );
    let summary = json(&out.join("summary.json"));
    assert_eq!(
        summary["commendation"]["eligibility"]["criteria_from_sheet"],
        false
    );
}
