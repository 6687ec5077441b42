//! Returns sent as Word documents (issue 19): the table read with the
//! spreadsheets' recognition — header, entries, an owner merged down the rows
//! (`w:vMerge`), a total's label spanning columns (`w:gridSpan`) — and the
//! unit and date from the paragraphs around it; by python-docx and by
//! LibreOffice (`scripts/make_word_fixtures.py`).

use std::path::PathBuf;
use tonghop_core::{Reference, RowKind};
use tonghop_ingest::{read_return, FoundFile, Limits};

use crate::{manifest_dir, names};

fn fixture(name: &str) -> PathBuf {
    manifest_dir().join("../../tests/fixtures/word").join(name)
}

fn check(name: &str) {
    let r = read(name);
    assert!(r.readable, "{name}: {:?}", r.findings);
    let entries: Vec<(String, String, String)> = r
        .rows
        .iter()
        .filter(|x| x.kind == RowKind::Model)
        .filter_map(|x| x.entry.as_ref())
        .map(|e| (e.name.clone(), e.owner.clone(), e.level.clone()))
        .collect();
    assert_eq!(
        entries,
        [
            (
                "Tủ sách pháp luật".to_owned(),
                "Văn phòng Sở".to_owned(),
                "Cơ sở".to_owned()
            ),
            (
                "Một cửa điện tử".to_owned(),
                "Văn phòng Sở".to_owned(),
                "Khối".to_owned()
            ),
        ],
        "{name}"
    );
    assert_eq!(r.unit.name, "CHI BỘ SỞ TƯ PHÁP", "{name}");
    assert_eq!(r.date.map(|d| d.to_string()).as_deref(), Some("12/03/2023"));
    let totals: Vec<(i64, &str)> = r
        .totals
        .iter()
        .map(|t| (t.value, t.text.as_str()))
        .collect();
    assert_eq!(totals, [(2, "Tổng cộng 2")], "{name}");
    // Cited where they are in the document: the table's rows, the paragraphs.
    let at = |kind: RowKind| -> Vec<(String, u32)> {
        r.rows
            .iter()
            .filter(|x| x.kind == kind)
            .map(|x| (x.sheet.clone(), x.row))
            .collect()
    };
    let table = |row: u32| ("Bảng 1".to_owned(), row);
    assert_eq!(at(RowKind::Model), [table(2), table(3)], "{name}");
    assert_eq!(at(RowKind::Header), [table(1)], "{name}");
    assert_eq!((r.totals[0].sheet.as_str(), r.totals[0].row), ("Bảng 1", 4));
    assert!(
        r.date_evidence.starts_with("đoạn 3: "),
        "{name}: {}",
        r.date_evidence
    );
    let sheets: Vec<(&str, usize)> = r
        .sheets
        .iter()
        .map(|s| (s.name.as_str(), s.lists.len()))
        .collect();
    assert_eq!(sheets, [("Đoạn văn", 0), ("Bảng 1", 1)], "{name}");
    assert!(
        !r.rows.iter().any(|x| x.kind == RowKind::Blank),
        "the blank lines between paragraphs and tables are no row of the document"
    );
}

fn read(name: &str) -> tonghop_core::Return {
    let reference = Reference {
        categories: tonghop_text::default_categories(),
        ..Reference::default()
    };
    let found = FoundFile {
        path: fixture(name),
        rel: name.to_owned(),
        period: "2023-03".to_owned(),
    };
    read_return(&found, &reference, Limits::default())
}

/// Typed in TCVN3, the title block in `.VnTimeH`: converted by the fonts
/// before anything is recognised, the unit in capitals as it is drawn.
#[test]
fn a_return_typed_in_vntime() {
    let r = read("phong-vntime-python-docx.docx");
    assert_eq!(
        names(&r, RowKind::Model),
        [
            "Tủ sách pháp luật",
            "Một cửa điện tử liên thông",
            "Dân vận khéo trong trợ giúp pháp lý"
        ]
    );
    assert_eq!(r.unit.name, "CHI BỘ SỞ TƯ PHÁP");
    assert_eq!(r.date.map(|d| d.to_string()).as_deref(), Some("12/03/2023"));
    let legacy: Vec<&str> = r
        .findings
        .iter()
        .filter(|f| f.code == tonghop_core::FindingCode::LegacyEncoding)
        .map(|f| f.message.as_str())
        .collect();
    assert_eq!(legacy.len(), 1, "{:?}", r.findings);
    assert!(legacy[0].contains("TCVN3"), "{}", legacy[0]);
}

