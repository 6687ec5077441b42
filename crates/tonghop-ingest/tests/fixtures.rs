//! One committed fixture per trap, written by other producers than ours
//! (openpyxl, LibreOffice, msoffcrypto-tool; see `scripts/make_fixtures.py`),
//! each with exactly what must be read from it.

use std::time::{Duration, Instant};
use tonghop_core::{Date, FindingCode, Reference, Return, RowKind, Subject, Unit};
use tonghop_ingest::{ingest, read_return, FoundFile, Limits};

use crate::manifest_dir;
use tonghop_text::match_key;

fn fixture(name: &str) -> FoundFile {
    let path = manifest_dir().join("tests/fixtures").join(name);
    assert!(path.exists(), "{name}");
    FoundFile {
        path,
        rel: name.to_owned(),
        period: "2022-10".to_owned(),
    }
}

fn roster() -> Reference {
    Reference {
        units: vec![Unit {
            code: "DV021".into(),
            name: "Chi bộ Sở Tư pháp".into(),
            aliases: vec!["CB So Tu phap".into()],
            kind: "Chi bộ cơ sở".into(),
            parent: String::new(),
            from: None,
            to: None,
            note: String::new(),
        }],
        has_roster: true,
        categories: tonghop_text::default_categories(),
        ..Reference::default()
    }
}

fn read(name: &str) -> Return {
    let start = Instant::now();
    let r = read_return(&fixture(name), &roster(), Limits::default());
    // Generous: every fixture reads in milliseconds; a hang or a blow-up would not.
    assert!(
        start.elapsed() < Duration::from_secs(10),
        "{name} took {:?}",
        start.elapsed()
    );
    r
}

fn rows(r: &Return, kind: RowKind) -> Vec<u32> {
    r.rows
        .iter()
        .filter(|x| x.kind == kind)
        .map(|x| x.row)
        .collect()
}

fn codes(r: &Return) -> Vec<FindingCode> {
    r.findings.iter().map(|f| f.code).collect()
}

/// What the sectioned return of plan 46 holds, whoever wrote the file.
fn assert_sectioned_return(name: &str) -> Return {
    let r = read(name);
    assert!(r.readable, "{name}: {:?}", r.findings);
    assert_eq!(
        r.unit.code.as_deref(),
        Some("DV021"),
        "{name}: {}",
        r.unit.evidence
    );
    assert_eq!(r.date, Date::new(2022, 10, 20), "{name}");
    assert_eq!(rows(&r, RowKind::Header), vec![10, 11, 20, 21], "{name}");
    assert_eq!(rows(&r, RowKind::Numbering), vec![12, 22], "{name}");
    assert_eq!(rows(&r, RowKind::Section), vec![9, 19], "{name}");
    assert_eq!(rows(&r, RowKind::Model), vec![13, 14, 15, 16], "{name}");
    assert_eq!(rows(&r, RowKind::Exemplar), vec![23, 24], "{name}");
    assert_eq!(rows(&r, RowKind::Total), vec![8, 17, 25], "{name}");
    assert!(!rows(&r, RowKind::Footer).is_empty(), "{name}");
    let models: Vec<_> = r
        .rows
        .iter()
        .filter(|&x| x.kind == RowKind::Model)
        .map(|x| x.entry.clone().unwrap())
        .collect();
    let names: Vec<String> = models.iter().map(|e| match_key(&e.name)).collect();
    assert_eq!(
        names,
        [
            "Trường học hạnh phúc",
            "Một cửa liên thông hiện đại",
            "Công sở xanh - sạch - đẹp",
            "Tiết kiệm điện, nước"
        ]
        .map(match_key)
        .to_vec(),
        "{name}"
    );
    // Tick columns under `Cấp đăng ký`, ticked with x, X and ✓.
    let levels: Vec<String> = models.iter().map(|e| e.level.clone()).collect();
    assert_eq!(
        levels,
        ["Cấp tỉnh", "Cấp Khối", "Cấp cơ sở", "Cấp cơ sở"],
        "{name}"
    );
    assert_eq!(
        match_key(&models[0].owner),
        match_key("Tổ Ngữ văn, Trường THPT Lý Thường Kiệt")
    );
    assert_eq!(
        match_key(&models[3].status),
        match_key("Loại khỏi danh sách (không đạt)")
    );
    let people: Vec<_> = r
        .rows
        .iter()
        .filter(|&x| x.kind == RowKind::Exemplar)
        .map(|x| x.entry.clone().unwrap())
        .collect();
    assert_eq!(
        match_key(&people[0].name),
        match_key("Nguyễn Thị Thủy"),
        "tone placement {name}"
    );
    assert_eq!(match_key(&people[1].position), match_key("Trưởng phòng"));
    let totals: Vec<(Subject, i64, u32)> = r
        .totals
        .iter()
        .map(|t| (t.subject, t.value, t.row))
        .collect();
    assert_eq!(
        totals,
        vec![
            (Subject::Model, 3, 8),
            (Subject::Model, 3, 17),
            (Subject::Exemplar, 2, 25)
        ],
        "{name}"
    );
    r
}

#[test]
fn openpyxl_sections_two_row_header_ticks() {
    let r = assert_sectioned_return("openpyxl-sections-two-row-header-ticks.xlsx");
    assert!(r.findings.is_empty(), "{:?}", r.findings);
}

#[test]
fn libreoffice_legacy_xls() {
    assert_sectioned_return("libreoffice-legacy-biff8.xls");
}

#[test]
fn libreoffice_ods() {
    assert_sectioned_return("libreoffice-open-document.ods");
}

