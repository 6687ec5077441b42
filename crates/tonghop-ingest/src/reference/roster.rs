//! Sheets `Đơn vị` (the roster) and `Kỳ báo cáo` (the calendar).

use super::table::{Check, DateCell, Table};
use std::collections::HashMap;
use std::path::Path;
use tonghop_core::{Period, Unit};

const CODE: &[&str] = &["ma don vi", "ma"];
const NAME: &[&str] = &["ten don vi", "ten"];
const FROM: &[&str] = &["tu ngay"];
const TO: &[&str] = &["den ngay"];

/// The roster; rows that cannot be used are reported and left out.
pub(crate) fn units(t: &Table, check: &mut Check) -> Vec<Unit> {
    let missing = "danh sách đơn vị không dùng được: không biết đơn vị nào phải nộp, không tính đơn vị chưa nộp, và đơn vị được nhận ra từ chính báo cáo";
    let has_code = t.require(check, CODE, "Mã đơn vị", missing);
    let has_name = t.require(check, NAME, "Tên đơn vị", missing);
    if !has_code || !has_name {
        return Vec::new();
    }
    let mut out: Vec<Unit> = Vec::new();
    let mut first_row: HashMap<String, u32> = HashMap::new();
    for (i, r) in t.rows().enumerate() {
        if t.is_blank(r) {
            continue;
        }
        let row = t.excel_row(i);
        let (code, name) = (t.text(r, CODE), t.text(r, NAME));
        if code.is_empty() || name.is_empty() {
            let (what, cell) = if code.is_empty() {
                ("Mã đơn vị", t.letter(CODE))
            } else {
                ("Tên đơn vị", t.letter(NAME))
            };
            check.warn(
                Some(row),
                cell,
                format!("dòng {row}: thiếu {what}; đơn vị này không được dùng (báo cáo của nó sẽ là của một đơn vị không có trong danh sách)"),
            );
            continue;
        }
        let key = code.trim().to_uppercase();
        if let Some(first) = first_row.get(&key) {
            check.error(
                Some(row),
                t.letter(CODE),
                format!(
                    "dòng {row}: mã đơn vị \"{code}\" trùng với dòng {first}. Hai đơn vị một mã thì báo cáo của đơn vị này bị coi là bản thay thế báo cáo của đơn vị kia; dòng {row} không được dùng cho đến khi sửa mã"
                ),
            );
            continue;
        }
        first_row.insert(key, row);
        let mut date = |names: &[&str], label: &str, effect: &str| match t.date(r, names) {
            DateCell::Blank => None,
            DateCell::Date(d) => Some(d),
            DateCell::Unreadable(text) => {
                check.warn(
                    Some(row),
                    t.letter(names),
                    format!("dòng {row}: {label} \"{text}\" không phải ngày hợp lệ (ngày/tháng/năm): coi như để trống, {effect}"),
                );
                None
            }
        };
        let mut from = date(FROM, "Từ ngày", "đơn vị được coi là có từ đầu");
        let mut to = date(TO, "Đến ngày", "đơn vị được coi là vẫn đang hoạt động");
        if let (Some(f), Some(u)) = (from, to) {
            if f > u {
                check.warn(
                    Some(row),
                    t.letter(FROM),
                    format!("dòng {row}: Từ ngày {f} sau Đến ngày {u}: bỏ qua cả hai ngày, đơn vị được coi là luôn hoạt động"),
                );
                (from, to) = (None, None);
            }
        }
        out.push(Unit {
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
            from,
            to,
            note: t.text(r, &["ghi chu"]),
        });
    }
    if out.is_empty() {
        check.warn(
            None,
            None,
            format!("không có đơn vị nào dùng được: {missing}"),
        );
    }
    out
}

const ID: &[&str] = &["ma ky", "ma"];
const FOLDER: &[&str] = &["thu muc"];
const DEADLINE: &[&str] = &["han nop", "han"];
const OPENS: &[&str] = &["tu ngay"];

