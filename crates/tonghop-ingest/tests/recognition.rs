//! Returns written the way units we had not met write them (issue 18): one
//! committed fixture per trap, by openpyxl and by LibreOffice
//! (`scripts/make_recognition_fixtures.py`), with exactly what must be read.

use tonghop_core::{Reference, Return, RowKind, Subject};
use tonghop_ingest::{read_return, FoundFile, Limits};

use crate::{manifest_dir, names};

fn read(name: &str) -> Return {
    let path = manifest_dir()
        .join("../../tests/fixtures/nhan-dang")
        .join(name);
    assert!(path.exists(), "{name}");
    let reference = Reference {
        categories: tonghop_text::default_categories(),
        ..Reference::default()
    };
    let found = FoundFile {
        path,
        rel: name.to_owned(),
        period: "2023-03".to_owned(),
    };
    let r = read_return(&found, &reference, Limits::default());
    assert!(r.readable, "{name}: {:?}", r.findings);
    r
}

fn kind_of(r: &Return, row: u32) -> RowKind {
    r.rows
        .iter()
        .find(|x| x.row == row)
        .map(|x| x.kind)
        .unwrap()
}

#[test]
fn a_column_key_row_is_no_model() {
    let r = read("hang-ky-hieu-cot-A-B-1-2-3.xlsx");
    assert_eq!(kind_of(&r, 7), RowKind::Numbering, "A | B | 1 | 2 | 3");
    assert_eq!(
        names(&r, RowKind::Model),
        [
            "Một cửa liên thông hiện đại",
            "Công sở xanh - sạch - đẹp",
            "Trợ giúp pháp lý lưu động"
        ]
    );
}

#[test]
fn a_nothing_to_report_row_is_no_exemplar() {
    let r = read("dong-khong-co.ods");
    assert_eq!(names(&r, RowKind::Model).len(), 2);
    assert!(
        names(&r, RowKind::Exemplar).is_empty(),
        "{:?}",
        names(&r, RowKind::Exemplar)
    );
    assert_eq!(kind_of(&r, 13), RowKind::Text, "«Không có»");
}

#[test]
fn honorifics_leave_the_names_and_stay_in_the_row() {
    let r = read("danh-xung-trong-ho-ten.xls");
    assert_eq!(
        names(&r, RowKind::Exemplar),
        [
            "Nguyễn Văn An",
            "Lê Thị Hoà",
            "Trần Minh Đức",
            "Phạm Thu Hà"
        ]
    );
    let honorifics: Vec<String> = r
        .rows
        .iter()
        .filter_map(|x| x.entry.as_ref())
        .filter_map(|e| {
            e.extra
                .iter()
                .find(|(h, _)| h == "danh xưng")
                .map(|(_, v)| v.clone())
        })
        .collect();
    assert_eq!(honorifics, ["Đ/c", "Đồng chí", "TS.", "Bà"]);
    // The unit is the issuing line, not the parent committee above it.
    assert_eq!(r.unit.name, "CHI BỘ SỞ TƯ PHÁP", "{}", r.unit.evidence);
}

#[test]
fn one_cell_stating_both_totals_is_read_per_subject() {
    let r = read("tong-so-hai-doi-tuong-mot-o.xlsx");
    let totals: Vec<(Subject, i64)> = r.totals.iter().map(|t| (t.subject, t.value)).collect();
    assert_eq!(totals, [(Subject::Model, 2), (Subject::Exemplar, 3)]);
    assert_eq!(names(&r, RowKind::Model).len(), 2);
    assert_eq!(names(&r, RowKind::Exemplar).len(), 3);
    // Each figure covers the whole sheet (checked end to end in tests/recognition.rs).
    assert!(r
        .totals
        .iter()
        .all(|t| t.first_row == 1 && t.last_row == u32::MAX));
}

