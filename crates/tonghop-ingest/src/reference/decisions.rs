//! `quyet-dinh.xlsx` (or `.csv`): the analysts' decisions, re-applied at every run.

use crate::cells::Grid;
use calamine::{open_workbook_auto, Reader};
use std::path::Path;
use tonghop_core::{Decision, DecisionKind, Finding, RecodeField, Reference};
use tonghop_text::fold_key;

/// The decisions file of INPUTS, when there is one: `quyet-dinh` in any
/// case, with or without diacritics, `.xlsx`, `.xls`, `.ods` or `.csv`.
#[must_use]
pub fn decisions_file(inputs: &Path) -> Option<std::path::PathBuf> {
    std::fs::read_dir(inputs)
        .ok()?
        .flatten()
        .map(|e| e.path())
        .find(|p| {
            p.is_file()
                && p.file_stem()
                    .is_some_and(|s| fold_key(&s.to_string_lossy()) == "quyet dinh")
                && p.extension().is_some_and(|e| {
                    matches!(
                        e.to_string_lossy().to_lowercase().as_str(),
                        "xlsx" | "xls" | "ods" | "csv"
                    )
                })
        })
}

/// Where a decisions sheet's columns are: its header row (the first with
/// two cells written) and each column the reader knows, by its heading
/// (case and diacritics ignored).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DecisionColumns {
    /// The header row's index.
    pub header: usize,
    /// `Quyết định`.
    pub kind: Option<usize>,
    /// `Mã`.
    pub id: Option<usize>,
    /// `Mã thứ hai`.
    pub other: Option<usize>,
    /// `Giá trị mới`.
    pub value: Option<usize>,
    /// `Ghi chú`.
    pub note: Option<usize>,
    /// The header row's width.
    pub width: usize,
}

/// The columns of a decisions sheet's rows, `None` when no row is a header.
#[must_use]
pub fn decision_columns(rows: &[Vec<String>]) -> Option<DecisionColumns> {
    let header = rows
        .iter()
        .position(|r| r.iter().filter(|c| !c.trim().is_empty()).count() >= 2)?;
    let keys: Vec<String> = rows[header].iter().map(|c| fold_key(c)).collect();
    let col = |names: &[&str]| keys.iter().position(|c| names.contains(&c.as_str()));
    Some(DecisionColumns {
        header,
        kind: col(&["quyet dinh", "loai quyet dinh"]),
        id: col(&["ma", "ma 1", "ma thu nhat"]),
        other: col(&["ma thu hai", "ma 2", "gop vao", "ma gop"]),
        value: col(&["gia tri moi", "gia tri", "noi dung moi"]),
        note: col(&["ghi chu"]),
        width: rows[header].len(),
    })
}

/// A decision that a unit of the roster is also written so (`Đơn vị`: `Mã`
/// the roster code, `Giá trị mới` the name as a return writes it): the name
/// becomes one of the unit's aliases, as if `Tên gọi khác` had it.
#[derive(Debug, Clone)]
pub(crate) struct UnitName {
    code: String,
    name: String,
    file: String,
    row: u32,
}

/// Adds each decided name to its unit's aliases, once the roster is read; a
/// code the roster does not have is said.
pub(crate) fn apply_unit_names(
    names: &[UnitName],
    reference: &mut Reference,
    findings: &mut Vec<Finding>,
) {
    for d in names {
        let what = format!("nhận \"{}\" là đơn vị {}", d.name, d.code);
        let f = match reference.units.iter_mut().find(|u| u.code == d.code) {
            Some(u) => {
                if !u.aliases.contains(&d.name) {
                    u.aliases.push(d.name.clone());
                }
                tonghop_core::finding!(
                    DecisionApplied,
                    so_dong = d.row,
                    noi_dung = format!("{what} ({})", u.name),
                    so_lan = 1
                )
            }
            None => tonghop_core::finding!(DecisionUnused, so_dong = d.row, noi_dung = what),
        };
        findings.push(f.file(&d.file).at("", Some(d.row)));
    }
}