/// The calendar, in the sheet's order; rows that cannot be used are reported
/// and left out, and every period's folder is looked for under INPUTS.
pub(crate) fn periods(t: &Table, inputs: &Path, check: &mut Check) -> Vec<Period> {
    if !t.require(
        check,
        ID,
        "Mã kỳ",
        "không đọc được kỳ nào: mỗi thư mục con của thư mục đầu vào được coi là một kỳ, không có hạn nộp",
    ) {
        return Vec::new();
    }
    let has_deadline = t.require(check, DEADLINE, "Hạn nộp", "không tính nộp muộn ở kỳ nào");
    let mut out: Vec<(Period, u32)> = Vec::new();
    for (i, r) in t.rows().enumerate() {
        if t.is_blank(r) {
            continue;
        }
        let row = t.excel_row(i);
        let id = t.text(r, ID);
        if id.is_empty() {
            check.warn(
                Some(row),
                t.letter(ID),
                format!("dòng {row}: thiếu Mã kỳ; dòng này không được dùng"),
            );
            continue;
        }
        if let Some((_, first)) = out.iter().find(|(p, _)| p.id == id) {
            check.error(
                Some(row),
                t.letter(ID),
                format!("dòng {row}: mã kỳ \"{id}\" trùng với dòng {first}; nếu dùng cả hai, một kỳ bị tính hai lần. Dòng {row} không được dùng cho đến khi sửa"),
            );
            continue;
        }
        let folder = Some(t.text(r, FOLDER))
            .filter(|f| !f.is_empty())
            .unwrap_or_else(|| id.clone());
        if let Some((p, first)) = out.iter().find(|(p, _)| same_folder(&p.folder, &folder)) {
            check.error(
                Some(row),
                t.letter(FOLDER),
                format!("dòng {row}: kỳ \"{id}\" dùng cùng thư mục \"{folder}\" với kỳ \"{}\" (dòng {first}): báo cáo trong đó sẽ bị tính cho cả hai kỳ. Dòng {row} không được dùng cho đến khi sửa", p.id),
            );
            continue;
        }
        let name = Some(t.text(r, &["ten ky", "ten"]))
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| id.clone());
        let deadline = match t.date(r, DEADLINE) {
            DateCell::Date(d) => Some(d),
            DateCell::Blank => {
                if has_deadline {
                    check.info(
                        Some(row),
                        t.letter(DEADLINE),
                        format!(
                            "dòng {row}: kỳ \"{id}\" không ghi hạn nộp: kỳ này không tính nộp muộn"
                        ),
                    );
                }
                None
            }
            DateCell::Unreadable(text) => {
                check.warn(
                    Some(row),
                    t.letter(DEADLINE),
                    format!("dòng {row}: hạn nộp \"{text}\" của kỳ \"{id}\" không phải ngày hợp lệ (ngày/tháng/năm): kỳ này không có hạn nộp nên không tính nộp muộn, và không biết đơn vị nào đã rời danh sách trước hạn"),
                );
                None
            }
        };
        let opens = match t.date(r, OPENS) {
            DateCell::Date(d) => Some(d),
            DateCell::Blank => None,
            DateCell::Unreadable(text) => {
                check.warn(
                    Some(row),
                    t.letter(OPENS),
                    format!("dòng {row}: Từ ngày \"{text}\" của kỳ \"{id}\" không phải ngày hợp lệ: kỳ được coi là bắt đầu sau hạn nộp của kỳ trước"),
                );
                None
            }
        };
        let dir = crate::period_dir(
            inputs,
            &Period {
                id: id.clone(),
                name: name.clone(),
                folder: folder.clone(),
                deadline,
                opens,
                kind: String::new(),
            },
        );
        if !dir.is_dir() {
            check.error(
                Some(row),
                t.letter(FOLDER).or_else(|| t.letter(ID)),
                format!(
                    "dòng {row}: không thấy thư mục \"{folder}\" của kỳ \"{id}\" trong thư mục đầu vào: kỳ này không có báo cáo nào được đọc{}",
                    unused_folders(inputs, &out, &folder)
                ),
            );
        }
        out.push((
            Period {
                id,
                name,
                folder,
                deadline,
                opens,
                kind: t.text(r, &["loai ky", "loai"]),
            },
            row,
        ));
    }
    for pair in out.windows(2) {
        if let (Some(a), Some(b)) = (pair[0].0.deadline, pair[1].0.deadline) {
            if b <= a {
                check.warn(
                    Some(pair[1].1),
                    t.letter(DEADLINE),
                    format!(
                        "dòng {}: hạn nộp {b} của kỳ \"{}\" không sau hạn nộp {a} của kỳ trước \"{}\": các kỳ phải xếp theo thứ tự thời gian, vì biến động được tính giữa hai dòng liền nhau",
                        pair[1].1, pair[1].0.id, pair[0].0.id
                    ),
                );
            }
        }
    }
    out.into_iter().map(|(p, _)| p).collect()
}

fn same_folder(a: &str, b: &str) -> bool {
    let norm = |s: &str| {
        s.trim()
            .trim_start_matches("./")
            .trim_end_matches(['/', '\\'])
            .replace('\\', "/")
            .to_lowercase()
    };
    norm(a) == norm(b)
}

/// The folders under INPUTS that no period uses yet, as a hint.
fn unused_folders(inputs: &Path, periods: &[(Period, u32)], folder: &str) -> String {
    let Ok(entries) = std::fs::read_dir(inputs) else {
        return String::new();
    };
    let mut free: Vec<String> = entries
        .flatten()
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().to_string())
        .filter(|n| crate::walk::not_a_return(n).is_none())
        .filter(|n| !periods.iter().any(|(p, _)| same_folder(&p.folder, n)))
        .filter(|n| !same_folder(n, folder))
        .collect();
    if free.is_empty() {
        return String::new();
    }
    free.sort();
    format!(
        ". Các thư mục có mà chưa kỳ nào dùng: {}; sửa cột Thư mục cho đúng tên",
        free.iter()
            .map(|n| format!("\"{n}\""))
            .collect::<Vec<_>>()
            .join(", ")
    )
}