/// The unit from all the evidence: only a folder names it; its kind is
/// abbreviated under the parent committee's line (`ĐBCS`, `CB`); and when the
/// evidence fits two units equally, the finding names both.
#[test]
fn units_named_by_folder_abbreviation_or_ambiguously() {
    let inputs = manifest_dir().join("../../tests/fixtures/nhan-dang/don-vi");
    let (mut reference, findings) = tonghop_ingest::read_reference(&inputs).unwrap();
    assert!(findings.is_empty(), "{findings:?}");
    let (files, _) = tonghop_ingest::discover(&inputs, &mut reference).unwrap();
    let returns = tonghop_ingest::ingest(&files, &reference, Limits::default(), |_| {});
    let unit = |file: &str| {
        let r = returns.iter().find(|r| r.rel.ends_with(file)).unwrap();
        (
            r.unit.code.clone(),
            r.unit.evidence.clone(),
            r.findings.clone(),
        )
    };
    let (code, evidence, _) = unit("Chi bo So Tu phap/BC.xlsx");
    assert_eq!(code.as_deref(), Some("DV02"), "{evidence}");
    assert!(
        evidence.contains("thư mục \"Chi bo So Tu phap\""),
        "{evidence}"
    );
    let (code, evidence, _) = unit("BC mo hinh 2023 (1).xlsx");
    assert_eq!(
        code.as_deref(),
        Some("DV01"),
        "ĐBCS Sở Y tế, not the union: {evidence}"
    );
    let (code, evidence, _) = unit("BC mo hinh 2023 (2).ods");
    assert_eq!(code.as_deref(), Some("DV04"), "{evidence}");
    let (code, _, findings) = unit("BC mo hinh 2023 (3).xlsx");
    assert_eq!(code, None);
    let unknown = findings
        .iter()
        .find(|f| f.code == tonghop_core::FindingCode::UnitUnknown)
        .unwrap();
    assert!(
        unknown.message.contains("Đảng bộ Sở Y tế (DV01)")
            && unknown.message.contains("Công đoàn Sở Y tế (DV03)"),
        "{}",
        unknown.message
    );
}

/// Every place is evidence, scored: a unit named only in its signature block
/// (below the recipients, which are not the sender) or only in the document's
/// properties is found; two places naming two units about as strongly make
/// no winner, and the finding names both with their points.
#[test]
fn units_from_signature_properties_and_a_clear_margin() {
    let inputs = manifest_dir().join("../../tests/fixtures/nhan-dang/don-vi");
    let (mut reference, _) = tonghop_ingest::read_reference(&inputs).unwrap();
    let (files, _) = tonghop_ingest::discover(&inputs, &mut reference).unwrap();
    let returns = tonghop_ingest::ingest(&files, &reference, Limits::default(), |_| {});
    let of = |file: &str| returns.iter().find(|r| r.rel.ends_with(file)).unwrap();
    let signed = of("BC mo hinh 2023 (4).xlsx");
    assert_eq!(
        signed.unit.code.as_deref(),
        Some("DV03"),
        "{:?}",
        signed.unit
    );
    assert!(
        signed.unit.evidence.starts_with("phần ký tên")
            && signed
                .unit
                .evidence
                .contains("T/M BAN CHẤP HÀNH CÔNG ĐOÀN SỞ Y TẾ"),
        "{}",
        signed.unit.evidence
    );
    assert_eq!(
        signed.unit.candidates.len(),
        1,
        "{:?}",
        signed.unit.candidates
    );
    let titled = of("BC mo hinh 2023 (5).ods");
    assert_eq!(
        titled.unit.code.as_deref(),
        Some("DV05"),
        "{:?}",
        titled.unit
    );
    assert!(
        titled
            .unit
            .evidence
            .starts_with("thuộc tính file (tiêu đề)"),
        "{}",
        titled.unit.evidence
    );
    let torn = of("Chi bo So Noi vu/BC.xlsx");
    assert_eq!(torn.unit.code, None, "{:?}", torn.unit);
    let scores: Vec<(&str, u32)> = torn
        .unit
        .candidates
        .iter()
        .map(|c| (c.code.as_str(), c.score))
        .collect();
    assert_eq!(scores, [("DV04", 55), ("DV02", 50)]);
    let unknown = torn
        .findings
        .iter()
        .find(|f| f.code == tonghop_core::FindingCode::UnitUnknown)
        .unwrap();
    assert!(
        unknown
            .message
            .contains("Chi bộ Sở Nội vụ (DV04, 55 điểm: thư mục")
            && unknown
                .message
                .contains("Chi bộ Sở Tư pháp (DV02, 50 điểm: tên sheet"),
        "{}",
        unknown.message
    );
    // The name's distinctive words in another order (`Cong Thuong, So`).
    let reordered = of("BC mo hinh 2023 (6) - Cong Thuong, So.xlsx");
    assert_eq!(
        reordered.unit.code.as_deref(),
        Some("DV06"),
        "{:?}",
        reordered.unit
    );
    assert!(reordered.unit.evidence.contains("không theo thứ tự"));
    // A title line naming the unit by its distinctive part only: 10 points less.
    let abbreviated = of("BC mo hinh 2023 (1).xlsx");
    assert_eq!(abbreviated.unit.candidates[0].code, "DV01");
    assert_eq!(
        abbreviated.unit.candidates[0].score, 90,
        "{:?}",
        abbreviated.unit
    );
}

