//! Returns sent as Word documents (issue 19): the table read with the
//! spreadsheets' recognition — header, entries, an owner merged down the rows
//! (`w:vMerge`), a total's label spanning columns (`w:gridSpan`) — and the
//! unit and date from the paragraphs around it; by python-docx and by
//! LibreOffice (`scripts/make_word_fixtures.py`).

use std::path::PathBuf;
use tonghop_core::{Reference, RowKind};
use tonghop_ingest::{read_return, FoundFile, Limits};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/word")
        .join(name)
}

fn check(name: &str) {
    let reference = Reference {
        categories: tonghop_text::default_categories(),
        ..Reference::default()
    };
    let found = FoundFile {
        path: fixture(name),
        rel: name.to_owned(),
        period: "2023-03".to_owned(),
    };
    let r = read_return(&found, &reference, Limits::default());
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
    assert_eq!(r.sheets.len(), 1);
    assert_eq!(r.sheets[0].name, "Văn bản");
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
