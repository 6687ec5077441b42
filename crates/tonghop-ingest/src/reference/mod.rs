//! `danh-muc.xlsx`: roster, periods, targets and taxonomy — read, and checked
//! like a return: every cell that cannot be used is a `REFERENCE_INVALID`
//! finding naming its sheet, row and cell and saying what it does to the
//! figures; a mistake that makes figures wrong (two units or two periods with
//! one code, a period whose folder does not exist) is an error.

mod criteria;
pub(crate) mod decisions;
mod obligations;
mod office;
mod roster;
mod table;
mod targets;

use crate::cells::Grid;
use crate::{IngestError, RETURN_EXTENSIONS};
use calamine::{open_workbook_auto, Reader};
use std::path::Path;
use table::{Check, Table};
use tonghop_core::{CategoryDef, Date, Finding, Period, Reference, RuleSpec};
use tonghop_text::default_categories;
use tonghop_text::fold_key;

/// Reads `INPUTS/danh-muc.xlsx` when present. Without it the reference holds the
/// default taxonomy and nothing else: periods come from the folders and units
/// from the returns.
///
/// # Errors
/// When the workbook exists but cannot be opened.
pub fn read_reference(inputs: &Path) -> Result<(Reference, Vec<Finding>), IngestError> {
    let mut unit_names = Vec::new();
    let (mut reference, mut findings) = read_reference_with(inputs, &mut unit_names)?;
    decisions::apply_unit_names(&unit_names, &mut reference, &mut findings);
    Ok((reference, findings))
}

/// [`read_reference`] before the decisions that name a unit (`Đơn vị`) are
/// applied to the roster read: they are put in `unit_names`.
fn read_reference_with(
    inputs: &Path,
    unit_names: &mut Vec<decisions::UnitName>,
) -> Result<(Reference, Vec<Finding>), IngestError> {
    let mut reference = Reference {
        categories: default_categories(),
        today: Some(today()),
        ..Reference::default()
    };
    let mut findings = Vec::new();
    let entries =
        std::fs::read_dir(inputs).map_err(|e| IngestError::Inputs(inputs.to_path_buf(), e))?;
    let mut path = None;
    for e in entries.flatten() {
        let p = e.path();
        let stem = p
            .file_stem()
            .map(|s| fold_key(&s.to_string_lossy()))
            .unwrap_or_default();
        let ext = p
            .extension()
            .map(|s| s.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        if p.is_file() && stem == "danh muc" && RETURN_EXTENSIONS.contains(&ext.as_str()) {
            path = Some(p);
        }
    }
    decisions::read_decisions(inputs, &mut reference, &mut findings, unit_names);
    let Some(path) = path else {
        return Ok((reference, findings));
    };
    let file = path
        .file_name()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_default();
    let mut wb = open_workbook_auto(&path)
        .map_err(|e| IngestError::Reference(path.clone(), crate::why::workbook(&e)))?;
    let names = wb.sheet_names();
    let mut check = Check::new(&file);
    for name in &names {
        let range = wb.worksheet_range(name).map_err(|e| {
            IngestError::Reference(
                path.clone(),
                format!("sheet \"{name}\": {}", crate::why::workbook(&e)),
            )
        })?;
        let grid = Grid::from_range(&range, 100_000);
        let table = Table::new(&grid);
        check.sheet(name);
        match fold_key(name).as_str() {
            "don vi" => {
                reference.units = roster::units(&table, &mut check);
                reference.has_roster = !reference.units.is_empty();
            }
            "ky bao cao" => reference.periods = roster::periods(&table, inputs, &mut check),
            "loai mo hinh" => {
                let cats = categories(&table, &mut check);
                if !cats.is_empty() {
                    reference.categories = cats;
                }
            }
            "viet tat" => reference.abbreviations = abbreviations(&table, &mut check),
            "quy tac" | "quy tac kiem tra" => reference.rules = rules(&table),
            // Read last: targets name periods and categories, and the
            // campaign's words may add to the taxonomy.
            "chi tieu"
            | "tu dien"
            | "thong tin"
            | "tieu chuan"
            | "tieu chuan khen thuong"
            | "yeu cau bo sung" => {}
            _ => check.unknown_sheet(),
        }
    }
    for name in &names {
        if fold_key(name) == "tu dien" {
            if let Ok(range) = wb.worksheet_range(name) {
                let grid = Grid::from_range(&range, 100_000);
                check.sheet(name);
                words(&Table::new(&grid), &mut reference, &mut check);
            }
        }
    }
    for name in &names {
        if fold_key(name) == "chi tieu" {
            if let Ok(range) = wb.worksheet_range(name) {
                let grid = Grid::from_range(&range, 100_000);
                check.sheet(name);
                reference.targets = targets::targets(&Table::new(&grid), &reference, &mut check);
            }
        }
    }
    for name in &names {
        if matches!(
            fold_key(name).as_str(),
            "tieu chuan" | "tieu chuan khen thuong"
        ) {
            if let Ok(range) = wb.worksheet_range(name) {
                let grid = Grid::from_range(&range, 10_000);
                check.sheet(name);
                let (vocabulary, _) = tonghop_text::Vocabulary::for_campaign(&reference.words);
                reference.criteria =
                    criteria::criteria(&Table::new(&grid), &vocabulary, &mut check);
            }
        }
    }
    for name in &names {
        if fold_key(name) == "yeu cau bo sung" {
            if let Ok(range) = wb.worksheet_range(name) {
                let grid = Grid::from_range(&range, 10_000);
                check.sheet(name);
                reference.obligations =
                    obligations::obligations(&Table::new(&grid), &reference, &mut check);
            }
        }
    }
    for name in &names {
        if fold_key(name) == "thong tin" {
            if let Ok(range) = wb.worksheet_range(name) {
                let grid = Grid::from_range(&range, 10_000);
                check.sheet(name);
                reference.office = office::office(&grid, &reference.periods, &mut check);
            }
        }
    }
    let present: Vec<String> = names.iter().map(|n| fold_key(n)).collect();
    check.sheet("");
    if !present.iter().any(|n| n == "don vi") {
        check.warn(
            None,
            None,
            "danh-muc.xlsx không có sheet \"Đơn vị\": không có danh sách đơn vị nên không biết đơn vị nào phải nộp báo cáo, không tính đơn vị chưa nộp, và đơn vị được nhận ra từ chính báo cáo",
        );
    }
    if !present.iter().any(|n| n == "ky bao cao") {
        check.warn(
            None,
            None,
            "danh-muc.xlsx không có sheet \"Kỳ báo cáo\": mỗi thư mục con của thư mục đầu vào được coi là một kỳ, không có hạn nộp nên không tính nộp muộn",
        );
    }
    findings.extend(check.findings());
    Ok((reference, findings))
}

/// Today by the machine's clock (UTC).
fn today() -> Date {
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() / 86_400);
    Date::from_days_since_epoch(i64::try_from(days).unwrap_or(0))
}