/// Columns competing for one role: each is scored (header and content), the
/// best keeps the role and the others their own values; two about as good
/// make a finding that names both.
#[test]
fn columns_competing_for_a_role_are_scored() {
    let r = read("hai-cot-cung-vai-tro.xlsx");
    let entries: Vec<&tonghop_core::Entry> =
        r.rows.iter().filter_map(|x| x.entry.as_ref()).collect();
    let levels: Vec<&str> = entries.iter().map(|e| e.level.as_str()).collect();
    assert_eq!(
        levels,
        ["Tỉnh", "Cơ sở", "Khối"],
        "the levels' column, not the committee's"
    );
    assert!(entries[0]
        .extra
        .contains(&("Cấp ủy quản lý".to_owned(), "Đảng ủy Sở Y tế".to_owned())));
    assert!(entries[0]
        .extra
        .contains(&("Cấp công nhận".to_owned(), "Khối".to_owned())));
    let conflicts: Vec<&str> = r
        .findings
        .iter()
        .filter(|f| f.code == tonghop_core::FindingCode::ColumnRoleConflict)
        .map(|f| f.message.as_str())
        .collect();
    assert_eq!(conflicts.len(), 1, "{conflicts:?}");
    assert!(
        conflicts[0]
            .starts_with("Cột D (\"Cấp\", 100 điểm) và cột E (\"Cấp công nhận\", 100 điểm)"),
        "{}",
        conflicts[0]
    );
    let columns = &r.sheets[0].lists[0].columns;
    let said = |letter: &str| columns.iter().find(|c| c.0 == letter).unwrap().2.clone();
    assert_eq!(said("D"), "cấp — điểm 100: tiêu đề 60, nội dung 3/3");
    assert_eq!(said("C"), "giữ riêng: cột D là cấp (100 điểm so với 60)");
}

/// Found by the third word pool: levels ticked under a group header no
/// column word names (`Mức đăng ký` over `Cấp tỉnh ủy | Cấp Đảng ủy Khối CCQ |
/// Cấp chi, đảng bộ cơ sở`), an exemplars' header naming only the subject
/// (`Cá nhân điển hình`), parts marked with a dash (`I- Mô hình`).
#[test]
fn ticks_under_a_group_header_and_a_subject_header() {
    let r = read("cap-danh-dau-duoi-tieu-de-la.ods");
    let read: Vec<(RowKind, String, String)> = r
        .rows
        .iter()
        .filter_map(|x| {
            x.entry
                .as_ref()
                .map(|e| (x.kind, e.name.clone(), e.level.clone()))
        })
        .collect();
    assert_eq!(
        read,
        [
            (
                RowKind::Model,
                "Hồ sơ bệnh án điện tử".to_owned(),
                "Cấp tỉnh".to_owned()
            ),
            (
                RowKind::Model,
                "Tủ sách pháp luật".to_owned(),
                "Cấp cơ sở".to_owned()
            ),
            (
                RowKind::Exemplar,
                "Nguyễn Văn An".to_owned(),
                "Cấp Khối".to_owned()
            ),
            (
                RowKind::Exemplar,
                "Trần Thị Bình".to_owned(),
                "Cấp cơ sở".to_owned()
            ),
        ]
    );
    assert_eq!(kind_of(&r, 6), RowKind::Section);
    assert_eq!(kind_of(&r, 11), RowKind::Section);
}

