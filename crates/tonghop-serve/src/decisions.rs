//! `quyet-dinh.xlsx` (or `.csv`), the same file an analyst may edit by hand:
//! a decision taken on the review page is added as one row, and undone by
//! taking that row away. The file is read whole, the new version written
//! beside it under a hidden name and moved over it in one step, so it is
//! never half written; the version before is kept in OUT
//! (`.tonghop/quyet-dinh-truoc/`). Every sheet's values are kept; cell
//! formatting is not (the copy kept has it).

use calamine::{open_workbook_auto, Data, Reader};
use std::path::{Path, PathBuf};
use tonghop_ingest::{decision_columns, DecisionColumns};
use tonghop_text::fold_key;

/// The columns the file has when tonghop creates it.
pub(crate) const HEADER: [&str; 5] = ["Quyết định", "Mã", "Mã thứ hai", "Giá trị mới", "Ghi chú"];

/// One decision row: `Quyết định`, `Mã`, `Mã thứ hai`, `Giá trị mới`, `Ghi chú`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Row {
    pub kind: String,
    pub id: String,
    pub other: String,
    pub value: String,
    pub note: String,
}

impl Row {
    fn same_decision(&self, cells: &[String], cols: &DecisionColumns) -> bool {
        let get = |c: Option<usize>| c.and_then(|j| cells.get(j)).map_or("", |s| s.trim());
        fold_key(get(cols.kind)) == fold_key(&self.kind)
            && get(cols.id) == self.id
            && get(cols.other) == self.other
            && get(cols.value) == self.value
    }
}

/// The decisions file of INPUTS: the one the reader takes, or
/// `quyet-dinh.xlsx` to create.
pub(crate) fn path_in(inputs: &Path) -> PathBuf {
    tonghop_ingest::decisions_file(inputs).unwrap_or_else(|| inputs.join("quyet-dinh.xlsx"))
}

fn is_csv(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"))
}

/// Every sheet of the file as text: (name, rows).
type Sheets = Vec<(String, Vec<Vec<String>>)>;

fn cell_text(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{f:.0}"),
        other => other.to_string(),
    }
}

/// Reads the file (no file: nothing yet).
pub(crate) fn read(path: &Path) -> Result<Sheets, String> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    if !path.exists() {
        return Ok(Vec::new());
    }
    if is_csv(path) {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("không đọc được {name}: {}", tonghop_core::io_reason(&e)))?;
        let rows = text
            .trim_start_matches('\u{FEFF}')
            .lines()
            .map(tonghop_text::csv_fields)
            .collect();
        return Ok(vec![(String::new(), rows)]);
    }
    let mut wb = open_workbook_auto(path)
        .map_err(|e| format!("không mở được {name} ({e}); có thể file đang hỏng"))?;
    let mut out = Vec::new();
    for sheet in wb.sheet_names() {
        let range = wb
            .worksheet_range(&sheet)
            .map_err(|e| format!("không đọc được sheet {sheet} của {name} ({e})"))?;
        let rows = range
            .rows()
            .map(|r| r.iter().map(cell_text).collect())
            .collect();
        out.push((sheet, rows));
    }
    Ok(out)
}

/// The decision rows of the file, as the review page lists them.
pub(crate) fn list(path: &Path) -> Result<Vec<Row>, String> {
    let sheets = read(path)?;
    let Some((_, rows)) = sheets.first() else {
        return Ok(Vec::new());
    };
    let Some(cols) = decision_columns(rows) else {
        return Ok(Vec::new());
    };
    let h = cols.header;
    let get = |r: &Vec<String>, c: Option<usize>| {
        c.and_then(|j| r.get(j))
            .map(|s| s.trim().to_owned())
            .unwrap_or_default()
    };
    Ok(rows
        .iter()
        .skip(h + 1)
        .map(|r| Row {
            kind: get(r, cols.kind),
            id: get(r, cols.id),
            other: get(r, cols.other),
            value: get(r, cols.value),
            note: get(r, cols.note),
        })
        .filter(|r| !r.kind.is_empty() || !r.id.is_empty())
        .collect())
}

