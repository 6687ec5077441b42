//! Stages of commendation a return states in words (issue 20, item 3):
//! «Tuyên dương 05 tập thể, 08 cá nhân; đề nghị khen thưởng …» read from
//! sentences, passive clauses and label-and-figure cells, checked against
//! the entities the same return lists at that stage (`STAGE_MISMATCH`) and
//! against the stage before (`STAGE_EXCEEDS`). Fixtures in
//! `tests/fixtures/khen-thuong-so-neu` (python-docx, openpyxl re-saved by
//! LibreOffice); generated returns written by rust_xlsxwriter.

use crate::harness::*;

fn stage_findings(out: &std::path::Path) -> Vec<[String; 8]> {
    findings(out)
        .into_iter()
        .filter(|f| f[0].starts_with("STAGE_"))
        .collect()
}

#[test]
fn a_funnel_stage_larger_than_the_one_before_and_than_the_list() {
    let dir = tempdir();
    let out = dir.path().join("out");
    ok(&run_env(
        &root().join("tests/fixtures/khen-thuong-so-neu"),
        &out,
        &[],
    ));
    let found = stage_findings(&out);
    // The Word return says what its list says: no finding.
    assert!(found.iter().all(|f| !f[4].ends_with(".docx")), "{found:#?}");
    let lines: Vec<(&str, &str, &str)> = found
        .iter()
        .map(|f| (f[0].as_str(), f[6].as_str(), f[7].as_str()))
        .collect();
    assert_eq!(lines.len(), 4, "{lines:#?}");
    let has = |code: &str, parts: &[&str]| {
        lines
            .iter()
            .any(|(c, row, m)| *c == code && *row == "5" && parts.iter().all(|p| m.contains(p)))
    };
    // Three collectives proposed: more than the two honoured, and the list
    // proposes one, named.
    assert!(has(
        "STAGE_EXCEEDS",
        &[
            "3 tập thể được đề nghị khen thưởng",
            "nhiều hơn 2 tập thể được tuyên dương"
        ]
    ));
    assert!(has(
        "STAGE_MISMATCH",
        &[
            "3 tập thể được đề nghị khen thưởng",
            "danh sách có 1: Bệnh viện xanh sạch đẹp"
        ]
    ));
    // Four individuals honoured: more than the three registered, who are named.
    assert!(has(
        "STAGE_EXCEEDS",
        &["4 cá nhân được tuyên dương", "nhiều hơn 3 cá nhân đăng ký"]
    ));
    assert!(has(
        "STAGE_MISMATCH",
        &[
            "4 cá nhân được tuyên dương",
            "danh sách có 3: Đỗ Văn Phúc; Ngô Thị Hạnh; Bùi Văn Khánh"
        ]
    ));
    // Stage lines are no totals: nothing counted as a stated total, and
    // the figures are those listed.
    assert!(with_code(&out, "TOTAL_MISMATCH").is_empty());
    assert_eq!(totals(&out, "2023-03"), (2, 8));
}

/// The generated units' offices, one a return.
const OFFICES: [&str; 12] = [
    "Tổ chức",
    "Kế hoạch",
    "Tài chính",
    "Pháp chế",
    "Thanh tra",
    "Văn phòng",
    "Hành chính",
    "Tuyên giáo",
    "Dân vận",
    "Kiểm tra",
    "Tổng hợp",
    "Đối ngoại",
];