#[test]
fn tcvn3_sheet_is_converted_before_anything_is_matched() {
    let r = assert_sectioned_return("openpyxl-tcvn3-vntime.xlsx");
    assert_eq!(codes(&r), vec![FindingCode::LegacyEncoding]);
    assert!(r.findings[0].message.contains("TCVN3"));
}

#[test]
fn vni_sheet_is_converted_before_anything_is_matched() {
    let r = assert_sectioned_return("openpyxl-vni-times.xlsx");
    assert_eq!(codes(&r), vec![FindingCode::LegacyEncoding]);
    assert!(r.findings[0].message.contains("VNI"));
}

#[test]
fn dimension_claiming_a_million_rows_is_read_as_it_is() {
    assert_sectioned_return("dimension-claims-a-million-rows.xlsx");
}

#[test]
fn a_stray_blank_cell_far_away_and_a_million_blank_rows_cost_nothing() {
    for name in [
        "far-blank-cell-row-1048576.xlsx",
        "a-million-blank-rows.xlsx",
    ] {
        let r = assert_sectioned_return(name);
        assert!(r.findings.is_empty(), "{name}: {:?}", r.findings);
        assert!(r.rows.len() < 100, "{name}: {} rows kept", r.rows.len());
    }
}

#[test]
fn xml_entity_bomb_is_not_expanded() {
    let r = read("xml-entity-bomb.xlsx");
    // The shared string is read literally (no DTD is processed): the rest of
    // the file reads as usual.
    assert!(r.readable);
    assert_eq!(rows(&r, RowKind::Model).len(), 4);
}

#[test]
fn formulas_cached_values_error_cells_text_numbers_and_date_cells() {
    let r = read("libreoffice-formulas-errors-dates.xlsx");
    assert!(r.readable);
    assert_eq!(r.date, Date::new(2022, 10, 20), "{}", r.date_evidence);
    assert_eq!(rows(&r, RowKind::Model), vec![6, 7, 8]);
    // `=COUNTA(B6:B8)` read as its cached value.
    assert_eq!(
        r.totals.iter().map(|t| t.value).collect::<Vec<_>>(),
        vec![3]
    );
    // Error cells (#DIV/0!, #N/A, #REF!) hold no value.
    for row in r.rows.iter().filter(|x| x.kind == RowKind::Model) {
        let e = row.entry.as_ref().unwrap();
        assert!(
            e.extra.iter().all(|(_, v)| !v.starts_with('#')),
            "{:?}",
            e.extra
        );
    }
}

#[test]
fn a_cover_letter_is_not_a_list() {
    let r = read("openpyxl-cover-letter-no-list.xlsx");
    assert!(r.readable);
    assert!(codes(&r).contains(&FindingCode::SheetUnrecognized));
    assert!(rows(&r, RowKind::Model).is_empty());
    // Not the sentence "Chi bộ xin gửi kèm …": the file name (no unit on the roster).
    assert!(codes(&r).contains(&FindingCode::UnitUnknown));
    // No place-and-date line: the date the file's metadata gives.
    assert!(
        r.date_evidence.contains("thông tin của file"),
        "{}",
        r.date_evidence
    );
    assert!(codes(&r).contains(&FindingCode::DateUnknown));
}

#[test]
fn unreadable_files_are_findings() {
    for (name, why) in [
        ("encrypted-password-1234.xlsx", "mật khẩu"),
        ("truncated-download.xlsx", "chưa tải về trọn vẹn"),
        ("empty-zero-bytes.xlsx", "0 byte"),
        ("zip-bomb-300mb-inflated.xlsx", "giải nén"),
    ] {
        let r = read(name);
        assert!(!r.readable, "{name}");
        assert_eq!(codes(&r), vec![FindingCode::FileUnreadable], "{name}");
        assert!(
            r.findings[0].message.contains(why),
            "{name}: {}",
            r.findings[0].message
        );
        assert!(r.rows.is_empty());
        // Said in words, not the readers' English.
        for english in ["Zip", "error", "EOCD", "password"] {
            assert!(
                !r.findings[0].message.contains(english),
                "{name}: {}",
                r.findings[0].message
            );
        }
    }
}

#[test]
fn limits_are_configurable() {
    let tight = Limits {
        max_file_bytes: 1024,
        ..Limits::default()
    };
    let r = read_return(
        &fixture("openpyxl-sections-two-row-header-ticks.xlsx"),
        &roster(),
        tight,
    );
    assert!(!r.readable);
    assert!(r.findings[0].message.contains("quá lớn"));
    let few_rows = Limits {
        max_rows_per_sheet: 12,
        ..Limits::default()
    };
    let r = read_return(
        &fixture("openpyxl-sections-two-row-header-ticks.xlsx"),
        &roster(),
        few_rows,
    );
    assert!(r.readable);
    assert!(r.findings.iter().any(|f| f.message.contains("quá dài")));
}

#[test]
fn one_bad_file_never_loses_the_rest_of_the_batch() {
    let dir = manifest_dir().join("tests/fixtures");
    let mut files: Vec<FoundFile> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| fixture(&e.file_name().to_string_lossy()))
        .collect();
    files.sort_by(|a, b| a.rel.cmp(&b.rel));
    let start = Instant::now();
    let returns = ingest(&files, &roster(), Limits::default(), |_| {});
    assert!(start.elapsed() < Duration::from_secs(20));
    assert_eq!(returns.len(), files.len());
    let unreadable = returns.iter().filter(|r| !r.readable).count();
    assert_eq!(unreadable, 4);
    let models: usize = returns.iter().map(|r| rows(r, RowKind::Model).len()).sum();
    // Nine files hold the 4-model return, one holds 3.
    assert_eq!(models, 9 * 4 + 3);
}