/// An owners' column whose names hold a level's word (`Văn phòng, Thanh tra
/// tỉnh`) beside a column of levels written as committees (`Đảng bộ Khối
/// CCQ`, `UBND tỉnh`): the owners stay owners, the levels levels; categories
/// said by their own pairs of words (`Nếp sống công sở`).
#[test]
fn owners_holding_a_level_word_and_levels_written_as_committees() {
    let r = read("don-vi-chua-chu-cap.xlsx");
    let read: Vec<(String, String, String)> = r
        .rows
        .iter()
        .filter_map(|x| x.entry.as_ref())
        .map(|e| (e.owner.clone(), e.level.clone(), e.category.clone()))
        .collect();
    assert_eq!(read.len(), 3);
    assert_eq!(read[0].0, "Văn phòng, Thanh tra tỉnh");
    assert_eq!(read[1].1, "Đảng bộ Khối CCQ");
    let taxonomy = tonghop_text::codes::Taxonomy::new(&tonghop_text::default_categories());
    for (_, _, category) in &read {
        assert!(
            matches!(
                taxonomy.classify(category),
                tonghop_text::codes::CategoryFit::One(ref c) if c == "van_hoa_cong_so"
            ),
            "{category}"
        );
    }
    assert_eq!(
        tonghop_text::codes::level(&read[1].1),
        Some(tonghop_core::Level::Khoi)
    );
}

/// Exemplars under a header no column word names, after a part's line: the
/// subject's word (`Cá nhân được đăng ký`) over people's names opens their
/// list, so they are not read under the models' columns.
#[test]
fn a_header_named_by_the_subject_alone_opens_a_list() {
    let r = read("ca-nhan-duoc-dang-ky.xlsx");
    let lists: Vec<Subject> = r.sheets[0].lists.iter().map(|l| l.subject).collect();
    assert_eq!(lists, [Subject::Model, Subject::Exemplar]);
    let people: Vec<(String, String)> = r
        .rows
        .iter()
        .filter(|x| x.kind == RowKind::Exemplar)
        .filter_map(|x| x.entry.as_ref())
        .map(|e| (e.name.clone(), e.owner.clone()))
        .collect();
    assert_eq!(
        people,
        [
            ("Hoàng Phương Hà".to_owned(), "Chi đoàn Sở Y tế".to_owned()),
            ("Lý Thị Giang".to_owned(), "Chi hội CCB Cục Thuế".to_owned()),
        ]
    );
}

/// Headers worded as no list has them (`Thuộc nhóm`, `Phạm vi đăng ký`):
/// the columns are told by the header's words (`nhóm`) or, where they say
/// nothing, by what they hold; the reading says which.
#[test]
fn columns_told_by_their_content() {
    let r = read("tieu-de-cot-viet-khac.ods");
    let entries: Vec<(String, String)> = r
        .rows
        .iter()
        .filter_map(|x| x.entry.as_ref())
        .map(|e| (e.category.clone(), e.level.clone()))
        .collect();
    assert_eq!(
        entries,
        [
            ("CCHC".to_owned(), "Cấp Khối".to_owned()),
            ("Văn hoá công sở".to_owned(), "Cơ sở".to_owned()),
            ("GD-ĐT".to_owned(), "Cơ sở".to_owned()),
            ("Y tế".to_owned(), "Tỉnh".to_owned()),
        ]
    );
    let columns = &r.sheets[0].lists[0].columns;
    let d = columns.iter().find(|c| c.0 == "D").unwrap();
    assert!(
        d.2.starts_with("lĩnh vực (theo các chữ của tiêu đề: có đủ các chữ của \"Nhóm\") — điểm "),
        "{d:?}"
    );
    let e = columns.iter().find(|c| c.0 == "E").unwrap();
    assert!(e.2.starts_with("cấp (theo nội dung: 4/4"), "{e:?}");
}

