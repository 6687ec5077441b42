//! `danh-muc.xlsx`: roster, periods, targets and taxonomy (CONTRACT.md).

use crate::cells::{Cell, Grid};
use crate::{IngestError, RETURN_EXTENSIONS};
use calamine::{open_workbook_auto, Reader};
use std::path::Path;
use tonghop_core::{
    default_categories, CategoryDef, Date, Decision, DecisionKind, Finding, FindingCode, Level,
    Period, RecodeField, Reference, RuleSpec, Subject, Target, Unit,
};
use tonghop_text::{fold_key, level_word, match_key, parse_date};

/// Reads `INPUTS/danh-muc.xlsx` when present. Without it the reference holds the
/// default taxonomy and nothing else: periods come from the folders and units
/// from the returns.
///
/// # Errors
/// When the workbook exists but cannot be opened.
pub fn read_reference(inputs: &Path) -> Result<(Reference, Vec<Finding>), IngestError> {
    let mut reference = Reference {
        categories: default_categories(),
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
    read_decisions(inputs, &mut reference, &mut findings);
    let Some(path) = path else {
        return Ok((reference, findings));
    };
    let file = path
        .file_name()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_default();
    let mut wb = open_workbook_auto(&path)
        .map_err(|e| IngestError::Reference(path.clone(), e.to_string()))?;
    for name in wb.sheet_names() {
        let range = wb
            .worksheet_range(&name)
            .map_err(|e| IngestError::Reference(path.clone(), format!("sheet \"{name}\": {e}")))?;
        let grid = Grid::from_range(&range, 100_000);
        let table = Table::new(&grid);
        match fold_key(&name).as_str() {
            "don vi" => {
                reference.units = table.rows().filter_map(|r| unit(&table, r)).collect();
                reference.has_roster = !reference.units.is_empty();
            }
            "ky bao cao" => {
                reference.periods = table.rows().filter_map(|r| period(&table, r)).collect();
            }
            "loai mo hinh" => {
                let cats: Vec<CategoryDef> =
                    table.rows().filter_map(|r| category(&table, r)).collect();
                if !cats.is_empty() {
                    reference.categories = cats;
                }
            }
            "viet tat" => {
                reference.abbreviations = table
                    .rows()
                    .filter_map(|r| {
                        let short = table.text(r, &["viet tat", "tu viet tat"]);
                        let full = table.text(r, &["day du", "nghia", "ten day du"]);
                        (!short.is_empty() && !full.is_empty()).then_some((short, full))
                    })
                    .collect();
            }
            "quy tac" | "quy tac kiem tra" => {
                for (i, r) in table.rows().enumerate() {
                    let spec = RuleSpec {
                        code: table.text(r, &["ma", "ma quy tac"]),
                        name: table.text(r, &["ten quy tac", "ten", "mo ta", "noi dung"]),
                        left: table.text(r, &["ve trai"]),
                        op: table.text(r, &["so sanh", "phep so sanh", "toan tu"]),
                        right: table.text(r, &["ve phai"]),
                        severity: table.text(r, &["muc do", "muc do nghiem trong"]),
                        missing: table.text(r, &["khi thieu so lieu", "thieu so lieu"]),
                        scope: table.text(r, &["pham vi", "ap dung cho"]),
                        message: table.text(r, &["thong bao", "noi dung thong bao"]),
                        row: grid.excel_row(table.header + 1 + i),
                    };
                    if !spec.code.is_empty() || !spec.left.is_empty() {
                        reference.rules.push(spec);
                    }
                }
            }
            "chi tieu" => {
                for (i, r) in table.rows().enumerate() {
                    let excel_row = grid.excel_row(table.header + 1 + i);
                    match target(&table, r, &reference.categories, excel_row) {
                        Ok(Some(t)) => reference.targets.push(t),
                        Ok(None) => {}
                        Err(msg) => findings.push(
                            Finding::new(FindingCode::ReferenceInvalid, msg)
                                .file(&file)
                                .at(&name, Some(excel_row)),
                        ),
                    }
                }
            }
            _ => {}
        }
    }
    Ok((reference, findings))
}

/// Reads `quyet-dinh.xlsx` (or `.csv`) when present: columns `Quyết định`
/// (Gộp, Không gộp, Đổi tên, Sửa loại, Sửa cấp, Sửa tình trạng), `Mã`, `Mã thứ
/// hai`, `Giá trị mới`. A row that cannot be understood is a finding.
fn read_decisions(inputs: &Path, reference: &mut Reference, findings: &mut Vec<Finding>) {
    let Ok(entries) = std::fs::read_dir(inputs) else {
        return;
    };
    let Some(path) = entries.flatten().map(|e| e.path()).find(|p| {
        p.is_file()
            && p.file_stem()
                .is_some_and(|s| fold_key(&s.to_string_lossy()) == "quyet dinh")
            && p.extension().is_some_and(|e| {
                matches!(
                    e.to_string_lossy().to_lowercase().as_str(),
                    "xlsx" | "xls" | "ods" | "csv"
                )
            })
    }) else {
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
                .map(csv_fields)
                .collect(),
            Err(e) => {
                findings.push(
                    Finding::new(
                        FindingCode::ReferenceInvalid,
                        format!("Không đọc được {file}: {e}"),
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
                    Finding::new(
                        FindingCode::ReferenceInvalid,
                        format!("Không đọc được {file}"),
                    )
                    .file(&file),
                );
                return;
            }
        }
    };
    let Some(header) = rows
        .iter()
        .position(|r| r.iter().filter(|c| !c.trim().is_empty()).count() >= 2)
    else {
        return;
    };
    let cols: Vec<String> = rows[header].iter().map(|c| fold_key(c)).collect();
    let col = |names: &[&str]| cols.iter().position(|c| names.contains(&c.as_str()));
    let (kind_c, id_c, other_c, value_c) = (
        col(&["quyet dinh", "loai quyet dinh"]),
        col(&["ma", "ma 1", "ma thu nhat"]),
        col(&["ma thu hai", "ma 2", "gop vao", "ma gop"]),
        col(&["gia tri moi", "gia tri", "noi dung moi"]),
    );
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
                Finding::new(
                    FindingCode::ReferenceInvalid,
                    format!("Quyết định dòng {row} không hiểu được (\"{kind_text}\", mã \"{id}\"); ghi một trong: Gộp, Không gộp, Đổi tên, Sửa loại, Sửa cấp, Sửa tình trạng, kèm mã"),
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

/// One CSV line: commas, double-quoted fields with `""` escapes.
fn csv_fields(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => out.push(std::mem::take(&mut field)),
            (c, _) => field.push(c),
        }
    }
    out.push(field);
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
        .filter(|n| !n.starts_with('.'))
        .collect();
    dirs.sort();
    let period = |id: &str, folder: &str| Period {
        id: id.to_owned(),
        name: id.to_owned(),
        folder: folder.to_owned(),
        deadline: None,
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

/// A sheet with a header row: cells by header fold key.
struct Table<'a> {
    grid: &'a Grid,
    header: usize,
    columns: Vec<String>,
}

impl<'a> Table<'a> {
    fn new(grid: &'a Grid) -> Table<'a> {
        let header = grid
            .rows
            .iter()
            .position(|r| r.iter().filter(|c| !c.is_empty()).count() >= 2)
            .unwrap_or(0);
        let columns = grid
            .rows
            .get(header)
            .map(|r| r.iter().map(|c| fold_key(&c.text)).collect())
            .unwrap_or_default();
        Table {
            grid,
            header,
            columns,
        }
    }
    fn rows(&self) -> impl Iterator<Item = &'a [Cell]> + '_ {
        self.grid
            .rows
            .iter()
            .skip(self.header + 1)
            .map(Vec::as_slice)
    }
    fn get<'r>(&self, row: &'r [Cell], names: &[&str]) -> Option<&'r Cell> {
        let j = self
            .columns
            .iter()
            .position(|c| names.contains(&c.as_str()))?;
        row.get(j).filter(|c| !c.is_empty())
    }
    fn text(&self, row: &[Cell], names: &[&str]) -> String {
        self.get(row, names)
            .map(|c| c.text.clone())
            .unwrap_or_default()
    }
    fn date(&self, row: &[Cell], names: &[&str]) -> Option<Date> {
        let c = self.get(row, names)?;
        c.date
            .or_else(|| c.number.and_then(Date::from_excel_serial))
            .or_else(|| parse_date(&c.text))
    }
}

fn unit(t: &Table, r: &[Cell]) -> Option<Unit> {
    let code = t.text(r, &["ma don vi", "ma"]);
    let name = t.text(r, &["ten don vi", "ten"]);
    if code.is_empty() || name.is_empty() {
        return None;
    }
    Some(Unit {
        code,
        name,
        aliases: t
            .text(r, &["ten goi khac", "ten khac", "bi danh"])
            .split(';')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect(),
        kind: t.text(r, &["loai don vi", "loai"]),
        parent: t.text(r, &["truc thuoc"]),
        from: t.date(r, &["tu ngay"]),
        to: t.date(r, &["den ngay"]),
        note: t.text(r, &["ghi chu"]),
    })
}

fn period(t: &Table, r: &[Cell]) -> Option<Period> {
    let id = t.text(r, &["ma ky", "ma"]);
    if id.is_empty() {
        return None;
    }
    let folder = t.text(r, &["thu muc"]);
    Some(Period {
        name: {
            let n = t.text(r, &["ten ky", "ten"]);
            if n.is_empty() {
                id.clone()
            } else {
                n
            }
        },
        folder: if folder.is_empty() {
            id.clone()
        } else {
            folder
        },
        id,
        deadline: t.date(r, &["han nop", "han"]),
        kind: t.text(r, &["loai ky", "loai"]),
    })
}

fn category(t: &Table, r: &[Cell]) -> Option<CategoryDef> {
    let code = t.text(r, &["ma"]);
    let name = t.text(r, &["ten"]);
    if code.is_empty() {
        return None;
    }
    Some(CategoryDef {
        code,
        name,
        keywords: t
            .text(r, &["tu khoa"])
            .split(';')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect(),
    })
}

fn target(
    t: &Table,
    r: &[Cell],
    categories: &[CategoryDef],
    row: u32,
) -> Result<Option<Target>, String> {
    let Some(count) = t.get(r, &["so luong", "chi tieu"]).and_then(|c| c.number) else {
        return Ok(None);
    };
    let subject = match fold_key(&t.text(r, &["doi tuong"])).as_str() {
        s if s.starts_with("mo hinh") => Subject::Model,
        s if s.starts_with("dien hinh") || s.starts_with("ca nhan") || s.starts_with("guong") => {
            Subject::Exemplar
        }
        other => return Err(format!("Chỉ tiêu dòng {row}: đối tượng \"{other}\" không phải \"Mô hình\" hay \"Điển hình\"; dòng này bị bỏ qua")),
    };
    let cat_text = t.text(r, &["loai mo hinh", "linh vuc"]);
    let category = if cat_text.is_empty() {
        None
    } else {
        let k = match_key(&cat_text);
        match categories
            .iter()
            .find(|c| c.code == cat_text || match_key(&c.name) == k)
        {
            Some(c) => Some(c.code.clone()),
            None => return Err(format!("Chỉ tiêu dòng {row}: loại mô hình \"{cat_text}\" không có trong danh mục loại mô hình")),
        }
    };
    let level_text = t.text(r, &["cap"]);
    let level = if level_text.is_empty() {
        None
    } else {
        match Level::from_code(&level_text).or_else(|| level_word(&fold_key(&level_text))) {
            Some(l) => Some(l),
            None => {
                return Err(format!(
                    "Chỉ tiêu dòng {row}: cấp \"{level_text}\" không đọc được (Tỉnh, Khối, Cơ sở)"
                ))
            }
        }
    };
    let unit_kind = Some(t.text(r, &["loai don vi"])).filter(|s| !s.is_empty());
    let period = Some(t.text(r, &["ky", "ma ky"])).filter(|s| !s.is_empty());
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let count = count.max(0.0).round() as u32;
    Ok(Some(Target {
        period,
        subject,
        category,
        level,
        unit_kind,
        count,
        row,
    }))
}