/// Adds `row` at the end of the file's first sheet (creating the file with
/// its header when there is none); the version before is kept in `keep`.
pub(crate) fn append(path: &Path, row: &Row, keep: &Path) -> Result<(), String> {
    let mut sheets = read(path)?;
    if sheets.is_empty() {
        sheets.push((
            "Quyết định".to_owned(),
            vec![HEADER.iter().map(|s| (*s).to_owned()).collect()],
        ));
    }
    let rows = &mut sheets[0].1;
    let no_header = || {
        format!(
            "{} không có cột \"Quyết định\" và \"Mã\" ở dòng tiêu đề: sửa dòng tiêu đề rồi thử lại",
            display(path)
        )
    };
    let mut cols = decision_columns(rows).ok_or_else(no_header)?;
    if cols.kind.is_none() || cols.id.is_none() {
        return Err(format!(
            "{} không có cột \"Quyết định\" và \"Mã\" ở dòng tiêu đề: sửa dòng tiêu đề rồi thử lại",
            display(path)
        ));
    }
    // Columns the file lacks are added after its last.
    for c in [&mut cols.other, &mut cols.value, &mut cols.note] {
        if c.is_none() {
            *c = Some(cols.width);
            cols.width += 1;
        }
    }
    let header = &mut rows[cols.header];
    header.resize(cols.width.max(header.len()), String::new());
    for (c, name) in [
        (cols.other, HEADER[2]),
        (cols.value, HEADER[3]),
        (cols.note, HEADER[4]),
    ] {
        if let Some(j) = c {
            if header[j].trim().is_empty() {
                header[j] = name.to_owned();
            }
        }
    }
    let mut new = vec![String::new(); cols.width];
    for (c, v) in [
        (cols.kind, &row.kind),
        (cols.id, &row.id),
        (cols.other, &row.other),
        (cols.value, &row.value),
        (cols.note, &row.note),
    ] {
        if let Some(j) = c {
            new[j].clone_from(v);
        }
    }
    rows.push(new);
    write(path, &sheets, keep)
}

/// Takes away the last row that is `row`'s decision; whether there was one.
pub(crate) fn remove(path: &Path, row: &Row, keep: &Path) -> Result<bool, String> {
    let mut sheets = read(path)?;
    let Some((_, rows)) = sheets.first_mut() else {
        return Ok(false);
    };
    let Some(cols) = decision_columns(rows) else {
        return Ok(false);
    };
    let Some(at) = (cols.header + 1..rows.len())
        .rev()
        .find(|&i| row.same_decision(&rows[i], &cols))
    else {
        return Ok(false);
    };
    rows.remove(at);
    write(path, &sheets, keep).map(|()| true)
}

fn display(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default()
}

/// Writes `sheets` over `path` in one step, after keeping the old file.
fn write(path: &Path, sheets: &Sheets, keep: &Path) -> Result<(), String> {
    let name = display(path);
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    if ext == "xls" || ext == "ods" {
        return Err(format!(
            "{name}: tonghop chỉ ghi được file .xlsx hoặc .csv; mở {name}, lưu thành quyet-dinh.xlsx, xoá bản {ext} rồi thử lại"
        ));
    }
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut tag = [0u8; 6];
    let _ = getrandom::fill(&mut tag);
    let tag: String = tag.iter().map(|b| format!("{b:02x}")).collect();
    let tmp = dir.join(format!(".quyet-dinh-{tag}.{ext}"));
    let written = if ext == "csv" {
        let mut text = String::from("\u{FEFF}");
        for r in &sheets[0].1 {
            text.push_str(&r.iter().map(|c| csv_field(c)).collect::<Vec<_>>().join(","));
            text.push_str("\r\n");
        }
        std::fs::write(&tmp, text).map_err(|e| tonghop_core::io_reason(&e))
    } else {
        xlsx(sheets, &tmp)
    };
    if let Err(e) = written {
        let _ = std::fs::remove_file(&tmp);
        return Err(format!("không ghi được {name}: {e}"));
    }
    if path.exists() {
        let _ = std::fs::create_dir_all(keep);
        let stamp = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_millis());
        let _ = std::fs::copy(path, keep.join(format!("{stamp}-{name}")));
    }
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        format!(
            "không thay được {name}: {} (file đang mở trong Excel? đóng file rồi thử lại)",
            tonghop_core::io_reason(&e)
        )
    })
}