/// An owner merged down over its models' rows is every one of them's owner.
#[test]
fn an_owner_merged_down_a_column_is_each_rows_owner() {
    let r = read("don-vi-thuc-hien-gop-o.xls");
    let owners: Vec<String> = r
        .rows
        .iter()
        .filter_map(|x| x.entry.as_ref())
        .map(|e| e.owner.clone())
        .collect();
    assert_eq!(
        owners,
        [
            "Phòng Phổ biến pháp luật",
            "Phòng Phổ biến pháp luật",
            "Phòng Phổ biến pháp luật",
            "Trung tâm Trợ giúp pháp lý"
        ]
    );
}

/// Headers, levels, titles, totals and a signature block in words no list
/// of the reader holds, and an owner merged down three rows: read by their
/// words and their shapes — the same from openpyxl's .xlsx (merges read
/// again only for the sheet that shows one) and LibreOffice's .ods (merges
/// from its `content.xml`).
#[test]
fn words_no_list_holds_are_read_by_evidence() {
    for name in ["tu-ngu-chua-gap.xlsx", "tu-ngu-chua-gap.ods"] {
        let r = read(name);
        let entries: Vec<(RowKind, String, String, String, String)> = r
            .rows
            .iter()
            .filter_map(|x| {
                x.entry.as_ref().map(|e| {
                    (
                        x.kind,
                        e.name.clone(),
                        e.owner.clone(),
                        e.level.clone(),
                        e.category.clone(),
                    )
                })
            })
            .collect();
        let m = |n: &str, o: &str, l: &str, c: &str| {
            (
                RowKind::Model,
                n.to_owned(),
                o.to_owned(),
                l.to_owned(),
                c.to_owned(),
            )
        };
        let e = |n: &str, o: &str, l: &str| {
            (
                RowKind::Exemplar,
                n.to_owned(),
                o.to_owned(),
                l.to_owned(),
                String::new(),
            )
        };
        assert_eq!(
            entries,
            [
                m(
                    "Ngày thứ Bảy pháp luật",
                    "Phòng Phổ biến pháp luật",
                    "Cấp Khối",
                    "Xây dựng Đảng"
                ),
                m(
                    "Tủ sách pháp luật điện tử",
                    "Phòng Phổ biến pháp luật",
                    "Cấp cơ sở",
                    "Cải cách hành chánh"
                ),
                m(
                    "Pháp luật với học đường",
                    "Phòng Phổ biến pháp luật",
                    "Cấp tỉnh",
                    "Ngành giáo dục"
                ),
                e("TRẦN THỊ HOA", "Trường THPT Chu Văn An", "Đảng bộ Khối"),
                e("Lê Văn Tám", "Báo Pháp luật tỉnh", "Tỉnh ủy"),
            ],
            "{name}"
        );
        // The titles stay in the row; the total row is a stated total; the
        // signature block is no exemplar.
        let extra: Vec<&str> = r
            .rows
            .iter()
            .filter_map(|x| x.entry.as_ref())
            .filter_map(|e| e.extra.iter().find(|(h, _)| h == "danh xưng"))
            .map(|(_, v)| v.as_str())
            .collect();
        assert_eq!(extra, ["Cô giáo", "Nhà báo"], "{name}");
        assert_eq!(
            r.totals
                .iter()
                .map(|t| (t.subject, t.value))
                .collect::<Vec<_>>(),
            [(Subject::Model, 3)],
            "{name}"
        );
        assert_eq!(kind_of(&r, 19), RowKind::Footer, "{name}");
        assert_eq!(kind_of(&r, 21), RowKind::Footer, "{name}");
        // A header that only says `Tên` is no conflict of header and content.
        assert!(
            r.findings
                .iter()
                .all(|f| f.code != tonghop_core::FindingCode::ColumnRoleConflict),
            "{name}: {:?}",
            r.findings
        );
        let tick = tonghop_text::Vocabulary::builtin();
        assert_eq!(tick.level(&entries[0].3), Some(tonghop_core::Level::Khoi));
    }
}