/// Stage sentences written the many ways returns write them — active and
/// passive, the figure before or after its subject, a label and its figure
/// in two cells, synonyms (`biểu dương`, `đề xuất`), who gives it, leading
/// zeros, decomposed Unicode, above or below the lists — in generated
/// returns: each as the list says gives no finding, and each with one
/// figure off by one is found, in its own file.
#[test]
fn stage_sentences_written_many_ways_are_checked_in_generated_returns() {
    use rust_xlsxwriter::Workbook;
    use unicode_normalization::UnicodeNormalization;
    // (as the list writes it, honoured, proposed)
    let stages: [(&str, bool, bool); 7] = [
        ("", false, false),
        ("Tuyên dương", true, false),
        ("Biểu dương cấp cơ sở", true, false),
        ("Đề nghị khen thưởng", true, true),
        ("Đề nghị Đảng ủy Khối khen thưởng", true, true),
        ("Giấy khen của Đảng ủy Khối", true, true),
        ("Đề nghị UBND tỉnh tặng Bằng khen", true, true),
    ];
    let dir = tempdir();
    let inputs = dir.path().join("in");
    let period = inputs.join("2023-03");
    std::fs::create_dir_all(&period).unwrap();
    let mut rng = Lcg(7);
    let mut wrong: Vec<(String, i64)> = Vec::new();
    let mut right: Vec<String> = Vec::new();
    for (unit, office) in OFFICES.iter().enumerate() {
        // Two collectives and five individuals, each at a stage.
        let models: Vec<(String, &str, bool, bool)> = (0..2)
            .map(|k| {
                let (s, h, p) = *rng.pick(&stages);
                let topic = ["Dân vận khéo", "Tủ sách pháp luật"][k];
                (format!("{topic} tại phòng {office}"), s, h, p)
            })
            .collect();
        let people: Vec<(String, &str, bool, bool)> = (0..5)
            .map(|k| {
                let (s, h, p) = *rng.pick(&stages);
                // 60 distinct names: the index's residues pick the words.
                let i = unit * 5 + k;
                let name = format!(
                    "{} {} {}",
                    ["Nguyễn", "Trần", "Lê", "Phạm"][i % 4],
                    ["Văn", "Thị", "Minh"][(i / 4) % 3],
                    ["An", "Bình", "Chi", "Dũng", "Hà"][i / 12]
                );
                (name, s, h, p)
            })
            .collect();
        let count = |xs: &[(String, &str, bool, bool)], proposed: bool| -> i64 {
            i64::try_from(
                xs.iter()
                    .filter(|x| if proposed { x.3 } else { x.2 })
                    .count(),
            )
            .unwrap()
        };
        let mut figures = [
            count(&models, false),
            count(&people, false),
            count(&models, true),
            count(&people, true),
        ];
        let off = unit % 3 == 1;
        if off {
            let k = rng.below(4);
            figures[k] += 1;
            wrong.push((format!("xep-khen-{unit:02}.xlsx"), figures[k]));
        } else {
            right.push(format!("xep-khen-{unit:02}.xlsx"));
        }
        let [hm, he, pm, pe] = figures;
        // One phrasing a return; each line a cell of its own, or a label
        // and its figure.
        let lines: Vec<(String, Option<i64>)> = match unit % 6 {
            0 => vec![(
                format!(
                    "Chi bộ đã tuyên dương {hm:02} tập thể, {he:02} cá nhân; đề nghị Đảng ủy Khối khen thưởng {pm:02} tập thể và {pe:02} cá nhân."
                ),
                None,
            )],
            1 => vec![(
                format!(
                    "Qua bình xét, có {hm} tập thể và {he} cá nhân được chi bộ biểu dương, đề nghị cấp trên khen thưởng {pm} tập thể, {pe} cá nhân."
                ),
                None,
            )],
            2 => vec![
                ("Số tập thể được tuyên dương".into(), Some(hm)),
                ("Số cá nhân được tuyên dương".into(), Some(he)),
                ("Số tập thể đề nghị khen thưởng".into(), Some(pm)),
                ("Số cá nhân đề nghị khen thưởng".into(), Some(pe)),
            ],
            3 => vec![
                (format!("Tuyên dương: tập thể {hm}, cá nhân {he}."), None),
                (
                    format!("Đề xuất khen thưởng: tập thể {pm}, cá nhân {pe}."),
                    None,
                ),
            ],
            4 => vec![(
                format!(
                    "Kết quả: tuyên dương {hm} tập thể và {he} cá nhân\nđề nghị khen thưởng {pm} tập thể và {pe} cá nhân"
                )
                .nfd()
                .collect(),
                None,
            )],
            _ => vec![(
                format!(
                    "Năm 2023, chi bộ đã tổ chức tuyên dương {hm:02} tập thể, {he:02} cá nhân tiêu biểu. Đồng thời đề nghị khen thưởng {pm:02} tập thể, {pe:02} cá nhân."
                ),
                None,
            )],
        };
        let mut wb = Workbook::new();
        let ws = wb.add_worksheet();
        ws.set_name("Báo cáo").unwrap();
        ws.write_string(0, 0, "ĐẢNG BỘ KHỐI CƠ QUAN TỈNH").unwrap();
        ws.write_string(1, 0, format!("CHI BỘ PHÒNG {}", office.to_uppercase()))
            .unwrap();
        ws.write_string(1, 3, "Yên Bái, ngày 05 tháng 3 năm 2023")
            .unwrap();
        ws.write_string(2, 0, "BÁO CÁO SƠ KẾT MÔ HÌNH, ĐIỂN HÌNH")
            .unwrap();
        let mut r = 3u32;
        let write_lines = |ws: &mut rust_xlsxwriter::Worksheet, r: &mut u32| {
            for (text, figure) in &lines {
                *r += 1;
                ws.write_string(*r, 0, text).unwrap();
                if let Some(n) = figure {
                    ws.write_number(*r, 1, *n as f64).unwrap();
                }
            }
            *r += 1;
        };
        let above = unit % 2 == 0;
        if above {
            write_lines(ws, &mut r);
        }
        for (title, head, list) in [
            (
                "I. MÔ HÌNH TẬP THỂ",
                [
                    "TT",
                    "Tên mô hình",
                    "Đơn vị thực hiện",
                    "Cấp",
                    "Khen thưởng",
                ],
                &models,
            ),
            (
                "II. ĐIỂN HÌNH CÁ NHÂN",
                ["TT", "Họ và tên", "Chức vụ", "Cấp", "Khen thưởng"],
                &people,
            ),
        ] {
            r += 1;
            ws.write_string(r, 0, title).unwrap();
            r += 1;
            for (j, h) in head.iter().enumerate() {
                ws.write_string(r, u16::try_from(j).unwrap(), *h).unwrap();
            }
            for (k, (name, stage, _, _)) in list.iter().enumerate() {
                r += 1;
                ws.write_number(r, 0, (k + 1) as f64).unwrap();
                ws.write_string(r, 1, name).unwrap();
                ws.write_string(r, 2, "Phòng chuyên môn").unwrap();
                ws.write_string(r, 3, "Cơ sở").unwrap();
                if !stage.is_empty() {
                    ws.write_string(r, 4, *stage).unwrap();
                }
            }
            r += 1;
        }
        if !above {
            write_lines(ws, &mut r);
        }
        wb.save(period.join(format!("xep-khen-{unit:02}.xlsx")))
            .unwrap();
    }
    let out = dir.path().join("out");
    ok(&run_env(&inputs, &out, &[]));
    let found = stage_findings(&out);
    for file in &right {
        let here: Vec<_> = found.iter().filter(|f| f[4].ends_with(file)).collect();
        assert!(here.is_empty(), "{file}: {here:#?}");
    }
    for (file, figure) in &wrong {
        let said = format!("ghi {figure} ");
        assert!(
            found
                .iter()
                .any(|f| f[0] == "STAGE_MISMATCH" && f[4].ends_with(file) && f[7].contains(&said)),
            "{file} ({figure}): {found:#?}"
        );
    }
    // Stage lines are no totals, and every entity is counted.
    assert!(
        with_code(&out, "TOTAL_MISMATCH").is_empty(),
        "{:?}",
        with_code(&out, "TOTAL_MISMATCH")
    );
    assert_eq!(totals(&out, "2023-03"), (24, 60));
}