fn xlsx(sheets: &Sheets, path: &Path) -> Result<(), String> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let bold = rust_xlsxwriter::Format::new().set_bold();
    for (name, rows) in sheets {
        let ws = wb.add_worksheet();
        if !name.is_empty() {
            ws.set_name(name).map_err(|e| e.to_string())?;
        }
        let header = decision_columns(rows).map(|c| c.header);
        for (i, r) in rows.iter().enumerate() {
            let Ok(i) = u32::try_from(i) else { break };
            for (j, c) in r.iter().enumerate() {
                let Ok(j) = u16::try_from(j) else { break };
                if c.is_empty() {
                    continue;
                }
                let done = if Some(i as usize) == header {
                    ws.write_string_with_format(i, j, c, &bold)
                } else {
                    ws.write_string(i, j, c)
                };
                done.map_err(|e| e.to_string())?;
            }
        }
        for (j, w) in [14.0, 18.0, 18.0, 36.0, 40.0].iter().enumerate() {
            let _ = ws.set_column_width(j as u16, *w);
        }
    }
    wb.save(path).map_err(|e| e.to_string())
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dir(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("tonghop-qd-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        d
    }

    fn merge(a: &str, b: &str) -> Row {
        Row {
            kind: "Gộp".into(),
            id: a.into(),
            other: b.into(),
            value: String::new(),
            note: "từ trang xem xét".into(),
        }
    }

    #[test]
    fn a_decision_is_added_to_a_new_file_and_taken_back() {
        let d = dir("new");
        let path = path_in(&d);
        assert_eq!(path, d.join("quyet-dinh.xlsx"));
        let keep = d.join("keep");
        append(&path, &merge("MH-1", "MH-2"), &keep).unwrap();
        append(&path, &merge("MH-3", "MH-4"), &keep).unwrap();
        let rows = list(&path).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[1].id, "MH-3");
        assert!(remove(&path, &merge("MH-1", "MH-2"), &keep).unwrap());
        assert_eq!(list(&path).unwrap(), vec![merge("MH-3", "MH-4")]);
        assert!(!remove(&path, &merge("MH-9", "MH-2"), &keep).unwrap());
        // The versions before were kept, and no hidden file is left.
        assert!(std::fs::read_dir(&keep).unwrap().count() >= 2);
        assert!(std::fs::read_dir(&d)
            .unwrap()
            .flatten()
            .all(|e| !e.file_name().to_string_lossy().starts_with('.')));
        let _ = std::fs::remove_dir_all(&d);
    }

    #[test]
    fn a_hand_made_file_keeps_its_rows_columns_and_other_sheets() {
        let d = dir("hand");
        let path = d.join("Quyet dinh.xlsx");
        let mut wb = rust_xlsxwriter::Workbook::new();
        let ws = wb.add_worksheet();
        ws.set_name("QĐ").unwrap();
        for (j, h) in ["STT", "Quyết định", "Mã", "Giá trị mới", "Người ghi"]
            .iter()
            .enumerate()
        {
            ws.write_string(0, j as u16, *h).unwrap();
        }
        for (j, v) in ["1", "Đổi tên", "MH-7", "Tên mới", "chị Lan"]
            .iter()
            .enumerate()
        {
            ws.write_string(1, j as u16, *v).unwrap();
        }
        wb.add_worksheet()
            .set_name("Ghi chép")
            .unwrap()
            .write_string(0, 0, "giữ nguyên")
            .unwrap();
        wb.save(&path).unwrap();
        assert_eq!(path_in(&d), path);
        append(&path, &merge("MH-1", "MH-2"), &d.join("keep")).unwrap();
        let sheets = read(&path).unwrap();
        assert_eq!(sheets.len(), 2);
        assert_eq!(sheets[1].1[0][0], "giữ nguyên");
        let rows = &sheets[0].1;
        assert_eq!(
            rows[1],
            vec!["1", "Đổi tên", "MH-7", "Tên mới", "chị Lan", "", ""]
        );
        assert_eq!(rows[0][5], "Mã thứ hai");
        assert_eq!(rows[2][1], "Gộp");
        assert_eq!(rows[2][2], "MH-1");
        assert_eq!(rows[2][5], "MH-2");
        let _ = std::fs::remove_dir_all(&d);
    }

    #[test]
    fn a_csv_stays_a_csv() {
        let d = dir("csv");
        let path = d.join("quyet-dinh.csv");
        std::fs::write(&path, "\u{FEFF}Quyết định,Mã,Mã thứ hai,Giá trị mới,Ghi chú\r\nSửa cấp,DH-1,,Tỉnh,\"a, b\"\r\n").unwrap();
        let mut rename = merge("MH-5", "");
        rename.kind = "Đổi tên".into();
        rename.value = "Mô hình \"Dân vận khéo\", năm 2023".into();
        append(&path, &rename, &d.join("keep")).unwrap();
        let rows = list(&path).unwrap();
        assert_eq!(rows[0].note, "a, b");
        assert_eq!(rows[1], rename);
        let _ = std::fs::remove_dir_all(&d);
    }
}