fn categories(t: &Table, check: &mut Check) -> Vec<CategoryDef> {
    const CODE: &[&str] = &["ma"];
    const NAME: &[&str] = &["ten"];
    const KEYWORDS: &[&str] = &["tu khoa"];
    if !t.require(
        check,
        CODE,
        "Mã",
        "dùng bảng phân loại mặc định thay cho sheet này",
    ) {
        return Vec::new();
    }
    let mut out: Vec<CategoryDef> = Vec::new();
    let mut rows_of: Vec<u32> = Vec::new();
    for (i, r) in t.rows().enumerate() {
        let row = t.excel_row(i);
        let code = t.text(r, CODE);
        if code.is_empty() {
            if !t.is_blank(r) {
                check.warn(
                    Some(row),
                    t.letter(CODE),
                    format!("dòng {row}: thiếu Mã loại mô hình; loại này không được dùng"),
                );
            }
            continue;
        }
        if let Some(first) = out.iter().position(|c| c.code == code) {
            check.warn(
                Some(row),
                t.letter(CODE),
                format!(
                    "dòng {row}: mã loại mô hình \"{code}\" trùng với dòng {}; dòng này bị bỏ qua",
                    rows_of[first]
                ),
            );
            continue;
        }
        let keywords: Vec<String> = t
            .text(r, KEYWORDS)
            .split(';')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect();
        if keywords.is_empty() {
            check.warn(
                Some(row),
                t.letter(KEYWORDS),
                format!("dòng {row}: loại \"{code}\" không có từ khóa nào: không mô hình nào được tự xếp vào loại này (chỉ khi báo cáo ghi đúng tên loại)"),
            );
        }
        rows_of.push(row);
        out.push(CategoryDef {
            code,
            name: t.text(r, NAME),
            keywords,
        });
    }
    out
}

