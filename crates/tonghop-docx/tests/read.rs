//! A return sent as a Word table, by two writers (python-docx, and the same
//! re-saved by LibreOffice: `scripts/make_word_fixtures.py`): paragraphs in
//! order, the table's cells with their spans and vertical merges, the font
//! a line is typed in.

use tonghop_docx::{Item, Merge};

fn read(name: &str) -> tonghop_docx::Document {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/word")
        .join(name);
    tonghop_docx::read(&std::fs::read(&path).unwrap()).unwrap()
}

fn check(name: &str) {
    let doc = read(name);
    let paragraphs: Vec<&str> = doc
        .body
        .iter()
        .filter_map(|i| match i {
            Item::Paragraph(p) if !p.text.trim().is_empty() => Some(p.text.trim()),
            _ => None,
        })
        .collect();
    assert_eq!(
        paragraphs,
        [
            "ĐẢNG BỘ KHỐI CƠ QUAN TỈNH",
            "CHI BỘ SỞ TƯ PHÁP",
            "Yên Bái, ngày 12 tháng 3 năm 2023",
            "DANH SÁCH MÔ HÌNH ĐĂNG KÝ",
            "Nguoi lap bieu",
        ],
        "{name}"
    );
    let tables: Vec<&tonghop_docx::Table> = doc
        .body
        .iter()
        .filter_map(|i| match i {
            Item::Table(t) => Some(t),
            Item::Paragraph(_) => None,
        })
        .collect();
    assert_eq!(tables.len(), 1, "{name}");
    let t = tables[0];
    assert_eq!(t.number, 1);
    assert_eq!(t.rows.len(), 4, "{name}");
    let texts: Vec<Vec<String>> = t
        .rows
        .iter()
        .map(|r| r.iter().map(|c| c.text().trim().to_owned()).collect())
        .collect();
    assert_eq!(
        texts[0],
        ["STT", "Tên mô hình", "Đơn vị thực hiện", "Cấp"],
        "{name}"
    );
    assert_eq!(
        texts[1],
        ["1", "Tủ sách pháp luật", "Văn phòng Sở", "Cơ sở"],
        "{name}"
    );
    assert_eq!(texts[2], ["2", "Một cửa điện tử", "", "Khối"], "{name}");
    // The owner merged down: held by the first row's cell, the second's continues it.
    assert_eq!(t.rows[1][2].merge, Merge::Restart, "{name}");
    assert_eq!(t.rows[2][2].merge, Merge::Continue, "{name}");
    assert_eq!(t.rows[1][1].merge, Merge::None, "{name}");
    // The total's label spans three columns: one cell of span 3, then the figure.
    assert_eq!(texts[3], ["Tổng cộng", "2"], "{name}");
    assert_eq!(t.rows[3][0].span, 3, "{name}");
    assert_eq!(t.rows[3][1].span, 1, "{name}");
    // The line typed in a legacy font says which.
    let signed = doc
        .body
        .iter()
        .find_map(|i| match i {
            Item::Paragraph(p) if p.text.contains("Nguoi lap") => Some(p),
            _ => None,
        })
        .unwrap();
    assert_eq!(signed.font.as_deref(), Some(".VnTime"), "{name}");
}

#[test]
fn a_return_written_by_python_docx() {
    check("bang-o-gop-python-docx.docx");
}

#[test]
fn the_same_re_saved_by_libreoffice() {
    check("bang-o-gop-libreoffice.docx");
}

#[test]
fn what_is_not_a_word_document_says_so() {
    let e = tonghop_docx::read(b"PK\x03\x04 not really").unwrap_err();
    assert!(e.contains(".docx"), "{e}");
    let e = tonghop_docx::read(b"plain text").unwrap_err();
    assert!(e.contains("không phải file .docx"), "{e}");
}

fn texts(doc: &tonghop_docx::Document) -> Vec<String> {
    doc.paragraphs()
        .map(|p| p.text.trim().to_owned())
        .filter(|t| !t.is_empty())
        .collect()
}

/// Typed in TCVN3: the title block in `.VnTimeH` (its lowercase codes drawn
/// as capitals), the rest in `.VnTime` named only by the Normal style, one
/// note in Unicode under Times New Roman — each run converted by its font.
#[test]
fn text_typed_in_vntime_is_converted_by_its_font() {
    let doc = read("phong-vntime-python-docx.docx");
    let t = texts(&doc);
    assert_eq!(
        &t[..4],
        [
            "ĐẢNG BỘ KHỐI CƠ QUAN TỈNH",
            "CHI BỘ SỞ TƯ PHÁP",
            "Yên Bái, ngày 12 tháng 3 năm 2023",
            "DANH SÁCH MÔ HÌNH ĐĂNG KÝ",
        ]
    );
    assert!(t.contains(&"Đơn vị thực hiện".to_owned()), "{t:?}");
    assert!(
        t.contains(&"Dân vận khéo trong trợ giúp pháp lý".to_owned()),
        "{t:?}"
    );
    assert_eq!(t.last().unwrap(), "Ghi chú: danh sách gửi kèm bản ký.");
    let fonts: Vec<Option<&str>> = doc.paragraphs().map(|p| p.font.as_deref()).collect();
    assert_eq!(fonts[0], Some(".VnTimeH"));
    assert_eq!(fonts[2], Some(".VnTime"), "from the Normal style");
    let converted = doc.paragraphs().filter(|p| p.converted.is_some()).count();
    // 4 title lines and 16 cells; not the Unicode note.
    assert_eq!(converted, 20);
}

/// Typed in VNI-Times, re-saved by LibreOffice.
#[test]
fn text_typed_in_vni_is_converted_by_its_font() {
    let doc = read("phong-vni-libreoffice.docx");
    let t = texts(&doc);
    for want in [
        "CHI BỘ SỞ TƯ PHÁP",
        "Yên Bái, ngày 20 tháng 3 năm 2023",
        "Họ và tên",
        "Nguyễn Thị Hường",
        "Trần Văn Đức",
        "Trưởng phòng",
    ] {
        assert!(t.contains(&want.to_owned()), "{want}: {t:?}");
    }
    assert!(doc
        .paragraphs()
        .filter(|p| !p.text.is_empty())
        .all(|p| p.converted == Some(tonghop_text::legacy::Legacy::Vni)));
}