/// Typed in VNI-Times and re-saved by LibreOffice.
#[test]
fn a_return_typed_in_vni() {
    let r = read("phong-vni-libreoffice.docx");
    assert_eq!(
        names(&r, RowKind::Exemplar),
        ["Nguyễn Thị Hường", "Trần Văn Đức"]
    );
    assert_eq!(r.unit.name, "CHI BỘ SỞ TƯ PHÁP");
    assert_eq!(r.date.map(|d| d.to_string()).as_deref(), Some("20/03/2023"));
}

/// The figures written in sentences and no list: each figure read as a
/// stated total, and one `LIST_MISSING` per subject at its sentence (not a
/// `SHEET_UNRECOGNIZED` besides).
#[test]
fn a_return_in_prose_only_says_its_lists_are_missing() {
    use tonghop_core::{FindingCode, Subject};
    let r = read("chi-co-loi-van-python-docx.docx");
    let totals: Vec<(Subject, i64, &str, u32)> = r
        .totals
        .iter()
        .map(|t| (t.subject, t.value, t.sheet.as_str(), t.row))
        .collect();
    assert_eq!(
        totals,
        [
            (Subject::Model, 3, "Đoạn văn", 7),
            (Subject::Exemplar, 5, "Đoạn văn", 8)
        ]
    );
    let missing: Vec<(&str, Option<u32>, &str)> = r
        .findings
        .iter()
        .filter(|f| f.code == FindingCode::ListMissing)
        .map(|f| (f.sheet.as_str(), f.row, f.message.as_str()))
        .collect();
    assert_eq!(missing.len(), 2, "{:?}", r.findings);
    assert_eq!((missing[0].0, missing[0].1), ("Đoạn văn", Some(7)));
    assert!(
        missing[0].2.starts_with("Báo cáo nêu 3 mô hình")
            && missing[0].2.contains("đăng ký 03 mô hình"),
        "{}",
        missing[0].2
    );
    assert!(missing[1].2.starts_with("Báo cáo nêu 5 điển hình"));
    assert!(!r
        .findings
        .iter()
        .any(|f| f.code == FindingCode::SheetUnrecognized));
    assert!(names(&r, RowKind::Model).is_empty());
    assert_eq!(r.unit.name, "CHI BỘ SỞ TƯ PHÁP");
}

#[test]
fn a_return_as_a_word_table_by_python_docx() {
    check("bang-o-gop-python-docx.docx");
}

#[test]
fn a_return_as_a_word_table_by_libreoffice() {
    check("bang-o-gop-libreoffice.docx");
}

/// `.doc` and `.pdf` in a period's folder: not read, with the way to make
/// them readable.
#[test]
fn old_documents_say_to_save_as_docx() {
    let dir = std::env::temp_dir().join(format!("tonghop-word-{}", std::process::id()));
    let period = dir.join("2023-03");
    std::fs::create_dir_all(&period).unwrap();
    std::fs::copy(
        fixture("bang-o-gop-python-docx.docx"),
        period.join("BC.docx"),
    )
    .unwrap();
    std::fs::write(period.join("BC cu.doc"), b"\xD0\xCF\x11\xE0").unwrap();
    std::fs::write(period.join("BC.pdf"), b"%PDF-1.4").unwrap();
    let (mut reference, _) = tonghop_ingest::read_reference(&dir).unwrap();
    let (files, findings) = tonghop_ingest::discover(&dir, &mut reference).unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(files.len(), 1, "the .docx is a return");
    let said: Vec<&str> = findings
        .iter()
        .filter(|f| f.code == tonghop_core::FindingCode::FileUnsupported)
        .map(|f| f.message.as_str())
        .collect();
    assert_eq!(said.len(), 2, "{said:?}");
    assert!(
        said.iter().all(|m| m.contains("lưu lại thành .docx")),
        "{said:?}"
    );
}