/// Reads `quyet-dinh.xlsx` (or `.csv`) when present: columns `Quyết định`
/// (Gộp, Không gộp, Đổi tên, Sửa loại, Sửa cấp, Sửa tình trạng, Đơn vị), `Mã`,
/// `Mã thứ hai`, `Giá trị mới`. A row that cannot be understood is a finding.
/// The decisions naming a unit go to `unit_names`, applied once the roster
/// is read ([`apply_unit_names`]).
pub(crate) fn read_decisions(
    inputs: &Path,
    reference: &mut Reference,
    findings: &mut Vec<Finding>,
    unit_names: &mut Vec<UnitName>,
) {
    let Some(path) = decisions_file(inputs) else {
        return;
    };
    let file = path
        .file_name()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_default();
    let rows: Vec<Vec<String>> = if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"))
    {
        match std::fs::read_to_string(&path) {
            Ok(text) => text
                .trim_start_matches('\u{FEFF}')
                .lines()
                .map(tonghop_text::csv_fields)
                .collect(),
            Err(e) => {
                findings.push(
                    tonghop_core::finding!(
                        ReferenceInvalid,
                        "quyet_dinh_loi_doc",
                        tep = file,
                        ly_do = tonghop_core::io_reason(&e)
                    )
                    .file(&file),
                );
                return;
            }
        }
    } else {
        let sheet = open_workbook_auto(&path).ok().and_then(|mut wb| {
            let first = wb.sheet_names().first().cloned()?;
            wb.worksheet_range(&first).ok()
        });
        match sheet {
            Some(range) => Grid::from_range(&range, 100_000)
                .rows
                .iter()
                .map(|r| r.iter().map(|c| c.text.clone()).collect())
                .collect(),
            None => {
                findings.push(
                    tonghop_core::finding!(ReferenceInvalid, "quyet_dinh_hong", tep = file)
                        .file(&file),
                );
                return;
            }
        }
    };
    let Some(DecisionColumns {
        header,
        kind: kind_c,
        id: id_c,
        other: other_c,
        value: value_c,
        ..
    }) = decision_columns(&rows)
    else {
        return;
    };
    for (i, r) in rows.iter().enumerate().skip(header + 1) {
        let get = |c: Option<usize>| {
            c.and_then(|j| r.get(j))
                .map(|s| s.trim().to_owned())
                .unwrap_or_default()
        };
        let (kind_text, id) = (get(kind_c), get(id_c));
        if kind_text.is_empty() && id.is_empty() {
            continue;
        }
        let row = u32::try_from(i + 1).unwrap_or(u32::MAX);
        if matches!(
            fold_key(&kind_text).as_str(),
            "don vi" | "la don vi" | "nhan don vi" | "ten don vi"
        ) && !id.is_empty()
            && !get(value_c).is_empty()
        {
            unit_names.push(UnitName {
                code: id,
                name: get(value_c),
                file: file.clone(),
                row,
            });
            continue;
        }
        let kind = match fold_key(&kind_text).as_str() {
            "gop" | "gop lam mot" => Some(DecisionKind::Merge),
            "khong gop" | "giu rieng" => Some(DecisionKind::KeepApart),
            "doi ten" | "sua ten" => Some(DecisionKind::Rename),
            "sua loai" | "doi loai" | "sua loai mo hinh" => {
                Some(DecisionKind::Recode(RecodeField::Category))
            }
            "sua cap" | "doi cap" => Some(DecisionKind::Recode(RecodeField::Level)),
            "sua tinh trang" | "doi tinh trang" => Some(DecisionKind::Recode(RecodeField::Status)),
            _ => None,
        };
        let Some(kind) = kind.filter(|_| !id.is_empty()) else {
            findings.push(
                tonghop_core::finding!(
                    ReferenceInvalid,
                    "quyet_dinh_dong",
                    so_dong = row,
                    chu = kind_text,
                    ma = id
                )
                .file(&file)
                .at("", Some(row)),
            );
            continue;
        };
        reference.decisions.push(Decision {
            kind,
            id,
            other: get(other_c),
            value: get(value_c),
            file: file.clone(),
            row,
        });
    }
}