/// Sheet `Từ điển`: words the campaign adds to the vocabulary (`Nhóm` |
/// `Mã` | `Từ` | `Loại`), the groups of `tu-vung.tsv`; a word of group
/// `loai_mo_hinh` also becomes a keyword (or the name) of its category.
fn words(t: &Table, reference: &mut Reference, check: &mut Check) {
    const GROUP: &[&str] = &["nhom"];
    const CODE: &[&str] = &["ma"];
    const WORD: &[&str] = &["tu", "tu ngu", "cum tu"];
    const KIND: &[&str] = &["loai", "loai tu"];
    let dropped = "không thêm được từ nào";
    if !t.require(check, GROUP, "Nhóm", dropped) || !t.require(check, WORD, "Từ", dropped) {
        return;
    }
    let builtin = tonghop_text::Vocabulary::builtin();
    let groups = builtin.groups();
    for (i, r) in t.rows().enumerate() {
        if t.is_blank(r) {
            continue;
        }
        let row = t.excel_row(i);
        let entry = tonghop_core::WordEntry {
            group: fold_key(&t.text(r, GROUP)).replace(' ', "_"),
            code: t.text(r, CODE),
            word: t.text(r, WORD),
            kind: t.text(r, KIND),
        };
        if !groups.contains(&entry.group.as_str()) {
            check.warn(
                Some(row),
                t.letter(GROUP),
                format!(
                    "dòng {row}: nhóm \"{}\" không có (các nhóm: {}); từ này không được dùng",
                    t.text(r, GROUP),
                    groups.join(", ")
                ),
            );
            continue;
        }
        if entry.word.is_empty() || (entry.code.is_empty() && entry.group != "danh_xung") {
            check.warn(
                Some(row),
                t.letter(if entry.word.is_empty() { WORD } else { CODE }),
                format!("dòng {row}: cần cả Mã và Từ; từ này không được dùng"),
            );
            continue;
        }
        let (_, refused) = builtin.extended([(
            entry.group.as_str(),
            entry.code.as_str(),
            entry.word.as_str(),
            entry.kind.as_str(),
        )]);
        if !refused.is_empty() {
            check.warn(
                Some(row),
                t.letter(KIND),
                format!(
                    "dòng {row}: loại \"{}\" không đọc được (chính, phụ, tên, trọn); từ này không được dùng",
                    entry.kind
                ),
            );
            continue;
        }
        if entry.group == "loai_mo_hinh" {
            add_to_taxonomy(&mut reference.categories, &entry);
        }
        reference.words.push(entry);
    }
}

/// A `loai_mo_hinh` word of the campaign into its category (a new category
/// when the code is new).
fn add_to_taxonomy(categories: &mut Vec<CategoryDef>, w: &tonghop_core::WordEntry) {
    let kind = fold_key(&w.kind);
    let i = categories
        .iter()
        .position(|c| c.code == w.code)
        .unwrap_or_else(|| {
            categories.push(CategoryDef {
                code: w.code.clone(),
                name: w.code.clone(),
                keywords: Vec::new(),
            });
            categories.len() - 1
        });
    let c = &mut categories[i];
    match kind.as_str() {
        "ten" => c.name.clone_from(&w.word),
        "phu" => c.keywords.push(format!("~{}", w.word)),
        _ => c.keywords.push(w.word.clone()),
    }
}

fn abbreviations(t: &Table, check: &mut Check) -> Vec<(String, String)> {
    const SHORT: &[&str] = &["viet tat", "tu viet tat"];
    const FULL: &[&str] = &["day du", "nghia", "ten day du"];
    let mut out = Vec::new();
    for (i, r) in t.rows().enumerate() {
        let (short, full) = (t.text(r, SHORT), t.text(r, FULL));
        match (short.is_empty(), full.is_empty()) {
            (false, false) => out.push((short, full)),
            (true, true) => {}
            _ => {
                let row = t.excel_row(i);
                check.warn(
                    Some(row),
                    None,
                    format!(
                        "dòng {row}: cần cả chữ viết tắt và tên đầy đủ; dòng này không được dùng"
                    ),
                );
            }
        }
    }
    out
}

fn rules(t: &Table) -> Vec<RuleSpec> {
    let mut out = Vec::new();
    for (i, r) in t.rows().enumerate() {
        let spec = RuleSpec {
            code: t.text(r, &["ma", "ma quy tac"]),
            name: t.text(r, &["ten quy tac", "ten", "mo ta", "noi dung"]),
            left: t.text(r, &["ve trai"]),
            op: t.text(r, &["so sanh", "phep so sanh", "toan tu"]),
            right: t.text(r, &["ve phai"]),
            severity: t.text(r, &["muc do", "muc do nghiem trong"]),
            missing: t.text(r, &["khi thieu so lieu", "thieu so lieu"]),
            scope: t.text(r, &["pham vi", "ap dung cho"]),
            message: t.text(r, &["thong bao", "noi dung thong bao"]),
            row: t.excel_row(i),
        };
        // Rows reconcile cannot read are reported there.
        if !spec.code.is_empty() || !spec.left.is_empty() {
            out.push(spec);
        }
    }
    out
}

/// Periods from folders: each immediate subfolder holding returns, in name order;
/// a folder of returns with no subfolders is one period.
pub(crate) fn periods_from_folders(inputs: &Path) -> Result<Vec<Period>, IngestError> {
    let mut dirs: Vec<String> = std::fs::read_dir(inputs)
        .map_err(|e| IngestError::Inputs(inputs.to_path_buf(), e))?
        .flatten()
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().to_string())
        .filter(|n| crate::walk::not_a_return(n).is_none())
        .collect();
    dirs.sort();
    let period = |id: &str, folder: &str| Period {
        id: id.to_owned(),
        name: id.to_owned(),
        folder: folder.to_owned(),
        deadline: None,
        opens: None,
        kind: String::new(),
    };
    if dirs.is_empty() {
        let id = inputs
            .canonicalize()
            .ok()
            .and_then(|p| p.file_name().map(|n| n.to_string_lossy().to_string()))
            .unwrap_or_else(|| "ky".to_owned());
        return Ok(vec![period(&id, ".")]);
    }
    Ok(dirs.iter().map(|d| period(d, d)).collect())
}
